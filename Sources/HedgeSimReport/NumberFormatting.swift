import Foundation

/// Number formats for people: thousands separators, fixed decimals, percents.
enum NumberFormatting {
    /// `1234567.8` → "1,234,568" (no decimals) or with `decimals` digits after the point.
    static func grouped(_ value: Double, decimals: Int = 0) -> String {
        let text = String(format: "%.\(decimals)f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        var digits = Array(parts[0])
        var groupedDigits = ""
        while digits.count > 3 {
            groupedDigits = "," + String(digits.suffix(3)) + groupedDigits
            digits.removeLast(3)
        }
        groupedDigits = String(digits) + groupedDigits
        let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + groupedDigits + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `grouped` when it fits in `width` characters, else scaled by its own magnitude with a suffix
    /// (k, M, B, T) and one decimal when it fits: 1,000,550,252 → "1.0B"; beyond 10^15 scientific.
    static func fitted(_ value: Double, width: Int, decimals: Int = 0) -> String {
        let plain = grouped(value, decimals: decimals)
        if plain.count <= width { return plain }
        let magnitude = abs(value)
        for (scale, suffix) in [(1e3, "k"), (1e6, "M"), (1e9, "B"), (1e12, "T")] where magnitude < scale * 1000 {
            for places in [1, 0] {
                let text = grouped(value / scale, decimals: places) + suffix
                if text.count <= width { return text }
            }
        }
        return String(format: "%.2e", value)
    }

    /// A probability as a percent: two decimals, or three significant digits below 0.1 % so that a
    /// rare event never reads as 0.00 %.
    static func probability(_ value: Double, significant: Int = 3) -> String {
        value > 0 && value < 0.001 ? String(format: "%.\(significant)g%%", value * 100) : percent(value)
    }

    /// `0.0123` → "1.23%".
    static func percent(_ value: Double, decimals: Int = 2) -> String {
        String(format: "%.\(decimals)f%%", value * 100)
    }

    /// Compact form of a ratio or leverage: 0.1 → "0.1", 3 → "3".
    static func compact(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
