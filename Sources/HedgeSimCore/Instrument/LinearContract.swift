import Foundation

/// Closed-form mechanics of a linear (USD-margined) contract of `Q` coins: liquidation and bankruptcy
/// prices of an isolated position with margin `M` USD. Prices in USD per coin.
///
/// The balance is `M + Q(F − E)` (long) or `M + Q(E − F)` (short); the maintenance requirement is
/// `m·Q·F` (mark convention, as Binance's USDⓈ-M) or `m·Q·E` (entry convention). Solving balance =
/// requirement:
/// ```
/// mark convention:   short (M + Q·E)/(Q·(1 + m))    long (Q·E − M)/(Q·(1 − m))
/// entry convention:  short E·(1 − m) + M/Q          long E·(1 + m) − M/Q
/// ```
/// the short's mark form being Binance's isolated formula `(WB + Q·E)/(Q·(1 + MMR))` with no
/// maintenance amount. The engine's rule `1 − (1+m)·F/E ≤ −M/N` (`SimulationPlan`) reduces to it.
public enum LinearContract {
    /// The mark at which the position reaches its maintenance requirement; nil when no positive price
    /// does (a long whose margin covers a fall to zero).
    public static func liquidationPrice(
        side: InverseContract.Side, quantity: Double, entry: Double, margin: Double, maintenanceRate m: Double,
        convention: MaintenanceConvention
    ) -> Double? {
        guard quantity > 0 else { return nil }
        let price: Double
        switch (side, convention) {
        case (.short, .mark): price = (margin + quantity * entry) / (quantity * (1 + m))
        case (.long, .mark): price = (quantity * entry - margin) / (quantity * (1 - m))
        case (.short, .entry): price = entry * (1 - m) + margin / quantity
        case (.long, .entry): price = entry * (1 + m) - margin / quantity
        }
        return price > 0 && price.isFinite ? price : nil
    }

    /// The price at which the margin is used up: short `E + M/Q`, long `E − M/Q` (nil when not positive).
    public static func bankruptcyPrice(side: InverseContract.Side, quantity: Double, entry: Double, margin: Double) -> Double? {
        guard quantity > 0 else { return nil }
        let price = side == .short ? entry + margin / quantity : entry - margin / quantity
        return price > 0 ? price : nil
    }
}
