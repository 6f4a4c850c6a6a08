import Foundation

/// GARCH(1,1) with standardised Student-t shocks fitted by maximum likelihood: the simulator's `garch`
/// model, per step of the data,
///
///     r_t = μΔt − h_t/2 + ε_t,   ε_t = √h_t·z_t,   z_t ~ t_ν·√((ν−2)/ν)  (unit variance),
///     h_{t+1} = ω + α·ε_t² + β·h_t,
///
/// with `h` started at the sample variance at the start of every run of consecutive returns. ω, α, β
/// are per step (the data's step); the implied long-run annualised volatility is
/// `σ = √(ω/(1 − α − β)/Δt)`. The log density of a standardised t shock is
/// `ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ln(π(ν−2)h) − (ν+1)/2·ln(1 + ε²/((ν−2)h))`. Standard errors:
/// `MaximumLikelihood`.
///
/// **Variance targeting** (Engle & Mezrich 1996): with a `varianceTarget` v (per step), ω is not free
/// but `ω = v·(1 − α − β)`, so the long-run variance is v and k = 4. Long high-frequency samples often
/// push the free fit to α + β → 1 (integrated GARCH), where the long-run volatility is not identified;
/// the targeted fit then gives the simulator a finite one.
public struct GarchFit: Codable, Sendable, Equatable {
    /// μ, annualised.
    public let drift: Estimate
    /// ω, variance per step.
    public let omega: Estimate
    /// α, per step.
    public let alpha: Estimate
    /// β, per step.
    public let beta: Estimate
    /// ν > 2, degrees of freedom of the shocks.
    public let degreesOfFreedom: Estimate
    /// α + β, the persistence of the variance per step.
    public let persistence: Estimate
    /// σ = √(ω/(1 − α − β)/Δt), annualised long-run volatility.
    public let longRunVol: Estimate
    /// Whether ω was tied to a variance target instead of fitted.
    public let varianceTargeted: Bool
    public let logLikelihood: Double
    /// `2k − 2 ln L` with k = 5 (4 when variance-targeted).
    public let aic: Double
    public let observations: Int

    public static let minimumReturns = 200

    /// - Parameter varianceTarget: the long-run variance per step that fixes ω (nil: ω is fitted).
    /// - Throws: `CalibrationError` with fewer than `minimumReturns` returns or constant prices.
    public init(_ series: ReturnSeries, varianceTarget: Double? = nil) throws {
        try series.require(GarchFit.minimumReturns, for: "GARCH")
        let (mean, variance) = series.moments
        guard variance > 0 else { throw CalibrationError("the prices never change; no volatility to fit") }
        let scale = variance.squareRoot()
        let dt = series.stepYears
        // θ = (μΔt/ŝ, logit(α+β), logit(α/(α+β)), ln(ν−2)[, ln(ω/ŝ²)]), ν − 2 kept within [0.01, 500].
        func parameters(_ theta: [Double]) -> (mean: Double, omega: Double, alpha: Double, beta: Double, dof: Double) {
            let persistence = GarchFit.logistic(theta[1])
            let alpha = persistence * GarchFit.logistic(theta[2])
            let omega = varianceTarget.map { $0 * (1 - persistence) } ?? variance * Foundation.exp(theta[4])
            return (scale * theta[0], omega, alpha, persistence - alpha, 2 + Foundation.exp(theta[3]))
        }
        let negativeLogLikelihood = { (theta: [Double]) -> Double in
            guard theta[3] > Foundation.log(0.01), theta[3] < Foundation.log(500) else { return .infinity }
            let p = parameters(theta)
            return -GarchFit.logLikelihood(
                series, stepMean: p.mean, omega: p.omega, alpha: p.alpha, beta: p.beta, degreesOfFreedom: p.dof, startVariance: variance)
        }
        let starts = [(0.95, 0.1, 4.0), (0.99, 0.05, 8.0)].map { persistence, share, excess in
            [mean / scale, GarchFit.logit(persistence), GarchFit.logit(share), Foundation.log(excess)]
                + (varianceTarget == nil ? [Foundation.log(1 - persistence)] : [])
        }
        let scales = [3 / Double(series.returns.count).squareRoot(), 0.5, 0.5, 0.5] + (varianceTarget == nil ? [0.5] : [])
        let fit = MaximumLikelihood(negativeLogLikelihood: negativeLogLikelihood, starts: starts, scales: scales)
        let estimates = fit.estimates { theta in
            let p = parameters(theta)
            let persistence = p.alpha + p.beta
            return [p.mean / dt, p.omega, p.alpha, p.beta, p.dof, persistence, (p.omega / (1 - persistence) / dt).squareRoot()]
        }
        drift = estimates[0]
        omega = estimates[1]
        alpha = estimates[2]
        beta = estimates[3]
        degreesOfFreedom = estimates[4]
        persistence = estimates[5]
        longRunVol = varianceTarget.map { Estimate(($0 / dt).squareRoot(), standardError: nil) } ?? estimates[6]
        varianceTargeted = varianceTarget != nil
        logLikelihood = fit.logLikelihood
        aic = 2 * Double(starts[0].count) - 2 * fit.logLikelihood
        observations = series.returns.count
    }

    /// Whether the fit is significantly stationary: α + β + 2·se < 1. When it is not, the long-run
    /// volatility is not identified (an integrated GARCH has none).
    public var isStationary: Bool {
        guard let error = persistence.standardError else { return false }
        return persistence.value + 2 * error < 1
    }

    /// The variance-targeted fit the simulator needs when this (free) fit is not significantly
    /// stationary (`isStationary`): ω tied to the sample variance of `series`, the returns this fit
    /// was made on; nil when this fit is stationary. `hedgesim calibrate` uses it for one coin and for
    /// every coin of a portfolio.
    /// - Throws: `CalibrationError` as `init`.
    func varianceTargetedFit(_ series: ReturnSeries) throws -> GarchFit? {
        isStationary ? nil : try GarchFit(series, varianceTarget: series.moments.variance)
    }

    /// The standardised shocks `s_t = ε_t/√h_t = (r_t − μΔt + h_t/2)/√h_t` of `series` (the returns this
    /// fit was made on) through the fitted filter, `h` started at the sample variance at every run as
    /// in the fit: unit-variance t draws when the model holds.
    func standardisedShocks(_ series: ReturnSeries) -> [Double] {
        var shocks = [Double](repeating: 0, count: series.returns.count)
        shocks.withUnsafeMutableBufferPointer { buffer in
            _ = GarchFit.logLikelihood(
                series, stepMean: drift.value * series.stepYears, omega: omega.value, alpha: alpha.value, beta: beta.value,
                degreesOfFreedom: degreesOfFreedom.value, startVariance: series.moments.variance, standardisedShocks: buffer.baseAddress)
        }
        return shocks
    }

    /// `ln L` of per-step parameters over every run of the series; with `standardisedShocks`, also
    /// writes each return's `ε_t/√h_t` there (one per return).
    static func logLikelihood(
        _ series: ReturnSeries, stepMean: Double, omega: Double, alpha: Double, beta: Double, degreesOfFreedom nu: Double,
        startVariance: Double, standardisedShocks: UnsafeMutablePointer<Double>? = nil
    ) -> Double {
        let constant = Foundation.lgamma((nu + 1) / 2) - Foundation.lgamma(nu / 2) - 0.5 * Foundation.log(Double.pi * (nu - 2))
        let tailScale = 1 / (nu - 2)
        let power = (nu + 1) / 2
        var total = 0.0
        series.returns.withUnsafeBufferPointer { returns in
            for run in series.runs {
                var h = startVariance
                for index in run {
                    let shock = returns[index] - stepMean + h / 2
                    let squared = shock * shock
                    total += constant - 0.5 * Foundation.log(h) - power * Foundation.log1p(squared * tailScale / h)
                    standardisedShocks?[index] = shock / h.squareRoot()
                    h = omega + alpha * squared + beta * h
                }
            }
        }
        return total
    }

    static func logistic(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
    static func logit(_ p: Double) -> Double { Foundation.log(p / (1 - p)) }
}
