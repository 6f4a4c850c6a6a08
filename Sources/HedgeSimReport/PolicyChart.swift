import HedgeSimCore

/// P(liquidation) of every hedged cell with and without the top-up policy, side by side, with the
/// coins the top-ups moved per path (mean, two decimals) written above each pair.
enum PolicyChart {
    /// The managed cells, each with its unmanaged twin (same ratio and leverage) when the run has one.
    static func pairs(_ result: SimulationResult) -> [(alone: CellSummary?, managed: CellSummary)] {
        result.cells.filter { $0.policy == .topUp }.map { managed in
            let alone = result.cells.first {
                $0.policy == .none && $0.hedgeRatio == managed.hedgeRatio && $0.leverage == managed.leverage && $0.notionalUSD > 0
            }
            return (alone, managed)
        }
    }

    static func svg(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        let pairs = pairs(result)
        let probabilities: [Double] = pairs.flatMap { pair -> [Double] in
            [pair.alone?.liquidation.probability ?? 0, pair.managed.liquidation.probability]
        }
        var plot = PlotArea(height: 300, xValues: [0, 1], yValues: probabilities + [0, 0.01], yPadding: 0.12)
        let count = Double(max(1, pairs.count))
        plot.x = LinearScale(domain: -0.5...(count - 0.5), range: plot.x.range)
        plot.y = LinearScale(domain: 0...(1.15 * max(0.01, probabilities.max() ?? 0)), range: plot.y.range, flipped: true)
        let every = max(1, Int((count / 10).rounded(.up)))
        plot.drawAxes(
            xTitle: "Hedge ratio and leverage", yTitle: "P(liquidation)",
            xLabel: { index in
                guard pairs.indices.contains(Int(index)) else { return "" }
                let cell = pairs[Int(index)].managed
                return ChartLabels.plain(cell.hedgeRatio) + " · " + NumberFormatting.leverage(cell.leverage)
            },
            yLabel: ChartLabels.percent, xTicks: stride(from: 0, to: pairs.count, by: every).map(Double.init))
        let barWidth = min(26, 0.35 * (plot.right - plot.left) / count)
        let zero = plot.y(0)
        for (index, pair) in pairs.enumerated() {
            let centre = plot.x(Double(index))
            if let alone = pair.alone {
                let top = plot.y(alone.liquidation.probability)
                plot.canvas.rect(x: centre - barWidth, y: top, width: barWidth, height: zero - top, fill: ChartPalette.unhedged)
            }
            let top = plot.y(pair.managed.liquidation.probability)
            plot.canvas.rect(x: centre, y: top, width: barWidth, height: zero - top, fill: ChartPalette.recommended)
            let moved = pair.managed.topUp?.meanCoinsMoved ?? 0
            let highest = min(top, pair.alone.map { plot.y($0.liquidation.probability) } ?? top)
            plot.canvas.text(
                NumberFormatting.compact((moved * 100).rounded() / 100), at: (centre, highest - 6), anchor: .middle, style: "note")
        }
        return plot.canvas.render(label: "Liquidation probability without and with top-ups, and the coins moved per path")
    }
}
