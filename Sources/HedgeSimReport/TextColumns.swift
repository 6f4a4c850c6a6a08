import Foundation

/// A plain-text table with columns as wide as their widest cell: the columns in `leftAligned` (labels)
/// left-aligned, the rest (numbers) right-aligned, two spaces between columns.
enum TextColumns {
    static func render(header: [String], rows: [[String]], leftAligned: Set<Int> = []) -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return leftAligned.contains(column) ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return [line(header)] + rows.map(line)
    }
}
