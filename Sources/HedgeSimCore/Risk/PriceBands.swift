import Foundation

/// Quantiles of the index price `P_t` (USD per coin) over time from the first `paths` simulated
/// paths (at most 4,096), at up to 61 times including the start: the data of a fan chart.
public struct PriceBands: Codable, Sendable, Equatable {
    /// Days from the start of each time point (the first is 0).
    public var days: [Double]
    /// For each level ("0.05", "0.25", "0.5", "0.75", "0.95"), the price quantile at each time point
    /// (empirical inverse CDF, as in `ValueDistribution`).
    public var quantiles: [String: [Double]]
    /// Paths the bands are computed from.
    public var paths: Int

    public static let levels: [(key: String, p: Double)] = [("0.05", 0.05), ("0.25", 0.25), ("0.5", 0.5), ("0.75", 0.75), ("0.95", 0.95)]

    init(plan: SimulationPlan, sink: SimulationSink) {
        let scenario = plan.scenario
        let count = sink.bandPathCount
        let points = sink.bandPoints
        days = [0] + plan.bands.steps.map { Double($0 + 1) / scenario.stepsPerDay }
        paths = count
        var quantiles: [String: [Double]] = [:]
        for level in PriceBands.levels { quantiles[level.key] = [scenario.price] }
        let ranks = PriceBands.levels.map { ValueDistribution.quantileRank(count: count, $0.p) }
        var prices = [Double](repeating: 0, count: count)
        for point in 0..<points {
            for path in 0..<count { prices[path] = exp(sink.bandLogIndex[path * points + point]) }
            let found = count == 0 ? [] : prices.withUnsafeBufferPointer { OrderStatistics.select($0, ranks: ranks) }
            for (k, level) in PriceBands.levels.enumerated() {
                quantiles[level.key, default: []].append(found.isEmpty ? scenario.price : found[k])
            }
        }
        self.quantiles = quantiles
    }
}
