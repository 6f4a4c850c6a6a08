import Foundation
import Testing
@testable import HedgeSimCore

/// `--until-settled` (more paths until the choice is settled: each run a prefix of the next, the same
/// for any thread count) and the forfeited margin of a liquidation against its closed form.
@Suite struct PrecisionAndForfeitTests {
    /// A grid whose two best cells are close, so settling takes more than one round.
    private func closeCall() -> Scenario {
        var s = Scenario()
        s.paths = 500
        s.horizonDays = 10
        s.hedgeRatios = [0.95, 1]
        s.objective = .minES
        s.untilSettled = true
        s.maxPaths = 16_000
        return s
    }

    @Test func settlingRunEqualsAPlainRunOfItsFinalPathCount() throws {
        let settled = try HedgeSimulation.run(closeCall(), seed: 21, threads: 2)
        #expect(settled.precision.stoppedBecause != .fixedPathCount)
        #expect(settled.precision.pathsUsed == 500 << (settled.precision.rounds - 1), "doubling from 500")
        var plain = closeCall()
        plain.untilSettled = false
        plain.paths = settled.precision.pathsUsed
        let reference = try HedgeSimulation.run(plain, seed: 21, threads: 2)
        #expect(reference.cells == settled.cells)
        #expect(reference.recommendation == settled.recommendation)
        if settled.precision.stoppedBecause == .settled {
            #expect(settled.recommendation.feasible && settled.recommendation.runnerUp?.separated != false)
        }
    }

    @Test(arguments: [1, 3])
    func settlingIsThreadInvariant(threads: Int) throws {
        let reference = try HedgeSimulation.run(closeCall(), seed: 4, threads: 2)
        let other = try HedgeSimulation.run(closeCall(), seed: 4, threads: threads)
        #expect(other.cells == reference.cells)
        #expect(other.precision == reference.precision)
    }

    @Test func theBudgetStopsAnUnsettledChoice() throws {
        var s = closeCall()
        s.hedgeRatios = [1, 1]
        s.maxPaths = 1_000
        let result = try HedgeSimulation.run(s, seed: 2)
        #expect(result.precision.stoppedBecause == .pathBudget && result.precision.pathsUsed == 1_000)
    }

    /// GBM without drift, funding or fees, checked between steps: the mark crosses the liquidation
    /// level `F_θ = E(1−m)L/(L−1)` continuously, where the balance left is the maintenance `m·N/F_θ`
    /// coin; valued at `P_T` and by optional stopping (`E[P_T | crossing] = F_θ`), the expected
    /// forfeited margin is exactly `m·N·P_fp(L)` USD, with `P_fp` the first-passage probability of
    /// GBM to `F_θ`. Tolerance: 3 standard errors of the Monte Carlo mean (block cluster errors) plus
    /// nothing else, since the closed form is exact.
    @Test func forfeitedMarginMatchesTheClosedForm() throws {
        var s = TestScenarios.quiet(paths: 40_000, ratios: [1])
        s.vol = 0.9
        s.horizonDays = 30
        s.stepsPerDay = 3
        s.leverages = [3]
        let result = try HedgeSimulation.run(s, seed: 17)
        let cell = result.cells[0]
        let m = s.maintenanceRate, L = 3.0
        let barrier = Foundation.log((1 - m) * L / (L - 1))
        let years = s.horizonDays / 365, sigma = s.vol
        let nu = -0.5 * sigma * sigma
        let root = sigma * years.squareRoot()
        let passage = TestScenarios.normalCDF((-barrier + nu * years) / root)
            + Foundation.exp(2 * nu * barrier / (sigma * sigma)) * TestScenarios.normalCDF((-barrier - nu * years) / root)
        let expected = m * cell.notionalUSD * passage
        let error = try #require(cell.cost.standardErrors?.forfeitedMarginUSD)
        #expect(passage > 0.05, "enough liquidations to test")
        #expect(abs(cell.cost.forfeitedMarginUSD - expected) <= 3 * error, "MC \(cell.cost.forfeitedMarginUSD) vs \(expected) ± \(error)")
        #expect(
            abs(cell.cost.forfeitedMarginUSD + cell.cost.exposureAfterLiquidationUSD - cell.cost.liquidationLossUSD)
                <= 1e-9 * max(1, abs(cell.cost.liquidationLossUSD)))
    }

    /// Checked at daily step ends only, the mark overshoots the liquidation level and the balance left
    /// can fall below zero: the venue never takes a negative amount, so the forfeited margin stays ≥ 0.
    @Test func dailyStepOvershootNeverMakesItNegative() throws {
        var s = TestScenarios.quiet(paths: 4_000, ratios: [0.5, 1])
        s.vol = 1.5
        s.stepsPerDay = 1
        s.betweenStepCheck = false
        s.leverages = [20]
        let result = try HedgeSimulation.run(s, seed: 5)
        for cell in result.cells {
            #expect(cell.liquidation.probability > 0.5)
            #expect(cell.cost.forfeitedMarginUSD >= 0)
            #expect(cell.cost.forfeitedMarginUSD <= cell.marginCoin * s.price * 10, "bounded by the margin's value")
        }
    }
}
