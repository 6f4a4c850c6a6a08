/// The simulated distribution of one cell's hedge cost: every path's gap to the frictionless synthetic
/// dollar, `cost = P_T·S + N(1 − P_T/P₀) − P_T × coin` USD (positive = the hedge cost the holder), sorted.
/// Its mean is the cell's `HedgeCost.totalUSD`; the components of that mean add up to it path by path.
///
/// `hedgesim journal` places a realised cost in it, as a share of the notional per year so that a hedge
/// held for a different time or size can be compared: `annualised = cost / N / (days/365) × 100`.
public struct CostSample: Sendable, Equatable {
    public let hedgeRatio: Double
    public let leverage: Double
    public let policy: MarginPolicy
    /// The cell's short, USD.
    public let notionalUSD: Double
    /// The simulated horizon, days.
    public let horizonDays: Double
    /// Every path's cost, USD, ascending.
    public let sortedUSD: [Double]

    public init(hedgeRatio: Double, leverage: Double, policy: MarginPolicy, notionalUSD: Double, horizonDays: Double, costsUSD: [Double]) {
        self.hedgeRatio = hedgeRatio
        self.leverage = leverage
        self.policy = policy
        self.notionalUSD = notionalUSD
        self.horizonDays = horizonDays
        sortedUSD = costsUSD.sorted()
    }

    /// The mean cost, USD (summed in path order would differ from the sorted sum in the last bits;
    /// this is a report figure, not a bit-exact one).
    public var meanUSD: Double { sortedUSD.isEmpty ? 0 : sortedUSD.reduce(0, +) / Double(sortedUSD.count) }

    /// The standard error of the mean, USD (paths independent; antithetic pairs make it conservative).
    public var standardErrorUSD: Double {
        sortedUSD.count > 1 ? (sampleVariance(sortedUSD) / Double(sortedUSD.count)).squareRoot() : 0
    }

    /// The `p` quantile (0…1), USD: the order statistic of rank `⌈p·n⌉` (1-based), as `ValueDistribution` takes it.
    public func quantileUSD(_ p: Double) -> Double {
        guard !sortedUSD.isEmpty else { return 0 }
        return sortedUSD[ValueDistribution.quantileRank(count: sortedUSD.count, p)]
    }

    /// `usd` as a share of the notional per year of the horizon, percent.
    public func annualisedPercent(_ usd: Double) -> Double {
        notionalUSD > 0 && horizonDays > 0 ? usd / notionalUSD / (horizonDays / 365) * 100 : 0
    }

    /// The share of paths whose annualised cost lies below `annualisedPercent`, counting ties as half
    /// (the mid-rank percentile), 0…1.
    public func percentile(ofAnnualisedPercent value: Double) -> Double {
        guard !sortedUSD.isEmpty, notionalUSD > 0, horizonDays > 0 else { return 0 }
        let usd = value / 100 * notionalUSD * (horizonDays / 365)
        let below = lowerBound(usd)
        var equal = below
        while equal < sortedUSD.count && sortedUSD[equal] == usd { equal += 1 }
        return (Double(below) + 0.5 * Double(equal - below)) / Double(sortedUSD.count)
    }

    /// The first index whose cost is not below `usd` (binary search).
    private func lowerBound(_ usd: Double) -> Int {
        var low = 0
        var high = sortedUSD.count
        while low < high {
            let middle = (low + high) / 2
            if sortedUSD[middle] < usd { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension HedgeSimulation {
    /// Runs `scenario` once at its path count (no adaptive rounds) and keeps, beside the usual result,
    /// every cell's per-path cost (`CostSample`), in cell order.
    public static func runKeepingCosts(
        _ scenario: Scenario, seed: UInt64, threads: Int? = nil, history: MarketHistory? = nil
    ) throws -> (result: SimulationResult, costs: [CostSample]) {
        try validate(scenario, history: history)
        var costs: [CostSample] = []
        let result = try runOnce(scenario, seed: seed, threads: threads, history: history, inspect: { plan, sink in
            let n = sink.paths
            costs = plan.cells.enumerated().map { index, cell in
                let coin = sink.netCoin + index * n
                let usd = (0..<n).map { path in
                    let price = sink.terminalIndex[path]
                    return plan.idealUSD(index: price, notional: cell.notional) - price * coin[path]
                }
                return CostSample(
                    hedgeRatio: cell.hedgeRatio, leverage: cell.leverage, policy: cell.policy, notionalUSD: cell.notional,
                    horizonDays: plan.scenario.horizonDays, costsUSD: usd)
            }
        })
        return (result, costs)
    }
}
