import HedgeSimCore

/// One stress scenario at one leverage: the net USD value over its days for up to six hedge ratios
/// (always the lowest, the recommended and the highest ratio, the rest evenly spaced), with an ✕ where
/// a hedge is liquidated, labelled with the day once per day. The stress table lists every cell.
enum StressChart {
    /// A drawn series: the cell's path and its colour.
    struct Series: Sendable {
        var path: StressOutcome.CellPath
        var colour: String
    }

    /// The paths drawn for `outcome` in leverage series `series` (index in `selection.leverages`), in
    /// ratio order.
    static func series(_ outcome: StressOutcome, _ selection: ReportSelection, series: Int) -> [Series] {
        let paths = outcome.cells.filter { selection.position(of: $0.cell).series == series }.sorted { $0.hedgeRatio < $1.hedgeRatio }
        var chosen = Set(paths.indices)
        if paths.count > 6 {
            chosen = [0, paths.count - 1]
            if let recommended = paths.firstIndex(where: { $0.cell == selection.recommended.cell }) { chosen.insert(recommended) }
            for k in 1..<5 where chosen.count < 6 { chosen.insert(Int((Double(k) * Double(paths.count - 1) / 5).rounded())) }
        }
        let shown = chosen.sorted()
        return shown.enumerated().map { order, index in
            Series(path: paths[index], colour: ChartPalette.ratio(shown.count > 1 ? Double(order) / Double(shown.count - 1) : 1))
        }
    }

    /// The chart of `outcome` in leverage series `index`; the y axis covers every cell of the stress.
    static func svg(_ outcome: StressOutcome, _ selection: ReportSelection, series index: Int) -> String {
        let drawn = series(outcome, selection, series: index)
        // Every cell's values set the y axis, so the charts of one stress share it across leverages.
        var plot = PlotArea(height: 320, xValues: outcome.days, yValues: outcome.cells.flatMap(\.netValueUSD), yPadding: 0.06)
        plot.x = LinearScale(domain: 0...max(outcome.days.last ?? 1, 1e-9), range: plot.x.range)
        plot.drawAxes(
            xTitle: "Days into the stress (at \(selection.seriesPhrase(index)))", yTitle: "Net value (USD)",
            xLabel: ChartLabels.plain, yLabel: ChartLabels.usd)
        var labelledDays: Set<Double> = []
        for entry in drawn {
            let values = entry.path.netValueUSD
            plot.canvas.polyline(zip(outcome.days, values).map { plot.point($0, $1) }, stroke: entry.colour, width: 2)
            guard let day = entry.path.liquidatedAtDays else { continue }
            let point = plot.point(day, value(at: day, days: outcome.days, values: values))
            plot.canvas.line((point.x - 6, point.y - 6), (point.x + 6, point.y + 6), stroke: ChartPalette.liquidation, width: 3)
            plot.canvas.line((point.x - 6, point.y + 6), (point.x + 6, point.y - 6), stroke: ChartPalette.liquidation, width: 3)
            guard labelledDays.insert(day).inserted else { continue }
            plot.canvas.text(
                "liquidated day \(NumberFormatting.day(day))", at: (point.x + 9, point.y - 8), style: "value",
                fill: ChartPalette.liquidation)
        }
        return plot.canvas.render(
            label: "Stress \(outcome.name) at \(selection.seriesPhrase(index)): net value over time per hedge ratio")
    }

    /// The value at `day`, linear between the two nearest time points.
    static func value(at day: Double, days: [Double], values: [Double]) -> Double {
        let count = min(days.count, values.count)
        guard count > 0 else { return 0 }
        guard let after = days.prefix(count).firstIndex(where: { $0 >= day }) else { return values[count - 1] }
        guard after > 0, days[after] > days[after - 1] else { return values[after] }
        let fraction = (day - days[after - 1]) / (days[after] - days[after - 1])
        return values[after - 1] + fraction * (values[after] - values[after - 1])
    }
}
