internal import CVectorMath

/// Bulk `exp` and `log` over arrays of doubles: HedgeSim's own polynomials (within 1 ulp), compiled
/// for AVX-512, AVX2+FMA and baseline x86-64 and chosen once per process.
///
/// Element `i` of the output depends only on element `i` of the input, never on `count` or on
/// the element's position, so results are reproducible however work is split. Every level runs
/// the same IEEE operations in the same order, so the results are identical on every CPU.
public enum VectorMath {
    /// `y[i] = eˣ⁽ⁱ⁾` for `0 ≤ i < count`. `y` may be the same buffer as `x`.
    public static func exp(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        precondition(count >= 0, "count must be non-negative")
        hs_vexp(x, y, count)
    }

    /// `y[i] = ln x[i]` for `0 ≤ i < count`. `y` may be the same buffer as `x`.
    public static func log(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        precondition(count >= 0, "count must be non-negative")
        hs_vlog(x, y, count)
    }

    /// The kernel build in use: `"avx512"` (needs AVX-512F and DQ), `"avx2"` (needs AVX2 and FMA),
    /// `"neon"` (AArch64) or `"scalar"` (baseline x86-64). The environment variable
    /// `HEDGESIM_VECTOR_LEVEL` (`0`, `2` or `3`, read once) can force a lower path.
    public static var level: String {
        name(ofLevel: hs_vector_level())
    }

    static func name(ofLevel level: CInt) -> String {
        switch level {
        case 3: "avx512"
        case 2: "avx2"
        case 1: "neon"
        default: "scalar"
        }
    }

    /// For tests only: runs `body` with the calling thread's kernels (exp, log, Box–Muller and
    /// the bulk Philox fill) forced to `level` (0, 2 or 3, lowered to what the CPU supports).
    /// `body` receives the name of the path in effect, as in ``level``. Other threads are not
    /// affected; `body` is synchronous, so it cannot move to another thread.
    static func withLevel<R>(_ level: Int, _ body: (String) throws -> R) rethrows -> R {
        let actual = hs_set_vector_level_for_testing(CInt(level))
        defer { hs_set_vector_level_for_testing(-1) }
        return try body(name(ofLevel: actual))
    }
}
