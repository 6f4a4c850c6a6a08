import Foundation
import HedgeSimCore
import HedgeSimReport
import Testing

/// The HTML report's "Explore a cell" section: the figures embedded in the page are every cell's, in
/// order, as valid JSON with nothing non-finite; the controls open on the recommended cell and offer
/// only the pairs the run simulated; the section stays hidden until its script runs. That the script
/// really changes the figures is checked in a browser (`Scripts/check-report-in-browser.sh`).
@Suite struct HTMLInteractiveTests {
    /// The JSON block of `html`, parsed.
    static func embedded(_ html: String) throws -> [String: Any] {
        let pattern = try NSRegularExpression(
            pattern: "<script type=\"application/json\" id=\"explore-data\">(.*?)</script>", options: [.dotMatchesLineSeparators])
        let range = NSRange(html.startIndex..., in: html)
        let matches = pattern.matches(in: html, range: range)
        #expect(matches.count == 1, "one embedded data block")
        let match = try #require(matches.first)
        let text = try #require(Range(match.range(at: 1), in: html).map { String(html[$0]) })
        #expect(!text.contains("<"), "a < in the data block could end it")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The `<select>` with `id` in `html`: its options as (value, label, selected).
    static func options(_ html: String, id: String) throws -> [(value: String, label: String, selected: Bool)] {
        let select = try #require(html.components(separatedBy: "<select id=\"\(id)\">").dropFirst().first?
            .components(separatedBy: "</select>").first)
        return select.components(separatedBy: "<option value=\"").dropFirst().map { option in
            let value = String(option.prefix { $0 != "\"" })
            let label = option.components(separatedBy: ">").dropFirst().first?.components(separatedBy: "<").first ?? ""
            return (value, label, option.hasPrefix(value + "\" selected>"))
        }
    }

    /// Whether a number parsed by `JSONSerialization` is `expected`: to a relative 1e-15, because
    /// Foundation's parser on Linux may miss the last bit of a double that the encoder wrote exactly.
    static func same(_ parsed: Any?, _ expected: Double?) -> Bool {
        guard let value = parsed as? Double, let expected else { return false }
        return abs(value - expected) <= 1e-15 * max(abs(value), abs(expected))
    }

    @Test func thePageEmbedsEveryCellsFigures() throws {
        let result = try ReportGoldenFixture.result()
        let data = try Self.embedded(try ReportRenderer.render(result, as: .html))
        let cells = try #require(data["cells"] as? [[String: Any]])
        #expect(cells.count == result.cells.count)
        for (cell, summary) in zip(cells, result.cells) {
            #expect(Self.same(cell["ratio"], summary.hedgeRatio))
            #expect(Self.same(cell["leverage"], summary.leverage))
            let value = try #require(cell["value"] as? [String: Any])
            #expect(Self.same(value["mean"], summary.netValueUSD.mean))
            #expect(Self.same(value["es99"], summary.netValueUSD.es99))
            for level in ValueDistribution.levels {
                #expect(Self.same(value["q" + level.key], summary.netValueUSD.quantiles[level.key]))
            }
            let errors = try #require(cell["valueErrors"] as? [String: Any])
            #expect(Self.same(errors["mean"], summary.netValueUSD.standardErrors?.mean))
            let liquidation = try #require(cell["liquidation"] as? [String: Any])
            #expect(Self.same(liquidation["probability"], summary.liquidation.probability))
            #expect(Self.same(liquidation["low"], summary.liquidation.ci95[0]))
            #expect(Self.same(liquidation["high"], summary.liquidation.ci95[1]))
            let cost = try #require(cell["cost"] as? [String: Any])
            #expect(Self.same(cost["funding"], summary.cost.fundingUSD))
            #expect(Self.same(cost["liquidation"], summary.cost.liquidationLossUSD))
            #expect(Self.same(cost["total"], summary.cost.totalUSD))
            let position = try #require(cell["position"] as? [String: Any])
            #expect(Self.same(position["marginCoin"], summary.marginCoin))
        }
        #expect(data["ratios"] as? [Double] == [0, 0.5, 1])
        #expect(Self.same(data["limit"], result.scenario.maxLiquidationProbability))
        #expect(Self.same(data["startUSD"], result.scenario.holding * result.scenario.price))
    }

    @Test func theControlsOpenOnTheRecommendedCell() throws {
        let result = try ReportGoldenFixture.result()
        let html = try ReportRenderer.render(result, as: .html)
        let data = try Self.embedded(html)
        let recommended = try #require(
            result.cells.firstIndex { $0.hedgeRatio == result.recommendation.hedgeRatio && $0.leverage == result.recommendation.leverage })
        #expect(data["recommended"] as? Int == recommended)
        let cell = result.cells[recommended]
        let ratios = try Self.options(html, id: "explore-ratio")
        #expect(ratios.map(\.label) == ["0", "0.5", "1"])
        let ratioIndex = try #require([0, 0.5, 1].firstIndex(of: cell.hedgeRatio))
        #expect(ratios.filter(\.selected).map(\.value) == [String(ratioIndex)])
        // The leverage options are the cells simulated at the recommended ratio, named by index.
        let leverages = try Self.options(html, id: "explore-leverage")
        let atRatio = result.cells.indices.filter { result.cells[$0].hedgeRatio == cell.hedgeRatio }
        #expect(leverages.map(\.value) == atRatio.map(String.init))
        #expect(leverages.map(\.label) == ["2x", "5x"])
        #expect(leverages.filter(\.selected).map(\.value) == [String(recommended)])
    }

    /// Without JavaScript nothing of the section shows; the script is inline and cannot end early.
    @Test func theSectionIsProgressiveEnhancement() throws {
        let html = try ReportRenderer.render(try ReportGoldenFixture.result(), as: .html)
        #expect(html.contains("<section id=\"explore\" hidden>"))
        let script = try #require(html.components(separatedBy: "<script>\n").dropFirst().first?.components(separatedBy: "</script>").first)
        #expect(script.contains("section.hidden = false"))
        #expect(!script.contains("</") && !script.contains("<!--"), "nothing in the script can end its element")
        #expect(html.components(separatedBy: "<script").count - 1 == 2, "the data block and the script")
    }

    @Test func nonFiniteFiguresBecomeNull() throws {
        var result = try ReportGoldenFixture.result()
        result.cells[1].netValueUSD.mean = .nan
        result.cells[1].cost.totalUSD = .infinity
        result.cells[1].netValueUSD.quantiles["0.99"] = -.infinity
        result.cells[1].liquidation.meanTimeDays = nil
        let html = try ReportRenderer.render(result, as: .html)
        let data = try Self.embedded(html)
        let cells = try #require(data["cells"] as? [[String: Any]])
        let value = try #require(cells[1]["value"] as? [String: Any])
        #expect(value["mean"] is NSNull && value["q0.99"] is NSNull)
        #expect((cells[1]["cost"] as? [String: Any])?["total"] is NSNull)
        #expect((cells[1]["liquidation"] as? [String: Any])?["meanDays"] is NSNull)
        #expect(Self.same(value["stdev"], result.cells[1].netValueUSD.stdev))
    }
}
