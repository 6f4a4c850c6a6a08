import Foundation
import HedgeSimCore

/// Reads a hedge journal in HedgeSim's own CSV layout (`docs/journal.md`): a header row naming some of
/// `JournalReader.columns`, then one row per trade, funding payment, liquidation or settlement, in time
/// order.
///
/// Checks, each a one-line `CSVError` naming the file, the line, the field and what is allowed: unknown
/// or repeated columns, missing `time`/`type`, times that are not ISO-8601 or epoch numbers, rows out of
/// time order, unknown types, sides or instruments, quantities and prices that are not positive finite
/// numbers, fees or amounts that are not finite, a value in a column the row's type does not use.
public enum JournalReader {
    /// The columns a journal may have, in the documented order.
    public static let columns = ["time", "type", "side", "quantity", "price", "index", "fee", "amount", "hedge", "instrument"]
    /// The columns every journal must have.
    public static let requiredColumns = ["time", "type"]

    /// The rows of `data` (a journal file named `source` in messages), in file order.
    public static func read(data: Data, source: String) throws -> [JournalEntry] {
        let text = try CSVText(data: data, source: source)
        let table = try CSVTable(text: text, source: source) { names in
            requiredColumns.allSatisfy { required in names.contains { ColumnSelector.normalised($0) == required } }
        }
        if let repeated = table.repeatedColumnNames.first {
            throw CSVError(file: source, line: table.headerLine, reason: "column \(repeated) appears twice")
        }
        let names = table.header.map(ColumnSelector.normalised)
        if let unknown = names.first(where: { !columns.contains($0) }) {
            throw CSVError(
                file: source, line: table.headerLine,
                reason: "unknown column \"\(unknown)\"; a journal has the columns \(columns.joined(separator: ", "))")
        }
        if let missing = requiredColumns.first(where: { !names.contains($0) }) {
            throw CSVError(file: source, line: table.headerLine, reason: "no \"\(missing)\" column; a journal needs \(requiredColumns.joined(separator: " and "))")
        }
        var entries: [JournalEntry] = []
        for line in table.dataLines {
            let fields = try table.fields(of: line)
            guard fields.count == names.count else {
                throw CSVError(
                    file: source, line: line.number, reason: "\(fields.count) fields where the header has \(names.count)")
            }
            var row: [String: String] = [:]
            for (name, value) in zip(names, fields) where !value.isEmpty { row[name] = value }
            let entry = try RowParser(row: row, file: source, line: line.number).entry()
            if let previous = entries.last, entry.time < previous.time {
                throw CSVError(
                    file: source, line: line.number,
                    reason: "time \(row["time"] ?? "") is before the previous row's (line \(previous.line)); sort the journal by time")
            }
            entries.append(entry)
        }
        guard !entries.isEmpty else { throw CSVError(file: source, line: nil, reason: "the journal has a header but no rows") }
        return entries
    }
}

/// One data row's fields by column name (empty fields left out), turned into a `JournalEntry`.
struct RowParser {
    let row: [String: String]
    let file: String
    let line: Int

    func entry() throws -> JournalEntry {
        let time = try self.time()
        let kind: JournalEntryKind = try choice("type")
        let instrument: InstrumentKind = try row["instrument"] == nil ? .perpetual : choice("instrument")
        var entry = JournalEntry(
            time: time, line: line, hedge: row["hedge"], instrument: instrument, kind: kind,
            index: try positive("index", required: false), fee: try finite("fee") ?? 0)
        switch kind {
        case .funding:
            try absent(["side", "quantity"], for: kind)
            guard let amount = try finite("amount") else { throw error("amount", "none", "the funding received (+) or paid (−) on a funding row") }
            entry.amount = amount
            entry.price = try positive("price", required: false)
        case .trade, .liquidation, .settlement:
            try absent(["amount"], for: kind)
            let side: TradeSide? = row["side"] == nil ? nil : try choice("side")
            if kind == .trade && side == nil { throw error("side", "none", "sell (open or add to the short) | buy (reduce it)") }
            if kind != .trade, let side, side != .buy {
                throw error("side", side.rawValue, "buy or empty: a \(kind.rawValue) closes the short")
            }
            entry.side = kind == .trade ? side : .buy
            entry.quantity = try positive("quantity", required: true) ?? 0
            entry.price = try positive("price", required: true)
        }
        return entry
    }

    private func time() throws -> Double {
        guard let text = row["time"] else { throw error("time", "none", "an ISO-8601 time or epoch seconds") }
        guard let parsed = Timestamp.parse(text, format: .auto) else {
            throw error("time", text, "an ISO-8601 time (2024-03-01T08:00:00Z) or an epoch number")
        }
        return parsed.seconds
    }

    private func choice<T: RawRepresentable & CaseIterable>(_ column: String) throws -> T where T.RawValue == String {
        let text = row[column] ?? ""
        guard let value = T(rawValue: text.lowercased()) else {
            throw error(column, text.isEmpty ? "none" : text, T.allCases.map(\.rawValue).joined(separator: " | "))
        }
        return value
    }

    private func positive(_ column: String, required: Bool) throws -> Double? {
        guard let text = row[column] else {
            if required { throw error(column, "none", "a positive number") }
            return nil
        }
        guard let value = Double(text), value.isFinite, value > 0 else { throw error(column, text, "a positive number") }
        return value
    }

    private func finite(_ column: String) throws -> Double? {
        guard let text = row[column] else { return nil }
        guard let value = Double(text), value.isFinite else { throw error(column, text, "a finite number") }
        return value
    }

    private func absent(_ columns: [String], for kind: JournalEntryKind) throws {
        if let column = columns.first(where: { row[$0] != nil }) {
            throw error(column, row[column] ?? "", "empty on a \(kind.rawValue) row")
        }
    }

    private func error(_ column: String, _ value: String, _ allowed: String) -> CSVError {
        CSVError(file: file, line: line, reason: "\(column) \"\(value)\": expected \(allowed)")
    }
}
