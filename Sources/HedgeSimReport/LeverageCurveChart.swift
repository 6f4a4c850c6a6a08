import Foundation
import HedgeSimCore

/// The liquidation probability of the recommended ratio against leverage (log axis), with its Wilson
/// 95 % band, the limit as a dashed line and the chosen leverage marked: the curve the leverage was
/// read from. Left of where the band's top meets the limit is feasible.
enum LeverageCurveChart {
    static func svg(_ curve: LeverageCurve, chosen: Double) -> String {
        // Up to the first leverage liquidated on 4 times the limit: the part that decides.
        let cut = curve.points.firstIndex { $0.probability > 4 * curve.limit } ?? curve.points.count - 1
        let points = Array(curve.points.prefix(cut + 1))
        let xs = points.map { Foundation.log($0.leverage) }
        let highest = min(1, max(2 * curve.limit, points.map { $0.ci95[1] }.max() ?? curve.limit))
        var plot = PlotArea(height: 320, xValues: xs, yValues: [0, highest], yPadding: 0.04)
        var ticks: [Double] = []
        for tick in [1.0, 1.25, 1.5, 2, 2.5, 3, 4, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200]
        where tick >= points[0].leverage * 0.999 && tick <= points[points.count - 1].leverage * 1.001 {
            // Ticks at least a tenth of the axis apart, so their labels never run together.
            if let last = ticks.last, Foundation.log(tick / last) < 0.1 * ((xs.last ?? 0) - (xs.first ?? 0)) { continue }
            ticks.append(tick)
        }
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
