/// A rejected input: names the field, the offending value and what is allowed, in one line.
///
/// `field` is the scenario key (camelCase, as in config files and the JSON report); the message also
/// gives the matching command-line flag so either kind of user finds the place to fix.
public struct InputError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let value: String
    public let allowed: String

    public init(field: String, value: String, allowed: String) {
        self.field = field
        self.value = value
        self.allowed = allowed
    }

    public var description: String {
        "invalid \(field) (--\(ScenarioFields.flag(for: field))): \(value); allowed: \(allowed)"
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
