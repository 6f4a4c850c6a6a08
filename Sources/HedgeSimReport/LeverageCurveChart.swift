import Foundation
import HedgeSimCore

/// The liquidation probability of the recommended ratio against leverage (log axis), with its Wilson
/// 95 % band, the limit as a dashed line and the chosen leverage marked: the curve the leverage was
/// read from. Left of where the band's top meets the limit is feasible.
enum LeverageCurveChart {
    static func svg(_ curve: LeverageCurve, chosen: Double) -> String {
        let points = curve.points
        let xs = points.map { Foundation.log($0.leverage) }
        let highest = min(1, max(curve.limit * 2.5, points.map { $0.ci95[1] }.filter { $0 <= curve.limit * 2.5 }.max() ?? curve.limit))
        var plot = PlotArea(height: 320, xValues: xs, yValues: [0, highest], yPadding: 0.04)
        let ticks = [1.0, 1.5, 2, 3, 5, 10, 20, 50, 100, 150].filter { $0 >= points[0].leverage * 0.999 && $0 <= points.last!.leverage * 1.001 }
        plot.drawAxes(
            xTitle: "Leverage (ratio \(NumberFormatting.compact(curve.hedgeRatio)), log scale)", yTitle: "P(liquidation)",
            xLabel: { NumberFormatting.compact((Foundation.exp($0) * 100).rounded() / 100) + "x" }, yLabel: ChartLabels.percent,
            xTicks: ticks.map { Foundation.log($0) })
        func clipped(_ p: Double) -> Double { min(p, highest) }
        let upper = points.map { plot.point(Foundation.log($0.leverage), clipped($0.ci95[1])) }
        let lower = points.map { plot.point(Foundation.log($0.leverage), clipped($0.ci95[0])) }
        plot.canvas.polygon(upper + lower.reversed(), fill: ChartPalette.recommended, opacity: 0.2)
        plot.canvas.polyline(points.map { plot.point(Foundation.log($0.leverage), clipped($0.probability)) }, stroke: ChartPalette.recommended)
        let limitY = plot.y(curve.limit)
        plot.canvas.line((plot.left, limitY), (plot.right, limitY), stroke: ChartPalette.liquidation, width: 1.5, dash: "6 4")
        plot.canvas.text(
            "limit \(NumberFormatting.readablePercent(curve.limit))", at: (plot.right - 4, limitY - 6), anchor: .end, style: "value",
            fill: ChartPalette.liquidation)
        let chosenX = plot.x(Foundation.log(chosen))
        plot.canvas.line((chosenX, plot.top), (chosenX, plot.bottom), stroke: ChartPalette.total, width: 1.5)
        plot.canvas.text("chosen \(NumberFormatting.leverage(chosen))", at: (chosenX + 4, plot.top + 12), anchor: .start, style: "value")
        return plot.canvas.render(
            label: "Liquidation probability against leverage at ratio \(NumberFormatting.compact(curve.hedgeRatio)), with its "
                + "95 % band, the limit and the chosen leverage")
    }
}
