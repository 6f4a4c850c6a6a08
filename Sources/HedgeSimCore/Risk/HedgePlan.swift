import Foundation

/// The position a holder opens to follow the recommendation: what to type into the venue, what it
/// parks there, where it breaks, and what it costs. Prices in USD per coin; distances are fractions
/// of today's price (0.25 = 25 % above it).
public struct HedgePlan: Codable, Sendable, Equatable {
    /// Always `short`: the hedge sells inverse contracts against the holding.
    public var side: InverseContract.Side
    /// Whole contracts of the venue's face value.
    public var contracts: Double
    public var faceValueUSD: Double
    public var notionalUSD: Double
    /// Coin posted as margin, and its USD value at today's price.
    public var marginCoin: Double
    public var marginUSD: Double
    public var leverage: Double
    /// Mark at which the venue liquidates the short (before funding); nil when no price does.
    public var liquidationPrice: Double?
    public var liquidationDistance: Double?
    /// Mark at which the margin is used up, `N/(N/E − M)` (`InverseContract.bankruptcyPrice`); nil
    /// when the margin is at least the entry value (1x or less).
    public var bankruptcyPrice: Double?
    public var bankruptcyDistance: Double?
    /// Expected funding per day in USD, positive when the short receives it.
    public var expectedFundingPerDayUSD: Double
    /// Expected total cost of the hedge per year in USD and in percent of the notional.
    public var expectedCostPerYearUSD: Double
    public var expectedCostPercentPerYear: Double
    /// The 1 % quantile of the net USD value at the horizon (the worst 1 % outcome starts here).
    public var worstOnePercentUSD: Double
    /// The top-up rule to follow, for a cell with the top-up policy.
    public var topUp: TopUpRule?

    init(scenario: Scenario, cell: CellSummary) {
        let price = scenario.price
        let entry = scenario.entryPrice
        side = .short
        contracts = cell.contracts
        faceValueUSD = scenario.faceValue
        notionalUSD = cell.notionalUSD
        marginCoin = cell.marginCoin
        marginUSD = cell.marginCoin * price
        leverage = cell.leverage
        liquidationPrice = cell.liquidationPriceUSD
        liquidationDistance = cell.liquidationPriceUSD.map { $0 / price - 1 }
        bankruptcyPrice = cell.notionalUSD > 0
            ? InverseContract.bankruptcyPrice(side: .short, notional: cell.notionalUSD, entry: entry, margin: cell.marginCoin)
            : nil
        bankruptcyDistance = bankruptcyPrice.map { $0 / price - 1 }
        expectedFundingPerDayUSD = -cell.cost.fundingUSD / scenario.horizonDays
        expectedCostPerYearUSD = cell.cost.totalUSD * 365 / scenario.horizonDays
        expectedCostPercentPerYear = cell.cost.annualisedPercent
        worstOnePercentUSD = cell.netValueUSD.quantiles["0.01"] ?? cell.netValueUSD.mean
        topUp = cell.policy == .topUp
            ? TopUpRule(
                firstTriggerPriceUSD: cell.liquidationPriceUSD.map { entry + scenario.topUpAt * ($0 - entry) },
                triggerShare: scenario.topUpAt, coins: scenario.topUpCoins, maxTopUps: scenario.maxTopUps,
                meanCoinsMoved: cell.topUp?.meanCoinsMoved ?? 0)
            : nil
    }
}

/// When and how much to top up the margin (`MarginPolicy.topUp`).
public struct TopUpRule: Codable, Sendable, Equatable {
    /// The mark price of the first top-up, `E + s·(F_liq − E)`; nil when nothing liquidates the short.
    public var firstTriggerPriceUSD: Double?
    /// `s`: later top-ups trigger `s` of the way from the mark at the last top-up to the new liquidation price.
    public var triggerShare: Double
    /// Coins per top-up; nil: enough to restore the initial leverage at the mark.
    public var coins: Double?
    public var maxTopUps: Int?
    /// Mean coins moved per path over the horizon.
    public var meanCoinsMoved: Double
}
