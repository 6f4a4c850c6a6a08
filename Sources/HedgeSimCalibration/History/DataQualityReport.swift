/// What a history file held and what was done to it: where the header was, which columns were read,
/// the row order, duplicates dropped, gaps and irregular intervals found. Times are shown as ISO-8601
/// UTC text; counts cover the whole file except `gaps`/`irregularIntervals`, which cover the kept window.
public struct DataQualityReport: Codable, Sendable, Equatable {
    /// A dropped duplicate: the time, the line kept and the line dropped.
    public struct Duplicate: Codable, Sendable, Equatable {
        public let time: String
        public let keptLine: Int
        public let droppedLine: Int

        public init(time: String, keptLine: Int, droppedLine: Int) {
            self.time = time
            self.keptLine = keptLine
            self.droppedLine = droppedLine
        }
    }

    /// An interval between consecutive kept times that is not one step: a gap (`missingPoints > 0`) or
    /// an irregular interval (`missingPoints == 0`).
    public struct Interval: Codable, Sendable, Equatable {
        public let from: String
        public let to: String
        public let missingPoints: Int

        public init(from: String, to: String, missingPoints: Int) {
            self.from = from
            self.to = to
            self.missingPoints = missingPoints
        }
    }

    /// How many examples of each kind are kept.
    public static let exampleLimit = 5

    /// The file as the user named it.
    public var source: String
    /// 1-based line of the header row (0 for series not read from a file).
    public var headerLine: Int
    /// Non-blank lines above the header (banners).
    public var skippedLines: Int
    /// The time column read, e.g. "unix (column 1)".
    public var timeColumn: String
    /// The value column read, e.g. "close (column 7)".
    public var valueColumn: String
    /// How the times were written, e.g. "epoch seconds"; several kinds are joined with " + ".
    public var timeFormat: String
    /// "oldest first", "newest first", or either "except N rows out of order"; rows are always sorted
    /// oldest first.
    public var rowOrder: String
    /// Data rows read.
    public var rows: Int
    /// Rows dropped because another row has the same time. **Rule:** among rows with the same time the
    /// one whose epoch time is written without a fraction wins (CryptoDataDownload writes its partial
    /// candles as `1674086400.0`); among equals, the first in the file.
    public var duplicates: Int
    public var duplicateExamples: [Duplicate]
    /// Unique times outside `--from`/`--to`.
    public var outsideWindow: Int
    /// Points kept.
    public var observations: Int
    /// First and last kept time.
    public var first: String
    public var last: String
    /// The grid step in seconds (nil with fewer than two unique times).
    public var stepSeconds: Double?
    /// Intervals of k > 1 steps, and the grid points they miss in all.
    public var gaps: Int
    public var missingPoints: Int
    public var gapExamples: [Interval]
    /// Intervals that are not a whole number of steps (returns are not taken across them).
    public var irregularIntervals: Int
    public var irregularExamples: [Interval]
    /// Everything else worth knowing: candle shift, repeated column names.
    public var notes: [String]
}
