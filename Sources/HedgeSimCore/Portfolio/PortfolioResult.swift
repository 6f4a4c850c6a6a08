/// The outcome of a portfolio run: the resolved input, each coin's unhedged value, every cell of the
/// grid, the minimum-variance hedge vector and the choice.
public struct PortfolioResult: Codable, Sendable {
    public var tool: String = "hedgesim " + HedgeSimVersion.current
    public var seed: UInt64
    public var scenario: PortfolioScenario
    /// The rank of the correlation matrix (fewer independent shocks than coins when some move as one).
    public var correlationRank: Int
    /// Each coin held alone: `S_k·P_k,T`, USD.
    public var assets: [AssetOutcome]
    /// The whole portfolio without hedges, USD.
    public var unhedged: ValueDistribution
    public var cells: [PortfolioCell]
    public var minimumVariance: MinimumVarianceHedge?
    /// The cell of least USD stdev among those whose every hedge keeps its P(liq) bound within the limit;
    /// nil when none does.
    public var recommendedCell: Int?
    public var recommendation: String
    public var timing: SimulationTiming
}

/// One coin's value held alone over the horizon.
public struct AssetOutcome: Codable, Sendable {
    public var name: String
    public var netValueUSD: ValueDistribution
}

/// One combination of hedge ratios (one per hedge, in `hedges` order).
public struct PortfolioCell: Codable, Sendable {
    public var ratios: [Double]
    /// `N_h = ratio × S_asset × P_asset`, USD.
    public var notionalsUSD: [Double]
    /// `M_h = N_h/(P_contract·L_h)`, in the contract's coin.
    public var marginsCoin: [Double]
    /// The portfolio's USD value at the horizon.
    public var netValueUSD: ValueDistribution
    /// P(liq) of each hedge's isolated account, nil for a hedge of ratio 0.
    public var liquidation: [LiquidationSummary?]
    /// `1 − Var(cell)/Var(unhedged)`.
    public var hedgeEffectiveness: Double?
}

/// The hedge that minimises the variance of the portfolio's USD value over the simulated paths, one
/// notional per contract coin (its first hedge's contract): least squares of the unhedged value `Y` on
/// each contract's PnL per USD of notional, `x_c = 1 − P_c,T/P_c,0` for a perpetual (fees, funding and
/// liquidation left out) and `x_c = P_c,T·(1/F_T − 1/F_0 + R_T)` for a dated contract (`R_T` its roll
/// yields less their fees), `N = −(XᵀX)⁻¹XᵀY` on
/// centred columns (BLAS `dsyrk`, `dgemv`, LAPACK `dposv`), with the usual standard errors
/// `s²·diag((XᵀX)⁻¹)`.
public struct MinimumVarianceHedge: Codable, Sendable, Equatable {
    public struct Contract: Codable, Sendable, Equatable {
        /// The coin the contract is on.
        public var contract: String
        /// The regression's contract on that coin is the dated one expiring on this day; nil: the
        /// perpetual.
        public var expiryDays: Double?
        public var notionalUSD: Double
        public var standardErrorUSD: Double
        /// The notional against the value of the holdings hedged with this contract, `N/Σ S_a·P_a` (each
        /// holding once, though hedged at several venues).
        public var ratio: Double
        public var ratioStandardError: Double

        /// `BTC`, or `BTC 90d` for a dated contract.
        public var label: String { PortfolioContract.instrumentLabel(coin: contract, expiryDays: expiryDays) }
    }

    public var contracts: [Contract]
    /// The share of the unhedged variance no contract removes (basis risk of the cross-hedges):
    /// `Σ r²/Σ (Y − Ȳ)²`.
    public var residualVarianceShare: Double
}
