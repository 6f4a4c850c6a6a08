import HedgeSimCore
import HedgeSimReport

/// Joins the reports of a scenario file's variants into one output.
enum VariantReports {
    /// Tables and Markdown one after another under a heading per variant; JSON as one object keyed by
    /// variant (in file order); CSV as one table with a leading `variant` column. An HTML page holds one
    /// report.
    /// - Parameter reports: (variant name, report text) in file order.
    static func combine(_ reports: [(String, String)], format: ReportFormat) throws -> String {
        if format == .table {
            return reports.map { name, text in
                let heading = "Variant \(name)"
                return heading + "\n" + String(repeating: "=", count: heading.count) + "\n" + text
            }.joined(separator: "\n")
        }
        if format == .markdown {
            return reports.map { name, text in "# Variant \(name)\n\n" + text }.joined(separator: "\n---\n\n")
        }
        if format == .json {
            let members = reports.map { name, text in
                let body = text.split(separator: "\n").joined(separator: "\n  ")
                return "  \"\(name)\": \(body)"
            }
            return "{\n" + members.joined(separator: ",\n") + "\n}\n"
        }
        if format == .csv {
            var lines: [String] = []
            for (index, (name, text)) in reports.enumerated() {
                let rows = text.split(separator: "\n").map(String.init)
                if index == 0, let header = rows.first { lines.append("variant," + header) }
                lines += rows.dropFirst().map { name + "," + $0 }
            }
            return lines.joined(separator: "\n") + "\n"
        }
        throw InputError(
            field: "format", value: format.rawValue,
            allowed: "table | json | csv | markdown for several variants; for one HTML page of their plans use `hedgesim compare FILE`, or pick one with --variant NAME")
    }
}
