import HedgeSimCore

/// The expected hedge cost per ratio as stacked bars, one chart per leverage on a shared scale: the
/// funding, fee, basis and liquidation components stack upwards from zero where they cost the holder
/// and downwards where they are income, and a black tick marks the total.
enum CostBreakdownChart {
    /// One cost component: its name, colour and value in a cell.
    struct Component: Sendable {
        var name: String
        var colour: String
        var value: @Sendable (HedgeCost) -> Double
    }

    /// The components in stacking order.
    static let components: [Component] = [
        Component(name: "Funding", colour: ChartPalette.funding) { $0.fundingUSD },
        Component(name: "Fees", colour: ChartPalette.fees) { $0.feesUSD },
        Component(name: "Basis", colour: ChartPalette.basis) { $0.basisUSD },
        Component(name: "Liquidation", colour: ChartPalette.liquidationLoss) { $0.liquidationLossUSD },
    ]

    /// The lowest and highest ends of the stacks and totals over all cells, so every chart shares them.
    static func extent(_ cells: [CellSummary]) -> [Double] {
        cells.flatMap { cell -> [Double] in
            let values = components.map { $0.value(cell.cost) }
            return [values.filter { $0 > 0 }.reduce(0, +), values.filter { $0 < 0 }.reduce(0, +), cell.cost.totalUSD]
        } + [0]
    }

    /// The chart of the cells of leverage series `series` (index in `selection.leverages`), ratios along
    /// the x axis.
    static func svg(_ result: SimulationResult, _ selection: ReportSelection, series: Int) -> String {
        let cells = selection.ratios.indices.compactMap { selection.cell(ratio: $0, series: series) }
        var plot = PlotArea(height: 300, xValues: [0, 1], yValues: extent(result.cells), yPadding: 0.06)
        let count = Double(max(1, cells.count))
        plot.x = LinearScale(domain: -0.5...(count - 0.5), range: plot.x.range)
        let every = max(1, Int((count / 12).rounded(.up)))
        let ticks = stride(from: 0, to: cells.count, by: every).map(Double.init)
        plot.drawAxes(
            xTitle: "Hedge ratio (at \(selection.seriesPhrase(series)))", yTitle: "Cost per path (USD)",
            xLabel: { index in cells.indices.contains(Int(index)) ? ChartLabels.plain(cells[Int(index)].hedgeRatio) : "" },
            yLabel: ChartLabels.usd, xTicks: ticks)
        let zero = plot.y(0)
        plot.canvas.line((plot.left, zero), (plot.right, zero), stroke: "#212529")
        let barWidth = min(36, 0.7 * (plot.right - plot.left) / count)
        for (index, cell) in cells.enumerated() {
            let x = plot.x(Double(index)) - barWidth / 2
            var above = 0.0, below = 0.0
            for component in components {
                let value = component.value(cell.cost)
                guard value != 0 else { continue }
                let from = value > 0 ? above : below
                let to = from + value
                if value > 0 { above = to } else { below = to }
                let (y1, y2) = (plot.y(from), plot.y(to))
                plot.canvas.rect(x: x, y: min(y1, y2), width: barWidth, height: abs(y2 - y1), fill: component.colour)
            }
            let total = plot.y(cell.cost.totalUSD)
            plot.canvas.line((x - 3, total), (x + barWidth + 3, total), stroke: ChartPalette.total, width: 2.5)
            if selection.isRecommended(cell) {
                plot.canvas.text("▼", at: (x + barWidth / 2, plot.top - 4), anchor: .middle, style: "tick", fill: ChartPalette.recommended)
            }
        }
        return plot.canvas.render(label: "Expected hedge cost by component at \(selection.seriesPhrase(series)), per hedge ratio")
    }
}
