import Foundation

/// The bench charts: throughput and parallel efficiency against threads (log₂ axis), one line per
/// run. Flagged points (noisy, or with a speed-up that cannot be true) are hollow; an efficiency
/// that cannot be true is left out, not drawn as a result.
enum ScalingCharts {
    struct Series: Sendable {
        var label: String
        var colour: String
        var points: [ScalingReport.Point]
    }

    /// Million path·steps per second against threads; a single run also gets its ideal linear scaling
    /// from the 1-thread point, dashed.
    static func throughput(_ series: [Series]) -> String {
        let ideal: [(Double, Double)] = series.count == 1
            ? idealLine(series[0].points) : []
        let rates = series.flatMap { $0.points.map { $0.medianPathStepsPerSecond / 1e6 } } + ideal.map(\.1)
        var plot = axes(series, yValues: [0] + rates, yTitle: "M path·steps per second", yLabel: ChartLabels.plain)
        if !ideal.isEmpty {
            plot.canvas.polyline(ideal.map { plot.point($0.0, $0.1) }, stroke: "#868e96", width: 1.5, dash: "6 4")
        }
        for line in series {
            draw(line, on: &plot) { $0.medianPathStepsPerSecond / 1e6 }
        }
        return plot.canvas.render(label: "Throughput against threads" + (series.count > 1 ? ", one line per run" : ""))
    }

    /// Speed-up per thread against threads, with 100 % dashed.
    static func efficiency(_ series: [Series]) -> String {
        let shown = series.map { line in
            Series(label: line.label, colour: line.colour, points: line.points.filter { !$0.flags.contains(.impossibleSpeedUp) })
        }
        let values = shown.flatMap { $0.points.map(\.parallelEfficiency) }
        var plot = axes(shown, yValues: [0, 1.05] + values, yTitle: "Parallel efficiency", yLabel: ChartLabels.percent)
        let full = plot.y(1)
        plot.canvas.line((plot.left, full), (plot.right, full), stroke: "#868e96", width: 1.5, dash: "6 4")
        for line in shown {
            draw(line, on: &plot) { $0.parallelEfficiency }
        }
        return plot.canvas.render(label: "Parallel efficiency against threads" + (series.count > 1 ? ", one line per run" : ""))
    }

    /// The legend under the charts.
    static func legend(_ series: [Series]) -> String {
        var items = series.map { HTMLFragments.LegendItem(label: $0.label, colour: $0.colour, swatch: .line) }
        if series.count == 1 { items.append(.init(label: "ideal linear scaling / 100 %", colour: "#868e96", swatch: .dash)) }
        items.append(.init(label: "hollow: flagged point (not a result)", colour: "#adb5bd"))
        return HTMLFragments.legend(items)
    }

    private static func idealLine(_ points: [ScalingReport.Point]) -> [(Double, Double)] {
        guard let base = points.first(where: { $0.threads == 1 })?.medianPathStepsPerSecond else { return [] }
        return points.map { (log2(Double($0.threads)), base * Double($0.threads) / 1e6) }
    }

    private static func axes(
        _ series: [Series], yValues: [Double], yTitle: String, yLabel: @escaping (Double) -> String
    ) -> PlotArea {
        let counts = Set(series.flatMap { $0.points.map(\.threads) }).sorted()
        let xs = counts.map { log2(Double($0)) }
        var plot = PlotArea(height: 300, xValues: xs.isEmpty ? [0] : xs, yValues: yValues, yPadding: 0.02)
        plot.x = LinearScale(
            domain: (xs.first ?? 0) - 0.25...max((xs.last ?? 0) + 0.25, (xs.first ?? 0) + 0.5), range: plot.left...plot.right)
        plot.drawAxes(
            xTitle: "Threads (log scale)", yTitle: yTitle, xLabel: { String(Int(pow(2, $0).rounded())) }, yLabel: yLabel,
            xTicks: xs)
        return plot
    }

    private static func draw(_ line: Series, on plot: inout PlotArea, value: (ScalingReport.Point) -> Double) {
        let points = line.points.map { plot.point(log2(Double($0.threads)), value($0)) }
        if points.count > 1 { plot.canvas.polyline(points, stroke: line.colour) }
        for (point, position) in zip(line.points, points) {
            plot.canvas.circle(position, radius: 4.5, fill: point.usable ? line.colour : "#fff", stroke: line.colour)
        }
    }
}
