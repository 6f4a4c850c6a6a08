import Foundation

/// Amdahl's law fitted to measured run times: `T(p) = T₁·(s + (1 − s)/p)` for `p` threads, where `s`
/// is the serial fraction. Written as `T(p) = a + b/p` (`a = T₁·s`, `b = T₁·(1 − s)`) it is linear in
/// `a` and `b`, which weighted least squares finds exactly; `s = a/(a + b)`.
///
/// Weights are `1/σᵢ²` from each median's own interval. Where the points scatter more than those
/// errors allow (reduced χ² above 1, only possible with three or more thread counts) the covariance
/// is scaled up by the reduced χ². Without errors (single runs) the weights are `1/Tᵢ²` (equal
/// relative errors) and the scale comes from the residuals alone, which needs three thread counts.
/// The error of `s` follows from the covariance of `(a, b)` by the delta method.
struct AmdahlFit: Sendable {
    /// One thread count: the median time and its standard error (nil when unknown).
    struct Observation: Sendable {
        var threads: Int
        var seconds: Double
        var standardError: Double?
    }

    var serialFraction: Double
    /// Standard error of `serialFraction`; nil when the data cannot give one.
    var standardError: Double?
    /// The fitted time at one thread, `a + b`.
    var oneThreadSeconds: Double
    /// χ² per degree of freedom of the weighted fit; nil with no degree of freedom or no errors.
    var reducedChiSquare: Double?

    /// Fits `observations` (at least two distinct thread counts); nil when they cannot determine `s`.
    init?(_ observations: [Observation]) {
        guard Set(observations.map(\.threads)).count >= 2, observations.allSatisfy({ $0.seconds > 0 && $0.threads >= 1 }) else {
            return nil
        }
        let knownErrors = observations.allSatisfy { ($0.standardError ?? 0) > 0 }
        // Normal equations of the weighted fit of T = a + b·x with x = 1/p.
        var s00 = 0.0, s01 = 0.0, s11 = 0.0, c0 = 0.0, c1 = 0.0
        func sigma(_ o: Observation) -> Double { knownErrors ? o.standardError! : o.seconds }
        for o in observations {
            let w = 1 / (sigma(o) * sigma(o)), x = 1 / Double(o.threads)
            s00 += w
            s01 += w * x
            s11 += w * x * x
            c0 += w * o.seconds
            c1 += w * x * o.seconds
        }
        let determinant = s00 * s11 - s01 * s01
        guard determinant > 0, determinant.isFinite else { return nil }
        let a = (s11 * c0 - s01 * c1) / determinant
        let b = (s00 * c1 - s01 * c0) / determinant
        guard a + b > 0 else { return nil }
        var chiSquare = 0.0
        for o in observations {
            let residual = (o.seconds - (a + b / Double(o.threads))) / sigma(o)
            chiSquare += residual * residual
        }
        let freedom = observations.count - 2
        reducedChiSquare = freedom > 0 && knownErrors ? chiSquare / Double(freedom) : nil
        // Covariance of (a, b): the inverse normal matrix, scaled by the scatter where it is larger.
        var scale: Double?
        if knownErrors {
            scale = freedom > 0 ? max(1, chiSquare / Double(freedom)) : 1
        } else if freedom > 0 {
            scale = chiSquare / Double(freedom)
        }
        serialFraction = a / (a + b)
        oneThreadSeconds = a + b
        if let scale {
            let vaa = scale * s11 / determinant, vbb = scale * s00 / determinant, vab = -scale * s01 / determinant
            let total = (a + b) * (a + b)
            let ga = b / total, gb = -a / total
            let variance = ga * ga * vaa + 2 * ga * gb * vab + gb * gb * vbb
            standardError = variance >= 0 ? variance.squareRoot() : nil
        } else {
            standardError = nil
        }
    }

    /// Parallel efficiency `speed-up / p = 1 / (s·p + 1 − s)` at `threads` for serial fraction `s`
    /// (clamped to [0, 1]).
    static func efficiency(serialFraction s: Double, threads: Int) -> Double {
        let s = min(1, max(0, s))
        return 1 / (s * Double(threads) + 1 - s)
    }

    /// The predicted efficiency at `threads` and its 95 % interval (from `s ± 1.96·SE`, clamped to
    /// [0, 1]; efficiency falls as `s` grows), or nil for the interval without an error.
    func prediction(threads: Int) -> (efficiency: Double, interval: ClosedRange<Double>?) {
        let centre = AmdahlFit.efficiency(serialFraction: serialFraction, threads: threads)
        guard let standardError else { return (centre, nil) }
        let low = AmdahlFit.efficiency(serialFraction: serialFraction + 1.96 * standardError, threads: threads)
        let high = AmdahlFit.efficiency(serialFraction: serialFraction - 1.96 * standardError, threads: threads)
        return (centre, low...high)
    }
}
