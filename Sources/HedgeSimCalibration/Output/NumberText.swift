import Foundation

/// Number formats of the calibration output.
enum NumberText {
    /// Six significant digits, as config values and table estimates: `0.738123`, `9.7e-06`.
    static func value(_ x: Double) -> String { String(format: "%.6g", x) }

    /// Three significant digits, as standard errors.
    static func error(_ x: Double?) -> String { x.map { String(format: "%.3g", $0) } ?? "n/a" }

    /// `123456.789` → "123,456.79": log-likelihoods and AICs.
    static func grouped(_ x: Double) -> String {
        let text = String(format: "%.2f", abs(x))
        let parts = text.split(separator: ".")
        var digits = Array(parts[0])
        var result = ""
        while digits.count > 3 {
            result = "," + String(digits.suffix(3)) + result
            digits.removeLast(3)
        }
        return (x < 0 ? "-" : "") + String(digits) + result + "." + parts[1]
    }

    /// `41203` → "41,203".
    static func count(_ n: Int) -> String {
        let text = grouped(Double(n))
        return String(text.dropLast(3))
    }
}
