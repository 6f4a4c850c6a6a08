/// The character between the fields of a CSV line: a comma (the default), a semicolon (spreadsheets
/// in locales with decimal commas) or a tab.
public enum CSVDelimiter: String, Sendable, CaseIterable {
    case comma = ","
    case semicolon = ";"
    case tab

    /// The delimiting byte.
    var byte: UInt8 {
        switch self {
        case .comma: return UInt8(ascii: ",")
        case .semicolon: return UInt8(ascii: ";")
        case .tab: return UInt8(ascii: "\t")
        }
    }

    /// How a message names it.
    var name: String {
        switch self {
        case .comma: return "comma"
        case .semicolon: return "semicolon"
        case .tab: return "tab"
        }
    }

    /// The delimiter of a line when none is given: a comma when the line has one, else a semicolon,
    /// else a tab, else a comma (a one-field line).
    static func detect(in line: Substring) -> CSVDelimiter {
        let bytes = line.utf8
        if bytes.contains(UInt8(ascii: ",")) { return .comma }
        if bytes.contains(UInt8(ascii: ";")) { return .semicolon }
        if bytes.contains(UInt8(ascii: "\t")) { return .tab }
        return .comma
    }
}
