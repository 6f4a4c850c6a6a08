import Foundation
import HedgeSimCore
import HedgeSimReport
import Testing

/// The reports of a run with the top-up policy: the HTML page gets the "Managing the margin" chart (one
/// pair of bars and one coins-moved label per managed cell) and its contents link; a run without the
/// policy has neither; the table labels managed cells.
@Suite struct PolicyReportTests {
    @Test func htmlHasThePolicyChartOnlyWithPolicies() throws {
        var scenario = Scenario()
        scenario.paths = 2_000
        scenario.hedgeRatios = [0, 1]
        scenario.leverages = [5, 10]
        scenario.policies = [.none, .topUp]
        let managed = try HedgeSimulation.run(scenario, seed: 3)
        let page = try HTMLReport.render(managed)
        let section = try #require(page.range(of: "<section id=\"policies\">").map { page[$0.lowerBound...] })
        let chart = section[..<(section.range(of: "</section>")?.lowerBound ?? section.endIndex)]
        #expect(page.contains("<a href=\"#policies\">"))
        #expect(chart.components(separatedBy: "<rect").count - 1 >= 4, "a pair of bars per managed cell (2 cells)")
        #expect(chart.contains("1 · 5x") && chart.contains("1 · 10x"))
        #expect(TableReport.render(managed).contains("5x top-up"))

        scenario.policies = [.none]
        let plain = try HTMLReport.render(try HedgeSimulation.run(scenario, seed: 3))
        #expect(!plain.contains("id=\"policies\"") && !plain.contains("#policies"))
    }
}
