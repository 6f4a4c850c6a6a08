import Foundation
import HedgeSimCore
import HedgeSimReport

/// The folder of one batch scenario: the reports (`report.html` to read, `report.json` for machines),
/// a copy of the scenario file, the one-line error of a failure, and `inputs.hash` — the fingerprint of the inputs, written last, so a folder with a hash
/// that matches is a complete run of those inputs (an interrupted run leaves none and is redone).
struct BatchFolder {
    static let hashFile = "inputs.hash"
    static let errorFile = "error.txt"
    /// The report the index links to.
    static let report = "report.html"
    /// The machine-readable report, read back when a run is reused.
    static let jsonReport = "report.json"

    let url: URL
    let item: BatchItem

    init(reports: URL, item: BatchItem) {
        url = reports.appendingPathComponent(item.name, isDirectory: true)
        self.item = item
    }

    private func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The row of an earlier complete run with the inputs `digest`; nil when there is none or its
    /// files cannot be read back (then the scenario runs again).
    func previousRow(digest: String) -> BatchRow? {
        guard let stored = try? String(contentsOfFile: file(Self.hashFile), encoding: .utf8),
            stored.trimmingCharacters(in: .whitespacesAndNewlines) == digest
        else { return nil }
        if let error = try? String(contentsOfFile: file(Self.errorFile), encoding: .utf8) {
            return BatchRow(item, error: error.trimmingCharacters(in: .whitespacesAndNewlines), reused: true)
        }
        guard FileManager.default.fileExists(atPath: file(Self.report)),
            let data = FileManager.default.contents(atPath: file(Self.jsonReport)),
            let result = try? JSONDecoder().decode(SimulationResult.self, from: data)
        else { return nil }
        return BatchRow(item, result: result, report: Self.report, reused: true)
    }

    /// Empties the folder's run files (creating the folder), so that a run interrupted from here on is
    /// never taken for a complete one.
    func prepare() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for name in [Self.hashFile, Self.errorFile, Self.report, Self.jsonReport] {
            try? FileManager.default.removeItem(atPath: file(name))
        }
    }

    /// Writes the reports and the scenario copy, then the hash.
    func write(_ result: SimulationResult, digest: String) throws -> BatchRow {
        try OutputFile.writeAtomically(try ReportRenderer.render(result, as: .html), to: file(Self.report))
        try OutputFile.writeAtomically(try ReportRenderer.render(result, as: .json), to: file(Self.jsonReport))
        try finish(digest: digest)
        return BatchRow(item, result: result, report: Self.report, reused: false)
    }

    /// Writes the error and the scenario copy, then the hash.
    func write(error: String, digest: String) throws -> BatchRow {
        try OutputFile.writeAtomically(error + "\n", to: file(Self.errorFile))
        try finish(digest: digest)
        return BatchRow(item, error: error, reused: false)
    }

    private func finish(digest: String) throws {
        if !item.text.isEmpty {
            let ext = URL(fileURLWithPath: item.file).pathExtension.lowercased()
            try OutputFile.writeAtomically(item.text, to: file("scenario." + (ext.isEmpty ? "yaml" : ext)))
        }
        try OutputFile.writeAtomically(digest + "\n", to: file(Self.hashFile))
    }
}
