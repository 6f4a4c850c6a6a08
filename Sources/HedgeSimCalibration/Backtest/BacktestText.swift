import Foundation

/// Number formats of the backtest reports.
enum BacktestText {
    /// Shortest form of a setting: `0.5`, `5`, `1.25`.
    static func number(_ x: Double) -> String { String(format: "%g", x) }

    /// `0.0512` → "5.12 %".
    static func percent(_ x: Double, decimals: Int = 2) -> String { String(format: "%.\(decimals)f %%", x * 100) }

    /// A p-value: three significant digits, "<1e-16" below the double's resolution.
    static func pValue(_ p: Double) -> String { p < 1e-16 ? "<1e-16" : String(format: "%.3g", p) }

    /// A statistic: two decimals.
    static func statistic(_ x: Double) -> String { String(format: "%.2f", x) }

    /// USD with thousands separators and no cents: `12,345`.
    static func usd(_ x: Double) -> String {
        let text = NumberText.grouped(x.rounded())
        return String(text.dropLast(3))
    }

    /// `0.25` → "+25.0 %", `-0.4` → "−40.0 %".
    static func signedPercent(_ x: Double) -> String {
        (x < 0 ? "−" : "+") + percent(abs(x), decimals: 1)
    }

    /// Text made safe inside HTML and SVG: `& < > "` escaped.
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
