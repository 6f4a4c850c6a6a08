import Foundation
import Testing
@testable import HedgeSimCore

/// Properties of the recommendation over random scenarios (a seeded generator, so every run checks
/// the same 100): GBM or Merton jumps, vol 0.3–1.2, funding on or off, random ratio grids, every
/// objective, automatic or listed leverages, limits 0.005–0.05 and 1,000–3,000 paths.
///
/// 1. A recommendation marked feasible is a listed cell whose Wilson upper 95 % bound of P(liq) is
///    within the limit; it is marked infeasible only when no listed cell is.
/// 2. No feasible cell beats the recommendation on stdev, ES95 and ES99 at once by more than
///    `2·√(SE_a² + SE_b²)` each, with `SE` the cells' batch-means errors. The recommender removes
///    such dominance with the *paired* error `SE(θ_a − θ_b)` of the batch differences, which the
///    result does not expose; `√(SE_a² + SE_b²)` is the paired error of uncorrelated batch
///    statistics and at least the paired one whenever they are non-negatively correlated, as common
///    random numbers make them, so this bound is conservative.
/// 3. When no listed hedged cell is feasible but the paths admit a feasible leverage for some hedged
///    ratio, the reason names a leverage ("…x") instead of silently recommending no hedge. Whether
///    such a leverage exists is decided independently by a least-margin run with automatic leverage
///    on the same seed, hence on the same paths.
@Suite struct DecisionPropertyTests {
    /// A random scenario and its seed.
    private static func randomScenario(_ random: inout SplitMix) -> (Scenario, UInt64) {
        var s = Scenario()
        s.model = random.bool() ? .jump : .gbm
        s.vol = random.uniform(0.3, 1.2)
        s.drift = random.uniform(-0.2, 0.2)
        s.jumpIntensity = random.uniform(5, 30)
        s.horizonDays = random.element([7, 14, 30])
        s.stepsPerDay = random.element([3, 6])
        if random.bool() {
            s.fundingMean = 0
            s.fundingVol = 0
        }
        s.paths = random.integer(1_000...3_000)
        let grid = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5]
        let count = random.integer(2...5)
        var ratios = Set<Double>()
        while ratios.count < count { ratios.insert(random.element(grid)) }
        s.hedgeRatios = ratios.sorted()
        s.objective = random.element(Objective.allCases)
        s.maxLiquidationProbability = random.uniform(0.005, 0.05)
        if random.bool() {
            // Listed leverages, all high enough for the largest ratio's margin plus fee to fit.
            let highest = s.hedgeRatios.max() ?? 1
            let candidates = [1.2, 2, 3, 5, 8, 12, 20, 50].filter { $0 >= highest * 1.01 }
            var listed = Set<Double>()
            let wanted = min(candidates.count, random.integer(1...4))
            while listed.count < wanted { listed.insert(random.element(candidates)) }
            s.leverages = listed.sorted()
        }
        return (s, random.next())
    }

    private static func isFeasible(_ cell: CellSummary, _ s: Scenario) -> Bool {
        cell.liquidation.ci95[1] <= s.maxLiquidationProbability
    }

    /// Whether `a` beats `b` on stdev, ES95 and ES99 at once by more than `2·√(SE_a² + SE_b²)` each.
    private static func dominates(_ a: ValueDistribution, _ b: ValueDistribution) -> Bool {
        guard let ea = a.standardErrors, let eb = b.standardErrors else { return false }
        let pairs = [(a.stdev, b.stdev, ea.stdev, eb.stdev), (a.es95, b.es95, ea.es95, eb.es95), (a.es99, b.es99, ea.es99, eb.es99)]
        return pairs.allSatisfy { x, y, sx, sy in y - x > 2 * (sx * sx + sy * sy).squareRoot() }
    }

    @Test func recommendationIsFeasibleUndominatedAndExplained() throws {
        var random = SplitMix(seed: 20_260_601)
        var branches = (feasible: 0, infeasible: 0, noFeasibleHedge: 0, hinted: 0)
        for index in 0..<100 {
            let (s, seed) = Self.randomScenario(&random)
            let label = "scenario \(index) (\(s.model), vol \(s.vol), \(s.objective), \(s.leverageMode) \(s.leverages), "
                + "ratios \(s.hedgeRatios), limit \(s.maxLiquidationProbability), \(s.paths) paths, seed \(seed))"
            let result = try TestScenarios.run(s, seed: seed)
            let recommendation = result.recommendation
            let feasibleCells = result.cells.filter { Self.isFeasible($0, s) }

            // 1. Feasibility.
            #expect(recommendation.feasible == !feasibleCells.isEmpty, "\(label)")
            if recommendation.feasible {
                branches.feasible += 1
                let chosen = try #require(
                    result.cells.first { $0.hedgeRatio == recommendation.hedgeRatio && $0.leverage == recommendation.leverage },
                    "\(label)")
                #expect(Self.isFeasible(chosen, s), "\(label): recommended \(chosen.liquidation.ci95)")
                if let runnerUp = recommendation.runnerUp {
                    let cell = result.cells.first { $0.hedgeRatio == runnerUp.hedgeRatio && $0.leverage == runnerUp.leverage }
                    #expect(cell.map { Self.isFeasible($0, s) } == true, "\(label): runner-up")
                }
                // 2. No feasible cell dominates it beyond the (conservative) error bound.
                for other in feasibleCells where Self.dominates(other.netValueUSD, chosen.netValueUSD) {
                    let text = "\(label): ratio \(other.hedgeRatio) at \(other.leverage)x dominates the recommendation "
                        + "ratio \(chosen.hedgeRatio) at \(chosen.leverage)x"
                    Issue.record(Comment(rawValue: text))
                }
            } else {
                branches.infeasible += 1
            }

            // 3. No feasible hedged cell: the reason names the leverage that would be feasible.
            let hedged = result.cells.filter { $0.notionalUSD > 0 }
            if !hedged.isEmpty && !hedged.contains(where: { Self.isFeasible($0, s) }) {
                branches.noFeasibleHedge += 1
                var probe = s
                probe.leverageMode = .auto
                probe.objective = .leastMargin
                let ceilings = try TestScenarios.run(probe, seed: seed).cells
                let reachable = ceilings.contains { $0.notionalUSD > 0 && Self.isFeasible($0, s) }
                if reachable {
                    branches.hinted += 1
                    #expect(recommendation.reason.contains(#/\d(\.\d+)?x\b/#), "\(label): \(recommendation.reason)")
                    // The named leverage keeps the limit on these paths, and 0.01 more does not.
                    let hint = try #require(
                        recommendation.reason.firstMatch(of: #/Ratio ([0-9.]+) becomes feasible at leverage [0-9.]+x to ([0-9.]+)x/#),
                        "\(label): \(recommendation.reason)")
                    let ratio = try #require(Double(String(hint.output.1)))
                    let highest = try #require(Double(String(hint.output.2)))
                    var check = s
                    check.hedgeRatios = [ratio]
                    check.leverages = highest < s.maxLeverage ? [highest, highest + 0.01] : [highest]
                    let cells = try TestScenarios.run(check, seed: seed).cells
                    #expect(Self.isFeasible(cells[0], s), "\(label): \(highest)x gives \(cells[0].liquidation.ci95)")
                    if cells.count > 1 {
                        #expect(!Self.isFeasible(cells[1], s), "\(label): \(cells[1].leverage)x is feasible too")
                    }
                } else if !recommendation.feasible {
                    #expect(recommendation.reason.contains("Raise the limit or simulate more paths"), "\(label): \(recommendation.reason)")
                }
            }
        }
        // The seeded draw exercises every branch of the properties.
        #expect(branches.feasible > 0 && branches.infeasible > 0 && branches.hinted > 0, "\(branches)")
    }
}

/// Draws for random scenarios (`SplitMix` is the test target's generator).
extension SplitMix {
    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
    mutating func element<T>(_ values: [T]) -> T { values[integer(0...(values.count - 1))] }
    mutating func bool() -> Bool { next() & 1 == 1 }
}
