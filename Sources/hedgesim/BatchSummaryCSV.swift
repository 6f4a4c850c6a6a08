import Foundation

/// `summary.csv` of a batch: one row per scenario with its status and key numbers, plain decimals
/// (no thousands separators), fields quoted as RFC 4180 asks.
enum BatchSummaryCSV {
    static let header = [
        "name", "status", "reused", "file", "variant", "seed", "paths", "recommendedRatio", "recommendedLeverage",
        "meanUSD", "es95USD", "liquidationProbability", "costUSD", "unhedgedES95USD", "worstStress", "worstStressChangePercent",
        "report", "error",
    ]

    static func render(_ rows: [BatchRow]) -> String {
        var lines = [header.joined(separator: ",")]
        for row in rows {
            let n = row.numbers
            let fields: [String] = [
                row.name, row.passed ? "passed" : "failed", row.reused ? "true" : "false", row.file, row.variant ?? "",
                n.map { String($0.seed) } ?? "", n.map { String($0.paths) } ?? "",
                number(n?.ratio), number(n?.leverage), number(n?.meanUSD), number(n?.es95USD),
                number(n?.liquidationProbability), number(n?.costUSD), number(n?.unhedgedES95USD),
                n?.worstStress?.name ?? "", number(n?.worstStress?.changePercent),
                row.report.map { "\(row.name)/\($0)" } ?? "", row.error ?? "",
            ]
            lines.append(fields.map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }

    /// A field in double quotes (inner quotes doubled) when it holds a comma, quote or line break.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
