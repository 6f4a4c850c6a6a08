import HedgeSimCore

/// The fan chart of the index price: the 5–95 % and 25–75 % quantile bands and the median over the
/// days of the horizon, with the liquidation price of each leverage drawn as a labelled horizontal line.
///
/// The liquidation prices are those of the reference ratio (the recommended one, or the highest when
/// the recommendation is not to hedge); sized by leverage they are nearly the same for every ratio.
/// Prices far above the bands (more than 2.5 times the top band) would squash the fan, so those lines
/// are left off the plot and named in its label instead.
enum PriceFanChart {
    /// The liquidation price line of one leverage.
    struct Line: Sendable {
        var leverage: Double
        var priceUSD: Double?
    }

    /// The ratio whose liquidation prices the chart draws, as its index in `selection.ratios`: the
    /// recommended one, or the highest when the recommendation is not to hedge.
    static func referenceRatio(_ selection: ReportSelection) -> Int {
        selection.recommended.notionalUSD > 0
            ? selection.position(of: selection.recommended.cell).ratio
            : selection.ratios.indices.max { selection.ratios[$0] < selection.ratios[$1] } ?? 0
    }

    /// One line per leverage, at the reference ratio.
    static func lines(_ result: SimulationResult, _ selection: ReportSelection) -> [Line] {
        let ratio = referenceRatio(selection)
        return selection.leverages.indices.map { series in
            let cell = selection.cell(ratio: ratio, series: series)
            return Line(leverage: cell?.leverage ?? selection.leverages[series], priceUSD: cell?.liquidationPriceUSD)
        }
    }

    /// Lines whose price is too far from the bands to draw.
    static func offChart(_ lines: [Line], bands: PriceBands) -> [Line] {
        let top = bands.quantiles["0.95"]?.max() ?? 0
        return lines.filter { ($0.priceUSD ?? 0) > 2.5 * top }
    }

    /// The fan of `bands` with `lines` (those off the chart or without a price are left out).
    static func svg(_ bands: PriceBands, lines: [Line]) -> String {
        let upper = bands.quantiles["0.95"] ?? [], lower = bands.quantiles["0.05"] ?? []
        let inner = (bands.quantiles["0.75"] ?? [], bands.quantiles["0.25"] ?? [])
        let median = bands.quantiles["0.5"] ?? []
        let hidden = offChart(lines, bands: bands)
        let drawn = lines.filter { line in line.priceUSD != nil && !hidden.contains { $0.leverage == line.leverage } }
        var plot = PlotArea(height: 340, xValues: bands.days, yValues: upper + lower + drawn.compactMap(\.priceUSD))
        plot.x = LinearScale(domain: 0...(bands.days.last ?? 1), range: plot.x.range)
        plot.drawAxes(xTitle: "Days from the start", yTitle: "Price (USD per coin)", xLabel: ChartLabels.plain, yLabel: ChartLabels.usd)
        func band(_ high: [Double], _ low: [Double]) -> [SVGCanvas.Point] {
            zip(bands.days, high).map { plot.point($0, $1) } + zip(bands.days, low).reversed().map { plot.point($0, $1) }
        }
        plot.canvas.polygon(band(upper, lower), fill: ChartPalette.price, opacity: 0.18)
        plot.canvas.polygon(band(inner.0, inner.1), fill: ChartPalette.price, opacity: 0.35)
        plot.canvas.polyline(zip(bands.days, median).map { plot.point($0, $1) }, stroke: ChartPalette.recommended, width: 2.5)
        var lastLabel = -Double.infinity
        for line in drawn.sorted(by: { ($0.priceUSD ?? 0) > ($1.priceUSD ?? 0) }) {
            guard let price = line.priceUSD else { continue }
            let y = plot.y(price)
            plot.canvas.line((plot.left, y), (plot.right, y), stroke: ChartPalette.liquidation, width: 1.5, dash: "7 4")
            let labelY = max(y - 5, lastLabel + 14)
            lastLabel = labelY
            plot.canvas.text(
                "\(NumberFormatting.leverage(line.leverage)) liquidation: \(NumberFormatting.usd(price))", at: (plot.right - 4, labelY),
                anchor: .end, style: "value", fill: ChartPalette.liquidation)
        }
        var label = "Index price over time: 5–95 % and 25–75 % bands and the median, with liquidation prices"
        if !hidden.isEmpty {
            label += "; off the chart: " + hidden.map { line in
                "\(NumberFormatting.leverage(line.leverage)) at \(NumberFormatting.usd(line.priceUSD ?? 0))"
            }.joined(separator: ", ")
        }
        return plot.canvas.render(label: label)
    }
}
