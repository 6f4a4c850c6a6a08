import Foundation
import HedgeSimCalibration
import Testing

/// Fitting recovers the parameters of series simulated from each model with a fixed seed: every true
/// parameter lies within 3 standard errors of its estimate.
@Suite struct ParameterRecoveryTests {
    static let k = 3.0

    func expectCovers(_ estimate: Estimate, _ truth: Double, _ name: String) {
        #expect(estimate.standardError != nil, "\(name) has no standard error")
        #expect(
            estimate.covers(truth, within: Self.k),
            "\(name): estimate \(estimate.value) ± \(estimate.standardError ?? .nan), true \(truth)")
    }

    @Test func gbmRecoversDriftAndVol() throws {
        let returns = SyntheticSeries.gbm(count: 20_000, drift: 0.3, vol: 0.6, dt: SyntheticSeries.hourYears, seed: 11)
        let fit = try GBMFit(ReturnSeries(returns: returns, step: SyntheticSeries.hour))
        expectCovers(fit.drift, 0.3, "μ")
        expectCovers(fit.vol, 0.6, "σ")
        #expect(fit.vol.standardError! < 0.01, "σ is pinned down by 20,000 returns")
        #expect(abs(fit.aic - (4 - 2 * fit.logLikelihood)) < 1e-9)
    }

    @Test func mertonRecoversJumpParameters() throws {
        let truth = (drift: 0.2, vol: 0.5, intensity: 200.0, jumpMean: -0.01, jumpStdev: 0.03)
        let returns = SyntheticSeries.merton(
            count: 20_000, drift: truth.drift, vol: truth.vol, intensity: truth.intensity, jumpMean: truth.jumpMean,
            jumpStdev: truth.jumpStdev, dt: SyntheticSeries.hourYears, seed: 12)
        let series = ReturnSeries(returns: returns, step: SyntheticSeries.hour)
        let fit = try JumpDiffusionFit(series)
        expectCovers(fit.drift, truth.drift, "μ")
        expectCovers(fit.vol, truth.vol, "σ")
        expectCovers(fit.jumpIntensity, truth.intensity, "λ")
        expectCovers(fit.jumpMean, truth.jumpMean, "μ_J")
        expectCovers(fit.jumpStdev, truth.jumpStdev, "σ_J")
        #expect(fit.logLikelihood > (try GBMFit(series)).logLikelihood + 100, "jumps fit far better than GBM")
    }

    @Test func garchRecoversPerStepParametersAndLongRunVol() throws {
        let dt = SyntheticSeries.hourYears
        let (alpha, beta, dof, longRunVol) = (0.08, 0.90, 6, 0.6)
        let omega = longRunVol * longRunVol * dt * (1 - alpha - beta)
        let returns = SyntheticSeries.garch(count: 20_000, drift: 0.1, omega: omega, alpha: alpha, beta: beta, dof: dof, dt: dt, seed: 13)
        let fit = try GarchFit(ReturnSeries(returns: returns, step: SyntheticSeries.hour))
        expectCovers(fit.drift, 0.1, "μ")
        expectCovers(fit.omega, omega, "ω")
        expectCovers(fit.alpha, alpha, "α")
        expectCovers(fit.beta, beta, "β")
        expectCovers(fit.degreesOfFreedom, Double(dof), "ν")
        expectCovers(fit.longRunVol, longRunVol, "long-run σ")
        #expect(fit.isStationary)
        #expect(!fit.varianceTargeted)
    }

    @Test func varianceTargetedGarchKeepsTheTargetAndRecoversTheRest() throws {
        let dt = SyntheticSeries.hourYears
        let (alpha, beta, dof, longRunVol) = (0.08, 0.90, 6, 0.6)
        let omega = longRunVol * longRunVol * dt * (1 - alpha - beta)
        let returns = SyntheticSeries.garch(count: 20_000, drift: 0, omega: omega, alpha: alpha, beta: beta, dof: dof, dt: dt, seed: 14)
        let target = longRunVol * longRunVol * dt
        let fit = try GarchFit(ReturnSeries(returns: returns, step: SyntheticSeries.hour), varianceTarget: target)
        #expect(fit.varianceTargeted)
        #expect(abs(fit.longRunVol.value - longRunVol) < 1e-12)
        #expect(abs(fit.omega.value - target * (1 - fit.alpha.value - fit.beta.value)) < 1e-15)
        expectCovers(fit.alpha, alpha, "α")
        expectCovers(fit.beta, beta, "β")
        expectCovers(fit.degreesOfFreedom, Double(dof), "ν")
    }

    @Test func fundingAR1RecoversMeanPersistenceStdevAndCorrelation() throws {
        let step = 8 * 3600.0
        let truth = (mean: 1e-4, persistence: 0.8, stdev: 2e-4, correlation: -0.3)
        let simulated = SyntheticSeries.funding(
            count: 5000, mean: truth.mean, persistence: truth.persistence, innovationStdev: truth.stdev,
            correlation: truth.correlation, returnStdev: 0.02, seed: 15)
        let path = SyntheticSeries.prices(from: simulated.returns, step: step)
        let prices = PriceHistory(times: path.times, prices: path.prices)
        let funding = FundingHistory(times: Array(path.times.dropFirst()), rates: simulated.rates)
        let fit = try FundingFit(funding: funding, prices: prices)
        #expect(fit.intervalHours == 8)
        #expect(fit.observations == 4999)
        #expect(fit.correlationObservations == 4999)
        expectCovers(fit.mean, truth.mean, "f̄")
        expectCovers(fit.persistence, truth.persistence, "φ")
        expectCovers(fit.innovationStdev, truth.stdev, "σ_e")
        let rho = try #require(fit.priceCorrelation)
        expectCovers(rho, truth.correlation, "ρ")
    }

    @Test func fundingCorrelationNeedsPricesAtBothEndsOfTheInterval() throws {
        let simulated = SyntheticSeries.funding(
            count: 200, mean: 0, persistence: 0.5, innovationStdev: 1e-4, correlation: 0.5, returnStdev: 0.01, seed: 16)
        let funding = FundingHistory(times: (0..<200).map { 1_600_000_000 + Double($0) * 28_800 }, rates: simulated.rates)
        let dailyPrices = PriceHistory(times: (0..<100).map { 1_600_000_000 + Double($0) * 86_400 + 3600 }, prices: Array(repeating: 1, count: 100))
        let fit = try FundingFit(funding: funding, prices: dailyPrices)
        #expect(fit.priceCorrelation == nil)
        #expect(fit.correlationObservations == 0)
    }

    @Test func tooFewReturnsIsAClearError() throws {
        let series = ReturnSeries(returns: [0.01, -0.01, 0.02], step: 3600)
        #expect(throws: CalibrationError.self) { try GBMFit(series) }
        do {
            _ = try JumpDiffusionFit(series)
            Issue.record("three returns were fitted")
        } catch let error as CalibrationError {
            #expect(error.description == "3 returns on the 1 h grid; the jump model needs at least 200")
        }
    }
}
