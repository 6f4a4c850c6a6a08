import Foundation
import Testing

/// `hedgesim batch --shard I/N` (one task of a scheduler's array: the scenarios at positions I, I+N, …,
/// no index) and `--index-only` (the index of the finished folders): together they give the reports,
/// index and summary of a single-process batch, and a shard that never ran shows as "not run".
@Suite struct BatchShardTests {
    /// Six scenarios: 01, 17, 20, 21.perpetual, 21.dated-90d, 22-broken (in that order).
    static let files = [
        "01-default-btc.yaml", "17-leverage-grid.yaml", "20-antithetic.json", "21-perpetual-vs-dated.yaml", "22-broken.yaml",
    ]
    static let names = [
        "01-default-btc", "17-leverage-grid", "20-antithetic", "21-perpetual-vs-dated.perpetual", "21-perpetual-vs-dated.dated-90d",
        "22-broken",
    ]

    /// The six scenarios in `scratch/in`.
    static func input(in scratch: ScratchDirectory) throws {
        let input = scratch.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for name in files {
            try FileManager.default.copyItem(
                at: BatchCommandTests.examples.appendingPathComponent(name), to: input.appendingPathComponent(name))
        }
    }

    static func batch(_ arguments: [String], out: String = "out", in scratch: ScratchDirectory) throws -> RunOutcome {
        try BinaryRunner.run(["batch", "in", "--out", out, "--paths", "300"] + arguments, in: scratch.url, timeout: 120)
    }

    /// summary.csv rows as dictionaries (no quoted commas before the last column in these scenarios).
    static func summary(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let fields = line.split(separator: ",", maxSplits: header.count - 1, omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    @Test func threeShardsAndTheIndexEqualTheSingleBatch() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try Self.input(in: scratch)
        let expectedCounts = [2, 2, 2]
        for index in 0..<3 {
            let outcome = try Self.batch(["--shard", "\(index)/3", "--threads", "1"], in: scratch)
            #expect(outcome.status == 0, "a shard with a failing scenario still finished its work: \(outcome.stderr)")
            #expect(outcome.stdout.hasPrefix("Shard \(index)/3: \(expectedCounts[index]) of 6 scenarios"), "\(outcome.stdout)")
            #expect(outcome.stdout.contains("--index-only"))
            #expect(!FileManager.default.fileExists(atPath: scratch.path("out/index.html")), "a shard writes no index")
            #expect(!FileManager.default.fileExists(atPath: scratch.path("out/summary.csv")))
        }
        let shard2 = try Self.batch(["--shard", "2/3"], in: scratch)
        #expect(shard2.stdout.contains("1 failed (22-broken), 2 reused"), "a rerun task reuses its finished folders: \(shard2.stdout)")

        let index = try Self.batch(["--index-only"], in: scratch)
        #expect(index.status == 1 && index.stderrLines.count == 1, "\(index.stderr)")
        #expect(index.stderr.contains("1 of 6 scenarios failed (22-broken)"), "\(index.stderr)")
        let single = try Self.batch([], out: "single", in: scratch)
        #expect(single.status == 1 && single.stderr.contains("1 of 6 scenarios failed (22-broken)"), "\(single.stderr)")

        let sharded = try Self.summary(scratch.path("out/summary.csv"))
        let whole = try Self.summary(scratch.path("single/summary.csv"))
        #expect(sharded.map { $0["name"] ?? "" } == Self.names)
        #expect(sharded.allSatisfy { $0["reused"] == "true" }, "the index job reads every folder back")
        let withoutReuse = { (rows: [[String: String]]) in rows.map { $0.filter { $0.key != "reused" } } }
        #expect(withoutReuse(sharded) == withoutReuse(whole))
        let page = try String(contentsOfFile: scratch.path("out/index.html"), encoding: .utf8)
        #expect(page.contains("6 scenarios: 5 passed, <strong>1 failed</strong>"))
        for name in Self.names.dropLast() {
            let a = try ReportJSON.parse(try String(contentsOfFile: scratch.path("out/\(name)/report.json"), encoding: .utf8))
            let b = try ReportJSON.parse(try String(contentsOfFile: scratch.path("single/\(name)/report.json"), encoding: .utf8))
            #expect(try ReportJSON.canonical(a) == (try ReportJSON.canonical(b)), "\(name)")
        }
    }

    @Test func aShardThatNeverRanIsListedAsNotRunUntilItDoes() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try Self.input(in: scratch)
        for index in [0, 2] {
            #expect(try Self.batch(["--shard", "\(index)/3"], in: scratch).status == 0)
        }
        let partial = try Self.batch(["--index-only"], in: scratch)
        #expect(partial.status == 1 && partial.stderr.contains("3 of 6 scenarios failed (17-leverage-grid, 21-perpetual-vs-dated.dated-90d, 22-broken)"),
            "\(partial.stderr)")
        let rows = try Self.summary(scratch.path("out/summary.csv"))
        let notRun = rows.filter { $0["error"]?.contains("not run: no finished report folder") == true }.map { $0["name"] ?? "" }
        #expect(notRun == ["17-leverage-grid", "21-perpetual-vs-dated.dated-90d"], "shard 1 holds positions 1 and 4")
        #expect(try String(contentsOfFile: scratch.path("out/index.html"), encoding: .utf8).contains("not run"))

        #expect(try Self.batch(["--shard", "1/3"], in: scratch).status == 0)
        let complete = try Self.batch(["--index-only"], in: scratch)
        #expect(complete.status == 1 && complete.stderr.contains("1 of 6 scenarios failed (22-broken)"), "\(complete.stderr)")
    }

    @Test func moreShardsThanScenariosLeavesTheLastOnesIdle() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try Self.input(in: scratch)
        let outcome = try Self.batch(["--shard", "9/10"], in: scratch)
        #expect(outcome.status == 0 && outcome.stdout.contains("Shard 9/10: no scenarios (the batch has 6"), "\(outcome)")
    }

    @Test func conflictingOrBadFlagsAreRefusedInOneLine() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try Self.input(in: scratch)
        let cases: [([String], String)] = [
            (["--shard", "0/2", "--index-only"], "--shard"),
            (["--force", "--index-only"], "--force"),
            (["--shard", "3/3"], "3/3"),
            (["--shard", "x"], "I/N"),
        ]
        for (arguments, expected) in cases {
            let outcome = try Self.batch(arguments, in: scratch)
            #expect(outcome.status != 0 && outcome.stderrLines.count == 1 && outcome.stderr.contains(expected), "\(arguments): \(outcome.stderr)")
            let written = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path("out"))) ?? []
            #expect(written.isEmpty, "\(arguments) ran nothing: \(written)")
        }
    }
}
