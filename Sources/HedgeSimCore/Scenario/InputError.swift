import Foundation

/// A rejected input: names the field, the offending value and what is allowed, in one line.
///
/// `field` is the scenario key (camelCase, as in config files and the JSON report); the message also
/// gives the matching command-line flag so either kind of user finds the place to fix.
public struct InputError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let value: String
    public let allowed: String

    /// Keeps the message on one line whatever the input: control characters in the field or value are
    /// escaped (`\n`) and a value longer than 80 characters is cut with "…".
    /// The flag to name in the message: nil derives it from the field, "" names none (for
    /// positional arguments such as merge's partial files).
    public let flag: String?

    public init(flag: String? = nil, field: String, value: String, allowed: String) {
        self.field = InputError.printable(field, limit: 80)
        self.value = InputError.printable(value, limit: 80)
        self.allowed = allowed
        self.flag = flag
    }

    static func printable(_ text: String, limit: Int) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .lineSeparator
                    || scalar.properties.generalCategory == .paragraphSeparator {
                    result += String(format: "\\u{%X}", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result.count > limit ? String(result.prefix(limit)) + "…" : result
    }

    public var description: String {
        let name = flag ?? "--" + ScenarioFields.flag(for: field)
        return "invalid \(field)\(name.isEmpty ? "" : " (\(name))"): \(value); allowed: \(allowed)"
    }

    /// The kebab-case flag for a camelCase key: `horizonDays` → `horizon-days`.
    public static func flagName(for field: String) -> String {
        let base = field.split(separator: ".").first.map(String.init) ?? field
        var flag = ""
        for character in base {
            if character.isUppercase {
                flag += "-" + character.lowercased()
            } else {
                flag.append(character)
            }
        }
        return flag
    }
}

/// Formats a number for an error message without losing what the user typed.
func describe(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}
