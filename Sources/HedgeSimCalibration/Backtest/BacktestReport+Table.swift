import Foundation

extension BacktestReport {
    /// The report as a plain-text table: settings and method, the VaR backtests, the realised hedge
    /// outcomes and each cell's worst window.
    public func table() -> String {
        let s = settings
        var lines = [
            "\(tool) backtest · \(s.horizonDays)-day horizon · \(data.prices)" + (data.funding.map { " + funding \($0)" } ?? ""),
            "Windows: \(NumberText.count(windows.count)) ends \(data.firstWindowEnd) … \(data.lastWindowEnd), every \(s.everyDays) day(s); "
                + "trailing \(s.windowDays) days; models \(s.models.map(\.rawValue).joined(separator: ", ")); \(NumberText.count(s.paths)) paths; seed \(s.seed)",
        ]
        lines += skipped.map { "Skipped: \($0.count) window end(s): \($0.reason)" }
        lines += ["", "Method:"] + method.map { "  - " + $0 }
        lines += ["", "VaR backtests: loss of one coin over \(s.horizonDays) day(s); p-values from χ² (independent windows assumed)"]
        // The cell column fits the longest label (a policy's name makes it longer than 14).
        let cellWidth = max(14, cells.map(\.label.count).max() ?? 0)
        let header = [("model", 10), ("cell", cellWidth), ("VaR", 5), ("n", 6), ("exceed", 7), ("expect", 8), ("rate", 9),
                      ("LR_uc", 8), ("p_uc", 9), ("LR_ind", 8), ("p_ind", 9), ("LR_cc", 8), ("p_cc", 9)]
        lines.append(BacktestReport.row(header.map { ($0.0, $0.1) }))
        for test in varBacktests {
            let k = test.kupiec, c = test.christoffersen
            lines.append(BacktestReport.row([
                (test.model.rawValue, 10), (test.cell.label, cellWidth), (String(format: "%.0f%%", test.level * 100), 5),
                (String(k.observations), 6), (String(k.exceedances), 7), (String(format: "%.1f", k.expectedExceedances), 8),
                (BacktestText.percent(Double(k.exceedances) / Double(k.observations)), 9),
                (BacktestText.statistic(k.ratio.statistic), 8), (BacktestText.pValue(k.ratio.pValue), 9),
                (BacktestText.statistic(c.independence.statistic), 8), (BacktestText.pValue(c.independence.pValue), 9),
                (BacktestText.statistic(c.conditionalCoverage.statistic), 8), (BacktestText.pValue(c.conditionalCoverage.pValue), 9),
            ]))
        }
        let models = s.models.map(\.rawValue).joined(separator: "/")
        lines += ["", "Realised hedge outcomes: means per window, USD per coin (forecast columns: \(models))"]
        lines.append(BacktestReport.row([("cell", cellWidth), ("realised loss", 14), ("forecast loss", 30), ("funding in", 11),
                                         ("funding out", 12), ("liquidated", 11), ("expected", 24)]))
        for outcome in hedgeOutcomes {
            lines.append(BacktestReport.row([
                (outcome.cell.label, cellWidth), (String(format: "%.2f", outcome.meanRealisedLossUSD), 14),
                (outcome.meanForecastLossUSD.map { String(format: "%.2f", $0.value) }.joined(separator: "/"), 30),
                (String(format: "%.2f", outcome.meanFundingReceivedUSD), 11), (String(format: "%.2f", outcome.meanFundingPaidUSD), 12),
                ("\(outcome.liquidations)/\(outcome.windows)", 11),
                (outcome.expectedLiquidations.map { String(format: "%.1f", $0.value) }.joined(separator: "/"), 24),
            ]))
        }
        for outcome in hedgeOutcomes {
            guard let windows = outcome.windowsWithActions, let coins = outcome.meanCoinsMoved else { continue }
            lines.append("  \(outcome.cell.label): \(outcome.cell.policy.actedVerb) in \(windows) of \(outcome.windows) windows, "
                + String(format: "%.4f", coins) + " coin moved per window on average")
        }
        lines += ["", "Worst window per cell (largest realised loss over the starting value):"]
        for outcome in hedgeOutcomes {
            let worst = outcome.worst
            lines.append("  \(outcome.cell.label): window ending \(worst.end), loss \(BacktestText.usd(worst.lossUSD)) USD "
                + "(\(BacktestText.percent(worst.lossFraction, decimals: 1))); price peak \(BacktestText.signedPercent(worst.peakRise)), "
                + "change \(BacktestText.signedPercent(worst.priceChange))"
                + (worst.liquidatedAt.map { "; short liquidated \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Columns padded to their widths: the first two left-aligned, the rest right-aligned.
    private static func row(_ columns: [(String, Int)]) -> String { TextRow.line(columns, left: 2) }
}
