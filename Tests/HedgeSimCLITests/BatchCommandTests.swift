import Foundation
import Testing

/// `hedgesim batch` on the example folder: a report folder per scenario, index.html and summary.csv,
/// the deliberately broken scenario listed with its error and exit status 1, and reruns that reuse
/// every folder whose inputs did not change.
@Suite struct BatchCommandTests {
    /// Examples/batch of this package.
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/batch")

    /// A copy of the examples in `scratch/in`, so the test may edit them.
    static func copyExamples(to scratch: ScratchDirectory) throws -> URL {
        let input = scratch.url.appendingPathComponent("in")
        try FileManager.default.copyItem(at: examples, to: input)
        return input
    }

    /// summary.csv as rows of fields (the examples hold no quoted commas outside the error column,
    /// which is last).
    static func summary(_ scratch: ScratchDirectory) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: scratch.path("out/summary.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let fields = line.split(separator: ",", maxSplits: header.count - 1, omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    static func batch(_ arguments: [String], in scratch: ScratchDirectory) throws -> RunOutcome {
        try BinaryRunner.run(["batch"] + arguments + ["--out", "out", "--paths", "200"], in: scratch.url, timeout: 120)
    }

    @Test func examplesRunWithTheBrokenOneReported() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        _ = try Self.copyExamples(to: scratch)
        let first = try Self.batch(["in"], in: scratch)
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stderrLines.count == 1 && first.stderr.contains("1 of 23 scenarios failed (22-broken)"), "\(first.stderr)")

        let rows = try Self.summary(scratch)
        #expect(rows.count == 23, "22 files, one with two variants")
        #expect(rows.filter { $0["status"] == "passed" }.count == 22)
        let broken = try #require(rows.first { $0["name"] == "22-broken" })
        #expect(broken["status"] == "failed")
        #expect(broken["error"]?.contains("variants.dated-90d.expiry") == true)
        #expect(rows.allSatisfy { $0["reused"] == "false" })
        #expect(rows.contains { $0["name"] == "21-perpetual-vs-dated.dated-90d" && $0["variant"] == "dated-90d" })

        let index = try String(contentsOfFile: scratch.path("out/index.html"), encoding: .utf8)
        #expect(index.hasPrefix("<!doctype html>") && !index.contains("<script"))
        #expect(index.contains("23 scenarios: 22 passed, <strong>1 failed</strong>"))
        for row in rows { #expect(index.contains(">\(row["name"] ?? "")<"), "\(row["name"] ?? "") in the index") }
        #expect(index.contains("did you mean 'expiryDays'?"))
        #expect(index.contains("href=\"01-default-btc/report.html\""))

        let folder = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out/01-default-btc")).sorted()
        #expect(folder == ["inputs.hash", "report.html", "report.json", "scenario.yaml"])
        let page = try String(contentsOfFile: scratch.path("out/01-default-btc/report.html"), encoding: .utf8)
        #expect(page.lowercased().hasPrefix("<!doctype html>"), "each scenario gets the HTML report")
        let failed = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out/22-broken")).sorted()
        #expect(failed == ["error.txt", "inputs.hash", "scenario.yaml"])
        let report = try ReportJSON.parse(try String(contentsOfFile: scratch.path("out/01-default-btc/report.json"), encoding: .utf8))
        #expect((report["stress"] as? [Any])?.count == 3, "the file's stress list runs in the batch")
        #expect(ReportJSON.number(report, "seed") == 1 && ReportJSON.number(ReportJSON.scenario(report), "paths") == 200)
    }

    @Test func rerunReusesUnchangedScenariosAndResumes() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let input = try Self.copyExamples(to: scratch)
        _ = try Self.batch(["in"], in: scratch)
        let reportPath = scratch.path("out/03-large-holding-bybit/report.json")
        let before = try FileManager.default.attributesOfItem(atPath: reportPath)[.modificationDate] as? Date

        let again = try Self.batch(["in"], in: scratch)
        #expect(again.status == 1, "the broken scenario still fails")
        #expect(try Self.summary(scratch).allSatisfy { $0["reused"] == "true" })
        #expect(try FileManager.default.attributesOfItem(atPath: reportPath)[.modificationDate] as? Date == before)

        // An edited file and an interrupted scenario (no inputs.hash yet) run again; the rest is reused.
        let edited = input.appendingPathComponent("02-small-holding-gbm.yaml")
        try (try String(contentsOf: edited, encoding: .utf8) + "vol: 0.4\n").write(to: edited, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: scratch.path("out/05-okx-perp-2x/inputs.hash"))
        _ = try Self.batch(["in"], in: scratch)
        let rerun = try Self.summary(scratch).filter { $0["reused"] == "false" }.compactMap { $0["name"] }
        #expect(rerun == ["02-small-holding-gbm", "05-okx-perp-2x"])

        _ = try Self.batch(["in", "--seed", "5"], in: scratch)
        #expect(try Self.summary(scratch).allSatisfy { $0["reused"] == "false" }, "a new seed changes every scenario's inputs")
        _ = try Self.batch(["in", "--seed", "5", "--force"], in: scratch)
        #expect(try Self.summary(scratch).allSatisfy { $0["reused"] == "false" }, "--force reruns everything")
        let leftovers = FileManager.default.enumerator(atPath: scratch.path("out"))?.compactMap { $0 as? String }.filter { $0.hasSuffix(".tmp") }
        #expect(leftovers == [], "every file is written atomically")
    }

    @Test func variantsOfOneFileAllPassWithStatusZero() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let file = Self.examples.appendingPathComponent("21-perpetual-vs-dated.yaml").path
        let outcome = try Self.batch([file], in: scratch)
        #expect(outcome.status == 0 && outcome.stderr.isEmpty, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("All 2 scenarios passed"))
        #expect(try Self.summary(scratch).map { $0["name"] ?? "" } == ["perpetual", "dated-90d"])
    }

    /// SIGINT mid-batch: no partial or temporary file, and the rerun reuses exactly the scenarios that
    /// were complete (those with an inputs.hash) and runs the rest.
    @Test func interruptedBatchResumes() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let input = scratch.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for name in ["01-default-btc.yaml", "02-small-holding-gbm.yaml", "05-okx-perp-2x.yaml", "09-garch-fat-tails.yaml"] {
            try FileManager.default.copyItem(at: Self.examples.appendingPathComponent(name), to: input.appendingPathComponent(name))
        }
        let arguments = ["batch", "in", "--out", "out", "--paths", "20000", "--threads", "1"]
        let process = Process()
        process.executableURL = try BinaryRunner.executable.get()
        process.arguments = arguments
        process.currentDirectoryURL = scratch.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.8)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let files = FileManager.default.enumerator(atPath: scratch.path("out"))?.compactMap { $0 as? String } ?? []
        #expect(!files.contains { $0.hasSuffix(".tmp") }, "\(files)")
        let complete = Set(files.filter { $0.hasSuffix("/inputs.hash") }.map { String($0.prefix { $0 != "/" }) })
        for name in complete {
            #expect(throws: Never.self) { try ReportJSON.parse(try String(contentsOfFile: scratch.path("out/\(name)/report.json"), encoding: .utf8)) }
        }
        let rerun = try BinaryRunner.run(arguments, in: scratch.url, timeout: 120)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let reused = Set(try Self.summary(scratch).filter { $0["reused"] == "true" }.compactMap { $0["name"] })
        #expect(reused == complete)
    }
}
