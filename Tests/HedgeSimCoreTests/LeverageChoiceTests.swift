import Foundation
import Testing
@testable import HedgeSimCore

/// Automatic leverage (`LeverageSearch` on the run's `LeverageProfile`) against the closed form of
/// the liquidation probability, the liquidation limit, thread independence and its own objective.
///
/// Under GBM without funding or fees an isolated short on the mark convention is liquidated when the
/// mark reaches `F_liq(L) = E·(1−m)·L/(L−1)`; with the Brownian-bridge maximum checked inside every
/// step the run's liquidation is continuous monitoring in law, whose probability over `T` years is
/// the first passage of `ln P` (log drift `ν = μ − σ²/2`) to `b = ln(F_liq/E)`:
/// ```
/// P_fp(L) = Φ((−b + νT)/(σ√T)) + e^{2νb/σ²}·Φ((−b − νT)/(σ√T))
/// ```
/// `P_fp` rises with `L`, so the least-margin leverage of a limit `p` is the root of `P_fp(L) = p`.
@Suite struct LeverageChoiceTests {
    // MARK: Closed form

    /// `P_fp(L)` of the scenario (mark convention, perpetual: `E = P_0`).
    private static func firstPassage(_ s: Scenario, leverage: Double) -> Double {
        let barrier = log((1 - s.maintenanceRate) * leverage / (leverage - 1))
        let years = s.horizonDays / 365
        let nu = s.drift - 0.5 * s.vol * s.vol
        let spread = s.vol * years.squareRoot()
        return TestScenarios.normalCDF((-barrier + nu * years) / spread)
            + exp(2 * nu * barrier / (s.vol * s.vol)) * TestScenarios.normalCDF((-barrier - nu * years) / spread)
    }

    /// The leverage with `P_fp(L) = p`, by bisection on `(1, 1000]` (`P_fp` rises with `L`).
    private static func leverage(_ s: Scenario, probability p: Double) -> Double {
        var low = 1 + 1e-9, high = 1000.0
        for _ in 0..<200 {
            let middle = 0.5 * (low + high)
            if firstPassage(s, leverage: middle) < p { low = middle } else { high = middle }
        }
        return 0.5 * (low + high)
    }

    /// The cell of `result` at the recommendation.
    private static func recommendedCell(_ result: SimulationResult) -> CellSummary? {
        result.cells.first { $0.hedgeRatio == result.recommendation.hedgeRatio && $0.leverage == result.recommendation.leverage }
    }

    // MARK: (a) Least margin against the closed form

    /// Quiet GBM (σ = 0.8, μ = 0.1, 30 days), ratio 1, limit p = 2 %, n = 80,000 paths at one step a
    /// day (the bridge makes the step size irrelevant in law).
    ///
    /// The search takes the highest L (0.01 steps) whose Wilson upper 95 % bound of P̂(liq) is ≤ p, so
    /// the chosen leverage's true probability sits about 1.96 standard errors below p, with the
    /// sampling noise of an order statistic, SE = √(p(1−p)/n) = 0.000495. Hence
    /// `p − (1.96 + 3)·SE ≤ P_fp(L_mc) ≤ p + 3·SE`.
    ///
    /// Mapped through `P_fp⁻¹` at these parameters that band is `L_mc/L* − 1 ∈ [−1.58 %, +0.91 %]`,
    /// so "within 2 % of the closed-form leverage L* = 2.456" is implied by it; the test checks that
    /// implication numerically before using the 2 % bound (with 40,000 paths the band would reach
    /// −2.3 %, which is why the test uses 80,000).
    @Test func leastMarginLeverageMatchesFirstPassageClosedForm() throws {
        var s = TestScenarios.quiet(paths: 80_000, ratios: [1])
        s.vol = 0.8
        s.drift = 0.1
        s.horizonDays = 30
        s.stepsPerDay = 1
        s.objective = .leastMargin
        s.maxLiquidationProbability = 0.02
        let limit = s.maxLiquidationProbability
        let result = try TestScenarios.run(s, seed: 7)
        let chosen = try #require(result.scenario.chosenLeverages?.first)

        let standardError = (limit * (1 - limit) / Double(s.paths)).squareRoot()
        let exact = Self.leverage(s, probability: limit)
        let lowest = Self.leverage(s, probability: limit - (1.96 + 3) * standardError)
        let highest = Self.leverage(s, probability: limit + 3 * standardError)
        // The 2 % bound is implied by the 3-SE probability band at these parameters.
        #expect(lowest >= 0.98 * exact && highest <= 1.02 * exact, "band [\(lowest), \(highest)] around L* = \(exact)")

        let probability = Self.firstPassage(s, leverage: chosen)
        #expect(probability <= limit + 3 * standardError, "L_mc = \(chosen): P_fp = \(probability)")
        #expect(probability >= limit - (1.96 + 3) * standardError, "L_mc = \(chosen): P_fp = \(probability)")
        #expect(abs(chosen / exact - 1) <= 0.02, "L_mc = \(chosen), closed form \(exact)")

        // The run's cell is at the chosen leverage and feasible; 0.01 more is not (same paths).
        let cell = try #require(result.cells.first)
        #expect(cell.leverage == chosen)
        #expect(cell.liquidation.ci95[1] <= limit)
        #expect(chosen < s.maxLeverage)
        var above = s
        above.leverages = [chosen + 0.01]
        let next = try TestScenarios.run(above, seed: 7)
        #expect(next.cells[0].liquidation.ci95[1] > limit, "L = \(chosen + 0.01) is still within the limit")
    }

    // MARK: (b) The chosen cells keep the limit, for every objective

    @Test(arguments: Objective.allCases)
    func chosenCellsKeepTheLimit(objective: Objective) throws {
        for model in [PriceModelKind.jump, .gbm] {
            var s = Scenario()  // jumps, funding and fees
            s.model = model
            s.paths = 10_000
            s.stepsPerDay = 3
            s.hedgeRatios = [0, 0.5, 1, 1.5]
            s.objective = objective
            s.maxLiquidationProbability = 0.02
            let result = try TestScenarios.run(s, seed: 11)
            let chosen = try #require(result.scenario.chosenLeverages)
            #expect(chosen.count == s.hedgeRatios.count)
            for (cell, leverage) in zip(result.cells, chosen) {
                #expect(cell.leverage == leverage)
                #expect(leverage >= LeverageSearch.smallestLeverage(scenario: s, ratio: cell.hedgeRatio))
                #expect(leverage <= s.maxLeverage)
                // Every ratio of this grid has a feasible leverage (at L ≈ L_min the liquidation
                // price is at least 3× the entry), so every chosen cell must keep the limit.
                #expect(cell.liquidation.ci95[1] <= s.maxLiquidationProbability,
                        "\(model) \(objective) ratio \(cell.hedgeRatio) at \(leverage)x: \(cell.liquidation.ci95)")
            }
            #expect(result.recommendation.feasible)
            let recommended = try #require(Self.recommendedCell(result))
            #expect(recommended.liquidation.ci95[1] <= s.maxLiquidationProbability)
        }
    }

    // MARK: (c) The default scenario

    @Test func defaultScenarioRecommendsAFeasibleHedge() throws {
        let s = Scenario()
        let result = try TestScenarios.run(s, seed: 42)
        let recommendation = result.recommendation
        let cell = try #require(Self.recommendedCell(result))
        #expect(recommendation.feasible)
        #expect(cell.notionalUSD > 0, "recommended \(recommendation.hedgeRatio) at \(recommendation.leverage)x")
        #expect(cell.liquidation.ci95[1] <= s.maxLiquidationProbability)
        #expect(recommendation.plan != nil)
        let runnerUp = try #require(recommendation.runnerUp)
        let runnerCell = try #require(result.cells.first { $0.hedgeRatio == runnerUp.hedgeRatio && $0.leverage == runnerUp.leverage })
        #expect(runnerCell.liquidation.ci95[1] <= s.maxLiquidationProbability)
        #expect(runnerUp.standardError >= 0)
        #expect(result.leverageCurve?.hedgeRatio == recommendation.hedgeRatio)
    }

    // MARK: (d) Thread independence

    /// 3,001 paths leave a short last block; the probe pass, the search and the second pass must all
    /// be independent of the worker count.
    @Test(arguments: [Objective.minVariance, .minES, .leastMargin])
    func automaticLeverageDoesNotDependOnThreads(objective: Objective) throws {
        var s = Scenario()
        s.paths = 3_001
        s.stepsPerDay = 3
        s.objective = objective
        s.maxLiquidationProbability = 0.02
        let reference = try TestScenarios.run(s, seed: 99, threads: 1)
        for threads in [2, 3, 7] {
            let other = try TestScenarios.run(s, seed: 99, threads: threads)
            #expect(other.scenario.chosenLeverages == reference.scenario.chosenLeverages, "threads \(threads)")
            #expect(other.cells == reference.cells, "threads \(threads)")
            #expect(other.recommendation == reference.recommendation, "threads \(threads)")
            #expect(other.leverageCurve == reference.leverageCurve, "threads \(threads)")
        }
    }

    // MARK: (e) Min-variance optimality

    /// The scenario of the min-variance checks: jumps, funding and fees, two weeks in 8-hour steps.
    private static func minVarianceScenario(paths: Int) -> Scenario {
        var s = Scenario()
        s.paths = paths
        s.horizonDays = 14
        s.stepsPerDay = 3
        s.vol = 0.9
        s.hedgeRatios = [0.5, 1, 1.5]
        s.objective = .minVariance
        s.maxLiquidationProbability = 0.03
        return s
    }

    /// The chosen leverage against pinned neighbours `L·1.02` and `max(L_min, L/1.02)` on the same
    /// paths (same seed): a feasible neighbour may not have a smaller stdev by more than
    /// `2·√(SE_a² + SE_b²)` from the cells' batch-means errors. This is conservative against the
    /// paired error `SE(σ_a − σ_b)` (which the results do not expose) as long as the two cells'
    /// batch stdevs are not negatively correlated, which common random numbers make them.
    /// A neighbour above the liquidation limit is outside the search's range and is skipped.
    @Test func minVarianceLeverageBeatsItsNeighbours() throws {
        let s = Self.minVarianceScenario(paths: 20_000)
        let result = try TestScenarios.run(s, seed: 5)
        let chosen = try #require(result.scenario.chosenLeverages)
        var compared = 0
        for (index, ratio) in s.hedgeRatios.enumerated() {
            let cell = result.cells[index]
            let floor = LeverageSearch.smallestLeverage(scenario: s, ratio: ratio)
            var pinned = s
            pinned.hedgeRatios = [ratio]
            pinned.leverages = Array(Set([chosen[index] * 1.02, max(floor, chosen[index] / 1.02)])).sorted()
            let neighbours = try TestScenarios.run(pinned, seed: 5).cells
            for neighbour in neighbours where neighbour.liquidation.ci95[1] <= s.maxLiquidationProbability {
                let a = try #require(cell.netValueUSD.standardErrors?.stdev)
                let b = try #require(neighbour.netValueUSD.standardErrors?.stdev)
                let tolerance = 2 * (a * a + b * b).squareRoot()
                #expect(cell.netValueUSD.stdev <= neighbour.netValueUSD.stdev + tolerance,
                        "ratio \(ratio): \(chosen[index])x stdev \(cell.netValueUSD.stdev), \(neighbour.leverage)x \(neighbour.netValueUSD.stdev) ± \(tolerance)")
                compared += 1
            }
        }
        #expect(compared >= s.hedgeRatios.count)
    }

    /// On the same paths the search's choice minimises the *sample* variance exactly over its ladder
    /// `L_min·1.01^i` (rounded down to 0.01) plus the ceiling `L_hi`: pinning every rung in a fixed
    /// run (same seed, same paths) must give no smaller stdev. The ceiling comes from a least-margin
    /// run on the same paths. The tolerance is floating-point only (1e-9 relative): there is no
    /// Monte Carlo error between two statistics of one sample.
    @Test func minVarianceLeverageIsTheSampleOptimumOfItsLadder() throws {
        let s = Self.minVarianceScenario(paths: 4_000)
        let result = try TestScenarios.run(s, seed: 3)
        let chosen = try #require(result.scenario.chosenLeverages)
        var ceilingScenario = s
        ceilingScenario.objective = .leastMargin
        let ceilings = try #require(try TestScenarios.run(ceilingScenario, seed: 3).scenario.chosenLeverages)
        for (index, ratio) in s.hedgeRatios.enumerated() {
            let floor = LeverageSearch.smallestLeverage(scenario: s, ratio: ratio)
            let ceiling = ceilings[index]
            try #require(ceiling >= floor)
            var ladder: [Double] = []
            var rung = floor
            while rung < ceiling {
                let leverage = max(floor, (rung * 100).rounded(.down) / 100)
                if ladder.last != leverage { ladder.append(leverage) }
                rung *= 1.01
            }
            if ladder.last != ceiling { ladder.append(ceiling) }
            #expect(ladder.contains(chosen[index]), "ratio \(ratio): \(chosen[index])x is not on the ladder")
            let best = result.cells[index].netValueUSD.stdev
            var pinned = s
            pinned.hedgeRatios = [ratio]
            for start in stride(from: 0, to: ladder.count, by: 100) {
                pinned.leverages = Array(ladder[start..<min(ladder.count, start + 100)])
                for cell in try TestScenarios.run(pinned, seed: 3).cells {
                    #expect(best <= cell.netValueUSD.stdev * (1 + 1e-9),
                            "ratio \(ratio): chosen \(chosen[index])x stdev \(best), \(cell.leverage)x stdev \(cell.netValueUSD.stdev)")
                }
            }
        }
    }
}
