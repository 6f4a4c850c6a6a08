import Foundation
import Testing
@testable import HedgeSimCore

/// Terminal price distributions against closed forms. The unhedged cell's USD value is `S·P_T`, so its
/// quantiles are those of `P_T`. For an empirical p-quantile `q̂`, `F(q̂) − p` is approximately normal
/// with standard error `√(p(1−p)/n)` (Bahadur), so each check is `|F(q̂) − p| ≤ 4·SE`
/// (two-sided 6·10⁻⁵ per quantile; 7 quantiles per test).
@Suite struct PriceDistributionTests {
    private func checkQuantiles(_ cell: CellSummary, scenario: Scenario, logCDF: (Double) -> Double) {
        let n = Double(scenario.paths)
        for level in ValueDistribution.levels {
            let value = cell.netValueUSD.quantiles[level.key] ?? .nan
            let x = log(value / (scenario.holding * scenario.price))
            let standardError = (level.p * (1 - level.p) / n).squareRoot()
            #expect(abs(logCDF(x) - level.p) <= 4 * standardError, "quantile \(level.key): F(q̂) = \(logCDF(x))")
        }
    }

    @Test func gbmTerminalQuantilesAreLognormal() throws {
        var scenario = TestScenarios.quiet(paths: 40_000, ratios: [0])
        scenario.vol = 0.7
        scenario.drift = 0.2
        scenario.stepsPerDay = 6
        let result = try TestScenarios.run(scenario)
        let years = scenario.horizonDays / 365
        let mean = (scenario.drift - 0.5 * scenario.vol * scenario.vol) * years
        let sd = scenario.vol * years.squareRoot()
        checkQuantiles(result.cells[0], scenario: scenario) { TestScenarios.normalCDF(($0 - mean) / sd) }
        // E[S·P_T] = S·P_0·e^{μT} within 4 standard errors of the mean.
        let usd = result.cells[0].netValueUSD
        let expected = scenario.holding * scenario.price * exp(scenario.drift * years)
        #expect(abs(usd.mean - expected) <= 4 * usd.meanStandardError)
    }

    @Test func mertonTerminalQuantilesAreAPoissonMixture() throws {
        var scenario = TestScenarios.quiet(paths: 40_000, ratios: [0])
        scenario.model = .jump
        scenario.vol = 0.5
        scenario.jumpIntensity = 40
        scenario.jumpMean = -0.05
        scenario.jumpStdev = 0.08
        scenario.stepsPerDay = 3
        let result = try TestScenarios.run(scenario)
        let years = scenario.horizonDays / 365
        let k = exp(scenario.jumpMean + 0.5 * scenario.jumpStdev * scenario.jumpStdev) - 1
        let logDrift = scenario.drift - scenario.jumpIntensity * k - 0.5 * scenario.vol * scenario.vol
        checkQuantiles(result.cells[0], scenario: scenario) {
            TestScenarios.mertonCDF(
                $0, years: years, logDrift: logDrift, vol: scenario.vol, intensity: scenario.jumpIntensity,
                jumpMean: scenario.jumpMean, jumpStdev: scenario.jumpStdev)
        }
        // The jump compensation keeps E[P_T] = P_0 (drift 0).
        let usd = result.cells[0].netValueUSD
        #expect(abs(usd.mean - scenario.holding * scenario.price) <= 4 * usd.meanStandardError)
    }
}
