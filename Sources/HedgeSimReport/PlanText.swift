import HedgeSimCore

/// The order and the margin of a plan as the reports word them.
extension HedgePlan {
    private typealias F = NumberFormatting

    /// "short 350,000 contracts of 1 USD = 350,000 USD notional at 5x", or for a linear contract
    /// "short 5.000 coin (5,000 lots of 0.001) = 350,000 USD notional at 3x".
    var orderText: String {
        let size = instrument.isLinear
            ? "\(String(format: "%.3f", contracts * HedgeCell.linearLot)) coin (\(F.grouped(contracts)) lots of \(F.compact(HedgeCell.linearLot)))"
            : "\(F.grouped(contracts)) contracts of \(F.compact(faceValueUSD)) USD"
        return "short " + size + " = \(F.usd(notionalUSD)) notional at \(F.leverage(leverage))"
    }

    /// "1.0000 coin (70,000 USD)", or for a linear contract "116,667 USD of stablecoin, bought with 1.6675
    /// coin sold at today's price (entry fee included)".
    var marginText: String {
        instrument.isLinear
            ? "\(F.usd(marginUSD)) of stablecoin, bought with \(String(format: "%.4f", coinsSold)) coin sold at today's price (entry fee included)"
            : "\(String(format: "%.4f", marginCoin)) coin (\(F.usd(marginUSD)))"
    }
}
