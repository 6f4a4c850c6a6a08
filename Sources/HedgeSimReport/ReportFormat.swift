import Foundation
import HedgeSimCore

/// The output formats of the reports (`hedgesim run` writes all; other commands a subset, see the CLI's
/// `ReportFormat.parser`).
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, json, csv, html, markdown
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
