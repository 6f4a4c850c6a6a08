import HedgeSimCore

/// The net USD value at the horizon of the highlighted choices, overlaid as cumulative distribution
/// curves. The result holds quantiles, not paths, so each curve joins the seven reported quantiles
/// (1, 5, 25, 50, 75, 95 and 99 %): the point (v, p) says that a share p of the paths ends at or below
/// the value v. A dashed vertical line marks the starting value.
enum DistributionChart {
    /// The chart of the highlighted choices of `selection`; `startUSD` is the starting value `S·P₀`.
    static func svg(_ selection: ReportSelection, startUSD: Double) -> String {
        let levels = ValueDistribution.levels
        let values = selection.highlights.flatMap { highlight in
            levels.compactMap { highlight.cell.netValueUSD.quantiles[$0.key] }
        }
        var plot = PlotArea(height: 330, xValues: values + [startUSD], yValues: [0, 1])
        plot.y = LinearScale(domain: 0...1, range: plot.y.range, flipped: true)
        plot.drawAxes(
            xTitle: "Net value at the horizon (USD)", yTitle: "Paths ending at or below (%)",
            xLabel: ChartLabels.usd, yLabel: ChartLabels.percent)
        let start = plot.x(startUSD)
        plot.canvas.line((start, plot.top), (start, plot.bottom), stroke: "#868e96", width: 1.5, dash: "5 4")
        // The top left of a cumulative distribution stays empty: curves rise from the bottom left.
        plot.canvas.text("start " + NumberFormatting.usd(startUSD), at: (start - 5, plot.top + 12), anchor: .end, style: "note")
        for highlight in selection.highlights {
            let points = levels.compactMap { level in
                highlight.cell.netValueUSD.quantiles[level.key].map { plot.point($0, level.p) }
            }
            plot.canvas.polyline(points, stroke: highlight.colour, width: 2.5)
            for point in points { plot.canvas.circle(point, radius: 3.5, fill: highlight.colour) }
        }
        let names = selection.highlights.map(\.title).joined(separator: ", ")
        return plot.canvas.render(label: "Cumulative distribution of the net value at the horizon in USD: \(names)")
    }
}
