import HedgeSimCore

/// The estimates that are slow to compute: Merton jumps and GARCH(1,1)-t by maximum likelihood, and the
/// funding AR(1), each for the models that need it.
///
/// **Refit rule:** they are estimated on the trailing window of the first window end and again at the
/// first window end at least `refitEveryDays` after the last estimate, and held in between. All
/// estimates run in parallel (each is a pure function of its window's data). GARCH is the free fit,
/// or the variance-targeted one when the free fit is not significantly stationary (as `Calibration`).
struct WindowFits: Sendable {
    /// The window end whose trailing window was fitted.
    let estimatedOn: Double
    let jump: JumpDiffusionFit?
    let garch: GarchFit?
    let funding: FundingFit?

    /// The estimates for every window, in window order.
    /// - Throws: the first fitting error, naming its window end.
    static func schedule(
        _ windows: [WindowSchedule.Window], data: BacktestData, settings: BacktestSettings
    ) throws -> [WindowFits] {
        // `refits`: the windows estimated on; `uses[i]`: the position in `refits` of window i's estimate.
        var refits: [Int] = []
        var uses: [Int] = []
        for (index, window) in windows.enumerated() {
            let spacing = Double(settings.refitEveryDays) * WindowSchedule.secondsPerDay
            if refits.isEmpty || window.end - windows[refits[refits.count - 1]].end >= spacing - 1e-6 {
                refits.append(index)
            }
            uses.append(refits.count - 1)
        }
        let needsJump = settings.models.contains(.jump), needsGarch = settings.models.contains(.garch)
        let estimated = refits
        let results = concurrentMap(count: estimated.count, workers: settings.threads) { job -> Result<WindowFits, Error> in
            let window = windows[estimated[job]]
            return Result {
                let series = try ReturnSeries(prices: data.trailingPrices(window))
                let garch = try needsGarch ? GarchFit(series) : nil
                return WindowFits(
                    estimatedOn: window.end,
                    jump: try needsJump ? JumpDiffusionFit(series) : nil,
                    garch: try garch.flatMap { $0.isStationary ? $0 : try GarchFit(series, varianceTarget: series.moments.variance) },
                    funding: try data.trailingFunding(window).map { try FundingFit(funding: $0, prices: data.trailingDataPrices(window)) })
            }
        }
        let fits = try results.enumerated().map { job, result in
            do {
                return try result.get()
            } catch let error as CalibrationError {
                throw CalibrationError("window ending \(Timestamp.format(windows[refits[job]].end)): \(error.description)")
            }
        }
        return uses.map { fits[$0] }
    }
}
