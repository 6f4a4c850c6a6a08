import HedgeSimCore

/// The chart sections of the HTML report: each is a heading, a sentence on what is drawn, the inline
/// SVG, its legend and the table of the chart's numbers.
enum HTMLCharts {
    private typealias F = NumberFormatting
    private typealias Item = HTMLFragments.LegendItem

    /// The value distributions of the highlighted choices, with their quantile table.
    static func distribution(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        let start = result.scenario.startValueUSD
        let legend = selection.highlights.map { Item(label: $0.title, colour: $0.colour, swatch: .line) }
            + [Item(label: "Starting value", colour: "#868e96", swatch: .dash)]
        return HTMLFragments.section(
            id: "distribution", title: "Net value at the horizon",
            body: [
                HTMLFragments.explanation(
                    "What is drawn: the report keeps quantiles, not every path, so each line joins the 1, 5, 25, 50, 75, 95 "
                        + "and 99 % quantiles of the net value in USD (a cumulative distribution: a point at 300,000 USD and "
                        + "25 % means a quarter of the paths end at or below 300,000 USD). A steep line is a narrow, "
                        + "predictable outcome; the 1 % of paths beyond each end are not drawn."),
                HTMLFragments.figures([DistributionChart.svg(selection, startUSD: start)]),
                HTMLFragments.legend(legend),
                HTMLFragments.table(ReportTables.quantiles(selection)),
            ])
    }

    /// The price fan with liquidation lines, notes on lines not drawn, and the bands as a table.
    static func priceFan(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        let bands = result.priceBands
        let lines = PriceFanChart.lines(result, selection)
        let ratio = F.compact(selection.ratios[PriceFanChart.referenceRatio(selection)])
        var notes = lines.filter { $0.priceUSD == nil }.map { "\(F.leverage($0.leverage)): never liquidated" }
        notes += PriceFanChart.offChart(lines, bands: bands).map {
            "\(F.leverage($0.leverage)): \(F.usd($0.priceUSD ?? 0)), above the chart"
        }
        var body = [
            HTMLFragments.explanation(
                "The spot price over the horizon from \(F.grouped(Double(bands.paths))) simulated paths: 90 % of the paths stay "
                    + "inside the light band and half inside the dark one on any given day; the line is the median. A red "
                    + "dashed line is the price at which the short hedge is liquidated (at ratio \(ratio)); the more paths "
                    + "reach it, the likelier a liquidation."),
            HTMLFragments.figures([PriceFanChart.svg(bands, lines: lines)]),
            HTMLFragments.legend([
                Item(label: "5–95 % of paths", colour: "rgba(28,126,214,0.25)"),
                Item(label: "25–75 % of paths", colour: "rgba(28,126,214,0.5)"),
                Item(label: "Median", colour: ChartPalette.recommended, swatch: .line),
                Item(label: "Liquidation price of the short", colour: ChartPalette.liquidation, swatch: .dash),
            ]),
        ]
        if !notes.isEmpty { body.append("<p>" + notes.joined(separator: "; ").htmlEscaped + ".</p>") }
        body.append("<details><summary>The numbers</summary>" + HTMLFragments.table(ReportTables.priceBands(bands)) + "</details>")
        return HTMLFragments.section(id: "price", title: "Price paths and liquidation prices", body: body)
    }

    /// The liquidation heat map and the position table.
    static func liquidation(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        HTMLFragments.section(
            id: "liquidation", title: "Liquidation probability",
            body: [
                HTMLFragments.explanation(
                    "The share of paths on which the short is liquidated before the horizon, for every hedge ratio and "
                        + "leverage. Darker is likelier. Cells above \(F.readablePercent(result.scenario.maxLiquidationProbability)) "
                        + "cannot be recommended; the recommended cell is outlined in blue."),
                HTMLFragments.figures([LiquidationHeatMap.svg(result, selection)]),
                HTMLFragments.table(ReportTables.position(result, selection)),
            ])
    }

    /// The cost breakdown, one chart per leverage, and the cost table.
    static func cost(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        let legend = CostBreakdownChart.components.map { Item(label: $0.name, colour: $0.colour) }
            + [Item(label: "Total", colour: ChartPalette.total, swatch: .line)]
        var body = [
            HTMLFragments.explanation(
                "What the hedge costs on average per path, in USD, split by source. Parts above zero cost the holder; parts "
                    + "below zero are income (a short usually earns funding). The black mark is the total. ▼ marks the "
                    + "recommended ratio."),
            HTMLFragments.legend(legend),
        ]
        body.append(HTMLFragments.figures(selection.leverages.indices.map { CostBreakdownChart.svg(result, selection, series: $0) }))
        body.append(HTMLFragments.table(ReportTables.cost(result, selection)))
        return HTMLFragments.section(id: "cost", title: "Hedge cost", body: body)
    }

    /// The risk/cost frontier, one chart per leverage.
    static func frontier(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        var body = [
            HTMLFragments.explanation(
                "Each point is one cell, labelled with its hedge ratio: across, the expected cost of the hedge (negative = "
                    + "income); up, the 95 % expected shortfall, ES (the average loss in the worst 5 % of paths). Down and to the left is better. The "
                    + "ringed point is the recommendation."
                    + (selection.leverages.count > 1 ? " One chart per leverage; the grey curves are the other leverages." : "")),
        ]
        body.append(HTMLFragments.figures(selection.leverages.indices.map { FrontierChart.svg(result, selection, series: $0) }))
        body.append(HTMLFragments.explanation(
            "The same cells against the margin they park at the venue (USD at today's price). Filled points keep the upper "
                + "95 % bound of their liquidation probability within the \(F.readablePercent(result.scenario.maxLiquidationProbability)) "
                + "limit; hollow ones do not and cannot be recommended."))
        body.append(HTMLFragments.figures([MarginFrontierChart.svg(result, selection)]))
        return HTMLFragments.section(id: "frontier", title: "Risk against cost and margin", body: body)
    }

    /// P(liq) under each margin policy of the run and what each did, when the run has a policy.
    static func policies(_ result: SimulationResult, _ selection: ReportSelection) -> String? {
        guard !PolicyChart.groups(result, selection).isEmpty, let table = ReportTables.management(result, selection) else { return nil }
        let scenario = result.scenario
        let rules: [MarginPolicy: String] = [
            .topUp: "top-ups move coins from the spot holding into the margin once the mark has risen "
                + "\(NumberFormatting.readablePercent(scenario.management.topUpAt)) of the way to the liquidation price",
            .deleverage: "deleveraging buys back \(NumberFormatting.readablePercent(scenario.management.deleverageShare)) of the short "
                + "once the mark has risen \(NumberFormatting.readablePercent(scenario.management.deleverageAt)) of the way to the "
                + "liquidation price",
            .rehedge: "re-hedging reopens the short \(NumberFormatting.compact(scenario.management.rehedgeAfterHours)) h after a "
                + "liquidation with a fresh margin from the spot holding",
            .dehedge: "de-hedging closes the short once the mark has fallen "
                + "\(NumberFormatting.readablePercent(scenario.management.dehedgeAfterDrop)) below the entry",
            .fundingExit: "the funding exit closes the short while the trailing mean funding is above "
                + "\(NumberFormatting.readablePercent(scenario.management.exitFundingAbove)) a year",
        ]
        let used = scenario.policies.filter { $0 != .none }
        return HTMLFragments.section(
            id: "policies", title: "Managing the margin",
            body: [
                HTMLFragments.explanation(
                    "For every hedged cell, the share of paths liquidated (at least once) under each margin policy, on the same "
                        + "paths: " + used.compactMap { rules[$0] }.joined(separator: "; ") + "."),
                HTMLFragments.figures([PolicyChart.svg(result, selection)]),
                HTMLFragments.legend(scenario.policies.map { policy in
                    HTMLFragments.LegendItem(label: policy == .none ? "Left alone" : policy.rawValue, colour: PolicyChart.colour(policy))
                }),
                HTMLFragments.table(table),
            ])
    }

    /// P(liq) against leverage for the recommended ratio, when the run has the curve.
    static func leverageCurve(_ result: SimulationResult, _ selection: ReportSelection) -> String? {
        guard let curve = result.leverageCurve else { return nil }
        return HTMLFragments.section(
            id: "leverage", title: "Liquidation probability against leverage",
            body: [
                HTMLFragments.explanation(
                    "For the recommended ratio, the share of paths liquidated at each leverage (the line) with its 95 % "
                        + "confidence band, read from the same paths in one pass: each path is liquidated at every leverage "
                        + "above its own critical one. The dashed line is the limit; leverages whose band stays below it are "
                        + "feasible. The vertical line is the leverage of the recommendation."),
                HTMLFragments.figures([LeverageCurveChart.svg(curve, chosen: selection.recommended.leverage)]),
            ])
    }

    /// Per stress scenario: its summary, one chart per leverage and the table of every cell.
    static func stress(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        var body = [
            HTMLFragments.explanation(
                "Named scenarios replayed through every cell beside the random paths. Each chart shows, for one leverage, the "
                    + "net value if the position were closed on that day; ✕ marks a liquidation of the hedge. The table "
                    + "under each stress lists every cell."),
        ]
        for outcome in result.stress {
            body.append("<h3>\(outcome.name.htmlEscaped)</h3>")
            body.append(HTMLFragments.explanation(outcome.summary))
            let legend = StressChart.series(outcome, selection, series: selection.position(of: selection.recommended.cell).series).map {
                Item(label: "ratio \(F.compact($0.path.hedgeRatio))", colour: $0.colour, swatch: .line)
            }
            body.append(HTMLFragments.legend(legend))
            body.append(HTMLFragments.figures(selection.leverages.indices.map { StressChart.svg(outcome, selection, series: $0) }))
            var table = ReportTables.stress(outcome, selection)
            table.caption = "Every cell under \(outcome.name)"
            body.append(HTMLFragments.table(table))
        }
        return HTMLFragments.section(id: "stress", title: "Stress results", body: body)
    }
}
