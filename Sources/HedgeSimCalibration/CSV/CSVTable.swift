import Foundation

/// A CSV file split into its header row and data lines.
///
/// **Header rule:** banner lines above the header are skipped. The header is the first non-blank line
/// (among the first 50) that has at least two fields, none of them a number, and that is followed by
/// a line with the same number of fields (or by nothing: a header-only file). When several lines
/// qualify, the first whose names `accepts` wins, so a two-field banner above a two-field header is
/// skipped when the wanted columns are only in the real header.
///
/// **Delimiter rule:** fields are split on the given delimiter; when none is given, each candidate
/// line is split on a comma if it has one, else on a semicolon, else on a tab, and the data lines are
/// split like the chosen header.
struct CSVTable {
    let source: String
    /// The column names, as written (trimmed).
    let header: [String]
    /// 1-based line number of the header.
    let headerLine: Int
    /// Non-blank lines above the header (banners).
    let skippedLines: Int
    /// The non-blank lines below the header.
    let dataLines: [(number: Int, text: Substring)]
    /// The delimiter of the header, used for every data line.
    let delimiter: CSVDelimiter

    static let headerSearchLines = 50

    /// - Parameter accepts: whether a candidate header holds the wanted columns.
    /// - Throws: `CSVError` when the text fails the file checks or no header row is found.
    /// - Parameter delimiter: the field delimiter; nil detects it per line (see the delimiter rule).
    init(text: CSVText, source: String, delimiter: CSVDelimiter? = nil, accepts: ([String]) -> Bool) throws {
        self.source = source
        let lines = text.lines.filter { !CSVText.isBlank($0.text) }
        guard !lines.isEmpty else { throw CSVError(file: source, line: nil, reason: "the file holds only blank lines") }
        var candidates: [(position: Int, names: [String], delimiter: CSVDelimiter)] = []
        var firstDataLine: Int?
        for position in 0..<min(lines.count, CSVTable.headerSearchLines) {
            let lineDelimiter = delimiter ?? CSVDelimiter.detect(in: lines[position].text)
            guard let fields = CSVFields.split(lines[position].text, delimiter: lineDelimiter), fields.count >= 2 else { continue }
            let names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if names.contains(where: { Double($0) != nil }) {
                firstDataLine = firstDataLine ?? lines[position].number
                continue
            }
            // A next line whose quotes do not close counts as a match; reading it reports the problem.
            let followedBySameWidth = position + 1 == lines.count
                || (CSVFields.split(lines[position + 1].text, delimiter: lineDelimiter)?.count ?? fields.count) == fields.count
            if followedBySameWidth { candidates.append((position, names, lineDelimiter)) }
        }
        guard let chosen = candidates.first(where: { accepts($0.names) }) ?? candidates.first else {
            if let firstDataLine {
                throw CSVError(
                    file: source, line: firstDataLine,
                    reason: "expected a header row naming the columns (e.g. time,price) above the data")
            }
            let separated = delimiter.map { "a \($0.name)-separated" } ?? "a comma-, semicolon- or tab-separated"
            throw CSVError(
                file: source, line: nil,
                reason: "no header row found in the first \(CSVTable.headerSearchLines) lines "
                    + "(\(separated) row of column names, e.g. time,price)")
        }
        header = chosen.names
        headerLine = lines[chosen.position].number
        skippedLines = chosen.position
        dataLines = Array(lines[(chosen.position + 1)...])
        self.delimiter = chosen.delimiter
    }

    /// The fields of a data line, trimmed.
    /// - Throws: `CSVError` for an unterminated quoted field.
    func fields(of line: (number: Int, text: Substring)) throws -> [String] {
        guard let fields = CSVFields.split(line.text, delimiter: delimiter) else {
            throw CSVError(file: source, line: line.number, reason: "a quoted field is not closed on its line")
        }
        return fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The header names that appear more than once, with their 1-based columns, e.g. "time_dt (columns 1 and 7)".
    var repeatedColumnNames: [String] {
        var seen: [String: [Int]] = [:]
        var order: [String] = []
        for (offset, name) in header.enumerated() {
            let key = ColumnSelector.normalised(name)
            if seen[key] == nil { order.append(key) }
            seen[key, default: []].append(offset + 1)
        }
        return order.compactMap { key in
            guard let columns = seen[key], columns.count > 1, let first = columns.first else { return nil }
            let name = header[first - 1]
            let list = columns.dropLast().map(String.init).joined(separator: ", ") + " and \(columns.last ?? first)"
            return "\(name) (columns \(list))"
        }
    }
}
