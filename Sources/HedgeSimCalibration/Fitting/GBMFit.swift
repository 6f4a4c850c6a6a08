import Foundation

/// Geometric Brownian motion fitted to log returns by maximum likelihood: the simulator's `gbm` model,
/// `r = (μ − σ²/2)Δt + σ√Δt·Z`, i.i.d. Closed form with `m̂` the mean and `ŝ²` the variance (divisor n)
/// of the n returns: `σ̂ = ŝ/√Δt`, `μ̂ = m̂/Δt + σ̂²/2`; standard errors from the Fisher information
/// (`Var m̂ = ŝ²/n`, `Var ŝ² = 2ŝ⁴/n`, independent): `se σ̂ = σ̂/√(2n)`,
/// `se μ̂ = √(ŝ²/n + ŝ⁴/(2n))/Δt`. Rates are annualised over a 365-day year.
public struct GBMFit: Codable, Sendable, Equatable {
    /// μ, annualised, so that `E[P_T] = P_0·e^{μT}`.
    public let drift: Estimate
    /// σ, annualised.
    public let vol: Estimate
    public let logLikelihood: Double
    /// `2k − 2 ln L` with k = 2.
    public let aic: Double
    public let observations: Int

    public static let minimumReturns = 30

    /// - Throws: `CalibrationError` with fewer than `minimumReturns` returns or constant prices.
    public init(_ series: ReturnSeries) throws {
        try series.require(GBMFit.minimumReturns, for: "GBM")
        let (mean, variance) = series.moments
        guard variance > 0 else { throw CalibrationError("the prices never change; no volatility to fit") }
        let n = Double(series.returns.count)
        let dt = series.stepYears
        let sigma = (variance / dt).squareRoot()
        drift = Estimate(mean / dt + sigma * sigma / 2, standardError: (variance / n + variance * variance / (2 * n)).squareRoot() / dt)
        vol = Estimate(sigma, standardError: sigma / (2 * n).squareRoot())
        logLikelihood = -n / 2 * (Foundation.log(2 * Double.pi * variance) + 1)
        aic = 2 * 2 - 2 * logLikelihood
        observations = series.returns.count
    }
}
