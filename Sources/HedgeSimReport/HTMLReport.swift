import HedgeSimCore

/// The report as one self-contained HTML page that works offline: inline CSS, inline SVG charts and
/// one inline script, no fonts, images or links to fetch (even the icon is an empty `data:` URL). It
/// reads on a phone: one column, wide tables scroll sideways, charts scale to the width.
///
/// Sections: the recommendation and why; the per-ratio risk table; "Explore a cell" (`HTMLExplorer`:
/// pick a ratio and leverage, see that cell's figures; shown only where JavaScript runs, the rest of
/// the page needs none); the charts, each with its numbers (value distributions, price fan with
/// liquidation prices, liquidation heat map with the positions, cost breakdown with the cost table,
/// risk/cost frontier); the stress results when there are any; the full scenario, seed and how to
/// rerun it; the timing line. All text is escaped, and the page depends only on the result (the timing
/// line aside), so equal results give equal pages.
public enum HTMLReport {
    /// The page of `result`; throws only if the scenario or the explorer's figures cannot be encoded
    /// as JSON.
    public static func render(_ result: SimulationResult) throws -> String {
        let selection = ReportSelection(result)
        let summary = ReportSummary(result, selection)
        var sections = [
            recommendation(summary),
            contents(hasStress: !result.stress.isEmpty, hasCurve: result.leverageCurve != nil,
                     hasPolicies: !PolicyChart.groups(result, selection).isEmpty),
            riskTable(result, selection),
            try HTMLExplorer.section(result, selection),
            HTMLCharts.distribution(result, selection),
            HTMLCharts.priceFan(result, selection),
            HTMLCharts.liquidation(result, selection),
        ]
        if let curve = HTMLCharts.leverageCurve(result, selection) { sections.append(curve) }
        if let policies = HTMLCharts.policies(result, selection) { sections.append(policies) }
        sections += [
            HTMLCharts.cost(result, selection),
            HTMLCharts.frontier(result, selection),
        ]
        if !result.stress.isEmpty { sections.append(HTMLCharts.stress(result, selection)) }
        sections.append(try scenario(result))
        return HTMLFragments.page(
            title: "HedgeSim report: \(summary.headline)", heading: "HedgeSim report", subject: summary.subject,
            sections: sections, footer: summary.timing)
    }

    private static func recommendation(_ summary: ReportSummary) -> String {
        HTMLFragments.section(
            id: "recommendation", title: "Recommendation: \(summary.headline)",
            body: ["<p class=\"reason\">\(summary.reason.htmlEscaped)</p>", HTMLFragments.facts(summary.facts)],
            className: "recommendation")
    }

    private static func contents(hasStress: Bool, hasCurve: Bool, hasPolicies: Bool) -> String {
        var links = [
            ("cells", "Every ratio"), ("distribution", "Value distribution"), ("price", "Price paths"),
            ("liquidation", "Liquidation"),
        ]
        if hasCurve { links.append(("leverage", "P(liq) vs leverage")) }
        if hasPolicies { links.append(("policies", "Margin policies")) }
        links += [("cost", "Hedge cost"), ("frontier", "Risk vs cost and margin")]
        if hasStress { links.append(("stress", "Stress results")) }
        links.append(("scenario", "Scenario and rerun"))
        return "<nav><ul>" + links.map { "<li><a href=\"#\($0)\">\($1)</a></li>" }.joined() + "</ul></nav>"
    }

    private static func riskTable(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        HTMLFragments.section(
            id: "cells", title: "Every hedge ratio and leverage",
            body: [
                HTMLFragments.explanation(
                    "One row per hedge ratio (the share of the holding shorted) and leverage. All cells use the same simulated "
                        + "paths, so differences between rows are not noise. The recommended row is bold; the cost and "
                        + "position of each row are under the hedge cost and liquidation charts."),
                HTMLFragments.table(ReportTables.risk(result, selection)),
            ])
    }

    private static func scenario(_ result: SimulationResult) throws -> String {
        let rerun = try RerunConfig(result, format: .html)
        return HTMLFragments.section(
            id: "scenario", title: "Scenario, seed and how to rerun",
            body: [
                HTMLFragments.table(try ReportTables.scenario(result)),
                "<h3>Rerun</h3>",
                HTMLFragments.explanation(
                    "Save the JSON below as \(RerunConfig.fileName) and run the command: the same version gives the same "
                        + "numbers on any machine with the same vector-math path (hedgesim bench prints it)."),
                HTMLFragments.preformatted(rerun.command),
                HTMLFragments.preformatted(rerun.json),
            ])
    }
}
