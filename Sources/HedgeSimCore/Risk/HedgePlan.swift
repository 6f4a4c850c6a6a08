import Foundation

/// The position a holder opens to follow the recommendation: what to type into the venue, what it
/// parks there, where it breaks, and what it costs. Prices in USD per coin; distances are fractions
/// of today's price (0.25 = 25 % above it).
public struct HedgePlan: Codable, Sendable, Equatable {
    /// Always `short`: the hedge sells contracts against the holding.
    public var side: InverseContract.Side
    /// The contract: inverse or linear, perpetual or dated.
    public var instrument: InstrumentKind
    /// Linear: the coins sold at today's price for the stablecoin margin and the entry fee (0 for an
    /// inverse contract, whose margin is coin).
    public var coinsSold: Double
    /// Whole contracts of the venue's face value.
    public var contracts: Double
    public var faceValueUSD: Double
    public var notionalUSD: Double
    /// Coin posted as margin, and its USD value at today's price (linear: the stablecoin margin in USD and
    /// its coin equivalent).
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
    /// The margin policy to follow, for a cell with one.
    public var management: ManagementRule?

    init(scenario: Scenario, cell: CellSummary) {
        let price = scenario.price
        let entry = scenario.entryPrice
        side = .short
        instrument = scenario.instrument
        let linear = scenario.instrument.isLinear
        coinsSold = linear && cell.notionalUSD > 0 ? cell.marginCoin + scenario.fee * cell.notionalUSD / price : 0
        contracts = cell.contracts
        faceValueUSD = scenario.faceValue
        notionalUSD = cell.notionalUSD
        marginCoin = cell.marginCoin
        marginUSD = cell.marginCoin * price
        leverage = cell.leverage
        liquidationPrice = cell.liquidationPriceUSD
        liquidationDistance = cell.liquidationPriceUSD.map { $0 / price - 1 }
        // Linear: the balance N/L + Q(E − F) is used up at F = E·(1 + M/N).
        bankruptcyPrice = cell.notionalUSD <= 0 ? nil
            : linear ? entry * (1 + cell.marginCoin * price / cell.notionalUSD)
            : InverseContract.bankruptcyPrice(side: .short, notional: cell.notionalUSD, entry: entry, margin: cell.marginCoin)
        bankruptcyDistance = bankruptcyPrice.map { $0 / price - 1 }
        expectedFundingPerDayUSD = -cell.cost.fundingUSD / scenario.horizonDays
        expectedCostPerYearUSD = cell.cost.totalUSD * 365 / scenario.horizonDays
        expectedCostPercentPerYear = cell.cost.annualisedPercent
        worstOnePercentUSD = cell.netValueUSD.quantiles["0.01"] ?? cell.netValueUSD.mean
        management = cell.management.map { outcome in
            ManagementRule(
                scenario: scenario, policy: cell.policy, leverage: cell.leverage, liquidationPrice: cell.liquidationPriceUSD,
                outcome: outcome)
        }
    }
}

/// What to do while the hedge is open (`MarginPolicy`), with what it did on average in the simulation.
public struct ManagementRule: Codable, Sendable, Equatable {
    public var policy: MarginPolicy
    /// Top-up and deleverage: the mark of the first action, `E + s·(F_liq − E)` (nil when nothing
    /// liquidates the short); de-hedge: the mark `E·(1 − drop)` that closes it; nil for a re-hedge.
    public var firstTriggerPriceUSD: Double?
    /// `s`: later actions trigger `s` of the way from the mark at the last one to the new liquidation
    /// price (nil for a re-hedge).
    public var triggerShare: Double?
    /// Top-up: coins per top-up; nil: enough to restore the initial leverage at the mark.
    public var coins: Double?
    /// Deleverage: the share of the short bought back each time.
    public var deleverageShare: Double?
    /// Re-hedge: hours after a liquidation, and the leverage of the reopened short.
    public var rehedgeAfterHours: Double?
    public var rehedgeLeverage: Double?
    /// De-hedge: the share of the spot coins sold when the short is closed.
    public var dehedgeSellShare: Double?
    /// Funding exit: the annualised trailing mean funding that closes the short, its window in days, and
    /// the level that reopens it (nil: never).
    public var exitFundingAbove: Double?
    public var exitWindowDays: Double?
    public var reenterFundingBelow: Double?
    /// Most actions per path; nil: no limit.
    public var maxActions: Int?
    /// Mean actions and coins moved per path over the horizon.
    public var meanActions: Double
    public var meanCoinsMoved: Double

    init(scenario: Scenario, policy: MarginPolicy, leverage: Double, liquidationPrice: Double?, outcome: ManagementSummary) {
        let entry = scenario.entryPrice
        self.policy = policy
        let share: Double? = switch policy {
        case .topUp: scenario.management.topUpAt
        case .deleverage: scenario.management.deleverageAt
        case .none, .rehedge, .dehedge, .fundingExit: nil
        }
        triggerShare = share
        firstTriggerPriceUSD = policy == .dehedge
            ? entry * (1 - scenario.management.dehedgeAfterDrop)
            : share.flatMap { s in liquidationPrice.map { entry + s * ($0 - entry) } }
        coins = policy == .topUp ? scenario.management.topUpCoins : nil
        deleverageShare = policy == .deleverage ? scenario.management.deleverageShare : nil
        rehedgeAfterHours = policy == .rehedge ? scenario.management.rehedgeAfterHours : nil
        rehedgeLeverage = policy == .rehedge ? scenario.management.rehedgeLeverage ?? leverage : nil
        maxActions = scenario.management.maxActions(for: policy)
        dehedgeSellShare = policy == .dehedge ? scenario.management.dehedgeSellShare : nil
        exitFundingAbove = policy == .fundingExit ? scenario.management.exitFundingAbove : nil
        exitWindowDays = policy == .fundingExit ? scenario.management.exitWindowDays : nil
        reenterFundingBelow = policy == .fundingExit ? scenario.management.reenterFundingBelow : nil
        meanActions = outcome.meanActions
        meanCoinsMoved = outcome.meanCoinsMoved
    }
}
