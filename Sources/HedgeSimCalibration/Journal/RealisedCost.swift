/// An amount in both currencies: `coin` and `usd`. A flow paid in one is valued in the other at the
/// price of its own row (`JournalLedger`).
public struct CoinAndUSD: Codable, Sendable, Equatable {
    public var coin: Double
    public var usd: Double

    public static let zero = CoinAndUSD(coin: 0, usd: 0)

    public init(coin: Double, usd: Double) {
        self.coin = coin
        self.usd = usd
    }

    static func + (a: CoinAndUSD, b: CoinAndUSD) -> CoinAndUSD { CoinAndUSD(coin: a.coin + b.coin, usd: a.usd + b.usd) }
    static func - (a: CoinAndUSD, b: CoinAndUSD) -> CoinAndUSD { CoinAndUSD(coin: a.coin - b.coin, usd: a.usd - b.usd) }
    static func += (a: inout CoinAndUSD, b: CoinAndUSD) { a = a + b }
}

/// What a hedge really cost, by component, positive = it cost the holder (the same signs as the
/// simulated `HedgeCost`): `total = fees + fundingPaid − fundingReceived + basis + liquidation`.
///
/// - `fees`: trading and settlement fees (rebates negative).
/// - `fundingReceived`, `fundingPaid`: funding payments, both positive.
/// - `basis`: minus what the short earned on the gap between the contract and the index, realised at
///   each trade that reduces it: `−(PnL at contract prices − PnL at index prices)` (`JournalLedger`).
/// - `liquidation`: what the venue kept at liquidations beyond the trade's PnL.
public struct RealisedCost: Codable, Sendable, Equatable {
    public var fees = CoinAndUSD.zero
    public var fundingReceived = CoinAndUSD.zero
    public var fundingPaid = CoinAndUSD.zero
    public var basis = CoinAndUSD.zero
    public var liquidation = CoinAndUSD.zero
    public var total = CoinAndUSD.zero

    public init() {}

    /// Funding paid minus received (negative: the short earned funding).
    public var netFunding: CoinAndUSD { fundingPaid - fundingReceived }

    mutating func add(_ other: RealisedCost) {
        fees += other.fees
        fundingReceived += other.fundingReceived
        fundingPaid += other.fundingPaid
        basis += other.basis
        liquidation += other.liquidation
        settleTotal()
    }

    /// Recomputes `total` from the components.
    mutating func settleTotal() {
        total = fees + fundingPaid - fundingReceived + basis + liquidation
    }
}
