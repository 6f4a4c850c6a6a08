import Foundation

/// An inline SVG chart of realised losses against the forecast VaR over time, as percentages of the
/// starting value: the realised loss in grey, VaR 95 % and VaR 99 % as lines, exceedances of the 95 %
/// VaR as orange dots and of the 99 % VaR as red dots, with a tick at every 1 January.
struct LossChart {
    let title: String
    /// Window ends (epoch seconds), realised losses and VaRs as fractions of the starting value.
    let times: [Double]
    let realised: [Double]
    let var95: [Double]
    let var99: [Double]

    static let width = 900.0, height = 280.0, left = 60.0, right = 16.0, top = 28.0, bottom = 36.0

    var svg: String {
        let (w, h, l, r, t, b) = (LossChart.width, LossChart.height, LossChart.left, LossChart.right, LossChart.top, LossChart.bottom)
        let first = times.first ?? 0, last = max(times.last ?? 1, first + 1)
        let low = min(0, realised.min() ?? 0), high = max(realised.max() ?? 0, var99.max() ?? 0, var95.max() ?? 0, 0.01)
        func x(_ time: Double) -> Double { l + (time - first) / (last - first) * (w - l - r) }
        func y(_ value: Double) -> Double { h - b - (value - low) / (high - low) * (h - b - t) }
        func line(_ values: [Double], colour: String, width: Double) -> String {
            let points = zip(times, values).map { String(format: "%.1f,%.1f", x($0), y($1)) }.joined(separator: " ")
            return "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(width)\"/>\n"
        }
        var svg = """
            <svg viewBox="0 0 \(Int(w)) \(Int(h))" role="img" aria-label="\(BacktestText.html(title))">
            <text x="\(l)" y="18" font-weight="bold">\(BacktestText.html(title))</text>
            <line x1="\(l)" y1="\(h - b)" x2="\(w - r)" y2="\(h - b)" stroke="#333"/>
            <line x1="\(l)" y1="\(t)" x2="\(l)" y2="\(h - b)" stroke="#333"/>

            """
        for tick in LossChart.ticks(low: low, high: high) {
            svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", l, y(tick), w - r, y(tick))
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">%.0f%%</text>\n", l - 6, y(tick) + 4, tick * 100)
        }
        for (year, time) in LossChart.newYears(from: first, to: last) {
            svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", x(time), h - b, x(time), h - b + 5)
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%d</text>\n", x(time), h - b + 18, year)
        }
        svg += line(realised, colour: "#999", width: 1)
        svg += line(var95, colour: "#1f6feb", width: 1.5)
        svg += line(var99, colour: "#8b0000", width: 1.5)
        for (index, time) in times.enumerated() where realised[index] > var95[index] {
            let colour = realised[index] > var99[index] ? "#d00" : "#f90"
            svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" ", x(time), y(realised[index])) + "fill=\"\(colour)\"/>"
        }
        svg += String(format: "\n<text x=\"%.1f\" y=\"18\" text-anchor=\"end\" font-size=\"11\">", w - r)
            + "<tspan fill=\"#999\">realised loss</tspan> · <tspan fill=\"#1f6feb\">VaR 95 %</tspan> · "
            + "<tspan fill=\"#8b0000\">VaR 99 %</tspan> · <tspan fill=\"#f90\">● &gt; VaR 95 %</tspan> · <tspan fill=\"#d00\">● &gt; VaR 99 %</tspan></text>\n"
        return svg + "</svg>"
    }

    /// About six round steps (1, 2, 2.5 or 5 × 10ᵏ) covering `[low, high]`.
    static func ticks(low: Double, high: Double) -> [Double] {
        let raw = (high - low) / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        return (Int((low / step).rounded(.up))...Int((high / step).rounded(.down))).map { Double($0) * step }
    }

    /// Every 1 January 00:00 UTC within `[from, to]`, with its year.
    static func newYears(from: Double, to: Double) -> [(Int, Double)] {
        let firstYear = Timestamp.civilFromDays(Int(floor(from / 86_400))).year
        let lastYear = Timestamp.civilFromDays(Int(floor(to / 86_400))).year
        return (firstYear...lastYear).compactMap { year in
            let time = Double(Timestamp.daysFromCivil(year: year, month: 1, day: 1)) * 86_400
            return time >= from && time <= to ? (year, time) : nil
        }
    }
}
