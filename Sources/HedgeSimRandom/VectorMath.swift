internal import CVectorMath

/// Bulk `exp` and `log` over arrays of doubles (glibc libmvec AVX2 kernels with a scalar libm
/// fallback, chosen once per process).
///
/// Element `i` of the output depends only on element `i` of the input, never on `count` or on
/// the element's position, so results are reproducible however work is split. The AVX2 and
/// scalar paths may differ in the last bits (both within a few ulp of the exact result).
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

    /// The kernel path in use: `"avx2"` (libmvec, needs AVX2 and FMA) or `"scalar"` (libm).
    public static var level: String {
        hs_vector_level() == 2 ? "avx2" : "scalar"
    }
}
