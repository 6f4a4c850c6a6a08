internal import CVectorMath

extension CounterRandomSource {
    /// Fills two arrays with the uniform pairs of a rectangle of `(path, step)` addresses.
    ///
    /// For every `p` in `paths` and `s` in `steps`, with
    /// `offset = (p − paths.lowerBound)·steps.count + (s − steps.lowerBound)` (row-major, one row
    /// per path):
    /// ```
    /// (first[offset], second[offset]) = uniformPair(purpose: purpose, path: p, step: s, index: index)
    /// ```
    /// bit for bit. Each output buffer needs room for `paths.count · steps.count` doubles.
    ///
    /// The work is done by the C kernel `hs_philox_uniform_pairs`: Philox4x32-10 on 32-lane
    /// vector values (one block per 64-bit lane, 32×32 → 64-bit products), built for AVX-512,
    /// AVX2 and baseline x86-64. It is integer-exact, so the output is identical on every CPU.
    ///
    /// - Precondition: all paths and steps lie in `0 ... UInt32.max`.
    /// - Complexity: one Philox4x32-10 block per pair.
    public func fillUniformPairs(
        purpose: UInt32, index: UInt32, paths: Range<Int>, steps: Range<Int>,
        first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>
    ) {
        if paths.isEmpty || steps.isEmpty { return }
        precondition(paths.lowerBound >= 0 && paths.upperBound - 1 <= Int(UInt32.max),
                     "paths must lie in 0...UInt32.max")
        precondition(steps.lowerBound >= 0 && steps.upperBound - 1 <= Int(UInt32.max),
                     "steps must lie in 0...UInt32.max")
        let (_, overflow) = paths.count.multipliedReportingOverflow(by: steps.count)
        precondition(!overflow, "paths.count · steps.count overflows Int")
        hs_philox_uniform_pairs(
            seed, purpose, index,
            UInt32(truncatingIfNeeded: paths.lowerBound), paths.count,
            UInt32(truncatingIfNeeded: steps.lowerBound), steps.count,
            first, second)
    }
}
