import Foundation
import Testing

/// `hedgesim portfolio` end to end: the example in JSON and HTML, and bad files giving one line, exit 64
/// and nothing written.
@Suite struct PortfolioCommandTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/portfolio/three-coins.yaml").path

    @Test func reportsTheExampleAsJSONAndHTML() throws {
        let json = try BinaryRunner.run(["portfolio", Self.example, "--paths", "2000", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["cells"] as? [Any])?.count == 27 && (document["assets"] as? [Any])?.count == 3)
        let minimum = try #require(document["minimumVariance"] as? [String: Any])
        #expect((minimum["contracts"] as? [[String: Any]])?.compactMap { $0["contract"] as? String } == ["BTC", "ETH"])
        #expect(document["recommendedCell"] is Int)
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let page = scratch.path("p.html")
        let html = try BinaryRunner.run(["portfolio", Self.example, "--paths", "2000", "--format", "html", "--output", page])
        #expect(html.status == 0 && html.stdout.isEmpty, "\(html.stderr)")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.contains("correlation heat map") && text.contains("class=\"chosen\""))
    }

    @Test(arguments: [
        ("correlations: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]", "not positive semi-definite"),
        ("hedges:\n  - {asset: BTC, contract: DOGE, ratios: [1], leverage: 3}", "invalid hedges[0].contract: DOGE"),
        ("hedges:\n  - {asset: BTC, ratios: [1], leverage: 3, colour: red}", "invalid hedges[0].colour"),
    ])
    func badFilesAreOneLineAndWriteNothing(replacement: String, needle: String) throws {
        let original = try String(contentsOfFile: Self.example, encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        let key = replacement.hasPrefix("correlations") ? "correlations:" : "hedges:"
        let start = try #require(lines.firstIndex(of: key))
        var end = start + 1
        while end < lines.count, lines[end].hasPrefix("  ") { end += 1 }
        lines.replaceSubrange(start..<end, with: [replacement])
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let file = try scratch.write(Data(lines.joined(separator: "\n").utf8), to: "bad.yaml")
        let output = scratch.path("out.txt")
        let outcome = try BinaryRunner.run(["portfolio", file, "--output", output])
        #expect(outcome.status == 64)
        #expect(outcome.stderrLines.count == 1 && outcome.stderr.contains(needle), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
