/// Small pieces of the HTML report, each escaping the text it is given: tables, chart legends,
/// label/value lists and preformatted blocks.
enum HTMLFragments {
    /// How a legend entry's swatch looks: a filled square, a line or a dashed line.
    enum Swatch: Sendable { case box, line, dash }

    /// One legend entry.
    struct LegendItem: Sendable {
        var label: String
        var colour: String
        var swatch: Swatch = .box
    }

    /// A table in a sideways-scrolling box under its caption (outside the box, so it wraps on a phone);
    /// label columns left-aligned, numbers right-aligned.
    static func table(_ table: ReportTable) -> String {
        func alignment(_ column: Int) -> String { column < table.labelColumns ? "" : " class=\"n\"" }
        var html = "<p class=\"caption\">\(table.caption.htmlEscaped)</p>\n<div class=\"scroll\"><table>\n<thead><tr>"
        html += table.header.enumerated().map { "<th\(alignment($0))>\($1.htmlEscaped)</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for (index, row) in table.rows.enumerated() {
            html += table.emphasised.contains(index) ? "<tr class=\"em\">" : "<tr>"
            html += row.enumerated().map { "<td\(alignment($0))>\($1.htmlEscaped)</td>" }.joined()
            html += "</tr>\n"
        }
        return html + "</tbody></table></div>"
    }

    /// A chart legend as a wrapping list.
    static func legend(_ items: [LegendItem]) -> String {
        let entries = items.map { item -> String in
            let style: String
            switch item.swatch {
            case .box: style = "swatch\" style=\"background:\(item.colour)"
            case .line: style = "swatch line\" style=\"background:\(item.colour)"
            case .dash: style = "swatch dash\" style=\"border-color:\(item.colour)"
            }
            return "<li><span class=\"\(style)\"></span>\(item.label.htmlEscaped)</li>"
        }
        return "<ul class=\"legend\">" + entries.joined() + "</ul>"
    }

    /// A list of label/value pairs.
    static func facts(_ pairs: [(label: String, value: String)]) -> String {
        "<dl class=\"facts\">" + pairs.map { "<dt>\($0.label.htmlEscaped)</dt><dd>\($0.value.htmlEscaped)</dd>" }.joined() + "</dl>"
    }

    /// Charts side by side where the page is wide enough (two or more, as small multiples), else one
    /// under the other.
    static func figures(_ charts: [String]) -> String {
        let layout = charts.count > 1 ? "figures" : "figures single"
        return "<div class=\"\(layout)\">" + charts.map { "<figure>\($0)</figure>" }.joined(separator: "\n") + "</div>"
    }

    /// A paragraph of explanation under a chart's heading.
    static func explanation(_ text: String) -> String { "<p class=\"what\">\(text.htmlEscaped)</p>" }

    /// Preformatted text (a command or a file).
    static func preformatted(_ text: String) -> String { "<pre><code>\(text.htmlEscaped)</code></pre>" }

    /// A section with an id for the contents, a heading and its body; a `hidden` one stays out of
    /// sight until a script of the page shows it.
    static func section(id: String, title: String, body: [String], className: String? = nil, hidden: Bool = false) -> String {
        let classAttribute = className.map { " class=\"\($0)\"" } ?? ""
        return "<section id=\"\(id)\"\(classAttribute)\(hidden ? " hidden" : "")>\n<h2>\(title.htmlEscaped)</h2>\n" + body.joined(separator: "\n") + "\n</section>"
    }

    /// A whole self-contained page: the style inline, a header with `heading` and `subject`, the
    /// sections, and an optional footer line. Every text is escaped here.
    static func page(title: String, heading: String, subject: String, sections: [String], footer: String?) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.htmlEscaped)</title>
        <link rel="icon" href="data:,">
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <main>
        <header>
        <h1>\(heading.htmlEscaped)</h1>
        <p class="subject">\(subject.htmlEscaped)</p>
        </header>
        \(sections.joined(separator: "\n"))
        \(footer.map { "<footer>\($0.htmlEscaped)</footer>" } ?? "")
        </main>
        </body>
        </html>

        """
    }
}
