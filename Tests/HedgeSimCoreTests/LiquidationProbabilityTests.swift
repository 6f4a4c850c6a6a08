import Foundation
import Testing
@testable import HedgeSimCore

/// Liquidation of a short under GBM against the continuous-monitoring first-passage probability of
/// the liquidation price `H = E·L(1−m)/(L−1)` (mark convention, no funding or fees):
/// ```
/// P(max_{t≤T} ln(P_t/P_0) ≥ b) = Φ((−b + νT)/(σ√T)) + e^{2νb/σ²}·Φ((−b − νT)/(σ√T)),  ν = μ − σ²/2
/// ```
/// With the Brownian-bridge maximum inside each step the estimate is unbiased even at daily steps,
/// so it must agree within 3 standard errors `√(p(1−p)/n)`; checking at steps only must fall short.
@Suite struct LiquidationProbabilityTests {
    private func scenario(betweenSteps: Bool) -> Scenario {
        var s = TestScenarios.quiet(paths: 40_000, ratios: [0, 0.5, 1])
        s.vol = 0.8
        s.drift = 0.1
        s.horizonDays = 60
        s.stepsPerDay = 1
        s.leverages = [3]
        s.maintenanceRate = 0.005
        s.maintenanceConvention = .mark
        s.betweenStepCheck = betweenSteps
        return s
    }

    private func closedForm(_ s: Scenario) -> Double {
        let leverage = s.leverages[0]
        let barrier = log(leverage * (1 - s.maintenanceRate) / (leverage - 1))
        let years = s.horizonDays / 365
        let nu = s.drift - 0.5 * s.vol * s.vol
        let spread = s.vol * years.squareRoot()
        return TestScenarios.normalCDF((-barrier + nu * years) / spread)
            + exp(2 * nu * barrier / (s.vol * s.vol)) * TestScenarios.normalCDF((-barrier - nu * years) / spread)
    }

    @Test func bridgeCorrectedDailyStepsMatchContinuousMonitoring() throws {
        let s = scenario(betweenSteps: true)
        let result = try TestScenarios.run(s)
        let expected = closedForm(s)
        let standardError = (expected * (1 - expected) / Double(s.paths)).squareRoot()
        for cell in result.cells where cell.hedgeRatio > 0 {
            #expect(abs(cell.liquidation.probability - expected) <= 3 * standardError,
                    "p̂ = \(cell.liquidation.probability), closed form \(expected)")
            let ci = cell.liquidation.ci95
            #expect(ci[0] <= cell.liquidation.probability && cell.liquidation.probability <= ci[1])
            #expect((cell.liquidation.meanTimeDays ?? 0) > 0 && (cell.liquidation.meanTimeDays ?? 99) <= 60)
        }
        #expect(result.cells[0].liquidation.probability == 0)
    }

    /// Under the jump model the spare uniform decides the jump, so the bridge takes `min(u3/p, 1)` in a
    /// step without a jump and a uniform of its own in a step with one. With jumps of size zero
    /// (λ = 128 a year: a jump in 30 % of the daily steps, so both draws are exercised) the price is
    /// the same GBM, and P(liq) must still be the first-passage probability within 3 s.e.
    @Test func bridgeUnderTheJumpModelMatchesContinuousMonitoring() throws {
        var s = scenario(betweenSteps: true)
        s.model = .jump
        s.jumpIntensity = 128
        s.jumpMean = 0
        s.jumpStdev = 0
        let result = try TestScenarios.run(s)
        let expected = closedForm(s)
        let standardError = (expected * (1 - expected) / Double(s.paths)).squareRoot()
        for cell in result.cells where cell.hedgeRatio > 0 {
            #expect(abs(cell.liquidation.probability - expected) <= 3 * standardError,
                    "p̂ = \(cell.liquidation.probability), closed form \(expected) ± \(standardError)")
        }
    }

    @Test func checkingOnlyAtStepsUnderestimates() throws {
        let s = scenario(betweenSteps: false)
        let result = try TestScenarios.run(s)
        let expected = closedForm(s)
        let standardError = (expected * (1 - expected) / Double(s.paths)).squareRoot()
        #expect(result.cells[2].liquidation.probability < expected - 3 * standardError)
    }

    /// A fixed collateral makes the threshold depend on the ratio: larger shorts are liquidated at
    /// lower prices, so the probability rises with the ratio, each matching its own closed form.
    @Test func fixedCollateralLiquidatesLargerHedgesMoreOften() throws {
        var s = scenario(betweenSteps: true)
        s.collateral = 2
        s.hedgeRatios = [0.5, 1]
        let result = try TestScenarios.run(s)
        let p = result.cells.map(\.liquidation.probability)
        #expect(p[0] < p[1])
        for cell in result.cells {
            var equivalent = s
            equivalent.leverages = [cell.leverage]
            let expected = closedForm(equivalent)
            let standardError = (expected * (1 - expected) / Double(s.paths)).squareRoot()
            #expect(abs(cell.liquidation.probability - expected) <= 3 * standardError)
        }
    }
}
