import Foundation

/// An SVG drawing under construction: a canvas of `width × height` user units (the page's CSS scales
/// it to the column width) and its elements in drawing order. Text is escaped here, so callers pass
/// plain text; colours are CSS colour literals chosen by the charts.
struct SVGCanvas: Sendable {
    /// Where a text's `x` sits: at its start, middle or end.
    enum Anchor: String, Sendable { case start, middle, end }

    /// A point in canvas coordinates.
    typealias Point = (x: Double, y: Double)

    let width: Double
    let height: Double
    private(set) var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A straight line; `dash` is an SVG dash pattern such as "5 4".
    mutating func line(_ from: Point, _ to: Point, stroke: String, width: Double = 1, dash: String? = nil) {
        elements.append(
            "<line x1=\"\(c(from.x))\" y1=\"\(c(from.y))\" x2=\"\(c(to.x))\" y2=\"\(c(to.y))\" stroke=\"\(stroke)\""
                + " stroke-width=\"\(c(width))\"\(dashAttribute(dash))/>")
    }

    /// Points joined by straight lines, unfilled.
    mutating func polyline(_ points: [Point], stroke: String, width: Double = 2, dash: String? = nil) {
        elements.append(
            "<polyline points=\"\(pointList(points))\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(c(width))\""
                + " stroke-linejoin=\"round\"\(dashAttribute(dash))/>")
    }

    /// A filled closed shape; `opacity` below 1 lets what is under it show through.
    mutating func polygon(_ points: [Point], fill: String, opacity: Double = 1) {
        elements.append("<polygon points=\"\(pointList(points))\" fill=\"\(fill)\"\(opacityAttribute(opacity))/>")
    }

    /// A rectangle from its top-left corner, filled and optionally outlined.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1) {
        let outline = stroke.map { " stroke=\"\($0)\" stroke-width=\"\(c(strokeWidth))\"" } ?? ""
        elements.append(
            "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, width)))\" height=\"\(c(max(0, height)))\" fill=\"\(fill)\"\(outline)/>")
    }

    /// A circle, filled and optionally outlined.
    mutating func circle(_ center: Point, radius: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1.5) {
        let outline = stroke.map { " stroke=\"\($0)\" stroke-width=\"\(c(strokeWidth))\"" } ?? ""
        elements.append("<circle cx=\"\(c(center.x))\" cy=\"\(c(center.y))\" r=\"\(c(radius))\" fill=\"\(fill)\"\(outline)/>")
    }

    /// A text; `style` names a class of the page's CSS (`tick`, `title`, `value`, `cell`, `note`), which
    /// sets its size and weight. Its colour is `fill`, or by default dark grey (`note`: mid grey).
    mutating func text(
        _ content: String, at point: Point, anchor: Anchor = .start, style: String, fill: String? = nil,
        rotation: Double? = nil
    ) {
        let colour = " fill=\"\(fill ?? (style == "note" ? "#6c757d" : "#343a40"))\""
        let turn = rotation.map { " transform=\"rotate(\(c($0)) \(c(point.x)) \(c(point.y)))\"" } ?? ""
        elements.append(
            "<text x=\"\(c(point.x))\" y=\"\(c(point.y))\" text-anchor=\"\(anchor.rawValue)\" class=\"\(style)\"\(colour)\(turn)>"
                + "\(content.htmlEscaped)</text>")
    }

    /// The finished `<svg>` element; `label` is its accessible name and tooltip.
    func render(label: String) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" aria-label=\"\(label.htmlEscaped)\">"
            + "<title>\(label.htmlEscaped)</title>\n" + elements.joined(separator: "\n") + "\n</svg>"
    }

    private func c(_ value: Double) -> String { NumberFormatting.coordinate(value) }

    private func pointList(_ points: [Point]) -> String {
        points.map { c($0.x) + "," + c($0.y) }.joined(separator: " ")
    }

    private func dashAttribute(_ dash: String?) -> String { dash.map { " stroke-dasharray=\"\($0)\"" } ?? "" }

    private func opacityAttribute(_ opacity: Double) -> String { opacity < 1 ? " fill-opacity=\"\(String(format: "%.2f", opacity))\"" : "" }
}
