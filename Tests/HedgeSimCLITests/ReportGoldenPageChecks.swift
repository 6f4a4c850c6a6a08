import Foundation
import HedgeSimCore
import HedgeSimReport
import Testing

/// Properties of the HTML and Markdown reports that the golden files do not state outright: the page
/// fetches nothing, text from the result cannot inject markup, and the rerun instructions really
/// reproduce the run.
@Suite struct ReportGoldenPageChecks {
    @Test func theHTMLPageIsSelfContained() throws {
        let html = try ReportRenderer.render(try ReportGoldenFixture.result(), as: .html)
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        for forbidden in [" src=", "url(", "@import", "<img", "<iframe", "<object", "<embed", "http:", "https:"] {
            #expect(!html.contains(forbidden), "the page contains \(forbidden)")
        }
        // Scripts: only the explorer's inline data block and inline script (HTMLInteractiveTests).
        let scripts = html.components(separatedBy: "<script").dropFirst()
        #expect(
            scripts.map { String($0.prefix { $0 != ">" }) } == [" type=\"application/json\" id=\"explore-data\"", ""],
            "only the explorer's inline data and script")
        let links = html.components(separatedBy: "<link").dropFirst()
        #expect(links.count == 1 && links.allSatisfy { $0.hasPrefix(" rel=\"icon\" href=\"data:,\">") }, "only the empty data: icon")
        for reference in html.components(separatedBy: "href=\"").dropFirst() {
            #expect(reference.hasPrefix("#") || reference.hasPrefix("data:"), "a link that leaves the page: \(reference.prefix(40))")
        }
        #expect(
            html.components(separatedBy: "<svg").count - 1 == 14,
            "charts: explorer, distribution, fan, heat map, P(liq) against leverage, 2 cost, 2 frontier, margin frontier, 2×2 stress")
    }

    @Test func textFromTheResultCannotInjectMarkup() throws {
        var result = try ReportGoldenFixture.result()
        result.recommendation.reason = "<script>alert(\"x\")</script> & *bold* | [link](x)"
        result.stress[0].name = "<b>boom</b>"
        result.stress[0].summary = "a | b\nsecond line"
        let html = try ReportRenderer.render(result, as: .html)
        #expect(!html.contains("<script>alert") && !html.contains("<b>boom"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; *bold*"))
        #expect(html.contains("&lt;b&gt;boom&lt;/b&gt;"))
        let markdown = try ReportRenderer.render(result, as: .markdown)
        // Outside the fenced rerun JSON, where text is shown as code.
        let parts = markdown.components(separatedBy: "```")
        #expect(parts.count == 3)
        let characters = Array(parts[0] + parts[2])
        let bareAngles = characters.indices.filter { characters[$0] == "<" && (($0 == 0) || characters[$0 - 1] != "\\") }
        #expect(bareAngles.isEmpty, "an unescaped < in the Markdown report")
        #expect(markdown.contains("\\<script\\>alert(\"x\")\\</script\\> \\& \\*bold\\* \\| \\[link\\](x)"))
        let stressTable = try #require(markdown.components(separatedBy: "\\<b\\>boom\\</b\\>: a \\| b second line").dropFirst().first)
        let header = try #require(stressTable.split(separator: "\n").first { $0.hasPrefix("| Ratio") })
        for row in stressTable.split(separator: "\n").prefix(8) where row.hasPrefix("| ") {
            #expect(row.components(separatedBy: " | ").count == header.components(separatedBy: " | ").count, "\(row)")
        }
    }

    /// The JSON in the report, saved as a scenario file, gives back the scenario, the seed and the
    /// stress list of the run.
    @Test func theRerunConfigReproducesTheRun() throws {
        let result = try ReportGoldenFixture.result()
        let markdown = try ReportRenderer.render(result, as: .markdown)
        let afterFence = try #require(markdown.components(separatedBy: "```json\n").dropFirst().first)
        let json = try #require(afterFence.components(separatedBy: "\n```").first)
        let document = try ScenarioDocument(text: json, source: "report")
        var scenario = Scenario()
        try document.apply(to: &scenario)
        #expect(scenario == result.scenario)
        #expect(document.seed == result.seed)
        #expect(json.contains("\"stress\" : [\"squeeze\", \"crash:0.5:1\"]"))
        let html = try ReportRenderer.render(result, as: .html)
        #expect(html.contains("hedgesim run --config scenario.json --format html --output report.html"))
        #expect(markdown.contains("hedgesim run --config scenario.json --format markdown --output report.md"))
    }

    @Test func everyScenarioFieldIsListed() throws {
        let result = try ReportGoldenFixture.result()
        let encoded = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(result.scenario)) as? [String: Any]
        // The policy rules are grouped in the scenario and listed as their own keys.
        let rules = try #require(encoded?["management"] as? [String: Any])
        let keys = try #require(encoded?.keys).filter { $0 != "management" }.sorted() + rules.keys.sorted()
        let html = try ReportRenderer.render(result, as: .html)
        let markdown = try ReportRenderer.render(result, as: .markdown)
        for key in keys + ["collateral", "expiryDays", "threads", "seed"] {
            #expect(html.contains("<tr><td>\(key)</td>"), "\(key) missing from the HTML scenario table")
            #expect(markdown.contains("| \(key) |"), "\(key) missing from the Markdown scenario table")
        }
    }
}
