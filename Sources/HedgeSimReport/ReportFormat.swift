import Foundation
import HedgeSimCore

/// The output formats of `hedgesim run`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, json, csv, html, markdown

    /// Parses a `--format` value.
    public static func parse(_ text: String) throws -> ReportFormat {
        guard let format = ReportFormat(rawValue: text) else {
            throw InputError(field: "format", value: text, allowed: allCases.map(\.rawValue).joined(separator: " | "))
        }
        return format
    }
}

/// Renders a `SimulationResult` in any `ReportFormat`.
public enum ReportRenderer {
    public static func render(_ result: SimulationResult, as format: ReportFormat) throws -> String {
        switch format {
        case .table: return TableReport.render(result)
        case .json: return try JSONReport.render(result)
        case .csv: return CSVReport.render(result)
        case .html: return try HTMLReport.render(result)
        case .markdown: return try MarkdownReport.render(result)
        }
    }
}
