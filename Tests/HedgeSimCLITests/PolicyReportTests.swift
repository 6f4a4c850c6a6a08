import Foundation
import HedgeSimCore
import HedgeSimReport
import Testing

/// The reports of a run with margin policies: the HTML page gets the "Managing the margin" chart (one bar
/// per policy and cell) with the table of what each policy did, and its contents link; the Markdown
/// report gets the table; a run without a policy has neither; the text table labels managed cells.
@Suite struct PolicyReportTests {
    @Test func htmlHasThePolicyChartOnlyWithPolicies() throws {
        var scenario = Scenario()
        scenario.paths = 2_000
        scenario.hedgeRatios = [0, 1]
        scenario.leverages = [5, 10]
        scenario.policies = [.none, .topUp, .deleverage, .rehedge]
        let managed = try HedgeSimulation.run(scenario, seed: 3)
        let page = try HTMLReport.render(managed)
        let section = try #require(page.range(of: "<section id=\"policies\">").map { page[$0.lowerBound...] })
        let chart = section[..<(section.range(of: "</section>")?.lowerBound ?? section.endIndex)]
        #expect(page.contains("<a href=\"#policies\">"))
        #expect(chart.components(separatedBy: "<rect").count - 1 >= 8, "four bars per hedged cell (2 cells)")
        #expect(chart.contains("1 · 5x") && chart.contains("1 · 10x"))
        for label in ["5x top-up", "10x deleverage", "10x rehedge"] {
            #expect(chart.contains("<td>\(label)</td>"), "the table's row \(label)")
            #expect(TableReport.render(managed).contains(label))
        }
        #expect(try MarkdownReport.render(managed).contains("## Managing the margin"))

        scenario.policies = [.none]
        let plain = try HTMLReport.render(try HedgeSimulation.run(scenario, seed: 3))
        #expect(!plain.contains("id=\"policies\"") && !plain.contains("#policies"))
    }
}
