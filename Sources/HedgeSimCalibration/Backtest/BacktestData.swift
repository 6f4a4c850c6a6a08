import HedgeSimCore

/// The histories a backtest reads: the prices on their own grid (for the realised outcome), the same
/// prices resampled to the forecast grid (for the fits and forecasts), and the optional funding.
struct BacktestData: Sendable {
    /// The prices as read, on the data's own step.
    let data: PriceHistory
    /// The prices on the forecast grid (`PriceHistory.resampled`).
    let grid: PriceHistory
    let funding: FundingHistory?
    let lookBack: Double

    /// - Throws: `InputError` when the forecast step is not a whole number of data steps.
    init(prices: PriceHistory, funding: FundingHistory?, settings: BacktestSettings) throws {
        data = prices
        grid = try prices.resampled(stepsPerDay: settings.stepsPerDay)
        self.funding = funding
        lookBack = Double(settings.windowDays) * WindowSchedule.secondsPerDay
    }

    /// The forecast-grid prices of the trailing window `[t − W, t]`.
    func trailingPrices(_ window: WindowSchedule.Window) -> PriceHistory {
        let range = window.gridStart...window.gridEnd
        return PriceHistory(times: Array(grid.times[range]), prices: Array(grid.prices[range]), source: grid.quality.source)
    }

    /// The data-grid prices of the trailing window (the funding fit matches them to funding times).
    func trailingDataPrices(_ window: WindowSchedule.Window) -> PriceHistory {
        let first = data.times.partitioningIndex { $0 >= window.end - lookBack - 1e-6 }
        let range = first...window.dataEnd
        return PriceHistory(times: Array(data.times[range]), prices: Array(data.prices[range]), source: data.quality.source)
    }

    /// The funding rates with times in `[t − W, t]`; nil without a funding history.
    func trailingFunding(_ window: WindowSchedule.Window) -> FundingHistory? {
        guard let funding else { return nil }
        let first = funding.times.partitioningIndex { $0 >= window.end - lookBack - 1e-6 }
        let last = funding.times.partitioningIndex { $0 > window.end + 1e-6 }
        return FundingHistory(times: Array(funding.times[first..<last]), rates: Array(funding.rates[first..<last]), source: funding.quality.source)
    }

    /// The last funding rate paid at or before t; nil without a funding history.
    func lastFundingRate(_ window: WindowSchedule.Window) -> Double? {
        guard let funding else { return nil }
        let next = funding.times.partitioningIndex { $0 > window.end + 1e-6 }
        return next > 0 ? funding.rates[next - 1] : nil
    }

    /// The data-grid prices of `[t, t + D]`, for the replay.
    func horizonPrices(_ window: WindowSchedule.Window) -> PriceHistory {
        let range = window.dataEnd...window.dataHorizonEnd
        return PriceHistory(times: Array(data.times[range]), prices: Array(data.prices[range]), source: data.quality.source)
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `belongs`, for a predicate false then true along the
    /// (ascending) array; `count` when none does.
    func partitioningIndex(where belongs: (Double) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
