import HedgeSimCore

/// The report as Markdown (GitHub-flavoured tables): the content of the HTML report without the
/// charts. The numbers behind each chart are tables here: the value quantiles, the price bands, the
/// liquidation probabilities and costs per cell, and a summary per stress scenario. Text taken from
/// the result is escaped so it cannot start Markdown or HTML markup.
public enum MarkdownReport {
    /// The Markdown of `result`; throws only if the scenario cannot be encoded as JSON.
    public static func render(_ result: SimulationResult) throws -> String {
        let selection = ReportSelection(result)
        let summary = ReportSummary(result, selection)
        let rerun = try RerunConfig(result, format: .markdown)
        var blocks = [
            "# HedgeSim report",
            escape(summary.subject),
            "## Recommendation: \(escape(summary.headline))",
            escape(summary.reason),
            summary.facts.map { "- **\(escape($0.label)):** \(escape($0.value))" }.joined(separator: "\n"),
            "## Every hedge ratio and leverage",
            "One row per hedge ratio and leverage, all on the same simulated paths; the recommended row is bold.",
            table(ReportTables.risk(result, selection)),
            "## Net value at the horizon",
            "The unhedged, recommended and fully hedged choices at the recommended leverage.",
            table(ReportTables.quantiles(selection)),
            "## Price paths",
            "Quantiles of the index price over the horizon; the liquidation price of every cell is in the next table.",
            table(ReportTables.priceBands(result.priceBands)),
            "## Liquidation",
            table(ReportTables.position(result, selection)),
            "## Hedge cost",
            table(ReportTables.cost(result, selection)),
        ]
        if let managed = ReportTables.management(result, selection) {
            blocks += ["## Managing the margin", table(managed)]
        }
        if !result.stress.isEmpty {
            blocks.append("## Stress results")
            blocks.append("Named scenarios replayed through every cell: the net value per cell and when the hedge is liquidated.")
            blocks += result.stress.map { table(ReportTables.stress($0, selection)) }
        }
        blocks += [
            "## Scenario, seed and how to rerun",
            table(try ReportTables.scenario(result)),
            "Save the JSON below as `\(RerunConfig.fileName)` and run `\(rerun.command)`.",
            fenced(rerun.json, language: "json"),
            escape(summary.timing),
        ]
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// A pipe table under its bold caption; label columns left-aligned, numbers right-aligned.
    static func table(_ table: ReportTable) -> String {
        func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        let rule = table.header.indices.map { $0 < table.labelColumns ? "---" : "--:" }
        var lines = ["**\(escape(table.caption))**", "", row(table.header.map(escape)), row(rule)]
        for (index, cells) in table.rows.enumerated() {
            let text = cells.map(escape)
            lines.append(row(table.emphasised.contains(index) ? text.map { $0.isEmpty ? $0 : "**\($0)**" } : text))
        }
        return lines.joined(separator: "\n")
    }

    /// `text` on one line with Markdown's and HTML's special characters backslash-escaped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\n", "\r": escaped.append(" ")
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "&", "~": escaped += "\\\(character)"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A fenced code block whose fence is longer than any run of backticks in `text`.
    static func fenced(_ text: String, language: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + text + "\n" + fence
    }
}
