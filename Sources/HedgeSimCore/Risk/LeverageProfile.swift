import Foundation

/// What one pass over the paths says about every leverage of an isolated short at once.
///
/// On isolated margin `M = N/(E·L)` a cell is liquidated exactly when the lowest account per USD of
/// notional the path reaches, `x_min = min_t x_t` (between-step maxima and funding included), is at or
/// below its threshold `−M/N = −1/(E·L)`. So each path has a *critical leverage*
/// `c = 1/(E·(−x_min))` (`+∞` when `x_min ≥ 0`): it is liquidated at every `L ≥ c` and at no lower
/// one. Sorting the critical leverages gives `P̂(liq | L) = #{c ≤ L}/n` for every `L`.
public struct LeverageProfile: Sendable {
    /// Paths behind the profile.
    public let paths: Int
    /// The finite critical leverages, ascending; the other `paths − count` paths are never liquidated
    /// by price (`c = +∞`), so they are left out of the sort.
    let sortedCritical: [Double]

    init(lowestAccount: UnsafePointer<Double>, paths: Int, entryPrice: Double) {
        self.paths = paths
        var critical: [Double] = []
        critical.reserveCapacity(paths)
        for path in 0..<paths {
            let c = LeverageProfile.criticalLeverage(lowestAccount[path], entryPrice: entryPrice)
            if c.isFinite { critical.append(c) }
        }
        critical.sort()
        sortedCritical = critical
    }

    /// The critical leverage of rank `k` (0-based) among all paths.
    private func critical(rank k: Int) -> Double { k < sortedCritical.count ? sortedCritical[k] : .infinity }

    /// `1/(E·(−x_min))`, or `+∞` when the account never fell below zero.
    static func criticalLeverage(_ lowestAccount: Double, entryPrice: Double) -> Double {
        lowestAccount < 0 ? 1 / (entryPrice * -lowestAccount) : .infinity
    }

    /// Paths liquidated at leverage `L`: `#{c ≤ L}`.
    public func liquidations(atLeverage leverage: Double) -> Int {
        if leverage == .infinity { return paths }
        var low = 0, high = sortedCritical.count
        while low < high {
            let middle = (low + high) / 2
            if sortedCritical[middle] <= leverage { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The most liquidated paths whose Wilson 95 % upper bound stays within `limit`; nil when even
    /// none does (see `LiquidationSummary.allowedLiquidations`).
    public func allowedLiquidations(limit: Double) -> Int? {
        LiquidationSummary.allowedLiquidations(limit: limit, trials: paths)
    }

    /// The highest leverage, in steps of 0.01 and at most `maximum`, whose liquidation probability's
    /// Wilson 95 % upper bound is within `limit`; nil when no leverage is (the limit is too small for
    /// the path count).
    public func highestFeasibleLeverage(limit: Double, maximum: Double) -> Double? {
        guard let allowed = allowedLiquidations(limit: limit) else { return nil }
        guard allowed < paths else { return maximum }
        let boundary = critical(rank: allowed)
        guard boundary.isFinite else { return maximum }
        // Feasible exactly for L < boundary: the largest multiple of 0.01 strictly below it.
        var leverage = (boundary * 100).rounded(.down) / 100
        if leverage >= boundary { leverage -= 0.01 }
        return min(maximum, leverage)
    }

    /// P̂(liq) and its Wilson interval at each of `leverages`: the curve the report draws.
    public func curve(at leverages: [Double]) -> [LeverageCurvePoint] {
        leverages.map { leverage in
            let count = Double(liquidations(atLeverage: leverage))
            return LeverageCurvePoint(
                leverage: leverage, probability: count / Double(paths),
                ci95: LiquidationSummary.wilsonInterval(successes: count, trials: Double(paths)))
        }
    }
}

/// One point of the liquidation probability against leverage, with its Wilson 95 % interval.
public struct LeverageCurvePoint: Codable, Sendable, Equatable {
    public var leverage: Double
    public var probability: Double
    public var ci95: [Double]
}
