/// A stateless source of uniform random numbers addressed by
/// `(seed, purpose, path, step, index)`, built on ``Philox4x32`` (Salmon et al., SC11).
///
/// Each address maps to one Philox4x32-10 block:
/// ```
/// key     = (seed & 0xFFFF_FFFF, seed >> 32)
/// counter = (index, step, path, purpose)
/// words   = Philox4x32.block(counter: counter, key: key)
/// first   = UniformConversion.openUnit(high: words[1], low: words[0])
/// second  = UniformConversion.openUnit(high: words[3], low: words[2])
/// ```
/// Because every draw is a pure function of its address, results do not depend on how paths
/// are split into chunks, on their order, or on the number of threads. Distinct addresses give
/// distinct counters, so distinct streams never overlap.
///
/// The type holds only the seed, so it is trivially `Sendable`; it is not cryptographic.
public struct CounterRandomSource: Sendable, Hashable {
    /// The 64-bit user seed; it becomes the Philox key.
    public let seed: UInt64

    /// Creates a source for `seed`.
    public init(seed: UInt64) {
        self.seed = seed
    }

    /// The Philox key: `(seed low word, seed high word)`.
    @inlinable
    public var key: SIMD2<UInt32> {
        SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed &>> 32))
    }

    /// Returns the two uniforms in (0, 1) at address `(purpose, path, step, index)`.
    ///
    /// The first comes from Philox words 0 (low) and 1 (high), the second from words 2 (low)
    /// and 3 (high); see ``UniformConversion/openUnit(high:low:)``.
    ///
    /// - Precondition: `0 ≤ path ≤ UInt32.max` and `0 ≤ step ≤ UInt32.max`.
    @inlinable
    public func uniformPair(purpose: UInt32, path: Int, step: Int, index: UInt32) -> (Double, Double) {
        precondition(UInt32(exactly: path) != nil, "path must fit in UInt32")
        precondition(UInt32(exactly: step) != nil, "step must fit in UInt32")
        let counter = SIMD4<UInt32>(index, UInt32(truncatingIfNeeded: step),
                                    UInt32(truncatingIfNeeded: path), purpose)
        let w = Philox4x32.block(counter: counter, key: key)
        return (UniformConversion.openUnit(high: w[1], low: w[0]),
                UniformConversion.openUnit(high: w[3], low: w[2]))
    }
}
