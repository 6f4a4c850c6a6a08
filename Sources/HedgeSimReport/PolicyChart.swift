import HedgeSimCore

/// P(liquidation) of every hedged ratio and leverage under each margin policy of the run, side by side
/// on the same paths (what each policy did is in the table below the chart, `ReportTables.management`).
enum PolicyChart {
    /// The hedged ratio–leverage pairs that have a managed cell (the grid positions of
    /// `selection`), each with its cells in the run's policy order.
    static func groups(_ result: SimulationResult, _ selection: ReportSelection) -> [[CellSummary]] {
        let hedged = result.cells.filter { $0.notionalUSD > 0 }
        guard hedged.contains(where: { $0.policy != .none }) else { return [] }
        var order: [ReportSelection.GridPosition] = []
        var groups: [ReportSelection.GridPosition: [CellSummary]] = [:]
        for cell in hedged {
            let position = selection.position(of: cell.cell)
            if groups[position] == nil { order.append(position) }
            groups[position, default: []].append(cell)
        }
        return order.compactMap { groups[$0] }
    }

    /// The bar colour of a policy.
    static func colour(_ policy: MarginPolicy) -> String {
        switch policy {
        case .none: ChartPalette.unhedged
        case .topUp: ChartPalette.recommended
        case .deleverage: ChartPalette.fullHedge
        case .rehedge: ChartPalette.series[3]
        case .dehedge: ChartPalette.series[5]
        case .fundingExit: ChartPalette.series[6]
        }
    }

    static func svg(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        let groups = groups(result, selection)
        let probabilities = groups.flatMap { $0.map(\.liquidation.probability) }
        var plot = PlotArea(height: 300, xValues: [0, 1], yValues: probabilities + [0, 0.01], yPadding: 0.12)
        let count = Double(max(1, groups.count))
        plot.x = LinearScale(domain: -0.5...(count - 0.5), range: plot.x.range)
        plot.y = LinearScale(domain: 0...(1.15 * max(0.01, probabilities.max() ?? 0)), range: plot.y.range, flipped: true)
        let every = max(1, Int((count / 10).rounded(.up)))
        plot.drawAxes(
            xTitle: "Hedge ratio and leverage", yTitle: "P(liquidation)",
            xLabel: { index in
                guard groups.indices.contains(Int(index)) else { return "" }
                let cell = groups[Int(index)][0]
                return ChartLabels.plain(cell.hedgeRatio) + " · " + NumberFormatting.leverage(cell.leverage)
            },
            yLabel: ChartLabels.percent, xTicks: stride(from: 0, to: groups.count, by: every).map(Double.init))
        let bars = Double(max(1, groups.map(\.count).max() ?? 1))
        let barWidth = min(26, 0.7 * (plot.right - plot.left) / count / bars)
        let zero = plot.y(0)
        for (index, group) in groups.enumerated() {
            let left = plot.x(Double(index)) - barWidth * Double(group.count) / 2
            for (position, cell) in group.enumerated() {
                let x = left + barWidth * Double(position)
                let top = plot.y(cell.liquidation.probability)
                plot.canvas.rect(x: x, y: top, width: barWidth, height: zero - top, fill: colour(cell.policy))
            }
        }
        return plot.canvas.render(label: "Liquidation probability under each margin policy")
    }
}
