import Foundation
import HedgeSimCore

/// The "Explore a cell" section of the HTML report: two controls pick a hedge ratio and one of the
/// leverages simulated at it, and a panel shows that cell's net USD value at the horizon (mean with its
/// standard error, stdev, VaR and ES at 95 and 99 %, the seven quantiles, drawn as nested ranges on
/// one scale for every cell), its P(liquidation) with the Wilson 95 % interval against the limit, its
/// position, and its expected cost by component. It opens on the recommended cell.
///
/// Progressive enhancement: the section is `hidden` in the markup and the page's inline script
/// (`HTMLExplorerScript`) fills the panel and shows it, so without JavaScript the page reads as it
/// does without the section. The figures are a JSON block in the page (`data`), so the page still
/// fetches nothing. Opened with the fragment `#selftest`, the script works the controls itself and
/// writes "PASS" or "FAIL: …" into the section's `data-selftest` attribute and the page title.
enum HTMLExplorer {
    private typealias F = NumberFormatting

    /// One cell's figures as the script reads them. Amounts are USD per path unless the key names
    /// coin; probabilities and the effectiveness are fractions. `nil` (JSON `null`) stands for a value
    /// that is absent or not finite, so NaN and ∞ never reach the page.
    struct Cell: Encodable {
        var ratio: Double?
        var leverage: Double?
        /// The leverage with the margin policy, as the control lists it ("5x", "5x top-up").
        var label: String
        /// `notionalUSD`, `marginCoin`, and `liquidationPriceUSD` (null: no price liquidates the short).
        var position: [String: Double?]
        /// The net value at the horizon: `mean`, `stdev`, `var95`, `var99`, `es95`, `es99` (losses
        /// against the start), the quantiles `q0.01` … `q0.99`, and `effectiveness` (null without one).
        var value: [String: Double?]
        /// Standard errors of `value`'s statistics, same keys less `effectiveness`; left out when the
        /// run has none (fewer than 32 paths).
        var valueErrors: [String: Double?]?
        /// `probability`, the Wilson 95 % interval `low` and `high` (the panel says whether `high` is
        /// within the limit), and `meanDays`, the mean day of liquidation among liquidated paths (null:
        /// none was liquidated).
        var liquidation: [String: Double?]
        /// The expected cost: `funding`, `fees`, `basis`, `liquidation`, `total`, and `perYearPercent`
        /// (the total in percent of the notional per year).
        var cost: [String: Double?]
        /// Standard errors of `cost`, same keys; left out with a single block of paths.
        var costErrors: [String: Double?]?
    }

    /// What the script needs besides the cells.
    private struct Header: Encodable {
        /// The starting value `S·P₀` in USD (the chart's dashed line).
        var startUSD: Double?
        /// The recommender's limit on the upper end of the P(liquidation) interval, a fraction.
        var limit: Double?
        /// The index in `cells` of the recommended cell.
        var recommended: Int
        /// The distinct hedge ratios in cell order: the ratio control's option values index it.
        var ratios: [Double?]
    }

    /// The section: explanation, controls, the panel the script fills, the data and the script.
    static func section(_ result: SimulationResult, _ selection: ReportSelection) throws -> String {
        let recommendedRatio = selection.position(of: selection.recommended.cell).ratio
        let ratios = selection.ratios.enumerated().map { index, ratio in
            option(index, F.compact(ratio), selected: index == recommendedRatio)
        }
        let leverages = result.cells.enumerated().filter { selection.position(of: $0.offset).ratio == recommendedRatio }.map { index, cell in
            option(index, cell.leverageLabel, selected: selection.isRecommended(cell))
        }
        let chart = "<svg class=\"chart\" id=\"explore-chart\" viewBox=\"0 0 680 100\" role=\"img\" "
            + "aria-label=\"Quantiles of the net value at the horizon of the picked cell\"></svg>"
        let ranges = "rgba(24,100,171,"
        let legend = HTMLFragments.legend([
            .init(label: "1–99 % of paths", colour: ChartPalette.recommended, swatch: .line),
            .init(label: "5–95 %", colour: ranges + "0.35)"),
            .init(label: "25–75 %", colour: ranges + "0.75)"),
            .init(label: "Median", colour: ChartPalette.total, swatch: .line),
            .init(label: "Mean", colour: ChartPalette.unhedged),
            .init(label: "Starting value", colour: "#868e96", swatch: .dash),
        ])
        let groups = [
            group("Net value at the horizon", [
                ("Mean", "mean"), ("Stdev", "stdev"), ("VaR 95 %", "var95"), ("VaR 99 %", "var99"), ("ES 95 %", "es95"),
                ("ES 99 %", "es99"), ("Effectiveness", "effectiveness"),
            ]),
            group("Liquidation", [
                ("P(liquidation)", "probability"), ("95 % interval", "interval"), ("Against the limit", "limit"),
                ("Mean liquidation day", "meanDays"), ("Liquidation price", "liquidationPrice"), ("Notional", "notional"),
                ("Margin", "margin"),
            ]),
            group("Expected hedge cost per path", [
                ("Funding", "funding"), ("Fees", "fees"), ("Basis", "basis"), ("Liquidation", "liquidation"), ("Total", "total"),
                ("Per year of notional", "perYear"),
            ]),
        ]
        return HTMLFragments.section(
            id: "explore", title: "Explore a cell",
            body: [
                HTMLFragments.explanation(
                    "Pick a hedge ratio and a leverage (only the pairs this run simulated) to see that cell's figures, from "
                        + "the same run as the tables; it opens on the recommended cell. ± is the Monte Carlo standard error; "
                        + "VaR and ES are losses against the start (negative = gain); costs are positive when they cost the holder. "
                        + "The chart has one scale for every cell, so the ranges move as the pick changes."),
                "<div class=\"controls\"><label>Hedge ratio <select id=\"explore-ratio\">" + ratios.joined()
                    + "</select></label><label>Leverage <select id=\"explore-leverage\">" + leverages.joined() + "</select></label></div>",
                "<div id=\"explore-panel\" aria-live=\"polite\">\n<h3 data-f=\"title\"></h3>",
                HTMLFragments.figures([chart]),
                legend,
                "<div class=\"groups\">" + groups.joined() + "</div>",
                quantileTable(),
                "</div>",
                "<script type=\"application/json\" id=\"explore-data\">" + (try data(result, selection)) + "</script>",
                "<script>\n" + HTMLExplorerScript.source + "</script>",
            ],
            hidden: true)
    }

    /// The JSON the script reads: `limit`, `ratios`, `recommended`, `startUSD` (`Header`), then
    /// `cells`, one `Cell` a line in the order of `result.cells`. Keys are sorted, so equal results
    /// give equal text, and `<` is written `\u003c`, so no `</script>` can end the block early.
    static func data(_ result: SimulationResult, _ selection: ReportSelection) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        let header = Header(
            startUSD: finite(result.scenario.startValueUSD),
            limit: finite(result.scenario.maxLiquidationProbability),
            recommended: result.cells.firstIndex { selection.isRecommended($0) } ?? 0,
            ratios: selection.ratios.map(finite))
        let cells = try result.cells.map { try json(Cell($0)) }
        let text = String(try json(header).dropLast()) + ",\"cells\":[\n" + cells.joined(separator: ",\n") + "\n]}"
        return text.replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// `value` when it is finite, else nil.
    static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    private static func option(_ value: Int, _ label: String, selected: Bool) -> String {
        "<option value=\"\(value)\"\(selected ? " selected" : "")>\(label.htmlEscaped)</option>"
    }

    /// A heading over label/value pairs whose values the script fills, by the `data-f` key.
    private static func group(_ title: String, _ rows: [(label: String, key: String)]) -> String {
        "<div><h3>\(title.htmlEscaped)</h3><dl class=\"facts\">"
            + rows.map { "<dt>\($0.label.htmlEscaped)</dt><dd data-f=\"\($0.key)\"></dd>" }.joined() + "</dl></div>"
    }

    /// The quantiles of the picked cell and their standard errors, one column per level.
    private static func quantileTable() -> String {
        let levels = ValueDistribution.levels
        let header = levels.map { "<th class=\"n\">\(F.compact($0.p * 100)) %</th>" }.joined()
        func row(_ label: String, _ prefix: String) -> String {
            "<tr><td>\(label)</td>" + levels.map { "<td class=\"n\" data-f=\"\(prefix)\($0.key)\"></td>" }.joined() + "</tr>"
        }
        return "<p class=\"caption\">Net value at the horizon in USD: the value below which the given share of paths ends</p>\n"
            + "<div class=\"scroll\"><table><thead><tr><th></th>\(header)</tr></thead><tbody>"
            + row("Value", "q") + row("Standard error", "e") + "</tbody></table></div>"
    }
}

extension HTMLExplorer.Cell {
    /// The figures of `cell`, every non-finite number nil.
    init(_ cell: CellSummary) {
        let finite = HTMLExplorer.finite
        ratio = finite(cell.hedgeRatio)
        leverage = finite(cell.leverage)
        label = cell.leverageLabel
        position = [
            "notionalUSD": finite(cell.notionalUSD), "marginCoin": finite(cell.marginCoin),
            "liquidationPriceUSD": cell.liquidationPriceUSD.flatMap(finite),
        ]
        let usd = cell.netValueUSD
        value = Self.statistics(
            mean: usd.mean, stdev: usd.stdev, var95: usd.var95, var99: usd.var99, es95: usd.es95, es99: usd.es99,
            quantiles: usd.quantiles)
        value.updateValue(cell.hedgeEffectiveness.flatMap(finite), forKey: "effectiveness")
        valueErrors = usd.standardErrors.map { errors in
            Self.statistics(
                mean: errors.mean, stdev: errors.stdev, var95: errors.var95, var99: errors.var99, es95: errors.es95,
                es99: errors.es99, quantiles: errors.quantiles)
        }
        let interval = cell.liquidation.ci95
        liquidation = [
            "probability": finite(cell.liquidation.probability),
            "low": interval.first.flatMap(finite), "high": interval.count == 2 ? finite(interval[1]) : nil,
            "meanDays": cell.liquidation.meanTimeDays.flatMap(finite),
        ]
        let cost = cell.cost
        self.cost = Self.cost(
            funding: cost.fundingUSD, fees: cost.feesUSD, basis: cost.basisUSD, liquidation: cost.liquidationLossUSD,
            total: cost.totalUSD, perYearPercent: cost.annualisedPercent)
        costErrors = cost.standardErrors.map { errors in
            Self.cost(
                funding: errors.fundingUSD, fees: errors.feesUSD, basis: errors.basisUSD, liquidation: errors.liquidationLossUSD,
                total: errors.totalUSD, perYearPercent: errors.annualisedPercent)
        }
    }

    /// The keys of `value` (or of its errors) less `effectiveness`; quantiles under `q` + their level.
    private static func statistics(
        mean: Double, stdev: Double, var95: Double, var99: Double, es95: Double, es99: Double, quantiles: [String: Double]
    ) -> [String: Double?] {
        let finite = HTMLExplorer.finite
        var figures: [String: Double?] = [
            "mean": finite(mean), "stdev": finite(stdev), "var95": finite(var95), "var99": finite(var99), "es95": finite(es95),
            "es99": finite(es99),
        ]
        for level in ValueDistribution.levels { figures.updateValue(quantiles[level.key].flatMap(finite), forKey: "q" + level.key) }
        return figures
    }

    /// The keys of `cost` (or of its errors).
    private static func cost(
        funding: Double, fees: Double, basis: Double, liquidation: Double, total: Double, perYearPercent: Double
    ) -> [String: Double?] {
        let finite = HTMLExplorer.finite
        return [
            "funding": finite(funding), "fees": finite(fees), "basis": finite(basis), "liquidation": finite(liquidation),
            "total": finite(total), "perYearPercent": finite(perYearPercent),
        ]
    }
}
