import Foundation

/// A funding history of a perpetual: the rate paid at each funding time, as a fraction of the position
/// per interval (1e-4 = 0.01 %), **positive when longs pay shorts** (a short hedger receives it).
public struct FundingHistory: Sendable {
    /// Ascending unique funding times, epoch seconds UTC.
    public let times: [Double]
    /// Rate per interval, fraction.
    public let rates: [Double]
    /// The funding interval in seconds, the grid step (nil with fewer than two times).
    public let step: Double?
    public let quality: DataQualityReport

    /// Funding columns tried in order when none is given (Deribit's per-hour `interest_1h`).
    public static let rateNames = ["fundingRate", "funding_rate", "interest_1h", "rate", "funding"]

    static let kind = HistoryReader.Kind(
        label: "funding rate", valueFlag: "--funding-column", timeFlag: "--funding-time-column", valueNames: rateNames,
        problem: { abs($0) < 1 ? nil : "is not a funding rate (a fraction per interval: 1e-4 = 0.01 %)" }, isPrice: false)

    /// Reads a CSV file. - Throws: `CSVError` (one line, naming the file and line).
    public init(contentsOfFile path: String, options: HistoryReadOptions = HistoryReadOptions()) throws {
        try self.init(csv: try HistoryReader.load(path), source: path, options: options)
    }

    /// Reads CSV bytes; `source` names them in errors. - Throws: `CSVError`.
    public init(csv data: Data, source: String, options: HistoryReadOptions = HistoryReadOptions()) throws {
        self.init(try HistoryReader.read(data: data, source: source, options: options, kind: FundingHistory.kind))
    }

    /// A series already in memory (any order; duplicates and gaps handled as for a file).
    /// - Precondition: as many rates as times, all finite.
    public init(times: [Double], rates: [Double], source: String = "memory") {
        precondition(times.count == rates.count && rates.allSatisfy(\.isFinite), "funding rates must be finite")
        let rows = zip(times, rates).enumerated().map { HistoryRow(time: $1.0, value: $1.1, line: $0 + 1, fractionalTime: false) }
        self.init(HistoryAssembly(rows: rows, origin: .init(source: source), shiftCandles: false, from: nil, to: nil))
    }

    private init(_ assembly: HistoryAssembly) {
        times = assembly.times
        rates = assembly.values
        step = assembly.step
        quality = assembly.report
    }
}
