import HedgeSimCore

/// The window ends of a backtest and the data each window uses.
///
/// Window ends run from `max(first forecast-grid time + W, from)`, rounded up to the next UTC
/// midnight when the forecast grid has a price there (else to the next grid time), in steps of K days
/// while the horizon end `t + D` is within the data and `to`. A window is kept when the forecast grid
/// has prices at `t` and `t + D`, the data have every step of `(t, t + D]` (the replay needs them all),
/// the trailing window `[t − W, t]` gives the fits enough returns, and, with a funding history, funding
/// times cover `[t − W, t + D]`. Skipped windows are counted by reason.
struct WindowSchedule {
    struct Window {
        /// The window end t, epoch seconds.
        let end: Double
        /// Forecast-grid indices of the first point of the trailing window and of t.
        let gridStart: Int
        let gridEnd: Int
        /// Data-grid indices of t and t + D.
        let dataEnd: Int
        let dataHorizonEnd: Int
    }

    let windows: [Window]
    /// Reason → windows skipped for it.
    let skipped: [String: Int]

    static let secondsPerDay = 86_400.0

    /// - Throws: `InputError` when no window can be formed.
    init(_ histories: BacktestData, settings: BacktestSettings) throws {
        let (grid, data, funding) = (histories.grid, histories.data, histories.funding)
        let day = WindowSchedule.secondsPerDay
        let horizon = Double(settings.horizonDays) * day
        let lookBack = Double(settings.windowDays) * day
        let gridStep = day / Double(settings.stepsPerDay)
        guard let dataStep = data.step, let origin = grid.times.first, let last = grid.times.last else {
            throw InputError(field: "prices", value: data.quality.source, allowed: "at least two prices")
        }
        let earliest = max(origin + lookBack, settings.from ?? -.infinity)
        let gridIndex = WindowSchedule.index(of: grid.times)
        let midnight = (earliest / day - 1e-9).rounded(.up) * day
        var end = gridIndex[WindowSchedule.key(midnight)] != nil
            ? midnight : origin + (((earliest - origin) / gridStep) - 1e-9).rounded(.up) * gridStep
        let latest = min(last, settings.to ?? .infinity)
        guard end + horizon <= latest else {
            throw InputError(
                field: settings.to == nil && settings.from == nil ? "windowDays" : "from",
                value: "data \(Timestamp.format(origin)) … \(Timestamp.format(last))",
                allowed: "room for a \(settings.windowDays)-day trailing window and a \(settings.horizonDays)-day horizon"
                    + " within the data and --from/--to")
        }
        let dataIndex = WindowSchedule.index(of: data.times)
        let stepsPerHorizon = Int((horizon / dataStep).rounded())
        var windows: [Window] = []
        var skipped: [String: Int] = [:]
        while end + horizon <= latest + 1e-6 {
            defer { end += Double(settings.everyDays) * day }
            guard let gridEnd = gridIndex[WindowSchedule.key(end)], gridIndex[WindowSchedule.key(end + horizon)] != nil else {
                skipped["no price at the window end or at the horizon end", default: 0] += 1
                continue
            }
            guard let dataEnd = dataIndex[WindowSchedule.key(end)], let dataHorizonEnd = dataIndex[WindowSchedule.key(end + horizon)],
                dataHorizonEnd - dataEnd == stepsPerHorizon
            else {
                skipped["a gap in the prices of the horizon", default: 0] += 1
                continue
            }
            if let funding, let first = funding.times.first, let lastFunding = funding.times.last,
                first > end - lookBack || lastFunding < end + horizon
            {
                skipped["outside the funding history", default: 0] += 1
                continue
            }
            let gridStart = grid.times.partitioningIndex { $0 >= end - lookBack - 1e-6 }
            let returns = (gridStart..<gridEnd).filter { TimeGrid.isOneStep(grid.times[$0 + 1] - grid.times[$0], step: gridStep) }.count
            guard returns >= settings.minimumWindowReturns else {
                skipped["fewer than \(settings.minimumWindowReturns) returns in the trailing window", default: 0] += 1
                continue
            }
            windows.append(Window(end: end, gridStart: gridStart, gridEnd: gridEnd, dataEnd: dataEnd, dataHorizonEnd: dataHorizonEnd))
        }
        guard !windows.isEmpty else {
            let reasons = skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "; ")
            throw InputError(field: "prices", value: "no usable window (\(reasons))", allowed: "prices (and funding) covering a trailing window and a horizon")
        }
        self.windows = windows
        self.skipped = skipped
    }

    /// Times matched to the second.
    private static func key(_ time: Double) -> Int64 { Int64(time.rounded()) }

    private static func index(of times: [Double]) -> [Int64: Int] {
        Dictionary(times.enumerated().map { (key($0.element), $0.offset) }, uniquingKeysWith: { first, _ in first })
    }
}
