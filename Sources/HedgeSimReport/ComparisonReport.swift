import Foundation
import HedgeSimCore

/// `hedgesim compare` as a table, JSON, Markdown or one HTML page: the recommended plan of every
/// scenario side by side, then each scenario's paired differences against the first.
public enum ComparisonReport {
    private typealias F = NumberFormatting

    public static func render(_ comparison: PlanComparison, as format: ReportFormat) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.nonConformingFloatEncodingStrategy = .throw
            return String(decoding: try encoder.encode(comparison), as: UTF8.self) + "\n"
        case .table: return text(comparison)
        case .markdown:
            return ([heading(comparison, markdown: true)] + tables(comparison).map(MarkdownReport.table)).joined(separator: "\n\n") + "\n"
        case .html: return html(comparison)
        case .csv:
            throw InputError(field: "format", value: format.rawValue, allowed: "table | json | markdown | html for a comparison")
        }
    }

    private static func heading(_ comparison: PlanComparison, markdown: Bool) -> String {
        let paths = Set(comparison.entries.map(\.precision.pathsUsed)).sorted().map { F.grouped(Double($0)) }.joined(separator: " / ")
        let text = "Plans compared on the same random numbers: seed \(comparison.seed), \(paths) paths. Differences are each "
            + "scenario minus \(comparison.entries.first?.name ?? "the first"), with their paired standard error (1 s.e.); "
            + "\"separated\" means more than 2 s.e. apart."
        return markdown ? "# HedgeSim comparison\n\n" + text : text
    }

    /// The plans table and the differences table.
    static func tables(_ comparison: PlanComparison) -> [ReportTable] {
        let plans = ReportTable(
            caption: "Recommended plan per scenario",
            header: ["Scenario", "Plan", "Margin (coin)", "Liquidation price", "P(liq) upper 95 %", "Stdev USD", "ES95 USD",
                     "ES99 USD", "Cost a year USD"],
            rows: comparison.entries.map { entry in
                let cell = entry.cell
                let errors = cell.netValueUSD.standardErrors
                let plan = entry.recommendation.plan
                return [
                    entry.name,
                    cell.notionalUSD > 0
                        ? "ratio \(F.compact(cell.hedgeRatio)) at \(F.leverage(cell.leverage)), "
                            + (entry.recommendation.plan?.instrument.isLinear == true
                                ? String(format: "%.3f coin", cell.contracts * HedgeCell.linearLot)
                                : "\(F.grouped(cell.contracts)) contracts")
                        : "no hedge",
                    String(format: "%.4f", cell.marginCoin),
                    cell.liquidationPriceUSD.map { F.grouped($0) } ?? "–",
                    F.readablePercent(cell.liquidation.ci95[1]),
                    F.grouped(cell.netValueUSD.stdev) + (errors.map { " ± " + F.grouped($0.stdev) } ?? ""),
                    F.grouped(cell.netValueUSD.es95) + (errors.map { " ± " + F.grouped($0.es95) } ?? ""),
                    F.grouped(cell.netValueUSD.es99) + (errors.map { " ± " + F.grouped($0.es99) } ?? ""),
                    plan.map { F.grouped($0.expectedCostPerYearUSD) } ?? "0",
                ]
            },
            labelColumns: 2)
        let differences = ReportTable(
            caption: "Differences against \(comparison.entries.first?.name ?? "the first") (USD)",
            header: ["Scenario", "Pairing", "Mean", "Stdev", "VaR95", "ES95", "ES99"],
            rows: comparison.comparisons.map { versus in
                [versus.name, versus.paired ? "paired" : "unpaired"]
                    + versus.differences.map { d in
                        F.grouped(d.value) + " ± " + F.grouped(d.standardError) + (d.separated ? " *" : "")
                    }
            },
            labelColumns: 2)
        return comparison.comparisons.isEmpty ? [plans] : [plans, differences]
    }

    private static func text(_ comparison: PlanComparison) -> String {
        var lines = [heading(comparison, markdown: false), ""]
        for table in tables(comparison) {
            lines.append(table.caption)
            lines += TextColumns.render(header: table.header, rows: table.rows, leftAligned: Set(0..<table.labelColumns))
            lines.append("")
        }
        lines.append("* separated: the difference exceeds 2 standard errors.")
        for entry in comparison.entries {
            lines.append("\(entry.name): \(entry.recommendation.reason)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func html(_ comparison: PlanComparison) -> String {
        let sections = [
            HTMLFragments.section(
                id: "plans", title: "Plans side by side",
                body: [HTMLFragments.explanation(heading(comparison, markdown: false))]
                    + tables(comparison).map(HTMLFragments.table)
                    + ["<p class=\"what\">* separated: the difference exceeds 2 standard errors.</p>"]),
            HTMLFragments.section(
                id: "reasons", title: "Why each plan",
                body: [HTMLFragments.facts(comparison.entries.map { ($0.name, $0.recommendation.reason) })]),
        ]
        return HTMLFragments.page(
            title: "HedgeSim comparison", heading: "HedgeSim comparison",
            subject: comparison.entries.map(\.name).joined(separator: " · "), sections: sections, footer: nil)
    }
}
