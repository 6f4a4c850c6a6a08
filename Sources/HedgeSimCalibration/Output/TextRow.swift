/// One line of a plain-text table of fixed column widths: each cell padded to its width, the first
/// `left` columns (labels) left-aligned, the rest (numbers) right-aligned, one space between columns.
enum TextRow {
    static func line(_ columns: [(String, Int)], left: Int) -> String {
        columns.enumerated().map { index, column in
            let padding = String(repeating: " ", count: max(0, column.1 - column.0.count))
            return index < left ? column.0 + padding : padding + column.0
        }.joined(separator: " ")
    }
}
