import Foundation

/// A price history: prices in USD per coin at ascending, unique times (epoch seconds, UTC), as read
/// from a CSV export, with what was found and done in `quality`.
public struct PriceHistory: Sendable {
    /// Ascending unique times, epoch seconds UTC: the time each price was observed.
    public let times: [Double]
    /// USD per coin, > 0.
    public let prices: [Double]
    /// The grid step in seconds (nil with fewer than two times).
    public let step: Double?
    public let quality: DataQualityReport

    /// Price columns tried in order when none is given.
    public static let priceNames = ["close", "price", "index_price", "adj close", "last", "mark_price"]

    static let kind = HistoryReader.Kind(
        label: "price", valueFlag: "--price-column", timeFlag: "--time-column", valueNames: priceNames,
        problem: { $0 > 0 ? nil : "is not positive" }, isPrice: true)

    /// Reads a CSV file. - Throws: `CSVError` (one line, naming the file and line).
    public init(contentsOfFile path: String, options: HistoryReadOptions = HistoryReadOptions()) throws {
        try self.init(csv: try HistoryReader.load(path), source: path, options: options)
    }

    /// Reads CSV bytes; `source` names them in errors. - Throws: `CSVError`.
    public init(csv data: Data, source: String, options: HistoryReadOptions = HistoryReadOptions()) throws {
        self.init(try HistoryReader.read(data: data, source: source, options: options, kind: PriceHistory.kind))
    }

    /// A series already in memory (any order; duplicates and gaps handled as for a file).
    /// - Precondition: as many prices as times, all finite and > 0.
    public init(times: [Double], prices: [Double], source: String = "memory") {
        precondition(times.count == prices.count && prices.allSatisfy { $0 > 0 && $0.isFinite }, "prices must be finite and > 0")
        let rows = zip(times, prices).enumerated().map { HistoryRow(time: $1.0, value: $1.1, line: $0 + 1, fractionalTime: false) }
        self.init(HistoryAssembly(rows: rows, origin: .init(source: source), shiftCandles: false, from: nil, to: nil))
    }

    private init(_ assembly: HistoryAssembly) {
        times = assembly.times
        prices = assembly.values
        step = assembly.step
        quality = assembly.report
    }
}
