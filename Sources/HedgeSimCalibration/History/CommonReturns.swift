import Foundation

/// Several price histories on the times they share: every history must have the same grid step
/// (within `TimeGrid.tolerance`); the common times are those present in all of them, and a return
/// counts only between two common times one step apart (a gap in any history drops the returns
/// across it for every coin), so `series[k][t]` of every coin covers the same interval.
public struct CommonReturns: Sendable {
    /// The common times, ascending, Unix seconds.
    public let times: [Double]
    /// Per history, its log returns between consecutive common times one step apart.
    public let series: [[Double]]
    /// Index into each `series` of the first return of every run of consecutive returns (0 first): a
    /// return whose previous one does not end where it starts begins a new run (recursive models
    /// such as GARCH restart there).
    public let runStarts: [Int]
    /// The grid step, seconds.
    public let step: Double
    /// Per history, its price at the last common time.
    public let lastPrices: [Double]

    /// - Throws: `CalibrationError` when no history is given, one has fewer than two prices, or the
    ///   grids differ.
    public init(_ histories: [(source: String, prices: PriceHistory)]) throws {
        guard let first = histories.first else { throw CalibrationError("no price history given") }
        guard let step = first.prices.step else { throw CalibrationError("\(first.source) has fewer than two prices") }
        for other in histories.dropFirst() {
            guard let otherStep = other.prices.step, abs(otherStep - step) <= TimeGrid.tolerance * step else {
                throw CalibrationError(
                    "\(first.source) has a \(TimeGrid.describe(step: step)) grid but \(other.source) "
                        + "\(other.prices.step.map { "a \(TimeGrid.describe(step: $0))" } ?? "no") grid; give histories on one time grid (resample them to a common step)")
            }
        }
        var common = Set(first.prices.times)
        for other in histories.dropFirst() { common.formIntersection(other.prices.times) }
        let times = common.sorted()
        let lookups = histories.map { Dictionary(zip($0.prices.times, $0.prices.prices), uniquingKeysWith: { a, _ in a }) }
        var series = [[Double]](repeating: [], count: histories.count)
        var runStarts: [Int] = []
        var lastEnd: Double?
        for (previous, next) in zip(times, times.dropFirst()) where TimeGrid.isOneStep(next - previous, step: step) {
            if lastEnd != previous { runStarts.append(series[0].count) }
            lastEnd = next
            for (i, lookup) in lookups.enumerated() {
                guard let a = lookup[previous], let b = lookup[next] else { continue }
                series[i].append(Foundation.log(b / a))
            }
        }
        self.times = times
        self.series = series
        self.runStarts = runStarts
        self.step = step
        lastPrices = lookups.map { lookup in times.last.flatMap { lookup[$0] } ?? 0 }
    }
}
