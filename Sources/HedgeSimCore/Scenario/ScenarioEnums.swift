/// Which price process drives the spot index.
public enum PriceModelKind: String, Codable, Sendable, CaseIterable {
    /// Geometric Brownian motion: `d ln P = (μ − σ²/2) dt + σ dW`.
    case gbm
    /// Merton jump-diffusion with compensated drift, so that `E[P_T] = P_0·e^{μT}`.
    case jump
    /// GARCH(1,1) variance per step with standardised Student-t shocks.
    case garch
    /// Stationary block bootstrap of a joint (log return, funding) history (Politis & Romano 1994):
    /// blocks of geometric length with mean `bootstrapBlockSteps`, so volatility clustering and the
    /// return–funding dependence come from the data.
    case bootstrap
    /// The history itself from its first step, on every path: a deterministic replay for stress
    /// tests and backtests.
    case replay

    /// Whether the model draws its returns (and funding, when the history has it) from a history.
    public var needsHistory: Bool { self == .bootstrap || self == .replay }
}

/// The hedge instrument: an inverse (coin-margined) contract shorted against the holding.
public enum InstrumentKind: String, Codable, Sendable, CaseIterable {
    /// Inverse perpetual swap: no expiry, funding paid at interval timestamps.
    case perpetual
    /// Inverse dated future: no funding, basis that converges to zero at expiry.
    case dated
    /// USD-margined (linear) perpetual: PnL `Q(E − F)` and margin in a stablecoin, funding `rate·Q·F` USD.
    case linearPerpetual = "linear-perpetual"
    /// USD-margined (linear) dated future.
    case linearDated = "linear-dated"

    /// A dated future (inverse or linear): a basis, an expiry, no funding.
    public var isDated: Bool { self == .dated || self == .linearDated }
    /// A perpetual (inverse or linear): funding, no expiry.
    public var isPerpetual: Bool { !isDated }
    /// A USD-margined contract: margin and PnL in a stablecoin.
    public var isLinear: Bool { self == .linearPerpetual || self == .linearDated }
}

/// How the short position is collateralised.
public enum MarginMode: String, Codable, Sendable, CaseIterable {
    /// Isolated margin per position, sized by a leverage (`M = N/(E·L)`) or by a fixed collateral in coin.
    case isolated
    /// Cross margin: the whole holding sits on the venue as collateral; a liquidation takes all of it.
    case cross
}

/// Where the maintenance requirement is measured (see `exchange-mechanics.md` §1.4).
public enum MaintenanceConvention: String, Codable, Sendable, CaseIterable {
    /// `MM = m·N/E` — on the entry value (BitMEX style).
    case entry
    /// `MM = m·N/F` — on the value at the mark price (Binance COIN-M, OKX).
    case mark
}

/// How the leverage of each hedge ratio is set.
public enum LeverageMode: String, Codable, Sendable, CaseIterable {
    /// Chosen by the run for every ratio, between the smallest feasible leverage and the venue's
    /// maximum, under the objective and the liquidation limit (`LeverageSearch`).
    case auto
    /// The listed `leverages`, every ratio at every one of them.
    case fixed
}

/// The criterion the recommendation minimises over the hedge grid.
public enum Objective: String, Codable, Sendable, CaseIterable {
    /// Minimum variance of the net USD value.
    case minVariance = "min-variance"
    /// Minimum expected shortfall at 95 % of the USD loss.
    case minES = "min-es"
    /// Minimum `Var_h / Var_0 + λ·P(liquidation)` (Alexander, Deng & Zou 2023).
    case varianceLiquidation = "variance-liquidation"
    /// The ratio of smallest ES95 among feasible cells, at the highest leverage (least coin parked at
    /// the venue) whose liquidation probability's upper 95 % bound is within the limit.
    case leastMargin = "least-margin"
}

/// How a hedge's margin is managed while it is open; every policy is a grid dimension beside ratio
/// and leverage, run on the same paths.
public enum MarginPolicy: String, Codable, Sendable, CaseIterable {
    /// Opened once and left alone.
    case none
    /// Coins move from the spot holding into the margin when the mark has risen `topUpAt` of the way to
    /// the liquidation price: enough to restore the initial leverage at the mark, or `topUpCoins`.
    case topUp = "top-up"
    /// A share `deleverageShare` of the short is bought back when the mark has risen `deleverageAt` of
    /// the way to the liquidation price.
    case deleverage
    /// After a liquidation the same notional is reopened `rehedgeAfterHours` later at the price then,
    /// with a fresh margin from the spot holding, at `rehedgeLeverage`.
    case rehedge
    /// The whole short is bought back once the mark has fallen `dehedgeAfterDrop` below the entry, and
    /// `dehedgeSellShare` of the spot coins is sold then ("lock in the protection").
    case dehedge
    /// A perpetual short is closed when the trailing mean funding over `exitWindowDays` is above
    /// `exitFundingAbove` (annualised), and reopened when it falls below `reenterFundingBelow`.
    case fundingExit = "funding-exit"

    /// What the policy did to a short, for reports: "topped up", "deleveraged", "re-hedged" ("left alone").
    public var actedVerb: String {
        switch self {
        case .none: "left alone"
        case .topUp: "topped up"
        case .deleverage: "deleveraged"
        case .rehedge: "re-hedged"
        case .dehedge: "de-hedged"
        case .fundingExit: "closed for funding"
        }
    }

    /// Whether the policy buys back some of the short while it is not liquidated (deleverage, de-hedge,
    /// funding exit): what that notional misses afterwards is the hedge cut (`HedgeCost.hedgeCutUSD`).
    public var cutsTheShort: Bool { self == .deleverage || self == .dehedge || self == .fundingExit }

    /// How advice names the policy after a cell: "" for a hedge left alone, " with margin top-ups", …
    public var adviceSuffix: String {
        switch self {
        case .none: ""
        case .topUp: " with margin top-ups"
        case .deleverage: " deleveraged near liquidation"
        case .rehedge: " re-hedged after a liquidation"
        case .dehedge: " closed after a drop"
        case .fundingExit: " closed while funding is high"
        }
    }
}
