import Foundation
import HedgeSimCore

/// Reads Deribit's transaction-log CSV export (Account → Transaction log → download; one file per
/// settlement currency) into journal rows. Columns as Deribit documents them
/// (https://support.deribit.com/hc/en-us/articles/25944587269021-Transaction-log, field meanings in
/// `private/get_transaction_log`): `Date`, `Instrument`, `Type`, `Side`, `Amount` (older files
/// `Base Amount` or `Size`; USD for inverse perpetuals and futures), `Price`, `Index Price`, `Funding`,
/// `Fee Charged` (older `Fee Paid`; coin, positive = paid), among others that are not needed.
///
/// Mapping, for the inverse perpetuals and futures of the file's coin (instrument `BTC-PERPETUAL`,
/// `BTC-27DEC24`; options and USDC-margined linear instruments, whose names carry a strike or an
/// underscore, are left out, as are deposits, withdrawals and transfers, which move balances but cost
/// nothing):
/// - `trade` with side `open sell` / `close buy`: a sell / buy of `Amount` USD at `Price`, fee `Fee Charged`,
///   index `Index Price`; `open buy` or `close sell` (a long) is refused: a hedge journal records shorts.
///   Trades whose `Info` or `Note` says liquidation are liquidations.
/// - `delivery` (a future held to expiry): a settlement at `Price`.
/// - any row of a perpetual with a non-zero `Funding`: a funding payment of that many coins (positive =
///   received, as Deribit books it into the balance), at the row's time.
///
/// `Date` is read as `DD/MM/YY HH:MM:SS` in UTC (or ISO-8601). Deribit lists the newest row first; a file
/// in either time order is read oldest first, one out of order is refused.
public enum DeribitTransactionLog {
    /// The columns this reader needs (older names in `aliases`).
    static let required = ["date", "instrument", "type", "side", "amount", "price", "funding", "fee charged"]
    static let aliases = ["base amount": "amount", "size": "amount", "fee paid": "fee charged"]

    public static func read(data: Data, source: String) throws -> [JournalEntry] {
        let text = try CSVText(data: data, source: source)
        let table = try CSVTable(text: text, source: source) { names in
            names.map(canonical).contains("instrument") && names.map(canonical).contains("date")
        }
        let names = table.header.map(canonical)
        if let missing = required.first(where: { !names.contains($0) }) {
            throw CSVError(
                file: source, line: table.headerLine,
                reason: "no \"\(missing)\" column; a Deribit transaction log has \(required.joined(separator: ", ")) among its columns")
        }
        var entries: [JournalEntry] = []
        for line in table.dataLines {
            let fields = try table.fields(of: line)
            guard fields.count == names.count else {
                throw CSVError(file: source, line: line.number, reason: "\(fields.count) fields where the header has \(names.count)")
            }
            var row: [String: String] = [:]
            for (name, value) in zip(names, fields) where row[name] == nil { row[name] = value }
            entries += try rows(from: row, file: source, line: line.number)
        }
        return try chronological(entries, source: source)
    }

    /// A header name in lower case, older names mapped to the current ones.
    static func canonical(_ name: String) -> String {
        let lowered = ColumnSelector.normalised(name)
        return aliases[lowered] ?? lowered
    }

    /// The journal rows of one log row (none, one, or a trade and its funding).
    static func rows(from row: [String: String], file: String, line: Int) throws -> [JournalEntry] {
        let instrument = row["instrument"] ?? ""
        let type = (row["type"] ?? "").lowercased()
        let parts = instrument.split(separator: "-")
        guard parts.count == 2, !instrument.contains("_") else { return [] }
        let perpetual = parts[1].uppercased() == "PERPETUAL"
        let kind: InstrumentKind = perpetual ? .perpetual : .dated
        func number(_ column: String) throws -> Double? {
            let text = row[column] ?? ""
            if text.isEmpty || text == "-" { return nil }
            guard let value = Double(text), value.isFinite else {
                throw CSVError(file: file, line: line, reason: "\(column) \"\(text)\": expected a number")
            }
            return value
        }
        let time = try self.time(row["date"] ?? "", file: file, line: line)
        var entries: [JournalEntry] = []
        let side = (row["side"] ?? "").lowercased()
        switch type {
        case "trade", "delivery":
            guard let amount = try number("amount").map(abs), amount > 0, let price = try number("price"), price > 0 else {
                throw CSVError(file: file, line: line, reason: "amount/price of a \(type): expected positive numbers")
            }
            let text = ((row["info"] ?? "") + " " + (row["note"] ?? "")).lowercased()
            let entryKind: JournalEntryKind = type == "delivery" ? .settlement : text.contains("liquidat") ? .liquidation : .trade
            let tradeSide: TradeSide
            switch side {
            case "open sell": tradeSide = .sell
            case "close buy": tradeSide = .buy
            default:
                throw CSVError(
                    file: file, line: line,
                    reason: "side \"\(row["side"] ?? "")\": expected open sell or close buy (a hedge journal records shorts)")
            }
            if entryKind != .trade && tradeSide == .sell {
                throw CSVError(file: file, line: line, reason: "side \"open sell\": expected close buy on a \(type)")
            }
            entries.append(JournalEntry(
                time: time, line: line, instrument: kind, kind: entryKind, side: tradeSide, quantity: amount, price: price,
                index: try number("index price").flatMap { $0 > 0 ? $0 : nil }, fee: try number("fee charged") ?? 0))
        default:
            break
        }
        if perpetual, let funding = try number("funding"), funding != 0 {
            entries.append(JournalEntry(
                time: time, line: line, instrument: kind, kind: .funding, price: try number("mark price") ?? number("price"), amount: funding))
        }
        return entries
    }

    /// `DD/MM/YY HH:MM:SS` (UTC) or ISO-8601, epoch seconds.
    static func time(_ text: String, file: String, line: Int) throws -> Double {
        let pieces = text.split(whereSeparator: { $0 == "/" || $0 == " " || $0 == ":" }).map { Int($0) }
        if pieces.count == 6, let day = pieces[0], let month = pieces[1], let year = pieces[2], let hour = pieces[3],
           let minute = pieces[4], let second = pieces[5], (1...31).contains(day), (1...12).contains(month), year >= 0,
           hour < 24, minute < 60, second < 61 {
            let fullYear = year < 100 ? 2000 + year : year
            return Double(Timestamp.daysFromCivil(year: fullYear, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second)
        }
        if let parsed = Timestamp.parse(text, format: .iso8601) { return parsed.seconds }
        throw CSVError(file: file, line: line, reason: "date \"\(text)\": expected DD/MM/YY HH:MM:SS (UTC) or ISO-8601")
    }

    /// The rows oldest first: a file written newest first is reversed; one in neither order is refused.
    static func chronological(_ entries: [JournalEntry], source: String) throws -> [JournalEntry] {
        let times = entries.map(\.time)
        if zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 }) { return entries }
        // Rows from one log line (a trade and its funding) keep their order when the file is reversed.
        var lines: [[JournalEntry]] = []
        for entry in entries {
            if let last = lines.last?.last, last.line == entry.line { lines[lines.count - 1].append(entry) } else { lines.append([entry]) }
        }
        let reversed = Array(lines.reversed().joined())
        let reversedTimes = reversed.map(\.time)
        if zip(reversedTimes, reversedTimes.dropFirst()).allSatisfy({ $0 <= $1 }) { return reversed }
        let broken = zip(entries, entries.dropFirst()).first { $0.time > $1.time && $0.line != $1.line }
        let earlier = zip(entries, entries.dropFirst()).first { $0.time < $1.time }
        throw CSVError(
            file: source, line: (broken ?? earlier).map { $0.1.line },
            reason: "date out of order: the log is neither oldest first nor newest first; export it again or sort it by UserSeq")
    }
}
