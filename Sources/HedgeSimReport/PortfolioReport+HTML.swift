import Foundation
import HedgeSimCore

extension PortfolioReport {
    /// The report as one self-contained HTML page (inline CSS and SVG): the correlation heat map, each
    /// coin alone, every cell, the minimum-variance hedge and the choice.
    public static func html(_ r: PortfolioResult) -> String {
        typealias F = NumberFormatting
        let s = r.scenario
        var body = "<h1>HedgeSim portfolio</h1>\n<p>\(r.tool.htmlEscaped) · seed \(r.seed) · "
            + "\(F.grouped(Double(s.paths))) paths · \(F.compact(s.horizonDays)) days · start \(F.grouped(s.startValueUSD)) USD</p>\n"
        body += "<p class=\"advice\">\(r.recommendation.htmlEscaped)</p>\n"
        body += "<h2>Correlation of the coins' shocks</h2>\n<figure>\(heatMap(s))</figure>\n"
        body += "<h2>Each coin alone</h2>\n<table><tr><th>coin</th><th>model</th><th>holding</th><th>mean USD</th><th>stdev USD</th>"
            + "<th>ES95 USD</th></tr>\n"
        for (asset, outcome) in zip(s.assets, r.assets) {
            let d = outcome.netValueUSD
            body += "<tr><td>\(asset.name.htmlEscaped)</td><td class=\"text\">\(model(of: asset).htmlEscaped)</td><td>\(F.compact(asset.holding))</td>"
                + "<td>\(F.grouped(d.mean))</td><td>\(F.grouped(d.stdev))</td><td>\(F.grouped(d.es95))</td></tr>\n"
        }
        body += "</table>\n"
        if s.assets.contains(where: \.isGarch) {
            body += "<p>GARCH-t shocks with ν \(F.compact(s.degreesOfFreedom)), one mixing variable for every GARCH coin.</p>\n"
        }
        body += "<h2>Hedges</h2>\n<ul>\n"
            + s.hedges.enumerated().map { i, h in "<li>\(describe(h, number: i + 1, in: s).htmlEscaped)</li>\n" }.joined() + "</ul>\n"
        body += "<h2>Cells</h2>\n<table><tr>"
            + s.hedges.map { "<th>\($0.label.htmlEscaped)</th>" }.joined()
            + "<th>mean USD</th><th>stdev USD</th><th>ES95 USD</th><th>ES99 USD</th><th>effect</th>"
            + s.hedges.map { "<th>P(liq) \($0.label.htmlEscaped), upper</th>" }.joined() + "</tr>\n"
        for (index, cell) in r.cells.enumerated() {
            let d = cell.netValueUSD
            body += "<tr\(index == r.recommendedCell ? " class=\"chosen\"" : "")>"
                + cell.ratios.map { "<td>\(F.compact($0))</td>" }.joined()
                + [d.mean, d.stdev, d.es95, d.es99].map { "<td>\(F.grouped($0))</td>" }.joined()
                + "<td>\(cell.hedgeEffectiveness.map { F.percent($0, decimals: 0) } ?? "–")</td>"
                + cell.liquidation.map { "<td>\($0.map { F.percent($0.ci95[1], decimals: 2) } ?? "–")</td>" }.joined() + "</tr>\n"
        }
        body += "</table>\n"
        if let m = r.minimumVariance {
            body += "<h2>Minimum-variance hedge</h2>\n<table><tr><th>contract</th><th>short USD</th><th>± s.e.</th><th>ratio</th><th>± s.e.</th></tr>\n"
            for c in m.contracts {
                body += "<tr><td>\(c.label.htmlEscaped)</td><td>\(F.grouped(c.notionalUSD))</td><td>\(F.grouped(c.standardErrorUSD))</td>"
                    + "<td>\(String(format: "%.4f", c.ratio))</td><td>\(String(format: "%.4f", c.ratioStandardError))</td></tr>\n"
            }
            body += "</table>\n<p>Variance no contract removes (basis risk): \(F.percent(m.residualVarianceShare, decimals: 2)) of the unhedged variance.</p>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>HedgeSim portfolio</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; font-size: 13px; margin-bottom: 1em; }
            th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
            td.text { text-align: left; }
            tr.chosen { background: #e3f0e3; font-weight: 600; }
            .advice { font-size: 15px; max-width: 60em; }
            svg { font-family: system-ui, sans-serif; }
            </style></head><body>
            \(body)</body></html>

            """
    }

    /// A K×K grid coloured from blue (−1) through white (0) to red (+1), each cell labelled.
    static func heatMap(_ s: PortfolioScenario) -> String {
        let k = s.assets.count
        let cell = k > 10 ? 30.0 : 48.0, left = 60.0, top = 40.0
        let size = left + Double(k) * cell + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(size))\" height=\"\(Int(top + Double(k) * cell + 10))\" "
            + "role=\"img\" aria-label=\"correlation heat map\" font-size=\"\(k > 10 ? 9 : 12)\">\n"
        for (i, asset) in s.assets.enumerated() {
            let name = asset.name.htmlEscaped
            svg += "<text x=\"\(left - 6)\" y=\"\(top + (Double(i) + 0.5) * cell + 4)\" text-anchor=\"end\">\(name)</text>"
                + "<text x=\"\(left + (Double(i) + 0.5) * cell)\" y=\"\(top - 8)\" text-anchor=\"middle\">\(name)</text>\n"
            for j in 0..<k {
                let rho = s.correlations[i][j]
                let shade = Int((1 - abs(rho)) * 255)
                let fill = rho >= 0 ? "rgb(255,\(shade),\(shade))" : "rgb(\(shade),\(shade),255)"
                svg += "<rect x=\"\(left + Double(j) * cell)\" y=\"\(top + Double(i) * cell)\" width=\"\(cell)\" height=\"\(cell)\" "
                    + "fill=\"\(fill)\" stroke=\"#fff\"/><text x=\"\(left + (Double(j) + 0.5) * cell)\" y=\"\(top + (Double(i) + 0.5) * cell + 4)\" "
                    + "text-anchor=\"middle\" fill=\"\(abs(rho) > 0.6 ? "#fff" : "#222")\">\(String(format: "%.2f", rho))</text>\n"
            }
        }
        return svg + "</svg>"
    }
}
