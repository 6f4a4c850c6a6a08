import Foundation

/// One degrees of freedom ν shared by several coins' standardised GARCH shocks, fitted by maximum
/// likelihood of the unit-variance multivariate Student t that `hedgesim portfolio` draws them from
/// (`s = z·√((ν − 2)/W)`, `z ~ N(0, R)`, `W ~ χ²_ν` one per step for every coin).
///
/// That `s` is a multivariate t with ν degrees of freedom and scale matrix `Σ = R·(ν − 2)/ν`, so that
/// `Cov s = R`. With `K` coins, `s_t` the K-vector of step t's standardised shocks (each coin's
/// `ε_t/√h_t` from its own GARCH filter) and `R` their correlation matrix, the log density is
///
///     ln f(s) = ln Γ((ν+K)/2) − ln Γ(ν/2) − (K/2)·ln(π(ν−2)) − ½·ln|R| − (ν+K)/2 · ln(1 + q/(ν−2)),
///     q = sᵀ·R⁻¹·s,
///
/// which for `K = 1` is `GarchFit`'s density of a standardised t shock. `ln L(ν) = Σ_t ln f(s_t)` is
/// maximised over ν in `range` ([3, 60], what the simulator accepts) by `MaximumLikelihood` in
/// `θ = ln(ν − 2)`, and the standard error is `1/√(−d²ln L/dν²)` from its numerical second derivative
/// (`NumericalDerivatives`, carried to ν by the delta method); it is nil when ν̂ lies at a bound.
///
/// This is the second step of a two-step fit (the inference functions for margins of Joe & Xu 1996):
/// the GARCH filters and `R` are taken as known, so the standard error leaves out their estimation
/// error, which is small beside ν's own with thousands of steps.
public struct MultivariateTFit: Codable, Sendable, Equatable {
    /// ν, from `range.lowerBound` to `range.upperBound`.
    public let degreesOfFreedom: Estimate
    /// Whether ν̂ lies at a bound of `range`: tails fatter than ν = 3 allows, or shocks too close to
    /// normal for ν = 60 to tell apart.
    public let atBound: Bool
    /// `ln L(ν̂)` of the standardised shock vectors.
    public let logLikelihood: Double
    /// Steps (shock vectors) fitted.
    public let observations: Int

    /// The ν the simulator accepts.
    public static let range = 3.0...60.0

    /// - Parameters:
    ///   - shocks: per coin, its standardised shocks on the common steps (all equally long).
    ///   - correlations: their correlation matrix `R`.
    /// - Throws: `CalibrationError` when `R` is not positive definite (two coins' shocks perfectly
    ///   correlated).
    init(shocks: [[Double]], correlations: [[Double]]) throws {
        guard let inverse = SymmetricInverse.inverse(correlations), let logDeterminant = SymmetricInverse.logDeterminant(correlations) else {
            throw CalibrationError("the coins' standardised GARCH shocks are perfectly correlated (a singular correlation matrix): drop one of them")
        }
        let k = shocks.count
        let n = shocks.first?.count ?? 0
        // q_t = s_tᵀ·R⁻¹·s_t, the only part of the density that depends on the data.
        let quadratic = (0..<n).map { t -> Double in
            var q = 0.0
            for i in 0..<k {
                for j in 0..<k { q += shocks[i][t] * inverse[i][j] * shocks[j][t] }
            }
            return q
        }
        let dimension = Double(k)
        let bounds = (lower: Foundation.log(Self.range.lowerBound - 2), upper: Foundation.log(Self.range.upperBound - 2))
        let negativeLogLikelihood = { (theta: [Double]) -> Double in
            guard theta[0] >= bounds.lower, theta[0] <= bounds.upper else { return .infinity }
            return -Self.logLikelihood(quadratic: quadratic, dimension: dimension, logDeterminant: logDeterminant, degreesOfFreedom: 2 + Foundation.exp(theta[0]))
        }
        let fit = MaximumLikelihood(
            negativeLogLikelihood: negativeLogLikelihood, starts: [[Foundation.log(3)], [Foundation.log(18)]], scales: [0.5])
        let estimate = fit.estimates { theta in [2 + Foundation.exp(theta[0])] }[0]
        let nu = min(Self.range.upperBound, max(Self.range.lowerBound, estimate.value))
        // Within 10⁻³ of a bound the optimum is the bound: the likelihood still rises beyond it.
        atBound = nu - Self.range.lowerBound < 1e-3 || Self.range.upperBound - nu < 1e-3
        degreesOfFreedom = atBound
            ? Estimate(nu - Self.range.lowerBound < 1e-3 ? Self.range.lowerBound : Self.range.upperBound, standardError: nil)
            : estimate
        logLikelihood = Self.logLikelihood(quadratic: quadratic, dimension: dimension, logDeterminant: logDeterminant, degreesOfFreedom: degreesOfFreedom.value)
        observations = n
    }

    /// `Σ_t ln f(s_t)` from the quadratic forms `q_t = s_tᵀR⁻¹s_t`, `K` = `dimension` and `ln|R|`.
    static func logLikelihood(quadratic: [Double], dimension: Double, logDeterminant: Double, degreesOfFreedom nu: Double) -> Double {
        let gammas: Double = Foundation.lgamma((nu + dimension) / 2) - Foundation.lgamma(nu / 2)
        let scale: Double = dimension / 2 * Foundation.log(Double.pi * (nu - 2)) + logDeterminant / 2
        let constant = gammas - scale
        let power = (nu + dimension) / 2
        let tailScale = 1 / (nu - 2)
        var total = 0.0
        for q in quadratic { total += constant - power * Foundation.log1p(q * tailScale) }
        return total
    }
}
