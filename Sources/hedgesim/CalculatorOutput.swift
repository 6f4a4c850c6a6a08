import Foundation
import HedgeSimCore

/// What the calculator commands (`venues`, `liquidation-price`, `size`) share: their two formats,
/// number flags read as text (so every bad value is one `InputError` line), and writing the result to
/// standard output or atomically to a file.
enum CalculatorOutput {
    /// The number a flag gives, nil when the flag is absent.
    /// - Throws: `InputError` on `field` when the text is not a finite number.
    static func number(_ text: String?, field: String) throws -> Double? {
        guard let text else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw InputError(field: field, value: text, allowed: "a finite number")
        }
        return value
    }

    /// A required number flag.
    static func required(_ text: String?, field: String, _ allowed: String) throws -> Double {
        guard let value = try number(text, field: field) else {
            throw InputError(field: field, value: "none", allowed: allowed)
        }
        return value
    }

    /// `--convention`, nil when absent.
    static func convention(_ text: String?) throws -> MaintenanceConvention? {
        guard let text else { return nil }
        guard let convention = MaintenanceConvention(rawValue: text) else {
            throw InputError(field: "convention", value: text, allowed: "entry | mark")
        }
        return convention
    }

    /// Pretty JSON with sorted keys and a final newline.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// `45662.1` → "45,662.10" (grouped, `decimals` places).
    static func grouped(_ value: Double, decimals: Int = 2) -> String {
        let text = String(format: "%.\(decimals)f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = String(parts[0])
        var result = ""
        while digits.count > 3 {
            result = "," + digits.suffix(3) + result
            digits.removeLast(3)
        }
        let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + digits + result + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A ratio or leverage without trailing zeros: 1.0 → "1", 2.5 → "2.5".
    static func compact(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A rate as a percent without trailing zeros: 0.00055 → "0.055 %".
    static func percent(_ rate: Double) -> String {
        compact(rate * 100) + " %"
    }

    /// A price and its signed distance from entry: "55,277.78 USD (+10.56 % from entry)", or `none`.
    static func price(_ price: Double?, entry: Double, none: String) -> String {
        guard let price, let distance = LiquidationQuote.distancePercent(price, from: entry) else { return none }
        return "\(grouped(price)) USD (\(String(format: "%+.2f", distance)) % from entry)"
    }

    /// Label/value lines with the values aligned.
    static func lines(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { "  " + $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n") + "\n"
    }
}
