/// What `hedgesim monitor` reports on an open short position (see `PositionMonitor`). Prices are USD
/// per coin, amounts coin; a distance is `price/mark − 1` (positive above the mark, where a short dies).
public struct MonitorResult: Sendable, Encodable {
    /// P(liq) within the days ahead, from `paths` simulated paths.
    public struct Liquidation: Sendable, Encodable, Equatable {
        public var probability: Double
        /// Binomial standard error `√(p(1−p)/n)`.
        public var standardError: Double
        /// Wilson score 95 % interval `[lo, hi]`.
        public var ci95: [Double]
        public var liquidatedPaths: Int
    }

    /// The position: size, balance (funding accrued included), maintenance, liquidation and bankruptcy prices.
    public var quote: LiquidationQuote
    public var mark: Double
    public var fundingAccruedCoin: Double
    public var days: Double
    public var model: PriceModelKind
    public var seed: UInt64
    public var paths: Int
    public var liquidationPrice: Double? { quote.liquidationPrice }
    public var bankruptcyPrice: Double? { quote.bankruptcyPrice }
    public var liquidationDistance: Double?
    public var bankruptcyDistance: Double?
    public var liquidation: Liquidation
    public var maxLiquidationProbability: Double
    /// Coin to add to the margin so that P(liq)'s Wilson upper bound is within the limit: 0 when it
    /// already is; nil when the limit is below what `paths` paths can show.
    public var topUpCoin: Double?
    public var liquidationPriceAfterTopUp: Double?
    /// Mean funding the position receives (+) or pays (−) over the days ahead, coin, and its standard error.
    public var expectedFundingCoin: Double
    public var expectedFundingStandardError: Double

    /// Whether the Wilson upper bound of P(liq) exceeds `threshold` (`--alert-above`).
    public func alerts(above threshold: Double) -> Bool { liquidation.ci95[1] > threshold }

    enum CodingKeys: String, CodingKey {
        case quote, mark, fundingAccruedCoin, days, model, seed, paths, liquidationPrice, bankruptcyPrice
        case liquidationDistance, bankruptcyDistance, liquidation, maxLiquidationProbability, topUpCoin
        case liquidationPriceAfterTopUp, expectedFundingCoin, expectedFundingStandardError
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(quote, forKey: .quote)
        try c.encode(mark, forKey: .mark)
        try c.encode(fundingAccruedCoin, forKey: .fundingAccruedCoin)
        try c.encode(days, forKey: .days)
        try c.encode(model, forKey: .model)
        try c.encode(seed, forKey: .seed)
        try c.encode(paths, forKey: .paths)
        try c.encode(liquidationPrice, forKey: .liquidationPrice)
        try c.encode(bankruptcyPrice, forKey: .bankruptcyPrice)
        try c.encode(liquidationDistance, forKey: .liquidationDistance)
        try c.encode(bankruptcyDistance, forKey: .bankruptcyDistance)
        try c.encode(liquidation, forKey: .liquidation)
        try c.encode(maxLiquidationProbability, forKey: .maxLiquidationProbability)
        try c.encode(topUpCoin, forKey: .topUpCoin)
        try c.encode(liquidationPriceAfterTopUp, forKey: .liquidationPriceAfterTopUp)
        try c.encode(expectedFundingCoin, forKey: .expectedFundingCoin)
        try c.encode(expectedFundingStandardError, forKey: .expectedFundingStandardError)
    }
}
