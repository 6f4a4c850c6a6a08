import Foundation
import Testing

/// Reading the JSON report of the real binary.
enum ReportJSON {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses a report; the top level must be an object.
    static func parse(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Malformed(description: "the report is not a JSON object")
        }
        return object
    }

    /// Runs `hedgesim run <arguments> --format json` (report on standard output) and parses it.
    static func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let outcome = try BinaryRunner.run(["run"] + arguments + ["--format", "json"])
        #expect(outcome.status == 0 && !outcome.timedOut, "hedgesim \(arguments): \(outcome.stderr)", sourceLocation: sourceLocation)
        return try parse(outcome.stdout)
    }

    /// The report without what may differ between identical runs (`timing`, `scenario.threads`),
    /// serialised with sorted keys so that equal reports give equal text.
    static func canonical(_ report: [String: Any]) throws -> String {
        var report = report
        report.removeValue(forKey: "timing")
        if var scenario = report["scenario"] as? [String: Any] {
            scenario.removeValue(forKey: "threads")
            report["scenario"] = scenario
        }
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func cells(_ report: [String: Any]) -> [[String: Any]] {
        report["cells"] as? [[String: Any]] ?? []
    }

    /// `cell[side][key]` as a number, e.g. `number(cell, "netValueUSD", "mean")`.
    static func number(_ object: [String: Any], _ path: String...) -> Double? {
        var current: Any? = object
        for key in path { current = (current as? [String: Any])?[key] }
        return (current as? NSNumber)?.doubleValue
    }

    static func scenario(_ report: [String: Any]) -> [String: Any] {
        report["scenario"] as? [String: Any] ?? [:]
    }
}
