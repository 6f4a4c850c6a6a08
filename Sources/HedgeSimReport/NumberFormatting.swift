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
