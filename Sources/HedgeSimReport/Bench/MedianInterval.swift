import Foundation

/// The median of repeated timings with a distribution-free confidence interval from order
/// statistics: with `n` sorted values, `[x₍ₖ₎, x₍ₙ₋ₖ₊₁₎]` covers the true median with probability
/// `1 − 2·P(B ≤ k − 1)` for `B ~ Binomial(n, ½)`, whatever the distribution of the timings.
///
/// `k` is the largest rank that still reaches 95 %. Five or fewer values cannot reach 95 % (the
/// widest interval, minimum to maximum, covers `1 − 2¹⁻ⁿ`: 93.8 % at five), so they get that widest
/// interval with its true, lower level; one value has no interval (level 0).
struct MedianInterval: Sendable, Equatable {
    var median: Double
    var low: Double
    var high: Double
    /// The probability that the interval covers the true median.
    var level: Double

    init(_ values: [Double], target: Double = 0.95) {
        precondition(!values.isEmpty, "a median needs at least one value")
        let sorted = values.sorted()
        let n = sorted.count
        median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        var rank = 1
        var level = MedianInterval.coverage(n: n, rank: 1)
        while rank + 1 <= (n + 1) / 2, MedianInterval.coverage(n: n, rank: rank + 1) >= target {
            rank += 1
            level = MedianInterval.coverage(n: n, rank: rank)
        }
        low = sorted[rank - 1]
        high = sorted[n - rank]
        self.level = n == 1 ? 0 : level
    }

    /// `1 − 2·P(B ≤ rank − 1)` for `B ~ Binomial(n, ½)`.
    static func coverage(n: Int, rank: Int) -> Double {
        var tail = 0.0
        var choose = 1.0
        for j in 0..<rank {
            if j > 0 { choose = choose * Double(n - j + 1) / Double(j) }
            tail += choose
        }
        return max(0, 1 - 2 * tail * pow(0.5, Double(n)))
    }

    /// The standard error of the median that the interval implies (its half-width over the normal
    /// quantile of its level); nil without an interval.
    var standardError: Double? {
        guard level > 0, high > low else { return nil }
        return (high - low) / (2 * NormalQuantile.of((1 + level) / 2))
    }
}

/// The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
enum NormalQuantile {
    static func of(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "p must lie in (0, 1)")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                 -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                 -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * Foundation.log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low { return -of(1 - p) }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
