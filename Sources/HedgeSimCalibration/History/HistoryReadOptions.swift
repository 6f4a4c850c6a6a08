import Foundation

/// What to read from a history CSV and which part of it to keep.
public struct HistoryReadOptions: Sendable {
    /// The time column; nil picks the first of the usual names (`unix`, `timestamp`, `time`, …).
    public var timeColumn: ColumnSelector?
    /// The value column (price or funding rate); nil picks the first of the usual names.
    public var valueColumn: ColumnSelector?
    /// How the times are written.
    public var timeFormat: TimeFormat
    /// What a price row's time marks (prices only; funding times are used as written).
    public var candleTimes: CandleTimes
    /// Keep only times at or after this (epoch seconds), after any candle shift.
    public var from: Double?
    /// Keep only times at or before this (epoch seconds), after any candle shift.
    public var to: Double?
    /// The field delimiter; nil detects it (a comma, or a semicolon or tab when the header has no comma).
    public var delimiter: CSVDelimiter?

    public init(
        timeColumn: ColumnSelector? = nil, valueColumn: ColumnSelector? = nil, timeFormat: TimeFormat = .auto,
        candleTimes: CandleTimes = .auto, from: Double? = nil, to: Double? = nil, delimiter: CSVDelimiter? = nil
    ) {
        self.timeColumn = timeColumn
        self.valueColumn = valueColumn
        self.timeFormat = timeFormat
        self.candleTimes = candleTimes
        self.from = from
        self.to = to
        self.delimiter = delimiter
    }
}

/// What the time of a price row marks. OHLC exports (CryptoDataDownload, exchange klines) label each
/// candle by its **open** time, while its `close` is the price at the candle's end: such times are
/// moved one step later, so each price sits at the time it was observed (the price at `T` is the close
/// of the candle opened at `T − step`). Returns do not change; their alignment with funding times does.
public enum CandleTimes: String, Sendable, CaseIterable {
    /// `open` when the price column is named `close` and the file has an `open` column, else `end`.
    case auto
    /// Times are candle opens: each price is moved one step later.
    case open
    /// Times are the times of the prices: used as written.
    case end
}

extension HistoryReadOptions {
    /// Epoch seconds of a window bound written as ISO-8601 or as an epoch number (unit by magnitude);
    /// nil when it is neither. With `endOfDay`, a date alone (`2023-01-26`) means the last instant of
    /// that day, so an inclusive `to` keeps the whole day.
    public static func windowBound(_ text: String, endOfDay: Bool) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let parsed = Timestamp.parse(trimmed, format: .auto) else { return nil }
        return endOfDay && parsed.kind == Timestamp.dateOnlyKind ? parsed.seconds + 86_400 - 0.001 : parsed.seconds
    }
}
