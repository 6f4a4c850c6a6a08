import Foundation

/// One hedge choice of the grid: a ratio and a leverage (or collateral), turned into whole contracts
/// and a margin.
///
/// Inverse: with holding `S` coins and entry price `E`, the short has `n = round(h·S·E / C)` contracts of
/// face value `C`, notional `N = n·C` USD. The isolated margin is `M = N/(E·L)` coin, or the fixed
/// collateral, or under cross margin everything left after the entry fee. The entry fee `fee·N/E` coin
/// is paid from the holding, so the isolated margin is exactly the venue's initial margin; the spot left
/// is `S − fee·N/E − M`. Liquidation forfeits `M` and whatever the margin account holds at that moment.
///
/// Linear (USD-margined): the short is `Q = round(h·S/0.001)·0.001` coin (lots of 0.001 coin), notional
/// `N = Q·E` USD, margin `N/L` USD and the entry fee `fee·N` USD, both bought with coins sold from the
/// holding at `P₀`: `sold = (N/L + fee·N)/P₀`, spot left `S − sold`. `marginCoin` and `entryFeeCoin`
/// hold their coin equivalents at `P₀`. With a stablecoin balance `B` nothing is sold: margin and fee
/// come from `B`, and the rest, `cash = B − N/L − fee·N` USD, is held beside the coins.
public struct HedgeCell: Sendable, Equatable {
    /// Hedge ratio `h = N/(S·E)` as requested (before rounding to whole contracts).
    public let hedgeRatio: Double
    /// The leverage of the cell: the requested one, or the effective `N/(E·M)` for a fixed collateral
    /// and for cross margin (the whole account backs the position).
    public let leverage: Double
    /// Whole contracts shorted (linear: lots of `linearLot` coin).
    public let contracts: Double
    /// Notional `N` in USD.
    public let notional: Double
    /// Collateral at risk in the margin account, coin (linear: the coins sold for it, at `P₀`).
    public let marginCoin: Double
    /// Entry fee, coin (linear: its coin equivalent at `P₀`).
    public let entryFeeCoin: Double
    /// Linear: the margin in USD, `N/L` (0 for an inverse contract).
    public let linearMarginUSD: Double
    /// Linear: the coins sold from the holding at the start for the margin and the entry fee (0 for an
    /// inverse contract).
    public let coinsSold: Double
    /// Linear with a stablecoin balance: the USD of the balance that the margin and the entry fee leave,
    /// held beside the coins (the whole balance for a cell without a position); 0 otherwise.
    public let cashUSD: Double
    /// Coins kept outside the margin account.
    public var spotCoin: Double
    /// How the margin is managed while the hedge is open.
    public var policy: MarginPolicy = .none

    /// The lot of a linear contract, coin (Binance's BTCUSDT quantity step).
    public static let linearLot = 0.001

    /// Builds the cell for one ratio and leverage of a scenario.
    public init(scenario: Scenario, ratio: Double, leverage: Double) {
        let entry = scenario.entryPrice
        self.hedgeRatio = ratio
        if scenario.instrument.isLinear {
            let lots = (ratio * scenario.holding / HedgeCell.linearLot).rounded()
            let notional = lots * HedgeCell.linearLot * entry
            let marginUSD = notional > 0 ? notional / leverage : 0
            let feeUSD = scenario.fee * notional
            contracts = lots
            self.notional = notional
            linearMarginUSD = marginUSD
            marginCoin = marginUSD / scenario.price
            entryFeeCoin = feeUSD / scenario.price
            if let balance = scenario.stablecoinBalance {
                cashUSD = balance - marginUSD - feeUSD
                coinsSold = 0
            } else {
                cashUSD = 0
                coinsSold = marginCoin + entryFeeCoin
            }
            spotCoin = scenario.holding - coinsSold
            self.leverage = leverage
            return
        }
        let contracts = (ratio * scenario.holding * entry / scenario.faceValue).rounded()
        let notional = contracts * scenario.faceValue
        let entryFee = scenario.fee * notional / entry
        let margin: Double
        switch (scenario.margin, scenario.collateral) {
        case (.cross, _): margin = notional > 0 ? scenario.holding - entryFee : 0
        case (.isolated, let collateral?): margin = notional > 0 ? collateral : 0
        case (.isolated, nil): margin = notional / (entry * leverage)
        }
        self.contracts = contracts
        self.notional = notional
        self.marginCoin = margin
        self.entryFeeCoin = entryFee
        linearMarginUSD = 0
        coinsSold = 0
        cashUSD = 0
        self.spotCoin = scenario.holding - entryFee - margin
        if scenario.collateral != nil || scenario.margin == .cross, margin > 0 {
            self.leverage = notional / (entry * margin)
        } else {
            self.leverage = leverage
        }
    }

    /// Liquidation threshold per USD of notional: the cell is liquidated once the per-unit account
    /// value without margin, `x_t`, falls to `−M/N` (linear: `−(N/L)/N` in USD); `-infinity` without a
    /// position.
    public var threshold: Double {
        guard notional > 0 else { return -.infinity }
        return linearMarginUSD > 0 ? -linearMarginUSD / notional : -marginCoin / notional
    }
}

extension Scenario {
    /// Entry price of the short: the index for a perpetual (mark = index), `P_0·e^{b·τ}` for a dated
    /// future (inverse or linear) with `τ` the years to expiry.
    public var entryPrice: Double {
        instrument.isDated ? price * exp(basis * resolvedExpiryDays / 365) : price
    }

    /// Whether the run searches each ratio's leverage: automatic leverage on isolated margin sized by
    /// leverage (a fixed collateral and cross margin set the margin themselves).
    public var searchesLeverage: Bool { leverageMode == .auto && margin == .isolated && collateral == nil }

    /// The grid in report order. Fixed leverages: ratios outer, leverages inner. Automatic leverage:
    /// one cell per ratio, at the chosen leverage (before the search, the smallest feasible one). Each
    /// hedged cell then once per margin policy, in `policies` order (the unhedged holding once).
    public var cells: [HedgeCell] {
        let positions: [HedgeCell]
        switch leverageMode {
        case .fixed:
            positions = hedgeRatios.flatMap { ratio in leverages.map { HedgeCell(scenario: self, ratio: ratio, leverage: $0) } }
        case .auto:
            let chosen = chosenLeverages ?? hedgeRatios.map { LeverageSearch.smallestLeverage(scenario: self, ratio: $0) }
            positions = zip(hedgeRatios, chosen).map { HedgeCell(scenario: self, ratio: $0, leverage: $1) }
        }
        guard policies != [.none] else { return positions }
        return positions.flatMap { cell in
            cell.notional > 0
                ? policies.map { policy in
                    var managed = cell
                    managed.policy = policy
                    return managed
                }
                : [cell]
        }
    }
}
