import Foundation

/// A chart with axes: an `SVGCanvas`, the plot rectangle inside its margins and the linear scales
/// of both axes. `drawAxes` adds grid lines, tick labels and the axis titles with their units.
struct PlotArea: Sendable {
    /// Canvas width of every chart; the page scales it to the column width.
    static let canvasWidth = 480.0

    var canvas: SVGCanvas
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double
    var x: LinearScale
    var y: LinearScale

    /// A plot of `height` units whose axes cover `xValues` and `yValues` (padded by `yPadding` of
    /// their spread); margins leave room for tick labels and titles.
    init(height: Double, xValues: [Double], yValues: [Double], yPadding: Double = 0.04, left: Double = 92, right: Double = 34) {
        canvas = SVGCanvas(width: PlotArea.canvasWidth, height: height)
        self.left = left
        self.right = PlotArea.canvasWidth - right
        top = 18
        bottom = height - 56
        x = LinearScale(covering: xValues, range: left...(PlotArea.canvasWidth - right))
        y = LinearScale(covering: yValues, range: top...(height - 56), flipped: true, padding: yPadding)
    }

    /// Grid lines and labelled ticks on both axes, and the axis titles (which carry the units).
    mutating func drawAxes(
        xTitle: String, yTitle: String, xLabel: (Double) -> String, yLabel: (Double) -> String, xTicks: [Double]? = nil
    ) {
        for value in y.ticks() {
            let position = y(value)
            canvas.line((left, position), (right, position), stroke: "#e3e3e3")
            canvas.text(yLabel(value), at: (left - 6, position + 4), anchor: .end, style: "tick")
        }
        for value in xTicks ?? x.ticks(count: 5) {
            let position = x(value)
            canvas.line((position, bottom), (position, bottom + 5), stroke: "#555")
            canvas.text(xLabel(value), at: (position, bottom + 21), anchor: .middle, style: "tick")
        }
        canvas.line((left, bottom), (right, bottom), stroke: "#555")
        canvas.line((left, top), (left, bottom), stroke: "#555")
        canvas.text(xTitle, at: ((left + right) / 2, bottom + 44), anchor: .middle, style: "title")
        let middle = (top + bottom) / 2
        canvas.text(yTitle, at: (15, middle), anchor: .middle, style: "title", rotation: -90)
    }

    /// Whether a canvas point lies inside the plot rectangle (with `slack` units to spare).
    func contains(_ point: SVGCanvas.Point, slack: Double = 0) -> Bool {
        point.x >= left - slack && point.x <= right + slack && point.y >= top - slack && point.y <= bottom + slack
    }

    /// The data point `(x, y)` in canvas coordinates.
    func point(_ xValue: Double, _ yValue: Double) -> SVGCanvas.Point { (x(xValue), y(yValue)) }
}
