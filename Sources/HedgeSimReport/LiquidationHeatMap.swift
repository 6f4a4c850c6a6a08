import HedgeSimCore

/// The liquidation probability of every cell as a heat map: hedge ratios down, leverages across, each
/// square coloured by its probability (square-root colour scale, darkest from 50 %) and labelled with
/// the number. The recommended cell is outlined; a colour key runs along the bottom.
enum LiquidationHeatMap {
    /// The heat map of every cell of `result`.
    static func svg(_ result: SimulationResult, _ selection: ReportSelection) -> String {
        let rows = selection.ratios, columns = selection.leverages
        let width = PlotArea.canvasWidth
        let left = 96.0, top = 52.0, rowHeight = 26.0
        let columnWidth = min(120, (width - left - 20) / Double(max(1, columns.count)))
        let gridWidth = columnWidth * Double(columns.count)
        let gridLeft = left + max(0, (width - left - 20 - gridWidth) / 2)
        let gridBottom = top + rowHeight * Double(rows.count)
        var canvas = SVGCanvas(width: width, height: gridBottom + 88)
        canvas.text("Leverage", at: (gridLeft + gridWidth / 2, 18), anchor: .middle, style: "title")
        canvas.text("Hedge ratio", at: (16, (top + gridBottom) / 2), anchor: .middle, style: "title", rotation: -90)
        for (column, leverage) in columns.enumerated() {
            let x = gridLeft + columnWidth * (Double(column) + 0.5)
            canvas.text(selection.chosenLeverage ? "chosen" : NumberFormatting.leverage(leverage), at: (x, top - 10), anchor: .middle, style: "tick")
        }
        var outline: (x: Double, y: Double)?
        for (row, ratio) in rows.enumerated() {
            let y = top + rowHeight * Double(row)
            canvas.text(NumberFormatting.compact(ratio), at: (gridLeft - 8, y + rowHeight / 2 + 4), anchor: .end, style: "tick")
            for column in columns.indices {
                guard let cell = selection.cell(ratio: row, series: column) else { continue }
                let x = gridLeft + columnWidth * Double(column)
                let p = cell.liquidation.probability
                canvas.rect(x: x, y: y, width: columnWidth, height: rowHeight, fill: ChartPalette.heat(p), stroke: "#dee2e6")
                canvas.text(
                    NumberFormatting.readablePercent(p), at: (x + columnWidth / 2, y + rowHeight / 2 + 4), anchor: .middle,
                    style: "cell", fill: ChartPalette.heatNeedsLightText(p) ? "#ffffff" : "#212529")
                if selection.isRecommended(cell) { outline = (x, y) }
            }
        }
        if let outline {
            canvas.rect(
                x: outline.x + 1.5, y: outline.y + 1.5, width: columnWidth - 3, height: rowHeight - 3, fill: "none",
                stroke: ChartPalette.recommended, strokeWidth: 3)
        }
        drawKey(on: &canvas, top: gridBottom + 34)
        return canvas.render(label: "Liquidation probability by hedge ratio and leverage")
    }

    /// The colour key: a ramp from 0 to 50 % with labelled stops at the scale's square-root positions.
    private static func drawKey(on canvas: inout SVGCanvas, top: Double) {
        let left = 40.0, width = PlotArea.canvasWidth - 2 * left, steps = 40
        for step in 0..<steps {
            let t = (Double(step) + 0.5) / Double(steps)
            canvas.rect(
                x: left + width * Double(step) / Double(steps), y: top, width: width / Double(steps) + 0.5, height: 12,
                fill: ChartPalette.heat(0.5 * t * t))
        }
        canvas.rect(x: left, y: top, width: width, height: 12, fill: "none", stroke: "#adb5bd")
        for p in [0, 0.01, 0.05, 0.2, 0.5] {
            let x = left + width * (p / 0.5).squareRoot()
            canvas.line((x, top + 12), (x, top + 17), stroke: "#555")
            canvas.text(p == 0.5 ? "≥ 50 %" : ChartLabels.percent(p), at: (x, top + 30), anchor: .middle, style: "tick")
        }
        canvas.text("P(liquidation)", at: (left, top - 6), style: "tick")
    }
}
