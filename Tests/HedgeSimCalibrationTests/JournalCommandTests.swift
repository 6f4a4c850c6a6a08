import Foundation
import Testing

/// `hedgesim journal` end to end: the example journal in the three formats, the comparison with the
/// scenario that chose the hedge, and bad input giving one line, a non-zero exit and no file.
@Suite struct JournalCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let journal = root.appendingPathComponent("Examples/journal/hedges.csv").path
    static let scenario = root.appendingPathComponent("Examples/journal/chosen.yaml").path

    @Test func reportsTheExampleJournalInEveryFormat() throws {
        let table = try Hedgesim.run(["journal", Self.journal])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("march-2024") && table.stdout.contains("Per year") && !table.stdout.contains("Against the scenario"))
        let json = try Hedgesim.run(["journal", Self.journal, "--config", Self.scenario, "--paths", "4000", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let hedges = try #require(document["hedges"] as? [[String: Any]])
        #expect(hedges.map { $0["label"] as? String } == ["march-2024", "year-end"])
        #expect((document["years"] as? [[String: Any]])?.compactMap { $0["year"] as? Int } == [2024, 2025])
        let comparison = try #require(document["comparison"] as? [String: Any])
        #expect(comparison["paths"] as? Int == 4000 && comparison["seed"] as? Int == 7 && comparison["hedgeRatio"] as? Double == 1)
        let placements = try #require(comparison["placements"] as? [[String: Any]])
        #expect(placements.count == 2 && placements.allSatisfy { ($0["percentile"] as? Double).map { (0...1).contains($0) } ?? false })
        let folder = try Folder()
        defer { folder.remove() }
        let page = folder.path("journal.html")
        let html = try Hedgesim.run(["journal", Self.journal, "--config", Self.scenario, "--paths", "4000", "--format", "html", "--output", page])
        #expect(html.status == 0 && html.stdout.isEmpty, "\(html.stderr)")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.contains("<svg") && text.contains("simulated mean") && text.contains("march-2024 (p") && !text.contains("<link") && !text.contains("src="))
    }

    @Test(arguments: [
        (["journal", "missing.csv"], "file"),
        (["journal", "JOURNAL", "--layout", "binance"], "layout"),
        (["journal", "JOURNAL", "--holding", "3"], "holding"),
        (["journal", "JOURNAL", "--seed", "4"], "seed"),
        (["journal", "BAD"], "unknown column"),
        (["journal", "JOURNAL", "--scenario", "default", "--ratios", "0", "--paths", "500"], "advises no hedge"),
    ])
    func badInputIsOneLineAndWritesNothing(arguments: [String], needle: String) throws {
        let folder = try Folder()
        defer { folder.remove() }
        let bad = try folder.write("time,type,side,quantity,price,colour\n2024-01-01,trade,sell,1,1,red\n", to: "bad.csv")
        let output = folder.path("out.txt")
        let resolved = arguments.map { $0 == "JOURNAL" ? Self.journal : $0 == "BAD" ? bad : $0 } + ["--output", output]
        let outcome = try Hedgesim.run(resolved)
        #expect(outcome.status != 0)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1 && outcome.stderr.contains(needle), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
