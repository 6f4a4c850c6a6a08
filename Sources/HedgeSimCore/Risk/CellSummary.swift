/// Everything reported for one hedge cell (ratio × leverage).
public struct CellSummary: Codable, Sendable, Equatable {
    /// The cell's position in `SimulationResult.cells` (report order): the recommendation, the
    /// runner-up and the stress paths name cells by it.
    public var cell: Int
    public var hedgeRatio: Double
    public var leverage: Double
    /// How the margin is managed while the hedge is open.
    public var policy: MarginPolicy
    /// What the margin policy did; nil for a hedge left alone.
    public var management: ManagementSummary?
    /// Whole contracts shorted and their notional `N` in USD.
    public var contracts: Double
    public var notionalUSD: Double
    /// Collateral in the margin account at entry, coin.
    public var marginCoin: Double
    /// Mark price (USD) at which the short is liquidated before any funding accrues, from the
    /// engine's own rule `a/F + c = −M/N`; nil without a position or when no price liquidates it.
    public var liquidationPriceUSD: Double?
    /// Net portfolio value at the horizon in USD, losses against `S·P_0`.
    public var netValueUSD: ValueDistribution
    /// Net portfolio value at the horizon in coin, losses against `S`.
    public var netValueCoin: ValueDistribution
    public var liquidation: LiquidationSummary
    public var cost: HedgeCost
    /// `1 − Var_h/Var_0` of the USD value against the unhedged holding; nil when `Var_0 = 0`.
    public var hedgeEffectiveness: Double?
    /// Batch-means standard error of `hedgeEffectiveness`; nil with it or without batches.
    public var hedgeEffectivenessStandardError: Double?
}

/// How often and when the short is liquidated.
public struct LiquidationSummary: Codable, Sendable, Equatable {
    /// Fraction of paths on which the hedge is liquidated before the horizon.
    public var probability: Double
    /// Wilson score 95 % interval for the probability, `[lo, hi]`.
    public var ci95: [Double]
    /// Mean time of liquidation in days among liquidated paths; nil when none was liquidated.
    public var meanTimeDays: Double?

    /// The most liquidated paths of `trials` whose Wilson 95 % upper bound stays within `limit`; nil
    /// when even none does (the limit is below `z²/(n + z²)`).
    public static func allowedLiquidations(limit: Double, trials: Int) -> Int? {
        let n = Double(trials)
        guard wilsonInterval(successes: 0, trials: n)[1] <= limit else { return nil }
        var low = 0, high = trials
        while low < high {
            let middle = (low + high + 1) / 2
            if wilsonInterval(successes: Double(middle), trials: n)[1] <= limit {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }

    /// Wilson score interval at 95 %: `(p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)`, z = 1.96.
    public static func wilsonInterval(successes: Double, trials: Double) -> [Double] {
        let z = 1.959963984540054
        let p = successes / trials
        let denominator = 1 + z * z / trials
        let center = (p + z * z / (2 * trials)) / denominator
        let half = z * (p * (1 - p) / trials + z * z / (4 * trials * trials)).squareRoot() / denominator
        // At p̂ = 0 (or 1) the lower (upper) end is exactly 0 (1); computing it as a difference
        // would leave a rounding residue outside [0, 1]'s edge.
        let low = successes == 0 ? 0 : max(0, center - half)
        let high = successes == trials ? 1 : min(1, center + half)
        return [low, high]
    }
}

/// Expected cost of the hedge in USD per path, positive when it costs the holder. Coin flows are
/// valued at the horizon price. The components add up to `totalUSD`, the expected gap to a
/// frictionless synthetic dollar `P_T·S + N(1 − P_T/P_0)`.
public struct HedgeCost: Codable, Sendable, Equatable {
    /// Funding paid minus funding received (negative: the short earned funding).
    public var fundingUSD: Double
    public var fundingReceivedUSD: Double
    public var fundingPaidUSD: Double
    /// Entry and exit (or settlement) fees.
    public var feesUSD: Double
    /// Minus the basis PnL: negative when the short earned contango.
    public var basisUSD: Double
    /// Forfeited margin balances and the hedge PnL missed after liquidations:
    /// `forfeitedMarginUSD + exposureAfterLiquidationUSD`.
    public var liquidationLossUSD: Double
    /// What the venue keeps at a liquidation (the margin balance left, about `m·N` USD per
    /// liquidation; never negative).
    public var forfeitedMarginUSD: Double = 0
    /// The rest of the liquidation loss: the hedge PnL missed while unhedged after the liquidation
    /// (negative when the price fell back less than the hedge would have lost).
    public var exposureAfterLiquidationUSD: Double = 0
    /// The hedge PnL missed on notional a deleverage or a de-hedge bought back (and, for a de-hedge that
    /// sells spot, the move of the coins sold), on paths never liquidated (positive when the price fell
    /// after the cut); zero for the other policies.
    public var hedgeCutUSD: Double = 0
    /// Fees of rolling a dated short into the next contracts (`rollDaysBefore`); the roll yield
    /// `1/F_old − 1/F_new` is part of `basisUSD`.
    public var rollUSD: Double = 0
    /// Linear contracts: the coins sold at the start for the stablecoin margin and fee, `sold·(P_T − P₀)`
    /// (positive when the price rose: the sale gave up the rise); zero for inverse contracts.
    public var marginSaleUSD: Double = 0
    public var totalUSD: Double
    /// `totalUSD / N / (horizon in years) × 100`; 0 without a position.
    public var annualisedPercent: Double
    /// Standard errors of the components, same keys; nil with a single block of paths.
    public var standardErrors: CostErrors?
}

extension CellSummary {
    /// Encodes every key, writing `null` for an absent hedge effectiveness.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cell, forKey: .cell)
        try container.encode(hedgeRatio, forKey: .hedgeRatio)
        try container.encode(leverage, forKey: .leverage)
        try container.encode(policy, forKey: .policy)
        try container.encode(management, forKey: .management)
        try container.encode(contracts, forKey: .contracts)
        try container.encode(notionalUSD, forKey: .notionalUSD)
        try container.encode(marginCoin, forKey: .marginCoin)
        try container.encode(liquidationPriceUSD, forKey: .liquidationPriceUSD)
        try container.encode(netValueUSD, forKey: .netValueUSD)
        try container.encode(netValueCoin, forKey: .netValueCoin)
        try container.encode(liquidation, forKey: .liquidation)
        try container.encode(cost, forKey: .cost)
        try container.encode(hedgeEffectiveness, forKey: .hedgeEffectiveness)
        try container.encode(hedgeEffectivenessStandardError, forKey: .hedgeEffectivenessStandardError)
    }
}

extension LiquidationSummary {
    /// Encodes every key, writing `null` for the mean time when nothing was liquidated.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(probability, forKey: .probability)
        try container.encode(ci95, forKey: .ci95)
        try container.encode(meanTimeDays, forKey: .meanTimeDays)
    }
}

/// What a margin policy did over the paths: how often it acted (top-ups, deleverages or re-hedges),
/// the coins it moved from the spot holding into the margin (they stay in the portfolio unless a
/// liquidation takes them), how often the short was liquidated in all, and how much of it was still open
/// at the horizon. Means are over every path.
public struct ManagementSummary: Codable, Sendable, Equatable {
    /// Share of paths on which the policy acted at least once.
    public var probability: Double
    /// Mean actions per path.
    public var meanActions: Double
    /// Mean coins moved per path (re-hedges: margins and entry fees of the reopened shorts).
    public var meanCoinsMoved: Double
    /// Quantiles of the coins moved per path, keyed by level: "0.5", "0.9", "0.99".
    public var coinsMovedQuantiles: [String: Double]
    /// Mean liquidations per path (above `liquidation.probability` when re-hedged shorts are liquidated
    /// again).
    public var meanLiquidations: Double
    /// Mean share of the notional still open at the horizon.
    public var meanHedgeLeft: Double

    /// The levels of `coinsMovedQuantiles`.
    static let movedLevels: [(key: String, p: Double)] = [("0.5", 0.5), ("0.9", 0.9), ("0.99", 0.99)]
}
