import Foundation

extension JournalReport {
    /// The report as plain text: each hedge's costs, each year's, the whole journal's, and the
    /// comparison with the simulated cost when a scenario was given.
    public func table() -> String {
        var lines = ["\(tool) journal · \(source) (\(layout.rawValue) layout) · \(hedges.count) hedge\(hedges.count == 1 ? "" : "s")"]
        lines += [
            "", "Hedges: cost USD (positive = the insurance cost the holder; each flow valued at its own row's price)",
            TextRow.line(JournalReport.hedgeColumns.map { ($0.0, $0.1) }, left: 4),
        ]
        for hedge in hedges {
            let c = hedge.cost
            lines.append(TextRow.line([
                (hedge.label, 10), (hedge.instrument.rawValue, 16), (hedge.opened, 17), (hedge.closed ?? "open", 17),
                (String(format: "%.1f", hedge.days), 7), (JournalReport.usd(hedge.peakNotionalUSD), 11),
                (JournalReport.usd(c.fees.usd), 9), (JournalReport.usd(c.netFunding.usd), 10),
                (hedge.basisSeparated ? JournalReport.usd(c.basis.usd) : "n/a", 9), (JournalReport.usd(c.liquidation.usd), 9),
                (JournalReport.usd(c.total.usd), 10), (String(format: "%.6f", c.total.coin), 11),
                (hedge.annualisedPercent.map { String(format: "%.2f %%", $0) } ?? "n/a", 9),
            ], left: 4))
        }
        let notes = hedges.filter { !$0.basisSeparated }.map(\.label)
        if !notes.isEmpty {
            lines.append("  basis n/a: \(notes.joined(separator: ", ")) lack an index price on some trade; the basis stays in the price PnL")
        }
        let hedgeWidth = max(6, years.map { $0.hedges.joined(separator: ", ").count }.max() ?? 0)
        lines += ["", "Per year (each row in the year of its own time)",
                  TextRow.line([("year", 6), ("hedges", hedgeWidth), ("fees USD", 9), ("funding in", 11), ("funding out", 12),
                                     ("basis USD", 10), ("liq. USD", 9), ("total USD", 10), ("total coin", 11)], left: 2)]
        for year in years {
            let c = year.cost
            lines.append(TextRow.line([
                (String(year.year), 6), (year.hedges.joined(separator: ", "), hedgeWidth), (JournalReport.usd(c.fees.usd), 9),
                (JournalReport.usd(c.fundingReceived.usd), 11), (JournalReport.usd(c.fundingPaid.usd), 12),
                (JournalReport.usd(c.basis.usd), 10), (JournalReport.usd(c.liquidation.usd), 9), (JournalReport.usd(c.total.usd), 10),
                (String(format: "%.6f", c.total.coin), 11),
            ], left: 2))
        }
        lines.append("Whole journal: \(JournalReport.usd(total.total.usd)) USD = \(String(format: "%.6f", total.total.coin)) coin "
            + "(fees \(JournalReport.usd(total.fees.usd)), funding \(JournalReport.usd(total.netFunding.usd)) net, "
            + "basis \(JournalReport.usd(total.basis.usd)), liquidations \(JournalReport.usd(total.liquidation.usd)))")
        if let comparison { lines += [""] + comparison.lines() }
        return lines.joined(separator: "\n") + "\n"
    }

    static let hedgeColumns = [
        ("hedge", 10), ("instrument", 16), ("opened", 17), ("closed", 17), ("days", 7), ("peak USD", 11), ("fees", 9),
        ("funding", 10), ("basis", 9), ("liq.", 9), ("total USD", 10), ("total coin", 11), ("per year", 9),
    ]

    /// USD with two decimals and thousands separators.
    static func usd(_ x: Double) -> String { NumberText.grouped(x) }

}

extension JournalComparison {
    /// The comparison in words: the simulated cell, the distribution, each hedge's percentile.
    func lines() -> [String] {
        func percent(_ x: Double?) -> String { x.map { String(format: "%.2f %%", $0) } ?? "n/a" }
        var lines = [
            "Against the scenario \(scenario) (seed \(seed), \(NumberText.count(paths)) paths): its advised hedge, ratio "
                + "\(NumberText.value(hedgeRatio)), leverage \(NumberText.value(leverage)), policy \(policy.rawValue), "
                + "\(JournalReport.usd(notionalUSD)) USD over \(NumberText.value(horizonDays)) days",
            "  simulated cost, % of notional per year: mean \(percent(meanAnnualisedPercent)) ± \(percent(meanStandardError)) (1 SE); "
                + JournalComparison.levels.map { "\($0.key) \(percent(quantiles[$0.key]))" }.joined(separator: ", "),
        ]
        for placement in placements {
            lines.append("  \(placement.hedge): realised \(percent(placement.realisedAnnualisedPercent)) per year over "
                + "\(String(format: "%.1f", placement.days)) days → percentile \(String(format: "%.1f", placement.percentile * 100)) "
                + "of the simulated paths\(placement.percentile > 0.95 ? " (costlier than 95 % of them)" : "")")
        }
        return lines
    }
}
