import Foundation

extension BacktestReport {
    /// The report as one self-contained HTML page (inline CSS and SVG, no external assets): the settings
    /// and method, a chart per model of the unhedged holding's realised loss against its forecast VaR
    /// with the exceedances marked, the VaR backtest table and the realised hedge outcomes.
    public func html() -> String {
        let title = "HedgeSim backtest · \(settings.horizonDays)-day horizon"
        var body = "<h1>\(BacktestText.html(title))</h1>\n<p>\(BacktestText.html(tool)) · prices \(BacktestText.html(data.prices))"
            + (data.funding.map { " · funding \(BacktestText.html($0))" } ?? "")
            + " · \(windows.count) windows \(data.firstWindowEnd) … \(data.lastWindowEnd)</p>\n<ul>\n"
        body += (method + skipped.map { "Skipped \($0.count) window end(s): \($0.reason)." }).map { "<li>\(BacktestText.html($0))</li>\n" }.joined()
        body += "</ul>\n<h2>Unhedged holding: realised loss against the forecast VaR</h2>\n"
        let times = windows.map { Timestamp.parse($0.end, format: .iso8601)?.seconds ?? 0 }
        for (modelIndex, model) in settings.models.enumerated() {
            let chart = LossChart(
                title: "\(model.rawValue): \(settings.horizonDays)-day loss, % of the starting value", times: times,
                realised: windows.map { $0.realised[0].lossUSD / $0.price },
                var95: windows.map { $0.forecasts[modelIndex].cells[0].var95 / $0.price },
                var99: windows.map { $0.forecasts[modelIndex].cells[0].var99 / $0.price })
            body += "<figure>\(chart.svg)</figure>\n"
        }
        body += "<h2>VaR backtests</h2>\n<table>\n<tr><th>model</th><th>cell</th><th>VaR</th><th>n</th><th>exceedances</th><th>expected</th>"
            + "<th>rate</th><th>LR<sub>uc</sub></th><th>p</th><th>LR<sub>ind</sub></th><th>p</th><th>LR<sub>cc</sub></th><th>p</th></tr>\n"
        for test in varBacktests {
            let k = test.kupiec, c = test.christoffersen
            let cells = [
                test.model.rawValue, test.cell.label, String(format: "%.0f %%", test.level * 100), String(k.observations), String(k.exceedances),
                String(format: "%.1f", k.expectedExceedances), BacktestText.percent(Double(k.exceedances) / Double(k.observations)),
                BacktestText.statistic(k.ratio.statistic), BacktestText.pValue(k.ratio.pValue),
                BacktestText.statistic(c.independence.statistic), BacktestText.pValue(c.independence.pValue),
                BacktestText.statistic(c.conditionalCoverage.statistic), BacktestText.pValue(c.conditionalCoverage.pValue),
            ]
            let rejected = c.conditionalCoverage.pValue < 0.05 || k.ratio.pValue < 0.05
            body += "<tr\(rejected ? " class=\"reject\"" : "")>" + cells.map { "<td>\(BacktestText.html($0))</td>" }.joined() + "</tr>\n"
        }
        body += "</table>\n<p>Shaded: rejected at 5 % (Kupiec or conditional coverage).</p>\n"
        let models = settings.models.map(\.rawValue).joined(separator: "/")
        body += "<h2>Realised hedge outcomes</h2>\n<p>Means per window, USD per coin; forecast columns \(models).</p>\n<table>\n"
            + "<tr><th>cell</th><th>realised loss</th><th>forecast loss</th><th>funding received</th><th>funding paid</th>"
            + "<th>liquidated</th><th>expected</th><th>worst window</th></tr>\n"
        for outcome in hedgeOutcomes {
            let worst = outcome.worst
            let cells = [
                outcome.cell.label, String(format: "%.2f", outcome.meanRealisedLossUSD),
                outcome.meanForecastLossUSD.map { String(format: "%.2f", $0.value) }.joined(separator: " / "),
                String(format: "%.2f", outcome.meanFundingReceivedUSD), String(format: "%.2f", outcome.meanFundingPaidUSD),
                "\(outcome.liquidations) of \(outcome.windows)", outcome.expectedLiquidations.map { String(format: "%.1f", $0.value) }.joined(separator: " / "),
                "ending \(worst.end): loss \(BacktestText.percent(worst.lossFraction, decimals: 1)), peak \(BacktestText.signedPercent(worst.peakRise)), "
                    + "change \(BacktestText.signedPercent(worst.priceChange))" + (worst.liquidatedAt.map { ", liquidated \($0)" } ?? ""),
            ]
            body += "<tr>" + cells.map { "<td>\(BacktestText.html($0))</td>" }.joined() + "</tr>\n"
        }
        body += "</table>\n"
        return HTMLPage.document(title: title, body: body, leftColumns: 2, extraStyle: "tr.reject { background: #fde2e2; }\n")
    }
}
