import Foundation
import HedgeSimRandom
import Testing
@testable import HedgeSimCore

/// The bootstrap and replay models driven by a history.
@Suite struct HistoryModelTests {
    /// Replay of a known path: +0.5 % a step for 60 steps, then −1 % a step; funding 0.001 every 8th
    /// step. Every path is the history itself, so the value is exact and liquidation happens at the
    /// first step whose mark reaches the liquidation price.
    @Test func replayIsTheHistoryItself() throws {
        let returns = (0..<240).map { $0 < 60 ? 0.005 : -0.01 }
        let funding = (0..<240).map { ($0 + 1) % 8 == 0 ? 0.001 : 0 }
        let history = try MarketHistory(logReturns: returns, fundingRates: funding)
        var s = TestScenarios.quiet(paths: 300, ratios: [0, 1])
        s.model = .replay
        s.horizonDays = 10
        s.betweenStepCheck = false
        s.leverages = [4]
        let result = try HedgeSimulation.run(s, seed: 1, history: history)
        let finalPrice = s.price * exp(returns.reduce(0, +))
        let unhedged = result.cells[0].netValueUSD
        // Identical paths: the stdev is only the rounding of the mean (relative 1e-12).
        #expect(abs(unhedged.mean - s.holding * finalPrice) < 1e-6 && unhedged.stdev < 1e-12 * unhedged.mean)
        // 4x short, mark convention: liquidated once P ≥ E·4(1 − m)/3 + funding; funding before it
        // moves the price up by the collected coin per unit. Find the step by hand.
        var collected = 0.0
        var logPrice = 0.0
        var liquidationStep: Int?
        for step in 0..<240 {
            logPrice += returns[step]
            let inverseMark = 1 / (s.price * exp(logPrice))
            collected += funding[step] * inverseMark
            if liquidationStep == nil && (1 - s.maintenanceRate) * inverseMark - 1 / s.price + collected <= -1 / (s.price * 4) {
                liquidationStep = step
            }
        }
        let step = try #require(liquidationStep)
        let hedged = result.cells[1]
        #expect(hedged.liquidation.probability == 1)
        #expect(abs((hedged.liquidation.meanTimeDays ?? 0) - Double(step + 1) / 24) < 1e-12)
        #expect(hedged.netValueUSD.stdev < 1e-12 * hedged.netValueUSD.mean)
    }

    @Test func replayNeedsEnoughHistory() throws {
        var s = TestScenarios.quiet(paths: 10, ratios: [1])
        s.model = .replay
        let short = try MarketHistory(logReturns: [0.01, 0.02])
        #expect(throws: InputError.self) { try HedgeSimulation.run(s, seed: 1, history: short) }
        #expect(throws: InputError.self) { try HedgeSimulation.run(s, seed: 1) }
    }

    /// The stationary bootstrap's position is uniform over the history at every step, so
    /// `E[ln(P_T/P_0)] = T·mean(r)` exactly; checked within 4 standard errors over 20,000 paths.
    @Test func bootstrapKeepsTheHistoryMean() throws {
        var generator = SplitMix(seed: 5)
        let returns = (0..<5_000).map { _ in 0.0004 + 0.01 * (Double(generator.next() % 2_001) / 1_000 - 1) }
        let history = try MarketHistory(logReturns: returns)
        var s = TestScenarios.quiet(paths: 20_000, ratios: [0])
        s.model = .bootstrap
        s.bootstrapBlockSteps = 50
        let plan = SimulationPlan(scenario: s, history: history)
        let kernel = PathBlockKernel(plan: plan, random: CounterRandomSource(seed: 3))
        let scratch = BlockScratch(paths: SimulationPlan.blockSize, groups: 0)
        var sums: [Double] = []
        for first in stride(from: 0, to: s.paths, by: SimulationPlan.blockSize) {
            let count = min(SimulationPlan.blockSize, s.paths - first)
            kernel.run(firstPath: first, count: count, scratch: scratch)
            for path in 0..<count { sums.append(scratch.stateLogIndex[path] - plan.logPrice0) }
        }
        let n = Double(sums.count)
        let mean = sums.reduce(0, +) / n
        let sd = (sums.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        let expected = Double(s.stepCount) * returns.reduce(0, +) / Double(returns.count)
        #expect(abs(mean - expected) <= 4 * sd / n.squareRoot(), "mean \(mean), expected \(expected)")
    }

    @Test func historyValuesAreChecked() {
        #expect(throws: InputError.self) { try MarketHistory(logReturns: []) }
        #expect(throws: InputError.self) { try MarketHistory(logReturns: [0.1, .nan]) }
        #expect(throws: InputError.self) { try MarketHistory(logReturns: [0.1, 0.2], fundingRates: [0.001]) }
    }
}
