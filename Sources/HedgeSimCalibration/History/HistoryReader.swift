import Foundation

/// Reads the time and value columns of a history CSV (see `CSVTable` for the header rule) into a
/// clean series. Other columns (volumes, symbols) are ignored; a bad row in the kept columns is an
/// error naming the file, line and reason.
struct HistoryReader {
    /// What kind of history is read: the usual value column names, how a value is named in messages,
    /// and what a valid value is.
    struct Kind {
        /// "price" or "funding rate".
        let label: String
        /// The flags that choose the value and the time column.
        let valueFlag: String
        let timeFlag: String
        /// Column names tried in order when no value column is given.
        let valueNames: [String]
        /// Why a value is not acceptable (completing "price \"x\" …"), or nil when it is.
        let problem: @Sendable (Double) -> String?
        /// Whether candle-open times may be shifted (prices).
        let isPrice: Bool
    }

    /// Time column names tried in order when none is given (Deribit's local-time `time_dt` comes last).
    static let timeNames = ["unix", "timestamp", "time", "datetime", "date", "open_time", "open time", "time_dt"]

    /// The contents of `path`.
    /// - Throws: `CSVError` when the file cannot be read.
    static func load(_ path: String) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CSVError(file: path, line: nil, reason: "no such file")
        }
        guard !isFolder.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw CSVError(file: path, line: nil, reason: "not a readable file")
        }
        return data
    }

    static func read(data: Data, source: String, options: HistoryReadOptions, kind: Kind) throws -> HistoryAssembly {
        let text = try CSVText(data: data, source: source)
        let timeSelector = { (header: [String]) in options.timeColumn ?? ColumnSelector.firstPresent(of: timeNames, in: header) }
        let valueSelector = { (header: [String]) in options.valueColumn ?? ColumnSelector.firstPresent(of: kind.valueNames, in: header) }
        let table = try CSVTable(text: text, source: source, delimiter: options.delimiter) { header in
            (timeSelector(header)?.position(in: header) != nil || header.first?.isEmpty == true)
                && valueSelector(header)?.position(in: header) != nil
        }
        let timeColumn: Int
        if let selector = timeSelector(table.header) {
            timeColumn = try column(selector, role: "time", names: timeNames, flag: kind.timeFlag, table: table)
        } else if unnamedFirstColumnHoldsTimes(table, format: options.timeFormat) {
            timeColumn = 0
        } else {
            timeColumn = try column(nil, role: "time", names: timeNames, flag: kind.timeFlag, table: table)
        }
        let valueColumn = try column(valueSelector(table.header), role: kind.label, names: kind.valueNames, flag: kind.valueFlag, table: table)
        guard timeColumn != valueColumn else {
            throw CSVError(file: source, line: table.headerLine, reason: "the time and the \(kind.label) are the same column (\(timeColumn + 1))")
        }
        guard !table.dataLines.isEmpty else {
            throw CSVError(file: source, line: table.headerLine, reason: "no data rows below the header")
        }
        let needed = max(timeColumn, valueColumn) + 1
        var rows: [HistoryRow] = []
        rows.reserveCapacity(table.dataLines.count)
        var formats: [String] = []
        for line in table.dataLines {
            let fields = try table.fields(of: line)
            func fail(_ reason: String) -> CSVError { CSVError(file: source, line: line.number, reason: reason) }
            guard fields.count >= needed else {
                let missing = fields.count <= valueColumn ? (kind.label, valueColumn) : ("time", timeColumn)
                throw fail("\(fields.count) field\(fields.count == 1 ? "" : "s"), but the \(missing.0) is in column \(missing.1 + 1) (\(table.header[missing.1]))")
            }
            let valueText = fields[valueColumn]
            guard !valueText.isEmpty else { throw fail("\(kind.label) is empty") }
            guard let value = Double(valueText), value.isFinite else { throw fail("\(kind.label) \"\(valueText)\" is not a number") }
            if let problem = kind.problem(value) { throw fail("\(kind.label) \"\(valueText)\" \(problem)") }
            let timeText = fields[timeColumn]
            guard !timeText.isEmpty else { throw fail("time is empty") }
            guard let time = Timestamp.parse(timeText, format: options.timeFormat) else {
                throw fail("time \"\(timeText)\" is not " + expected(options.timeFormat))
            }
            if !formats.contains(time.kind) { formats.append(time.kind) }
            rows.append(HistoryRow(time: time.seconds, value: value, line: line.number, fractionalTime: time.fractionalEpoch))
        }
        let shift: Bool
        switch options.candleTimes {
        case .open: shift = kind.isPrice
        case .end: shift = false
        case .auto:
            shift = kind.isPrice && ColumnSelector.normalised(table.header[valueColumn]) == "close"
                && ColumnSelector.name("open").position(in: table.header) != nil
        }
        let origin = HistoryAssembly.Origin(
            source: source, headerLine: table.headerLine, skippedLines: table.skippedLines,
            timeColumn: "\(table.header[timeColumn].isEmpty ? "(unnamed)" : table.header[timeColumn]) (column \(timeColumn + 1))",
            valueColumn: "\(table.header[valueColumn]) (column \(valueColumn + 1))",
            timeFormat: formats.joined(separator: " + "),
            notes: table.repeatedColumnNames.map { "column name repeated: \($0); the first is used when chosen by name" })
        return HistoryAssembly(rows: rows, origin: origin, shiftCandles: shift, from: options.from, to: options.to)
    }

    /// Whether the first column is a time column without a name, as pandas writes a frame indexed by
    /// time (`,open,close` above `2020-01-01,…`): its header cell is empty and the first data rows'
    /// first fields all parse as times. Small whole numbers (below 10⁸, before 1973 as epoch seconds)
    /// do not count: they are pandas' default row index 0, 1, 2, ….
    static func unnamedFirstColumnHoldsTimes(_ table: CSVTable, format: TimeFormat) -> Bool {
        guard table.header.first?.isEmpty == true, !table.dataLines.isEmpty else { return false }
        for line in table.dataLines.prefix(5) {
            guard let fields = try? table.fields(of: line), let first = fields.first,
                let time = Timestamp.parse(first, format: format)
            else { return false }
            if time.kind.hasPrefix("epoch") && abs(time.seconds) < 1e8 { return false }
        }
        return true
    }

    /// The 0-based position of a chosen column.
    private static func column(_ selector: ColumnSelector?, role: String, names: [String], flag: String, table: CSVTable) throws -> Int {
        let columns = "columns: " + table.header.joined(separator: ", ")
        guard let selector else {
            throw CSVError(
                file: table.source, line: table.headerLine,
                reason: "no \(role) column found (looked for \(names.joined(separator: ", "))); choose one with \(flag) NAME|N (\(columns))")
        }
        guard let position = selector.position(in: table.header) else {
            switch selector {
            case .name(let name):
                throw CSVError(file: table.source, line: table.headerLine, reason: "no \(role) column named '\(name)' (\(columns))")
            case .index(let index):
                throw CSVError(
                    file: table.source, line: table.headerLine,
                    reason: "no column \(index) for the \(role): the header has \(table.header.count) (\(columns))")
            }
        }
        return position
    }

    private static func expected(_ format: TimeFormat) -> String {
        switch format {
        case .auto: return "a time (ISO-8601 such as 2020-03-12T23:00:00Z, or an epoch number)"
        case .iso8601: return "an ISO-8601 time such as 2020-03-12T23:00:00Z"
        case .seconds, .milliseconds, .microseconds: return "a number of epoch \(format.rawValue)"
        }
    }
}
