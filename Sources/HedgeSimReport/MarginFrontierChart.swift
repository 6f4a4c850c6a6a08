import HedgeSimCore

/// Risk against the margin parked at the venue: every cell at (margin posted in USD, ES95), filled
/// when its liquidation probability's upper 95 % bound is within the limit and hollow when it is not,
/// labelled with its ratio; the recommendation is ringed. Down and to the left is better: less coin
/// at the venue for the same protection.
enum MarginFrontierChart {
    static func svg(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        let price = result.scenario.price
        let limit = result.scenario.maxLiquidationProbability
        let margins = result.cells.map { $0.marginCoin * price }
        var plot = PlotArea(height: 330, xValues: margins, yValues: result.cells.map(\.netValueUSD.es95), yPadding: 0.08)
        plot.x = LinearScale(covering: margins, range: plot.x.range, padding: 0.08)
        plot.drawAxes(
            xTitle: "Margin posted at the venue (USD)", yTitle: "ES 95 % (USD loss)", xLabel: ChartLabels.usd,
            yLabel: ChartLabels.usd)
        for cell in result.cells {
            let point = plot.point(cell.marginCoin * price, cell.netValueUSD.es95)
            let feasible = cell.liquidation.ci95[1] <= limit
            let colour = ChartPalette.ratio(cell.hedgeRatio)
            plot.canvas.circle(point, radius: 4, fill: feasible ? colour : "#ffffff", stroke: colour)
            if selection.isRecommended(cell) {
                plot.canvas.circle(point, radius: 8.5, fill: "none", stroke: ChartPalette.total, strokeWidth: 2)
            }
            plot.canvas.text(
                NumberFormatting.compact(cell.hedgeRatio) + " @ " + NumberFormatting.leverage(cell.leverage),
                at: (point.x + 9, point.y - 6), anchor: .start, style: "tick")
        }
        return plot.canvas.render(label: "95 % expected shortfall against the margin posted, per cell; hollow cells break the liquidation limit")
    }
}
