import Foundation

extension JournalReport {
    /// The report as one self-contained HTML page (inline CSS and SVG): the hedges, the years, the whole
    /// journal and, with a scenario, a chart of the simulated cost distribution with each realised cost
    /// marked on it.
    public func html() -> String {
        let title = "HedgeSim journal · \(source)"
        func cell(_ text: String) -> String { "<td>\(BacktestText.html(text))</td>" }
        var body = "<h1>\(BacktestText.html(title))</h1>\n<p>\(BacktestText.html(tool)) · \(layout.rawValue) layout · "
            + "\(hedges.count) hedge\(hedges.count == 1 ? "" : "s"). Costs are positive when the insurance cost the holder; "
            + "each flow is valued at the price of its own row.</p>\n"
        body += "<h2>Hedges</h2>\n<table>\n<tr>" + JournalReport.hedgeColumns.map { "<th>\(BacktestText.html($0.0))</th>" }.joined() + "</tr>\n"
        for hedge in hedges {
            let c = hedge.cost
            body += "<tr>" + [
                hedge.label, hedge.instrument.rawValue, hedge.opened, hedge.closed ?? "open", String(format: "%.1f", hedge.days),
                JournalReport.usd(hedge.peakNotionalUSD), JournalReport.usd(c.fees.usd), JournalReport.usd(c.netFunding.usd),
                hedge.basisSeparated ? JournalReport.usd(c.basis.usd) : "n/a", JournalReport.usd(c.liquidation.usd),
                JournalReport.usd(c.total.usd), String(format: "%.6f", c.total.coin),
                hedge.annualisedPercent.map { String(format: "%.2f %%", $0) } ?? "n/a",
            ].map(cell).joined() + "</tr>\n"
        }
        body += "</table>\n<h2>Per year</h2>\n<table>\n<tr><th>year</th><th>hedges</th><th>fees</th><th>funding received</th>"
            + "<th>funding paid</th><th>basis</th><th>liquidations</th><th>total USD</th><th>total coin</th></tr>\n"
        for year in years {
            let c = year.cost
            body += "<tr>" + [
                String(year.year), year.hedges.joined(separator: ", "), JournalReport.usd(c.fees.usd), JournalReport.usd(c.fundingReceived.usd),
                JournalReport.usd(c.fundingPaid.usd), JournalReport.usd(c.basis.usd), JournalReport.usd(c.liquidation.usd),
                JournalReport.usd(c.total.usd), String(format: "%.6f", c.total.coin),
            ].map(cell).joined() + "</tr>\n"
        }
        body += "</table>\n<p>Whole journal: \(JournalReport.usd(total.total.usd)) USD = \(String(format: "%.6f", total.total.coin)) coin.</p>\n"
        if let comparison {
            body += "<h2>Realised against simulated</h2>\n<p>" + comparison.lines().map(BacktestText.html).joined(separator: "<br>\n") + "</p>\n"
            body += "<figure>\(comparison.svg())</figure>\n"
        }
        return HTMLPage.document(title: title, body: body, leftColumns: 4, extraStyle: "td { white-space: nowrap; }\n")
    }
}

extension JournalComparison {
    /// A box plot of the simulated cost (% of notional per year: whiskers p05–p95, box p25–p75, median
    /// line, mean diamond) on one axis with each realised hedge cost marked in red.
    func svg() -> String {
        let width = 760.0, height = 200.0, left = 40.0, right = 40.0, axisY = 150.0
        let values = quantiles.values + [meanAnnualisedPercent] + placements.map(\.realisedAnnualisedPercent)
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high - low < 1e-9 { (low, high) = (low - 1, high + 1) }
        let pad = (high - low) * 0.08
        (low, high) = (low - pad, high + pad)
        func x(_ value: Double) -> Double { left + (value - low) / (high - low) * (width - left - right) }
        func q(_ key: String) -> Double { x(quantiles[key] ?? 0) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" "
            + "aria-label=\"simulated cost distribution with the realised costs\" font-size=\"12\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(width - right)\" y2=\"\(axisY)\" stroke=\"#444\"/>\n"
        for tick in 0...5 {
            let value = low + (high - low) * Double(tick) / 5
            svg += "<line x1=\"\(x(value))\" y1=\"\(axisY)\" x2=\"\(x(value))\" y2=\"\(axisY + 5)\" stroke=\"#444\"/>"
                + "<text x=\"\(x(value))\" y=\"\(axisY + 18)\" text-anchor=\"middle\">\(String(format: "%.2f", value)) %</text>\n"
        }
        svg += "<text x=\"\(width / 2)\" y=\"\(axisY + 40)\" text-anchor=\"middle\">cost, % of notional per year</text>\n"
        let boxTop = 70.0, boxBottom = 110.0, middle = (boxTop + boxBottom) / 2
        svg += "<line x1=\"\(q("p05"))\" y1=\"\(middle)\" x2=\"\(q("p95"))\" y2=\"\(middle)\" stroke=\"#4a6fa5\"/>\n"
            + "<rect x=\"\(q("p25"))\" y=\"\(boxTop)\" width=\"\(max(1, q("p75") - q("p25")))\" height=\"\(boxBottom - boxTop)\" "
            + "fill=\"#c9d7ea\" stroke=\"#4a6fa5\"/>\n"
            + "<line x1=\"\(q("p50"))\" y1=\"\(boxTop)\" x2=\"\(q("p50"))\" y2=\"\(boxBottom)\" stroke=\"#1f3b63\" stroke-width=\"2\"/>\n"
        for key in ["p05", "p95"] {
            svg += "<line x1=\"\(q(key))\" y1=\"\(boxTop + 10)\" x2=\"\(q(key))\" y2=\"\(boxBottom - 10)\" stroke=\"#4a6fa5\"/>"
                + "<text x=\"\(q(key))\" y=\"\(boxTop - 6)\" text-anchor=\"middle\" fill=\"#4a6fa5\">\(key)</text>\n"
        }
        let mean = x(meanAnnualisedPercent)
        svg += "<path d=\"M\(mean) \(middle - 6) L\(mean + 6) \(middle) L\(mean) \(middle + 6) L\(mean - 6) \(middle) Z\" fill=\"#1f3b63\"/>"
            + "<text x=\"\(mean)\" y=\"\(boxBottom + 16)\" text-anchor=\"middle\" fill=\"#1f3b63\">simulated mean</text>\n"
        for (offset, placement) in placements.enumerated() {
            let at = x(placement.realisedAnnualisedPercent)
            let labelY = 20.0 + Double(offset % 3) * 14
            svg += "<line x1=\"\(at)\" y1=\"\(labelY + 4)\" x2=\"\(at)\" y2=\"\(axisY)\" stroke=\"#c0392b\" stroke-dasharray=\"3 2\"/>"
                + "<circle cx=\"\(at)\" cy=\"\(middle)\" r=\"5\" fill=\"#c0392b\"/>"
                + "<text x=\"\(at)\" y=\"\(labelY)\" text-anchor=\"middle\" fill=\"#c0392b\">"
                + "\(BacktestText.html(placement.hedge)) (p\(String(format: "%.0f", placement.percentile * 100)))</text>\n"
        }
        return svg + "</svg>"
    }
}
