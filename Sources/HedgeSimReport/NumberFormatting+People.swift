import Foundation

extension NumberFormatting {
    /// Whole US dollars with thousands separators and the unit: `70000` → "70,000 USD".
    static func usd(_ value: Double) -> String { grouped(value) + " USD" }

    /// A fraction as a percent for people, with a space before the sign and as many decimals as a
    /// small value needs: `0.0123` → "1.2 %", `0.0013` → "0.13 %", `0.00004` → "0.004 %", `0` → "0 %";
    /// a nonzero value that would print as zero reads "< 0.001 %".
    static func readablePercent(_ fraction: Double) -> String {
        let value = fraction * 100
        if value == 0 { return "0 %" }
        let magnitude = abs(value)
        if magnitude < 0.0005 { return (value < 0 ? "> -" : "< ") + "0.001 %" }
        let decimals = magnitude >= 0.995 ? 1 : magnitude >= 0.0995 ? 2 : 3
        return String(format: "%.\(decimals)f %%", value)
    }

    /// A day count to one decimal, without a trailing ".0": `1.4167` → "1.4", `2` → "2".
    static func day(_ value: Double) -> String { compact((value * 10).rounded() / 10) }

    /// A leverage for people: `3` → "3x", `2.5` → "2.5x".
    static func leverage(_ value: Double) -> String { compact(value) + "x" }

    /// A plain decimal for coordinates in SVG markup, one digit after the point.
    static func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }
}
