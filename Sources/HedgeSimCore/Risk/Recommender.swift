import Foundation

/// The hedge choice the report recommends, why, the runner-up and the plan to act on.
public struct Recommendation: Codable, Sendable, Equatable {
    /// The recommended cell's position in `SimulationResult.cells` (`CellSummary.cell`).
    public var cell: Int
    public var hedgeRatio: Double
    public var leverage: Double
    /// The objective's name, e.g. "min-variance".
    public var objective: String
    /// One paragraph a holder can act on.
    public var reason: String
    /// Whether the cell's liquidation probability has its Wilson upper 95 % bound within the limit.
    public var feasible: Bool
    /// The next-best feasible cell by the objective, and how far apart the two are; nil when no
    /// other feasible cell exists.
    public var runnerUp: RunnerUp?
    /// The position to open; nil when the recommendation is not to hedge.
    public var plan: HedgePlan?
    /// When no hedged cell at the listed leverages is feasible: the ratio that would hedge best and
    /// the leverages (from the same paths) at which it is feasible; nil otherwise.
    public var feasibleLeverage: FeasibleLeverage?
}

/// Where a hedge the listed leverages rule out becomes feasible.
public struct FeasibleLeverage: Codable, Sendable, Equatable {
    public var hedgeRatio: Double
    /// The smallest leverage that fits the holding and the highest whose liquidation probability's
    /// upper 95 % bound is within the limit.
    public var lowest: Double
    public var highest: Double
}

/// The second-best choice and the paired comparison with the recommendation.
public struct RunnerUp: Codable, Sendable, Equatable {
    /// The runner-up's position in `SimulationResult.cells`.
    public var cell: Int
    public var hedgeRatio: Double
    public var leverage: Double
    /// The statistic of the USD value a runner-up is compared on.
    public enum Statistic: String, Codable, Sendable {
        /// min-variance and variance-liquidation.
        case stdev
        /// min-es and least-margin.
        case es95
    }

    /// The objective's statistic compared.
    public var statistic: Statistic
    /// Runner-up minus recommended, USD (positive: the recommendation is better).
    public var difference: Double
    /// Paired batch-means standard error of the difference (common random numbers).
    public var standardError: Double
    /// Whether the difference exceeds 2 paired standard errors.
    public var separated: Bool
}

/// Picks the cell that minimises the scenario's objective among *feasible* cells — those whose
/// liquidation probability has its Wilson upper 95 % bound within the limit (ties go to the earlier
/// cell). `least-margin` takes the ratio of least ES95 among feasible cells, then its highest feasible
/// leverage. The pick is then checked for dominance: a feasible cell better on stdev, ES95 and ES99 at
/// once, each by more than 2 paired standard errors, replaces it. Being liquidated turns a hedged
/// holder back into an unhedged one, so the unhedged cell is never a fallback for safety: when no
/// hedged cell is feasible the reason says at which leverage the hedge would be.
struct Recommender {
    let scenario: Scenario
    /// Per-batch statistics of each cell's USD value, in cell order (for paired errors).
    let batches: [BatchStatistics]
    let unhedgedVariance: Double
    /// The liquidation profile of the run (isolated margin sized by leverage), to name a feasible
    /// leverage when none of the listed ones is.
    let profile: LeverageProfile?

    func recommend(_ cells: [CellSummary]) -> Recommendation {
        let limit = scenario.maxLiquidationProbability
        let feasible = cells.indices.filter { cells[$0].liquidation.ci95[1] <= limit }
        let hedgedFeasible = feasible.filter { cells[$0].notionalUSD > 0 }
        let ordered = feasible.sorted { a, b in
            let (x, y) = (score(cells[a]), score(cells[b]))
            return x != y ? x < y : a < b
        }
        guard var best = pick(ordered, cells) else {
            let least = cells.indices.min { cells[$0].liquidation.probability < cells[$1].liquidation.probability } ?? 0
            return Recommendation(
                cell: least, hedgeRatio: cells[least].hedgeRatio, leverage: cells[least].leverage, objective: scenario.objective.rawValue,
                reason: infeasibleReason(cells, limit: limit), feasible: false, runnerUp: nil,
                plan: cells[least].notionalUSD > 0 ? HedgePlan(scenario: scenario, cell: cells[least]) : nil,
                feasibleLeverage: feasibleLeverage(bestHedged(cells)))
        }
        best = undominated(best, among: feasible, cells)
        // The runner-up is another position: the unhedged cells of several leverages are one.
        let runner = ordered.first { $0 != best && (cells[$0].notionalUSD > 0 || cells[best].notionalUSD > 0) }
            .map { runnerUp($0, best: best, cells) }
        let cell = cells[best]
        var reason = reason(cell, limit: limit, within: feasible.count, of: cells.count)
        let lowerLeverage = hedgedFeasible.isEmpty ? feasibleLeverage(bestHedged(cells)) : nil
        if let lowerLeverage {
            // The listed leverages are the problem, not hedging: say so first.
            reason = "No hedged cell at the listed leverages keeps the upper 95 % bound of its liquidation probability "
                + "within the \(percent(limit)) limit. \(hint(lowerLeverage)) Of the listed cells only the unhedged "
                + "holding is within the limit (stdev \(usd(cell.netValueUSD.stdev)))."
        }
        if let runner {
            let named = cells[runner.cell].notionalUSD > 0
                ? "ratio \(format(runner.hedgeRatio)) at \(format(runner.leverage))x" + cells[runner.cell].policy.adviceSuffix
                : "no hedge"
            reason += " Runner-up: " + named + ", "
                + "\(runner.statistic.rawValue) \(runner.difference >= 0 ? "higher" : "lower") by \(usd(abs(runner.difference))) "
                + "± \(usd(runner.standardError)) (paired s.e.): "
                + (runner.separated ? "the choice is settled." : "not separated by 2 s.e.; more paths would settle it.")
        }
        return Recommendation(
            cell: best, hedgeRatio: cell.hedgeRatio, leverage: cell.leverage, objective: scenario.objective.rawValue, reason: reason,
            feasible: true, runnerUp: runner, plan: cell.notionalUSD > 0 ? HedgePlan(scenario: scenario, cell: cell) : nil,
            feasibleLeverage: lowerLeverage)
    }

    /// The objective's score of a cell (smaller is better).
    func score(_ cell: CellSummary) -> Double {
        let variance = cell.netValueUSD.stdev * cell.netValueUSD.stdev
        switch scenario.objective {
        case .minVariance: return variance
        case .minES, .leastMargin: return cell.netValueUSD.es95
        case .varianceLiquidation:
            return ObjectiveScore.varianceLiquidation(
                variance: variance, unhedgedVariance: unhedgedVariance, penalty: scenario.liquidationPenalty,
                probability: cell.liquidation.probability)
        }
    }

    /// The best of the feasible cells in score order; for `least-margin` the highest leverage of the
    /// best ratio.
    private func pick(_ ordered: [Int], _ cells: [CellSummary]) -> Int? {
        guard let first = ordered.first else { return nil }
        guard scenario.objective == .leastMargin else { return first }
        let ratio = cells[first].hedgeRatio
        return ordered.filter { cells[$0].hedgeRatio == ratio }.max { cells[$0].leverage < cells[$1].leverage } ?? first
    }

    /// Replaces the pick by a feasible cell that beats it on stdev, ES95 and ES99 at once by more
    /// than 2 paired standard errors each (repeated until none does).
    private func undominated(_ start: Int, among feasible: [Int], _ cells: [CellSummary]) -> Int {
        var current = start
        var visited: Set<Int> = [start]
        while let better = feasible.first(where: { !visited.contains($0) && dominates($0, current, cells) }) {
            current = better
            visited.insert(better)
        }
        return current
    }

    /// Whether cell `a` beats cell `b` on stdev, ES95 and ES99 by more than 2 paired s.e. each.
    func dominates(_ a: Int, _ b: Int, _ cells: [CellSummary]) -> Bool {
        guard batches.indices.contains(a), batches.indices.contains(b), batches[a].stdev.count > 1 else { return false }
        let (x, y) = (cells[a].netValueUSD, cells[b].netValueUSD)
        let pairs: [(Double, Double, [Double], [Double])] = [
            (x.stdev, y.stdev, batches[a].stdev, batches[b].stdev),
            (x.es95, y.es95, batches[a].es95, batches[b].es95),
            (x.es99, y.es99, batches[a].es99, batches[b].es99),
        ]
        return pairs.allSatisfy { lhs, rhs, batchA, batchB in
            rhs - lhs > 2 * BatchStatistics.pairedError(batchA, batchB)
        }
    }

    private func runnerUp(_ index: Int, best: Int, _ cells: [CellSummary]) -> RunnerUp {
        let usesStdev = scenario.objective == .minVariance || scenario.objective == .varianceLiquidation
        let (other, chosen) = (cells[index].netValueUSD, cells[best].netValueUSD)
        let difference = usesStdev ? other.stdev - chosen.stdev : other.es95 - chosen.es95
        let error = batches.indices.contains(index) && batches.indices.contains(best)
            ? BatchStatistics.pairedError(
                usesStdev ? batches[index].stdev : batches[index].es95, usesStdev ? batches[best].stdev : batches[best].es95)
            : 0
        return RunnerUp(
            cell: index, hedgeRatio: cells[index].hedgeRatio, leverage: cells[index].leverage, statistic: usesStdev ? .stdev : .es95,
            difference: difference, standardError: error, separated: abs(difference) > 2 * error)
    }

    /// Why `cell` was chosen; when some cells exceed the liquidation limit, the comparison is said to be
    /// among the `within` cells that keep it (of `total`), so a cell with a smaller spread that was ruled
    /// out is not contradicted.
    private func reason(_ cell: CellSummary, limit: Double, within: Int, of total: Int) -> String {
        let choice = cell.notionalUSD > 0
            ? "Hedge ratio \(format(cell.hedgeRatio)) at \(format(cell.leverage))x" + cell.policy.adviceSuffix
            : "No hedge (ratio \(format(cell.hedgeRatio)))"
        let errors = cell.netValueUSD.standardErrors
        let goal: String
        switch scenario.objective {
        case .minVariance:
            goal = "has the smallest spread of the USD value (stdev \(usd(cell.netValueUSD.stdev))"
                + (errors.map { " ± \(usd($0.stdev))" } ?? "") + ")"
        case .minES:
            goal = "has the smallest 95 % expected shortfall (\(usd(cell.netValueUSD.es95))"
                + (errors.map { " ± \(usd($0.es95))" } ?? "") + ")"
        case .varianceLiquidation:
            let variance = cell.netValueUSD.stdev * cell.netValueUSD.stdev
            let relative = unhedgedVariance > 0 ? variance / unhedgedVariance : variance
            goal = "has the smallest variance plus \(format(scenario.liquidationPenalty))×P(liquidation): "
                + "score \(String(format: "%.4f", score(cell))) = \(String(format: "%.4f", relative)) (variance against the unhedged) + "
                + "\(format(scenario.liquidationPenalty))×\(String(format: "%.4f", cell.liquidation.probability))"
        case .leastMargin:
            goal = "has the smallest 95 % expected shortfall (\(usd(cell.netValueUSD.es95))"
                + (errors.map { " ± \(usd($0.es95))" } ?? "") + ") among feasible ratios, at the highest leverage that "
                + "keeps the liquidation limit (margin \(String(format: "%.4f", cell.marginCoin)) coin)"
        }
        let risk = "liquidation probability \(percent(cell.liquidation.probability)) "
            + "(upper 95 % bound \(percent(cell.liquidation.ci95[1]))) within the \(percent(limit)) limit"
        let scope = within < total
            ? " among the \(within) of \(total) cells whose liquidation probability is within the limit" : ""
        return "\(choice) \(goal)\(scope), with \(risk)."
    }

    /// The hedged cell of best score, feasible or not.
    private func bestHedged(_ cells: [CellSummary]) -> CellSummary? {
        cells.filter { $0.notionalUSD > 0 }.min { score($0) < score($1) }
    }

    private func infeasibleReason(_ cells: [CellSummary], limit: Double) -> String {
        var text = "No cell keeps the upper 95 % bound of its liquidation probability within the \(percent(limit)) limit "
            + "(\(scenario.paths) paths give a bound of at least \(percent(LiquidationSummary.wilsonInterval(successes: 0, trials: Double(scenario.paths))[1])))."
        if let range = feasibleLeverage(bestHedged(cells)) { text += " " + hint(range) } else {
            text += " Raise the limit or simulate more paths."
        }
        return text
    }

    /// The leverages at which `hedged`'s ratio is feasible, from the run's liquidation profile
    /// (isolated margin sized by leverage); nil when none is.
    private func feasibleLeverage(_ hedged: CellSummary?) -> FeasibleLeverage? {
        // The leverage profile maps leverages to coin-margin thresholds: inverse contracts only.
        guard let profile, let hedged, scenario.margin == .isolated, scenario.collateral == nil, !scenario.instrument.isLinear,
            let highest = profile.highestFeasibleLeverage(limit: scenario.maxLiquidationProbability, maximum: scenario.maxLeverage)
        else { return nil }
        let lowest = LeverageSearch.smallestLeverage(scenario: scenario, ratio: hedged.hedgeRatio)
        guard highest >= lowest else { return nil }
        return FeasibleLeverage(hedgeRatio: hedged.hedgeRatio, lowest: lowest, highest: highest)
    }

    /// "Ratio 1 becomes feasible at leverage 1.01x to 2.75x: run with …".
    private func hint(_ range: FeasibleLeverage) -> String {
        "Ratio \(format(range.hedgeRatio)) becomes feasible at leverage \(format(range.lowest))x to \(format(range.highest))x: "
            + "run with --leverage auto or --leverage \(format(range.highest))."
    }

    /// Up to 4 decimals without trailing zeros: 0.125 → "0.125", 3 → "3".
    private func format(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Whole USD with thousands separators: 62915.4 → "62,915 USD".
    private func usd(_ value: Double) -> String {
        let digits = String(format: "%.0f", abs(value))
        var grouped = ""
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 && digits != "0" ? "-" : "") + String(grouped.reversed()) + " USD"
    }

    /// Two decimals, or three significant digits below 0.1 % so a rare liquidation never reads 0.00 %.
    private func percent(_ value: Double) -> String {
        value > 0 && value < 0.001 ? String(format: "%.3g %%", value * 100) : String(format: "%.2f %%", value * 100)
    }
}
