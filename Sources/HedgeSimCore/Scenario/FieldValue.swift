/// A raw input value before it is checked against the field it sets: from a config file (YAML/JSON
/// scalars and lists) or from a command-line flag (always text).
public enum FieldValue: Sendable, Equatable {
    case number(Double)
    case text(String)
    case boolean(Bool)
    case list([FieldValue])
    case null

    /// How the value reads in an error message.
    var display: String {
        switch self {
        case .number(let value): return describe(value)
        case .text(let text): return text.isEmpty ? "\"\"" : text
        case .boolean(let flag): return flag ? "true" : "false"
        case .list(let items): return "[" + items.map(\.display).joined(separator: ", ") + "]"
        case .null: return "null"
        }
    }
}
