/// Conversion of random bits to a `Double` strictly inside the open interval (0, 1).
///
/// Two 32-bit words are joined into `w = high·2³² + low`; the top 52 bits `k = w >> 12` give
/// ```
/// u = (k + ½) · 2⁻⁵²,    k ∈ [0, 2⁵² − 1]
/// ```
/// so `u` ranges over the 2⁵² midpoints `2⁻⁵³ … 1 − 2⁻⁵³`, equally spaced by 2⁻⁵², and is never
/// exactly 0 or 1: `log(u)` is always finite and an inverse CDF never sees 1. Every step is exact
/// in binary64, so the result does not depend on CPU or rounding mode.
///
/// Why 52 and not 53 bits: `(k + ½)·2⁻⁵³` rounds to exactly 1.0 for the largest 53-bit `k`, and
/// Random123's own `u01` returns values in (0, 1], so both are avoided (see Salmon et al.,
/// SC11, for the generator; the conversion is HedgeSim's own).
public enum UniformConversion {
    /// Spacing between consecutive uniforms: 2⁻⁵².
    public static let spacing: Double = 0x1p-52

    /// The largest valid `top52` argument, 2⁵² − 1.
    public static let maxTop52: UInt64 = (1 << 52) - 1

    /// Maps two random 32-bit words to `u = (k + ½)·2⁻⁵²` with `k` the top 52 bits of
    /// `high·2³² + low`. The result lies in [2⁻⁵³, 1 − 2⁻⁵³].
    ///
    /// - Parameters:
    ///   - high: The more significant word (all 32 bits are used).
    ///   - low: The less significant word (its top 20 bits are used).
    @inlinable @inline(__always)
    public static func openUnit(high: UInt32, low: UInt32) -> Double {
        openUnit(top52: (UInt64(high) &<< 20) | UInt64(low &>> 12))
    }

    /// Maps a 52-bit integer `k` (0 ≤ k ≤ 2⁵² − 1; higher bits are ignored) to
    /// `u = (k + ½)·2⁻⁵²`.
    ///
    /// Computed without an integer-to-float conversion: the bit pattern `0x3FF0… | k` is the
    /// double `1 + k·2⁻⁵²`, and subtracting `1 − 2⁻⁵³` is exact (Sterbenz lemma), giving
    /// `k·2⁻⁵² + 2⁻⁵³ = (k + ½)·2⁻⁵²` with no rounding.
    @inlinable @inline(__always)
    public static func openUnit(top52 k: UInt64) -> Double {
        Double(bitPattern: 0x3FF0_0000_0000_0000 | (k & 0x000F_FFFF_FFFF_FFFF)) - (1.0 - 0x1p-53)
    }

    /// Maps one 32-bit word `w` to `u = (w + ½)·2⁻³²`, in [2⁻³³, 1 − 2⁻³³] (exact: the bit pattern
    /// `0x3FF0… | w·2²⁰ | 2¹⁹` is `1 + (w + ½)·2⁻³²`, and subtracting 1 is exact).
    @inlinable @inline(__always)
    public static func openUnit(word w: UInt32) -> Double {
        Double(bitPattern: 0x3FF0_0000_0000_0000 | (UInt64(w) &<< 20) | (1 << 19)) - 1
    }
}
