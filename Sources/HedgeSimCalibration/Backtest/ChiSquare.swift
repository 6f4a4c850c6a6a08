import Foundation

/// Upper-tail probabilities of the chi-square distribution with the 1 and 2 degrees of freedom of the
/// VaR coverage tests, in closed form (no incomplete gamma function needed):
///
///     P(χ²₁ > x) = erfc(√(x/2)),   P(χ²₂ > x) = e^{−x/2}.
enum ChiSquare {
    /// `P(χ²_k > x)` for `k` 1 or 2; 1 for `x ≤ 0`.
    static func survival(_ x: Double, degreesOfFreedom k: Int) -> Double {
        precondition(k == 1 || k == 2, "closed forms exist here for 1 and 2 degrees of freedom")
        guard x > 0 else { return 1 }
        return k == 1 ? erfc((x / 2).squareRoot()) : exp(-x / 2)
    }
}
