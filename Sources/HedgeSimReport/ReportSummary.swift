import HedgeSimCore

/// The sentences at the top of the HTML and Markdown reports: what was simulated, the recommendation
/// and the facts behind it, and the timing line. Plain text; each renderer escapes it.
struct ReportSummary: Sendable {
    private typealias F = NumberFormatting

    /// "5 coins at 70,000 USD = 350,000 USD, 30 days in 720 steps, 5,000 paths, seed 1".
    let subject: String
    /// "Hedge ratio 1 at 2x leverage".
    let headline: String
    /// The recommender's own sentence.
    let reason: String
    /// Label and value pairs that back the recommendation up with numbers.
    let facts: [(label: String, value: String)]
    /// How long the simulation took; the only line that changes between identical runs.
    let timing: String

    init(_ result: SimulationResult, _ selection: ReportSelection) {
        let s = result.scenario
        subject = "\(F.compact(s.holding)) coins at \(F.usd(s.price)) = \(F.usd(s.holding * s.price)), "
            + (s.stablecoinBalance.map { "plus \(F.usd($0)) in stablecoin, " } ?? "")
            + "\(F.compact(s.horizonDays)) days in \(F.grouped(Double(s.stepCount))) steps, "
            + "\(F.grouped(Double(s.paths))) paths, seed \(result.seed)"
        let chosen = selection.recommended
        if let range = result.recommendation.feasibleLeverage {
            headline = "Lower the leverage: ratio \(F.compact(range.hedgeRatio)) is feasible at "
                + "\(F.leverage(range.lowest)) to \(F.leverage(range.highest))"
        } else {
            headline = chosen.notionalUSD > 0
                ? "Hedge ratio \(F.compact(chosen.hedgeRatio)) at \(F.leverage(chosen.leverage)) leverage"
                : "Do not hedge (ratio \(F.compact(chosen.hedgeRatio)))"
        }
        reason = result.recommendation.reason
        // The numbers of the recommendation beside those of the first other highlighted choice: the
        // unhedged holding, or the full hedge when the recommendation is not to hedge.
        let other = selection.highlights.first { $0.cell != chosen }
        func against(_ value: Double, _ otherValue: (CellSummary) -> Double) -> String {
            guard let other else { return F.usd(value) }
            return "\(F.usd(value)) (\(other.names[0].lowercased()): \(F.usd(otherValue(other.cell))))"
        }
        let ci = chosen.liquidation.ci95
        var facts: [(String, String)] = [
            ("Objective", result.recommendation.objective),
            ("Spread of the value (stdev)", against(chosen.netValueUSD.stdev) { $0.netValueUSD.stdev }),
            ("Expected shortfall 95 %", against(chosen.netValueUSD.es95) { $0.netValueUSD.es95 }),
            ("Liquidation probability",
             "\(F.readablePercent(chosen.liquidation.probability)) (95 % interval \(F.readablePercent(ci[0])) – "
                + "\(F.readablePercent(ci[1]))), limit \(F.readablePercent(s.maxLiquidationProbability))"),
            ("Expected hedge cost",
             "\(F.usd(chosen.cost.totalUSD)) (\(F.readablePercent(chosen.cost.annualisedPercent / 100)) of the notional a year; negative = income)"),
        ]
        if let plan = result.recommendation.plan {
            func price(_ value: Double?, _ distance: Double?) -> String {
                guard let value, let distance else { return "none" }
                return "\(F.usd(value)) (\(distance >= 0 ? "+" : "")\(F.readablePercent(distance)) from today)"
            }
            facts += [
                ("Order", plan.orderText),
                ("Margin to post", plan.marginText),
                ("Liquidation price", price(plan.liquidationPrice, plan.liquidationDistance)),
                ("Bankruptcy price", price(plan.bankruptcyPrice, plan.bankruptcyDistance)),
                ("Expected funding", "\(F.usd(plan.expectedFundingPerDayUSD)) a day (positive = received)"),
                ("Expected cost a year", "\(F.usd(plan.expectedCostPerYearUSD))"),
                ("Worst 1 % of outcomes", "below \(F.usd(plan.worstOnePercentUSD))"),
            ]
            for stress in result.stress {
                guard let path = stress.cells.first(where: { $0.cell == chosen.cell }),
                    let last = path.netValueUSD.last
                else { continue }
                let liquidated = path.liquidatedAtDays.map { " — liquidated on day \(F.day($0))" } ?? ""
                facts.append(("Stress \(stress.name)", "\(F.usd(last)) at the end\(liquidated)"))
            }
        }
        if let runner = result.recommendation.runnerUp {
            facts.append(
                ("Runner-up",
                 "ratio \(F.compact(runner.hedgeRatio)) at \(F.leverage(runner.leverage)): \(runner.statistic.rawValue) "
                    + "\(runner.difference >= 0 ? "higher" : "lower") by \(F.usd(abs(runner.difference))) ± "
                    + "\(F.usd(runner.standardError)) (paired s.e.), \(runner.separated ? "separated" : "not separated") by 2 s.e."))
        }
        let precision = result.precision
        if precision.stoppedBecause != .fixedPathCount {
            facts.append(
                ("Paths used", "\(F.grouped(Double(precision.pathsUsed))) after \(precision.rounds) round(s): \(precision.stoppedBecause.rawValue)"))
        }
        self.facts = facts
        let t = result.timing
        timing = "Simulated \(F.grouped(t.pathSteps)) path·steps in " + String(format: "%.3f s", t.simulationSeconds)
            + " (\(F.grouped(t.pathStepsPerSecond / 1e6, decimals: 1)) M path·steps/s, \(t.threads) threads) with \(result.tool)."
    }
}
