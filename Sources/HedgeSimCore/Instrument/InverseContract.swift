import Foundation

/// Closed-form mechanics of an inverse (coin-margined) contract of notional `N` USD: profit and loss,
/// funding flows, liquidation and bankruptcy prices. Balances are in coin; prices in USD per coin.
///
/// These are the venue formulas of `exchange-mechanics.md` §1 and the reference the simulation
/// engine is tested against: the engine's liquidation rule reduces to `liquidationPrice` exactly.
public enum InverseContract {
    /// Position side: a long gains when the price rises, a short when it falls.
    public enum Side: String, Codable, Sendable { case long, short }

    /// Coin PnL of closing at `exit` a position opened at `entry`:
    /// long `N·(1/E − 1/X)`, short `N·(1/X − 1/E)`.
    public static func pnlCoin(side: Side, notional: Double, entry: Double, exit: Double) -> Double {
        let shortPnL = notional * (1 / exit - 1 / entry)
        return side == .short ? shortPnL : -shortPnL
    }

    /// Coin received from one funding payment at rate `f` on mark `M`: `+f·N/M` for a short,
    /// `−f·N/M` for a long. Positive funding: longs pay, shorts receive.
    public static func fundingCoin(side: Side, rate: Double, notional: Double, mark: Double) -> Double {
        let toShort = rate * notional / mark
        return side == .short ? toShort : -toShort
    }

    /// Average entry after several fills: the contract-weighted harmonic mean `ΣQ_i / Σ(Q_i/E_i)`.
    public static func averageEntry(fills: [(contracts: Double, price: Double)]) -> Double {
        let contracts = fills.reduce(0) { $0 + $1.contracts }
        let weighted = fills.reduce(0) { $0 + $1.contracts / $1.price }
        return contracts / weighted
    }

    /// Mark price at which an isolated position with margin `B0` coin reaches its maintenance
    /// requirement, ignoring later funding and fees (`exchange-mechanics.md` §1.4):
    ///
    /// ```
    /// entry convention (MM = m·N/E):        long  N / (N/E + B0 − m·N/E)   short N / (N/E − B0 + m·N/E)
    /// mark convention  (MM = m·N/P − D):    long  N(1+m) / (B0 + N/E + D)  short N(1−m) / (N/E − B0 − D)
    /// ```
    /// Returns nil when no such price exists (a short whose margin covers the whole loss, e.g. 1x under
    /// the mark convention).
    public static func liquidationPrice(
        side: Side, notional: Double, entry: Double, margin: Double,
        maintenanceRate m: Double, convention: MaintenanceConvention, deduction: Double = 0
    ) -> Double? {
        let value = notional / entry
        let price: Double
        switch (convention, side) {
        case (.entry, .long): price = notional / (value + margin - m * value)
        case (.entry, .short):
            let denominator = value - margin + m * value
            guard denominator > 0 else { return nil }
            price = notional / denominator
        case (.mark, .long): price = notional * (1 + m) / (margin + value + deduction)
        case (.mark, .short):
            let denominator = value - margin - deduction
            guard denominator > 0 else { return nil }
            price = notional * (1 - m) / denominator
        }
        return price > 0 ? price : nil
    }

    /// Price at which the margin is exactly used up: long `N/(N/E + B0)`, short `N/(N/E − B0)`;
    /// nil for a short whose margin is at least its entry value.
    public static func bankruptcyPrice(side: Side, notional: Double, entry: Double, margin: Double) -> Double? {
        let value = notional / entry
        switch side {
        case .long: return notional / (value + margin)
        case .short: return value > margin ? notional / (value - margin) : nil
        }
    }
}
