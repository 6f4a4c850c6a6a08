import Foundation
import HedgeSimCore

/// The terminal report: a header with the scenario, the risk table, the cost table and the
/// recommendation, all within 100 columns.
public enum TableReport {
    public static let width = 100

    public static func render(_ result: SimulationResult) -> String {
        var lines = header(result)
        lines.append("")
        lines += riskTable(result)
        lines += managementLines(result).flatMap(wrap)
        lines += standardErrorLines(result).flatMap(wrap)
        lines.append("")
        lines += costTable(result)
        lines.append("")
        lines += stressSection(result)
        lines += wrap("Recommendation (\(result.recommendation.objective)): \(result.recommendation.reason)")
        lines += planLines(result).flatMap(wrap)
        let precision = result.precision
        if precision.stoppedBecause != .fixedPathCount {
            lines += wrap(
                "Until settled: \(NumberFormatting.grouped(Double(precision.pathsUsed))) paths after \(precision.rounds) "
                    + "round\(precision.rounds == 1 ? "" : "s") (each a prefix of the next); "
                    + (precision.stoppedBecause == .settled
                        ? "stopped because the choice is settled."
                        : "stopped at the --max-paths budget before the choice was settled."))
        }
        let timing = result.timing
        lines.append(
            "Simulated \(NumberFormatting.grouped(timing.pathSteps)) path·steps in "
                + String(format: "%.3f s", timing.simulationSeconds)
                + " (\(NumberFormatting.grouped(timing.pathStepsPerSecond / 1e6, decimals: 1)) M path·steps/s, "
                + "\(timing.threads) threads).")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func header(_ result: SimulationResult) -> [String] {
        let s = result.scenario
        let value = s.startValueUSD
        var model: String
        switch s.model {
        case .gbm: model = "GBM"
        case .jump:
            model = "Merton jumps, \(NumberFormatting.compact(s.jumpIntensity))/yr of "
                + "\(NumberFormatting.percent(s.jumpMean, decimals: 1)) ± \(NumberFormatting.percent(s.jumpStdev, decimals: 1))"
        case .garch:
            model = "GARCH(1,1) α \(NumberFormatting.compact(s.garchAlpha)) β \(NumberFormatting.compact(s.garchBeta)), "
                + "Student-t ν \(NumberFormatting.compact(s.garchDegreesOfFreedom))"
        case .bootstrap:
            model = "block bootstrap of \(s.history.joined(separator: " + ")), mean block "
                + "\(NumberFormatting.compact(s.bootstrapBlockSteps)) steps"
        case .replay: model = "replay of \(s.history.joined(separator: " + "))"
        }
        let kind = s.instrument.isLinear ? "linear (USD-margined)" : "inverse"
        let instrument: String
        if s.instrument.isPerpetual {
            instrument = s.model.needsHistory && s.history.count > 1
                ? "\(kind) perpetual, funding from \(s.history[1])"
                : "\(kind) perpetual, funding \(NumberFormatting.percent(s.fundingMean, decimals: 4)) per "
                    + "\(NumberFormatting.compact(s.fundingIntervalHours)) h (φ \(NumberFormatting.compact(s.fundingPersistence))"
                    + (s.fundingDeadZone > 0 ? ", dead zone ±\(NumberFormatting.percent(s.fundingDeadZone, decimals: 3))" : "") + ")"
        } else {
            let rolls = s.rollsBeforeHorizon
            instrument = "\(kind) future expiring in \(NumberFormatting.compact(s.resolvedExpiryDays)) days, basis "
                + "\(NumberFormatting.percent(s.basis, decimals: 1))/yr"
                + (s.rollDaysBefore.map { before in
                    ", rolled \(NumberFormatting.compact(before)) days before each expiry into the contract "
                        + "\(NumberFormatting.compact(s.contractCycleDays)) days later (\(rolls) roll\(rolls == 1 ? "" : "s") before the horizon)"
                } ?? "")
        }
        let margin: String
        switch (s.margin, s.collateral) {
        case (.cross, _): margin = "cross margin (whole holding)"
        case (.isolated, let collateral?): margin = "isolated, \(NumberFormatting.compact(collateral)) coin collateral"
        case (.isolated, nil): margin = "isolated margin"
        }
        let venue = s.venue.map { ["Venue preset: \($0) (face value, fees, maintenance and funding from it unless overridden)"] } ?? []
        return ([
            "\(result.tool) · seed \(result.seed)",
            "Holding \(NumberFormatting.compact(s.holding)) coins at \(NumberFormatting.grouped(s.price)) USD"
                + (s.stablecoinBalance.map { " + \(NumberFormatting.grouped($0)) USD in stablecoin" } ?? "") + " = "
                + "\(NumberFormatting.grouped(value)) USD · \(NumberFormatting.compact(s.horizonDays)) days in "
                + "\(s.stepCount) steps · \(NumberFormatting.grouped(Double(s.paths))) paths",
            s.model.needsHistory
                ? "Price: \(model)"
                : "Price: \(model), vol \(NumberFormatting.percent(s.vol, decimals: 0)), drift \(NumberFormatting.percent(s.drift, decimals: 0))",
            "Hedge: \(instrument)",
            "Margin: \(margin), maintenance \(NumberFormatting.percent(s.maintenanceRate)) on \(s.maintenanceConvention.rawValue) "
                + "value, fee \(NumberFormatting.percent(s.fee, decimals: 3)), "
                + (s.betweenStepCheck ? "liquidation checked between steps" : "liquidation checked at steps"),
        ] + venue).flatMap(wrap)
    }

    private static func riskTable(_ result: SimulationResult) -> [String] {
        let managed = result.scenario.policies != [.none]
        let columns = ["ratio", managed ? "lev/pol" : "lev", "mean USD", "stdev USD", "VaR95 USD", "ES95 USD", "ES99 USD", "P(liq)",
                       "liq 95% CI", "effect"]
        let widths = [5, labelWidth(result), 10, 10, 10, 10, 10, 7, 15, 5]
        var lines = ["Net value at the horizon (losses against the start, positive = loss)"]
        lines.append(row(columns, widths))
        for cell in result.shownCells {
            let usd = cell.netValueUSD
            let ci = cell.liquidation.ci95
            lines.append(row([
                NumberFormatting.compact(cell.hedgeRatio),
                cell.notionalUSD > 0 ? cell.leverageLabel : "–",
                NumberFormatting.fitted(usd.mean, width: 10),
                NumberFormatting.fitted(usd.stdev, width: 10),
                NumberFormatting.fitted(usd.var95, width: 10),
                NumberFormatting.fitted(usd.es95, width: 10),
                NumberFormatting.fitted(usd.es99, width: 10),
                NumberFormatting.probability(cell.liquidation.probability),
                NumberFormatting.probability(ci[0], significant: 2) + "–" + NumberFormatting.probability(ci[1], significant: 2),
                cell.hedgeEffectiveness.map { NumberFormatting.percent($0, decimals: 0) } ?? "–",
            ], widths))
        }
        return lines
    }

    /// The largest Monte Carlo error of the mean USD value over the cells, what antithetic pairs
    /// gained when they are on, and, under the parametric models, the hedged cells' error with the
    /// horizon price as control variate.
    /// The recommended position as orders and prices, with its figures' errors.
    private static func planLines(_ result: SimulationResult) -> [String] {
        guard let plan = result.recommendation.plan else { return [] }
        let cell = result.recommendedCell
        func price(_ value: Double?, _ distance: Double?) -> String {
            guard let value, let distance else { return "none" }
            return "\(NumberFormatting.usd(value)) (\(distance >= 0 ? "+" : "")\(NumberFormatting.percent(distance, decimals: 1)))"
        }
        let costError = cell.cost.standardErrors.map { " ± " + NumberFormatting.grouped($0.totalUSD * 365 / result.scenario.horizonDays) } ?? ""
        let worstError = cell.netValueUSD.standardErrors?.quantiles["0.01"].map { " ± " + NumberFormatting.grouped($0) } ?? ""
        return [
            "Plan: " + plan.orderText + ", posting " + plan.marginText + " as margin; "
                + "liquidation at \(price(plan.liquidationPrice, plan.liquidationDistance)), bankruptcy at "
                + "\(price(plan.bankruptcyPrice, plan.bankruptcyDistance)); expected funding "
                + "\(NumberFormatting.grouped(plan.expectedFundingPerDayUSD)) USD a day (positive = received); expected cost "
                + "\(NumberFormatting.grouped(plan.expectedCostPerYearUSD))\(costError) USD a year "
                + "(\(NumberFormatting.percent(plan.expectedCostPercentPerYear / 100))); worst 1 % of outcomes below "
                + "\(NumberFormatting.grouped(plan.worstOnePercentUSD))\(worstError) USD."
                + (plan.management.map(managementInstruction) ?? ""),
        ]
    }

    private static func standardErrorLines(_ result: SimulationResult) -> [String] {
        let errors = result.cells.map(\.netValueUSD.meanStandardError)
        var line = "Monte Carlo error of the mean USD value: at most ±\(NumberFormatting.grouped(errors.max() ?? 0)) USD (1 s.e.)"
        if result.scenario.antithetic {
            let reductions = result.cells.map(\.netValueUSD.standardErrorReduction)
            line += String(
                format: "; antithetic pairs cut it by %.1f–%.1f×", reductions.min() ?? 1, reductions.max() ?? 1)
        }
        var lines = [line + "."]
        if let worst = result.cells.compactMap(\.netValueUSD.standardErrors).max(by: { $0.es95 < $1.es95 }) {
            lines.append(
                "Batch-means errors (32 batches, 1 s.e.): ES95 at most ±\(NumberFormatting.grouped(worst.es95)) USD, "
                    + "stdev at most ±\(NumberFormatting.grouped(result.cells.compactMap(\.netValueUSD.standardErrors?.stdev).max() ?? 0)) USD.")
        }
        if let warning = dominatedLine(result) { lines.append(warning) }
        let hedged = result.cells.filter { $0.notionalUSD > 0 }.map(\.netValueUSD)
        let controlled = hedged.compactMap(\.controlVariateStandardError)
        let reductions = hedged.compactMap(\.controlVariateReduction)
        if !controlled.isEmpty, controlled.count == hedged.count, !reductions.isEmpty {
            lines.append(
                "Control variate (horizon price): at most ±\(NumberFormatting.grouped(controlled.max() ?? 0)) USD for the "
                    + String(format: "hedged cells, %.1f–%.1f× smaller.", reductions.min() ?? 1, reductions.max() ?? 1))
        }
        return lines
    }

    /// The plan's margin policy as an instruction, with what it did on average.
    static func managementInstruction(_ rule: ManagementRule) -> String {
        let first = " when the mark reaches " + (rule.firstTriggerPriceUSD.map(NumberFormatting.usd) ?? "–")
        let again = rule.triggerShare.map { ", then each time the mark rises \(NumberFormatting.readablePercent($0)) of the way to the new liquidation price" } ?? ""
        let limit = rule.maxActions.map { ", at most \($0) times" } ?? ""
        let mean = String(format: "%.2f", rule.meanActions)
        switch rule.policy {
        case .none:
            return ""
        case .topUp:
            return " Top up the margin" + first + " (" + (rule.coins.map { "\(NumberFormatting.compact($0)) coin" } ?? "back to the initial leverage")
                + again + limit + "); on average " + mean + " top-ups move " + String(format: "%.4f", rule.meanCoinsMoved) + " coin over the horizon."
        case .deleverage:
            let share = NumberFormatting.readablePercent(rule.deleverageShare ?? 0)
            let then: String = String(again.dropFirst(2))
            return " Buy back " + share + " of the short" + first + " (" + then + limit + "); on average " + mean
                + " deleverages over the horizon."
        case .rehedge:
            return " If the short is liquidated, reopen the same notional " + NumberFormatting.compact(rule.rehedgeAfterHours ?? 0)
                + " h later at " + NumberFormatting.leverage(rule.rehedgeLeverage ?? 1) + limit + "; on average " + mean
                + " re-hedges move " + String(format: "%.4f", rule.meanCoinsMoved) + " coin (margins and fees) over the horizon."
        case .dehedge:
            return " Close the whole short if the mark falls to " + (rule.firstTriggerPriceUSD.map(NumberFormatting.usd) ?? "–")
                + (rule.dehedgeSellShare.map { $0 > 0 ? " and sell \(NumberFormatting.readablePercent($0)) of the spot coins" : "" } ?? "")
                + "; it closes on " + NumberFormatting.readablePercent(rule.meanActions) + " of the paths."
        case .fundingExit:
            return " Close the short while the \(NumberFormatting.compact(rule.exitWindowDays ?? 0))-day mean funding is above "
                + NumberFormatting.readablePercent(rule.exitFundingAbove ?? 0) + " a year"
                + (rule.reenterFundingBelow.map { "; reopen it below " + NumberFormatting.readablePercent($0) + " a year" } ?? "")
                + "; on average \(mean) actions over the horizon."
        }
    }

    /// What each margin policy of the run did in the cells that have it.
    static func managementLines(_ result: SimulationResult) -> [String] {
        let scenario = result.scenario
        let cells = result.cells.compactMap { cell in cell.management.map { (cell, $0) } }
        guard !cells.isEmpty else { return [] }
        let rules: [String] = scenario.policies.compactMap { policy in
            switch policy {
            case .none: return nil
            case .topUp:
                return "Top-up when the mark has risen \(NumberFormatting.readablePercent(scenario.management.topUpAt)) of the way to the "
                    + "liquidation price: " + (scenario.management.topUpCoins.map { "\(NumberFormatting.compact($0)) coin" } ?? "back to the initial leverage")
                    + (scenario.management.maxTopUps.map { ", at most \($0) times" } ?? "") + "."
            case .deleverage:
                return "Deleverage: buy back \(NumberFormatting.readablePercent(scenario.management.deleverageShare)) of the short when the mark has risen "
                    + "\(NumberFormatting.readablePercent(scenario.management.deleverageAt)) of the way to the liquidation price"
                    + (scenario.management.maxDeleverages.map { ", at most \($0) times" } ?? "") + "."
            case .rehedge:
                return "Re-hedge: reopen the notional \(NumberFormatting.compact(scenario.management.rehedgeAfterHours)) h after a liquidation at "
                    + (scenario.management.rehedgeLeverage.map(NumberFormatting.leverage) ?? "the cell's leverage")
                    + (scenario.management.maxRehedges.map { ", at most \($0) times" } ?? "") + "."
            case .dehedge:
                return "De-hedge: close the short once the mark has fallen \(NumberFormatting.readablePercent(scenario.management.dehedgeAfterDrop)) "
                    + "below the entry" + (scenario.management.dehedgeSellShare > 0
                        ? " and sell \(NumberFormatting.readablePercent(scenario.management.dehedgeSellShare)) of the spot coins" : "") + "."
            case .fundingExit:
                return "Funding exit: close the short while the \(NumberFormatting.compact(scenario.management.exitWindowDays))-day mean "
                    + "funding is above \(NumberFormatting.readablePercent(scenario.management.exitFundingAbove)) a year"
                    + (scenario.management.reenterFundingBelow.map { "; reopen it below \(NumberFormatting.readablePercent($0)) a year" } ?? "")
                    + "."
            }
        }
        return rules + cells.map { cell, outcome in
            let head = "  ratio \(NumberFormatting.compact(cell.hedgeRatio)) \(cell.leverageLabel): "
            let q = outcome.coinsMovedQuantiles
            let moved = "coin moved per path: mean \(String(format: "%.4f", outcome.meanCoinsMoved)), median "
                + String(format: "%.4f", q["0.5"] ?? 0) + ", 99 % at most " + String(format: "%.4f", q["0.99"] ?? 0) + "."
            let acted = "\(NumberFormatting.readablePercent(outcome.probability)) of paths, \(String(format: "%.2f", outcome.meanActions)) times per path"
            switch cell.policy {
            case .none:
                return head
            case .topUp:
                return head + cell.policy.actedVerb + " on " + acted + "; " + moved
            case .deleverage:
                return head + cell.policy.actedVerb + " on " + acted + "; \(NumberFormatting.readablePercent(outcome.meanHedgeLeft)) of the short open at the horizon on average."
            case .rehedge:
                return head + cell.policy.actedVerb + " on " + acted + ", \(String(format: "%.2f", outcome.meanLiquidations)) liquidations "
                    + "per path; " + moved
            case .dehedge:
                return head + cell.policy.actedVerb + " on " + NumberFormatting.readablePercent(outcome.probability) + " of paths; "
                    + "\(NumberFormatting.readablePercent(outcome.meanHedgeLeft)) of the short open at the horizon on average."
            case .fundingExit:
                return head + cell.policy.actedVerb + " on " + acted + "; " + "\(NumberFormatting.readablePercent(outcome.meanHedgeLeft)) "
                    + "of the short open at the horizon on average."
            }
        }
    }

    /// A warning when, in some cell, the 0.2 % most extreme paths carry more than a quarter of the
    /// variance of the USD or coin value (`ValueDistribution.extremeShare`; from 1,000 paths on).
    static func dominatedLine(_ result: SimulationResult) -> String? {
        guard result.scenario.paths >= 1_000 else { return nil }
        let worst = result.cells.flatMap { cell in
            [("USD", cell.netValueUSD.extremeShare, cell), ("coin", cell.netValueCoin.extremeShare, cell)]
        }.max { $0.1 < $1.1 }
        guard let (unit, share, cell) = worst, share > ValueDistribution.dominatedShare else { return nil }
        let place = cell.notionalUSD > 0 ? "ratio \(NumberFormatting.compact(cell.hedgeRatio)), \(cell.leverageLabel)" : "ratio 0"
        return "Heavy tails: at \(place) the "
            + "0.2 % most extreme paths carry \(NumberFormatting.readablePercent(share)) of the variance of the \(unit) value, so its "
            + "mean and stdev rest on a handful of paths (the quantiles do not)."
    }

    private static func costTable(_ result: SimulationResult) -> [String] {
        let managed = result.scenario.policies != [.none]
        let cut = result.scenario.policies.contains(where: \.cutsTheShort)
        let roll = result.scenario.rollsBeforeHorizon > 0
        let sale = result.scenario.instrument.isLinear
        let columns = ["ratio", managed ? "lev/pol" : "lev", "funding", "fees", "basis", "liquidation"] + (cut ? ["cut"] : [])
            + (roll ? ["roll"] : []) + (sale ? ["sale"] : []) + ["total USD", "% a year", "mean coin", "VaR95 coin"]
        let widths = [5, labelWidth(result), 9, 8, 8, 11] + (cut ? [8] : []) + (roll ? [8] : []) + (sale ? [8] : []) + [10, 8, 11, 11]
        var lines = wrap("Expected hedge cost in USD (positive = cost, negative = income"
            + (cut ? "; cut = hedge PnL missed on the notional a deleverage, de-hedge or funding exit bought back" : "")
            + (roll ? "; roll = fees of rolling into the next contract, the roll yield is in basis" : "")
            + (sale ? "; sale = the coins sold for the stablecoin margin, sold·(P_T − P₀)" : "") + ")")
        lines.append(row(columns, widths))
        for cell in result.shownCells {
            let cost = cell.cost
            lines.append(row([
                NumberFormatting.compact(cell.hedgeRatio),
                cell.notionalUSD > 0 ? cell.leverageLabel : "–",
                NumberFormatting.fitted(cost.fundingUSD, width: 9),
                NumberFormatting.fitted(cost.feesUSD, width: 8),
                NumberFormatting.fitted(cost.basisUSD, width: 8),
                NumberFormatting.fitted(cost.liquidationLossUSD, width: 11),
            ] + (cut ? [NumberFormatting.fitted(cost.hedgeCutUSD, width: 8)] : [])
                + (roll ? [NumberFormatting.fitted(cost.rollUSD, width: 8)] : [])
                + (sale ? [NumberFormatting.fitted(cost.marginSaleUSD, width: 8)] : []) + [
                NumberFormatting.fitted(cost.totalUSD, width: 10),
                NumberFormatting.fitted(cost.annualisedPercent, width: 7, decimals: 2) + "%",
                NumberFormatting.fitted(cell.netValueCoin.mean, width: 11, decimals: 4),
                NumberFormatting.fitted(cell.netValueCoin.var95, width: 11, decimals: 4),
            ], widths))
        }
        return lines
    }

    /// The width of the leverage column: "lev" (5), or the longest "lev/pol" label of a run with policies.
    private static func labelWidth(_ result: SimulationResult) -> Int {
        guard result.scenario.policies != [.none] else { return 5 }
        return max(7, result.shownCells.map(\.leverageLabel.count).max() ?? 7)
    }

    private static func row(_ values: [String], _ widths: [Int]) -> String {
        zip(values, widths).map { value, width in
            String(repeating: " ", count: max(0, width - value.count)) + value
        }.joined(separator: " ")
    }

    /// Splits text into lines of at most `width` columns at spaces.
    static func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = "  " + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
