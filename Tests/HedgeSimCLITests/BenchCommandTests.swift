import Foundation
import Testing
@testable import HedgeSimReport

/// `hedgesim bench` end to end: oversubscription marked and warned, saved runs compared, other
/// schema versions refused with one line.
@Suite struct BenchCommandTests {
    /// A tiny, fast bench: 2,000 paths, one repeat, no limit measurements.
    private func bench(_ extra: [String]) throws -> RunOutcome {
        try BinaryRunner.run(["bench", "--paths", "2000", "--repeats", "1", "--no-limits"] + extra, timeout: 120)
    }

    @Test func moreThreadsThanLogicalCPUsIsMarkedAndWarned() throws {
        let logical = ThreadCount.usable
        let outcome = try bench(["--max-threads", String(logical + 1), "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try ReportJSON.parse(outcome.stdout)
        #expect(report["schemaVersion"] as? Int == 2)
        let points = try #require(report["points"] as? [[String: Any]])
        let last = try #require(points.last)
        #expect(last["threads"] as? Int == logical + 1)
        #expect(last["placement"] as? String == "oversubscribed")
        #expect((last["flags"] as? [String])?.contains("oversubscribed") == true)
        #expect(points.dropLast().allSatisfy { $0["placement"] as? String != "oversubscribed" })
        let warnings = try #require(report["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("exceed the \(logical) logical CPUs") })
        #expect(warnings.contains { $0.hasPrefix("1 repeat") })
    }

    /// `--assets K` times a portfolio of K coins; it replaces the scenario, so naming one too is refused.
    @Test func timesAPortfolioOfKCoins() throws {
        let outcome = try bench(["--assets", "3", "--max-threads", "1", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try ReportJSON.parse(outcome.stdout)
        #expect(report["workload"] as? String == "portfolio of 3 coins")
        #expect((report["points"] as? [[String: Any]])?.count == 1)
        let refused = try bench(["--assets", "3", "--config", "x.yaml"])
        #expect(refused.status == 64 && refused.stderrLines.count == 1 && refused.stderr.contains("none with --assets"), "\(refused.stderr)")
        let tooMany = try bench(["--assets", "21"])
        #expect(tooMany.status == 64 && tooMany.stderr.contains("1 to 20 coins"))
    }

    @Test func comparesSavedRunsInEveryFormat() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let first = scratch.path("a.json"), second = scratch.path("b.json")
        #expect(try bench(["--max-threads", "2", "--format", "json", "--output", first, "--label", "first"]).status == 0)
        #expect(try bench(["--max-threads", "2", "--format", "json", "--output", second, "--label", "second", "--pin"]).status == 0)
        let table = try BinaryRunner.run(["bench", "--compare", first, second])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("A: first") && table.stdout.contains("B: second"))
        #expect(table.stdout.contains("A M path·steps/s") && table.stdout.contains("B efficiency"))
        #expect(table.stdout.contains("one host"))
        let page = try BinaryRunner.run(["bench", "--compare", first, second, "--format", "html"])
        #expect(page.stdout.hasPrefix("<!doctype html>") && page.stdout.contains("Parallel efficiency against threads"))
        let json = try ReportJSON.parse(try BinaryRunner.run(["bench", "--compare", first, second, "--format", "json"]).stdout)
        #expect(json["schemaVersion"] as? Int == 1 && json["benchSchemaVersion"] as? Int == 2)
        #expect((json["runs"] as? [[String: Any]])?.count == 2)
        let csv = try BinaryRunner.run(["bench", "--compare", first, second, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("run,label,host,pinned,threads"))
    }

    @Test func refusesAnotherSchemaVersionWithOneLine() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let current = scratch.path("current.json")
        #expect(try bench(["--max-threads", "1", "--format", "json", "--output", current]).status == 0)
        let old = try scratch.write(
            #"{"schemaVersion": 1, "tool": "hedgesim 0.1.0", "workload": "w1", "paths": 100000, "steps": 720, "cells": 11, "points": []}"#,
            to: "old.json")
        let outcome = try BinaryRunner.run(["bench", "--compare", current, old])
        #expect(outcome.status != 0)
        #expect(outcome.stderrLines.count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("old.json has bench schema version 1; this hedgesim reads version 2"))
        let future = try scratch.write(#"{"schemaVersion": 3}"#, to: "future.json")
        #expect(try BinaryRunner.run(["bench", "--compare", current, future]).stderr.contains("schema version 3"))
        let other = try scratch.write(#"[1, 2]"#, to: "other.json")
        let notBench = try BinaryRunner.run(["bench", "--compare", current, other])
        #expect(notBench.status != 0 && notBench.stderrLines.count == 1 && notBench.stderr.contains("not a hedgesim bench"))
        let one = try BinaryRunner.run(["bench", "--compare", current])
        #expect(one.status != 0 && one.stderr.contains("at least two saved runs"))
    }
}

/// The logical CPUs this process may use (its affinity mask where Linux shows it).
enum ThreadCount {
    static var usable: Int { ThreadAffinity.allowedCPUs()?.count ?? ProcessInfo.processInfo.activeProcessorCount }
}
