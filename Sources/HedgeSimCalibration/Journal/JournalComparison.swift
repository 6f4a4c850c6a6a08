import HedgeSimCore

/// The realised cost of each hedge beside the cost the scenario simulated for the hedge it advised: the
/// simulated distribution of the cell's cost (`CostSample`) and where each realised cost falls in it.
///
/// Both sides are compared as a share of the notional per year, `cost / N / (days/365) × 100`, so a hedge
/// closed early or sized differently is still comparable. The simulated costs value coin flows at the
/// horizon price, the journal at each flow's own price; over a horizon the difference is second order
/// (a cost of a few tenths of a percent moved by the price change).
public struct JournalComparison: Codable, Sendable, Equatable {
    /// The scenario as the user named it (file or built-in name), its seed and path count.
    public var scenario: String
    public var seed: UInt64
    public var paths: Int
    /// The simulated cell: the scenario's recommended hedge.
    public var hedgeRatio: Double
    public var leverage: Double
    public var policy: MarginPolicy
    public var notionalUSD: Double
    public var horizonDays: Double
    /// Mean simulated cost, % of notional per year, with its Monte Carlo standard error.
    public var meanAnnualisedPercent: Double
    public var meanStandardError: Double
    /// Simulated quantiles of the cost, % of notional per year, keyed `p05` … `p95`.
    public var quantiles: [String: Double]
    public var placements: [Placement]

    /// One hedge's realised cost and its percentile among the simulated paths (0…1; mid-rank for ties).
    public struct Placement: Codable, Sendable, Equatable {
        public var hedge: String
        public var days: Double
        public var realisedAnnualisedPercent: Double
        public var percentile: Double
    }

    /// The quantile levels reported.
    public static let levels: [(key: String, p: Double)] = [("p05", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95)]

    public init(sample: CostSample, hedges: [JournalHedge], scenario: String, seed: UInt64) {
        self.scenario = scenario
        self.seed = seed
        paths = sample.sortedUSD.count
        hedgeRatio = sample.hedgeRatio
        leverage = sample.leverage
        policy = sample.policy
        notionalUSD = sample.notionalUSD
        horizonDays = sample.horizonDays
        meanAnnualisedPercent = sample.annualisedPercent(sample.meanUSD)
        meanStandardError = sample.annualisedPercent(sample.standardErrorUSD)
        quantiles = Dictionary(uniqueKeysWithValues: Self.levels.map { ($0.key, sample.annualisedPercent(sample.quantileUSD($0.p))) })
        placements = hedges.compactMap { hedge in
            hedge.annualisedPercent.map {
                Placement(hedge: hedge.label, days: hedge.days, realisedAnnualisedPercent: $0, percentile: sample.percentile(ofAnnualisedPercent: $0))
            }
        }
    }
}

/// Everything `hedgesim journal` reports: each hedge, each year, the whole journal, and (given the
/// scenario that chose the hedge) the comparison with the simulated cost.
public struct JournalReport: Codable, Sendable, Equatable {
    public var tool = "hedgesim " + HedgeSimVersion.current
    /// The journal file as named, and the layout it was read in.
    public var source: String
    public var layout: JournalLayout
    public var hedges: [JournalHedge]
    public var years: [JournalYear]
    public var total: RealisedCost
    public var comparison: JournalComparison?

    public init(source: String, layout: JournalLayout, hedges: [JournalHedge], years: [JournalYear], comparison: JournalComparison?) {
        self.source = source
        self.layout = layout
        self.hedges = hedges
        self.years = years
        var total = RealisedCost()
        for hedge in hedges { total.add(hedge.cost) }
        self.total = total
        self.comparison = comparison
    }
}
