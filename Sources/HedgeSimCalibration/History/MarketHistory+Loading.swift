import Foundation
import HedgeSimCore

extension MarketHistory {
    /// The joint history of a price series and an optional funding series on the price grid: the log
    /// return of each step between consecutive grid points (steps across a gap are left out), and the
    /// funding paid in that step, the sum of the funding rows with time in `(t_{i−1}, t_i]`. With a
    /// funding series, only the steps inside its span are kept, so no step silently gets zero funding
    /// because the funding file ends earlier or starts later than the prices.
    /// - Parameter stepHours: the simulation step; the price grid must have the same step.
    /// - Throws: `InputError` when the grids differ or there are fewer than two prices.
    public init(prices: PriceHistory, funding: FundingHistory?, stepHours: Double) throws {
        guard let step = prices.step, prices.prices.count >= 2 else {
            throw InputError(field: "history", value: prices.quality.source, allowed: "at least two prices on a regular grid")
        }
        let simulationStep = stepHours * 3600
        guard abs(step - simulationStep) <= 0.01 * simulationStep else {
            throw InputError(
                field: "history", value: "\(prices.quality.source) has a \(step / 3600) h step",
                allowed: "the simulation step (\(stepHours) h); set stepsPerDay to \(86_400 / step)")
        }
        var returns: [Double] = []
        var rates: [Double] = []
        let fundingTimes = funding?.times ?? []
        let fundingRates = funding?.rates ?? []
        var next = 0
        for i in 1..<prices.times.count {
            let (start, end) = (prices.times[i - 1], prices.times[i])
            var paid = 0.0
            while next < fundingTimes.count && fundingTimes[next] <= end {
                if fundingTimes[next] > start { paid += fundingRates[next] }
                next += 1
            }
            guard abs(end - start - step) <= 0.01 * step else { continue }
            if let first = fundingTimes.first, let last = fundingTimes.last, end <= first || end > last { continue }
            returns.append(log(prices.prices[i] / prices.prices[i - 1]))
            rates.append(paid)
        }
        guard !returns.isEmpty else {
            throw InputError(
                field: "history", value: "\(prices.quality.source) and \(funding?.quality.source ?? "")",
                allowed: "price and funding histories that overlap in time")
        }
        try self.init(logReturns: returns, fundingRates: funding == nil ? [] : rates)
    }
}
