internal import CVectorMath

/// Standard normals straight from the counters: one Philox4x32-10 block per address gives a
/// Box–Muller pair and a spare uniform.
///
/// For the address `(purpose, path, step, index)` with Philox words `w`:
/// ```
/// u1 = UniformConversion.openUnit(high: w[1], low: w[0])     (52 bits, the radius)
/// u2 = UniformConversion.openUnit(word: w[2])                (32 bits, the angle)
/// (z1, z2) = NormalTransform.boxMuller(u1, u2)
/// u3 = UniformConversion.openUnit(word: w[3])                (32 bits, spare)
/// ```
/// Identical bits on every CPU (see ``VectorMath/level``).
extension CounterRandomSource {
    /// The normal pair and spare uniform at one address.
    ///
    /// - Precondition: `0 ≤ path ≤ UInt32.max` and `0 ≤ step ≤ UInt32.max`.
    public func normalPair(purpose: UInt32, path: Int, step: Int, index: UInt32) -> (z1: Double, z2: Double, u3: Double) {
        precondition(UInt32(exactly: path) != nil, "path must fit in UInt32")
        precondition(UInt32(exactly: step) != nil, "step must fit in UInt32")
        var out = (0.0, 0.0, 0.0)
        withUnsafeMutableBytes(of: &out) { raw in
            hs_normal_pair(seed, purpose, index, UInt32(path), UInt32(step), raw.baseAddress!.assumingMemoryBound(to: Double.self))
        }
        return (out.0, out.1, out.2)
    }

    /// Fills step-major rows of normal pairs: for `s` in `steps` and `p` in `paths`, element
    /// `(s − steps.lowerBound)·paths.count + (p − paths.lowerBound)` of `z1`, `z2` and `u3` is
    /// ``normalPair(purpose:path:step:index:)`` of `(purpose, p, s, index)`. Each buffer needs room
    /// for `paths.count · steps.count` doubles; `u3` may be nil.
    ///
    /// - Precondition: all paths and steps lie in `0 ... UInt32.max`.
    public func fillNormalRows(
        purpose: UInt32, index: UInt32, paths: Range<Int>, steps: Range<Int>,
        z1: UnsafeMutablePointer<Double>, z2: UnsafeMutablePointer<Double>, u3: UnsafeMutablePointer<Double>?
    ) {
        if paths.isEmpty || steps.isEmpty { return }
        precondition(paths.lowerBound >= 0 && paths.upperBound - 1 <= Int(UInt32.max),
                     "paths must lie in 0...UInt32.max")
        precondition(steps.lowerBound >= 0 && steps.upperBound - 1 <= Int(UInt32.max),
                     "steps must lie in 0...UInt32.max")
        hs_normal_rows(
            seed, purpose, index, UInt32(paths.lowerBound), paths.count, UInt32(steps.lowerBound), steps.count,
            z1, z2, u3)
    }
}
