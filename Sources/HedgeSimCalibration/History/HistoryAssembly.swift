/// Turns the rows of a file into a clean series, oldest first, one value per time, and its
/// `DataQualityReport`: sort, drop duplicates (rule in `DataQualityReport.duplicates`), find the step
/// (`TimeGrid`), shift candle-open times by one step when asked, keep the window, find gaps.
struct HistoryAssembly {
    /// Where the rows came from, for the report.
    struct Origin {
        var source: String
        var headerLine = 0
        var skippedLines = 0
        var timeColumn = "time"
        var valueColumn = "value"
        var timeFormat = "epoch seconds"
        var notes: [String] = []
    }

    let times: [Double]
    let values: [Double]
    let step: Double?
    let report: DataQualityReport

    init(rows: [HistoryRow], origin: Origin, shiftCandles: Bool, from: Double?, to: Double?) {
        var notes = origin.notes
        let order = HistoryAssembly.order(of: rows)
        let sorted = rows.sorted { a, b in
            if a.time != b.time { return a.time < b.time }
            if a.fractionalTime != b.fractionalTime { return !a.fractionalTime }
            return a.line < b.line
        }
        var unique: [HistoryRow] = []
        unique.reserveCapacity(sorted.count)
        var duplicates: [DataQualityReport.Duplicate] = []
        var duplicateCount = 0
        for row in sorted {
            if let kept = unique.last, kept.time == row.time {
                duplicateCount += 1
                if duplicates.count < DataQualityReport.exampleLimit {
                    duplicates.append(.init(time: Timestamp.format(row.time), keptLine: kept.line, droppedLine: row.line))
                }
            } else {
                unique.append(row)
            }
        }
        let step = TimeGrid.step(of: unique.map(\.time))
        let shift = shiftCandles ? (step ?? 0) : 0
        if shiftCandles, let step {
            notes.append("times are candle opens: each close is placed one step (\(TimeGrid.describe(step: step))) later, at the candle's end")
        }
        let kept = unique.filter { row in
            let time = row.time + shift
            return time >= (from ?? -.infinity) && time <= (to ?? .infinity)
        }
        times = kept.map { $0.time + shift }
        values = kept.map(\.value)
        self.step = step

        var gaps: [DataQualityReport.Interval] = [], irregular: [DataQualityReport.Interval] = []
        var gapCount = 0, missing = 0, irregularCount = 0
        if let step {
            for (start, end) in zip(times, times.dropFirst()) {
                switch TimeGrid.classify(end - start, step: step) {
                case .regular: break
                case .gap(let count):
                    gapCount += 1
                    missing += count
                    if gaps.count < DataQualityReport.exampleLimit {
                        gaps.append(.init(from: Timestamp.format(start), to: Timestamp.format(end), missingPoints: count))
                    }
                case .irregular:
                    irregularCount += 1
                    if irregular.count < DataQualityReport.exampleLimit {
                        irregular.append(.init(from: Timestamp.format(start), to: Timestamp.format(end), missingPoints: 0))
                    }
                }
            }
        }
        report = DataQualityReport(
            source: origin.source, headerLine: origin.headerLine, skippedLines: origin.skippedLines,
            timeColumn: origin.timeColumn, valueColumn: origin.valueColumn, timeFormat: origin.timeFormat,
            rowOrder: order, rows: rows.count, duplicates: duplicateCount, duplicateExamples: duplicates,
            outsideWindow: unique.count - kept.count, observations: times.count,
            first: times.first.map(Timestamp.format) ?? "", last: times.last.map(Timestamp.format) ?? "",
            stepSeconds: step, gaps: gapCount, missingPoints: missing, gapExamples: gaps,
            irregularIntervals: irregularCount, irregularExamples: irregular, notes: notes)
    }

    /// "oldest first" when times never decrease down the file, "newest first" when they never
    /// increase, else the main order and how many rows break it (e.g. Deribit's export, sorted by
    /// local time, swaps two rows at the October DST change).
    private static func order(of rows: [HistoryRow]) -> String {
        var rises = 0, falls = 0
        for (a, b) in zip(rows, rows.dropFirst()) {
            if b.time > a.time { rises += 1 }
            if b.time < a.time { falls += 1 }
        }
        let main = falls > rises ? "newest first" : "oldest first"
        let breaks = min(rises, falls)
        return breaks == 0 ? main : "\(main) except \(breaks) row\(breaks == 1 ? "" : "s") out of order (sorted)"
    }
}
