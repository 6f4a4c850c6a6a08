import HedgeSimCore

/// The risk/cost frontier: each cell as a point at (expected total hedge cost, 95 % expected shortfall),
/// both in USD, joined in ratio order and labelled with its ratio. Down and to the left is better. One
/// chart per leverage on shared axes, the other leverages' curves drawn faintly behind for comparison;
/// the recommended cell is ringed. Labels sit beside, above or below their point, wherever they overlap
/// no other label or point.
enum FrontierChart {
    /// The chart of the cells of leverage series `series` (index in `selection.leverages`); both axes
    /// cover every cell, so the charts compare.
    static func svg(_ result: SimulationResult, _ selection: ReportSelection, series drawn: Int) -> String {
        let costs = result.cells.map(\.cost.totalUSD)
        var plot = PlotArea(height: 330, xValues: costs, yValues: result.cells.map(\.netValueUSD.es95), yPadding: 0.08)
        plot.x = LinearScale(covering: costs, range: plot.x.range, padding: 0.08)
        plot.drawAxes(
            xTitle: selection.chosenLeverage ? "Expected hedge cost (USD per path)" : "Expected hedge cost at \(selection.seriesPhrase(drawn)) (USD per path)",
            yTitle: "ES 95 % (USD loss)", xLabel: ChartLabels.usd, yLabel: ChartLabels.usd)
        func curve(_ series: Int) -> [(cell: CellSummary, point: SVGCanvas.Point)] {
            selection.cells(series: series).sorted { $0.hedgeRatio < $1.hedgeRatio }
                .map { ($0, plot.point($0.cost.totalUSD, $0.netValueUSD.es95)) }
        }
        for other in selection.leverages.indices where other != drawn {
            plot.canvas.polyline(curve(other).map(\.point), stroke: "#ced4da", width: 1.5)
        }
        let colour = ChartPalette.series(drawn)
        let series = curve(drawn)
        plot.canvas.polyline(series.map(\.point), stroke: colour, width: 1.5)
        // The ring around the recommended point takes more room than a bare point.
        var taken = series.map { entry -> Box in
            let half = selection.isRecommended(entry.cell) ? 9.0 : 4.0
            return Box(center: entry.point, halfWidth: half, halfHeight: half)
        }
        for entry in series {
            plot.canvas.circle(entry.point, radius: 4, fill: colour)
            if selection.isRecommended(entry.cell) {
                plot.canvas.circle(entry.point, radius: 8.5, fill: "none", stroke: ChartPalette.total, strokeWidth: 2)
            }
        }
        for entry in series {
            let text = NumberFormatting.compact(entry.cell.hedgeRatio)
            let place = placement(for: text, at: entry.point, taken: taken, plot: plot)
            taken.append(place.box)
            plot.canvas.text(text, at: place.at, anchor: place.anchor, style: "value", fill: colour)
        }
        return plot.canvas.render(
            label: "Risk against cost at \(selection.seriesPhrase(drawn)): 95 % expected shortfall against expected hedge cost per hedge ratio")
    }

    /// A rectangle on the canvas, by its centre and half sizes.
    private struct Box {
        var center: SVGCanvas.Point
        var halfWidth: Double
        var halfHeight: Double

        func overlaps(_ other: Box) -> Bool {
            abs(center.x - other.center.x) < halfWidth + other.halfWidth && abs(center.y - other.center.y) < halfHeight + other.halfHeight
        }
    }

    /// The first free spot for a label around `point` (right, left, above, below, then diagonals), or
    /// the right when every spot is taken.
    private static func placement(
        for text: String, at point: SVGCanvas.Point, taken: [Box], plot: PlotArea
    ) -> (at: SVGCanvas.Point, anchor: SVGCanvas.Anchor, box: Box) {
        let width = 6.6 * Double(text.count), height = 12.0
        let candidates: [(dx: Double, dy: Double, anchor: SVGCanvas.Anchor)] = [
            (10, 4, .start), (-10, 4, .end), (0, -12, .middle), (0, 20, .middle), (8, -9, .start), (-8, -9, .end), (8, 18, .start),
            (-8, 18, .end),
        ]
        func box(_ candidate: (dx: Double, dy: Double, anchor: SVGCanvas.Anchor)) -> Box {
            let x = point.x + candidate.dx
            let centerX = candidate.anchor == .start ? x + width / 2 : candidate.anchor == .end ? x - width / 2 : x
            return Box(center: (centerX, point.y + candidate.dy - 4), halfWidth: width / 2, halfHeight: height / 2)
        }
        let free = candidates.first { candidate in
            let spot = box(candidate)
            return !taken.contains { $0.overlaps(spot) }
                && plot.contains((spot.center.x - spot.halfWidth, spot.center.y), slack: 2)
                && plot.contains((spot.center.x + spot.halfWidth, spot.center.y), slack: 2)
        } ?? candidates[0]
        return ((point.x + free.dx, point.y + free.dy), free.anchor, box(free))
    }
}
