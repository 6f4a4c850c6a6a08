import ArgumentParser
import HedgeSimCalibration
import HedgeSimCore

/// The CSV history options shared by `calibrate` and `backtest`: the price file and its columns and
/// time format, and the optional funding file with its own.
struct HistoryFileOptions: ParsableArguments {
    @Option(parsing: .unconditionalSingleValue, help: "Price history CSV (calibrate: repeat it for several coins).") var prices: [String] = []
    @Option(name: .customLong("price-column"), parsing: .unconditional, help: "Price column: name or 1-based number (default: close, price, …).")
    var priceColumn: String?
    @Option(name: .customLong("time-column"), parsing: .unconditional, help: "Time column of the prices: name or number (default: unix, timestamp, time, date, …).")
    var timeColumn: String?
    @Option(name: .customLong("time-format"), parsing: .unconditional, help: "Price times: auto | iso8601 | seconds | milliseconds | microseconds.")
    var timeFormat: String = "auto"
    @Option(name: .customLong("candle-times"), parsing: .unconditional, help: "Price times mark candle opens (moved one step later) or the prices' own times: auto | open | end.")
    var candleTimes: String = "auto"
    @Option(parsing: .unconditional, help: "Field delimiter of the CSV files: , | ; | tab (default: a comma, or ; or tab when the header has no comma).")
    var delimiter: String?
    @Option(parsing: .unconditional, help: "Funding history CSV (rate per interval, positive = longs pay).") var funding: String?
    @Option(name: .customLong("funding-column"), parsing: .unconditional, help: "Funding rate column: name or number (default: fundingRate, interest_1h, …).")
    var fundingColumn: String?
    @Option(name: .customLong("funding-time-column"), parsing: .unconditional, help: "Time column of the funding file: name or number.")
    var fundingTimeColumn: String?
    @Option(name: .customLong("funding-time-format"), parsing: .unconditional, help: "Funding times: auto | iso8601 | seconds | milliseconds | microseconds.")
    var fundingTimeFormat: String = "auto"

    /// Reads the price file and the funding file (when given), keeping times in `[from, to]`.
    /// - Throws: `InputError` on `prices` unless exactly one price file was given.
    func read(from: Double? = nil, to: Double? = nil) throws -> (prices: PriceHistory, funding: FundingHistory?) {
        guard prices.count == 1, let file = prices.first else {
            throw InputError(field: "prices", value: prices.isEmpty ? "none" : prices.joined(separator: ","),
                             allowed: "one price CSV (several only with calibrate, for a portfolio)")
        }
        let fieldDelimiter = try delimiter.map(Self.delimiter)
        let priceOptions = try priceReadOptions(from: from, to: to)
        let fundingOptions = HistoryReadOptions(
            timeColumn: fundingTimeColumn.map(ColumnSelector.init), valueColumn: fundingColumn.map(ColumnSelector.init),
            timeFormat: try CommandParsing.choice(fundingTimeFormat, field: "fundingTimeFormat", as: TimeFormat.self),
            candleTimes: .end, from: from, to: to, delimiter: fieldDelimiter)
        let priceHistory = try PriceHistory(contentsOfFile: file, options: priceOptions)
        let fundingHistory = try funding.map { try FundingHistory(contentsOfFile: $0, options: fundingOptions) }
        return (priceHistory, fundingHistory)
    }

    /// Reads every price file with the same column, time and delimiter options, keeping `[from, to]`.
    func readPrices(from: Double? = nil, to: Double? = nil) throws -> [PriceHistory] {
        let options = try priceReadOptions(from: from, to: to)
        return try prices.map { try PriceHistory(contentsOfFile: $0, options: options) }
    }

    private func priceReadOptions(from: Double?, to: Double?) throws -> HistoryReadOptions {
        HistoryReadOptions(
            timeColumn: timeColumn.map(ColumnSelector.init), valueColumn: priceColumn.map(ColumnSelector.init),
            timeFormat: try CommandParsing.choice(timeFormat, field: "timeFormat", as: TimeFormat.self),
            candleTimes: try CommandParsing.choice(candleTimes, field: "candleTimes", as: CandleTimes.self), from: from, to: to,
            delimiter: try delimiter.map(Self.delimiter))
    }

    /// The delimiter a `--delimiter` value names: `,` (or `comma`), `;` (or `semicolon`), `tab` (or a tab).
    static func delimiter(_ text: String) throws -> CSVDelimiter {
        switch text.lowercased() {
        case ",", "comma": return .comma
        case ";", "semicolon": return .semicolon
        case "tab", "\t", "\\t": return .tab
        default: throw InputError(field: "delimiter", value: text, allowed: ", | ; | tab")
        }
    }
}
