/// A table of plain text cells that the HTML and Markdown reports both render (each escapes the text
/// its own way): a caption, a header row, body rows and which rows to emphasise.
struct ReportTable: Sendable {
    var caption: String
    var header: [String]
    var rows: [[String]]
    /// How many leading columns hold labels (left-aligned); the rest hold numbers (right-aligned).
    var labelColumns = 2
    /// Rows shown in bold (the recommended cell).
    var emphasised: Set<Int> = []
}
