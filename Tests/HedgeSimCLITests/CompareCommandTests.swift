import Foundation
import Testing

/// `hedgesim compare`: two scenario files on one seed give each file's own plan (the same numbers as
/// `run` with that seed), paired differences whose errors are smaller than unpaired ones, one HTML
/// page, and one-line errors for too few scenarios or an unsupported format.
@Suite struct CompareCommandTests {
    private func files(_ scratch: ScratchDirectory) throws -> [String] {
        let perpetual = scratch.path("perpetual.yaml"), dated = scratch.path("dated.yaml")
        try "paths: 3000\n".write(toFile: perpetual, atomically: true, encoding: .utf8)
        try "paths: 3000\ninstrument: dated\nexpiryDays: 90\n".write(toFile: dated, atomically: true, encoding: .utf8)
        return [perpetual, dated]
    }

    @Test func plansMatchTheirOwnRunsAndDifferencesArePaired() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let inputs = try files(scratch)
        let outcome = try BinaryRunner.run(["compare"] + inputs + ["--seed", "9", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let comparison = try ReportJSON.parse(outcome.stdout)
        let entries = try #require(comparison["entries"] as? [[String: Any]])
        #expect(entries.map { $0["name"] as? String } == ["perpetual", "dated"])
        for (entry, file) in zip(entries, inputs) {
            let single = try ReportJSON.run(["--config", file, "--seed", "9"])
            let recommendation = try #require(single["recommendation"] as? [String: Any])
            let chosen = try #require(entry["recommendation"] as? [String: Any])
            #expect(ReportJSON.number(chosen, "hedgeRatio") == ReportJSON.number(recommendation, "hedgeRatio"))
            #expect(ReportJSON.number(chosen, "leverage") == ReportJSON.number(recommendation, "leverage"))
        }
        let versus = try #require((comparison["comparisons"] as? [[String: Any]])?.first)
        #expect(versus["paired"] as? Bool == true)
        let differences = try #require(versus["differences"] as? [[String: Any]])
        let cells = entries.map { $0["cell"] as? [String: Any] ?? [:] }
        // Common random numbers: the paired error of the stdev difference is below the unpaired one.
        let stdev = try #require(differences.first { $0["statistic"] as? String == "stdev" })
        let unpaired = cells.map { ReportJSON.number($0, "netValueUSD", "standardErrors", "stdev") ?? 0 }
        #expect((ReportJSON.number(stdev, "standardError") ?? .infinity) < (unpaired[0] * unpaired[0] + unpaired[1] * unpaired[1]).squareRoot())
    }

    @Test func writesOneHTMLPage() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let page = scratch.path("compare.html")
        let outcome = try BinaryRunner.run(["compare"] + (try files(scratch)) + ["--seed", "3", "--format", "html", "--output", page])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>") && html.contains("Differences against perpetual"))
    }

    @Test func refusesTooFewScenariosAndCSV() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let inputs = try files(scratch)
        let one = try BinaryRunner.run(["compare", inputs[0]])
        #expect(one.status != 0 && one.stderr.contains("at least two scenarios"))
        let csv = try BinaryRunner.run(["compare"] + inputs + ["--format", "csv"])
        #expect(csv.status != 0 && csv.stderr.contains("csv"))
        #expect(one.stderr.split(separator: "\n").count == 1 && csv.stderr.split(separator: "\n").count == 1)
    }
}
