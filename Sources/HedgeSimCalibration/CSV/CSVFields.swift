/// Splits one line of CSV text into its fields: separated by the delimiter (a comma unless told), RFC
/// 4180 quoting within the line (`"a,b"` is one field, `""` inside quotes is one quote). Spaces around a field are kept; callers
/// trim what they read.
enum CSVFields {
    /// The fields of `line`, or nil when a quoted field is not closed on the same line (fields that
    /// span lines are not supported).
    static func split(_ line: Substring, delimiter: CSVDelimiter = .comma) -> [Substring]? {
        guard line.utf8.contains(UInt8(ascii: "\"")) else {
            return line.utf8.split(separator: delimiter.byte, omittingEmptySubsequences: false).map { Substring($0) }
        }
        let separator = Character(Unicode.Scalar(delimiter.byte))
        var fields: [Substring] = []
        var current = ""
        var inQuotes = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if inQuotes {
                if character == "\"" {
                    if next < line.endIndex && line[next] == "\"" {
                        current.append("\"")
                        index = line.index(after: next)
                        continue
                    }
                    inQuotes = false
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == separator {
                fields.append(Substring(current))
                current = ""
            } else {
                current.append(character)
            }
            index = next
        }
        guard !inQuotes else { return nil }
        fields.append(Substring(current))
        return fields
    }
}
