import HedgeSimCore

/// One hedge of a journal: a short from its opening trade until it is flat again (or, in a journal
/// with a `hedge` column, every row of one label), with what it really cost.
public struct JournalHedge: Codable, Sendable, Equatable {
    /// The `hedge` label, or "hedge N" in order of opening.
    public var label: String
    public var instrument: InstrumentKind
    /// Opening time, epoch seconds (UTC), and ISO-8601 text.
    public var openedAt: Double
    public var opened: String
    /// Closing time (the row that left it flat); nil while the short is still open at the end of the journal.
    public var closedAt: Double?
    public var closed: String?
    /// Days from the opening row to the closing row (or to the hedge's last row while open).
    public var days: Double
    /// The largest short, USD (inverse: the notional; linear: coins × average entry price).
    public var peakNotionalUSD: Double
    /// The short still open at the end, in the journal's quantity unit (USD inverse, coins linear); 0 when closed.
    public var openQuantity: Double
    /// Average price of the sells (inverse: harmonic mean weighted by USD, as venues average an
    /// inverse entry; linear: mean weighted by coins).
    public var entryPrice: Double
    /// Average price of the buys, liquidations and settlements; nil before any.
    public var exitPrice: Double?
    public var trades: Int
    public var fundingPayments: Int
    public var liquidated: Bool
    /// Whether every trade row had an index price, so the basis is separated from the price PnL.
    public var basisSeparated: Bool
    /// The short's realised PnL at contract prices, in the margin currency and valued in the other at
    /// each reducing trade's price (positive: the short gained, as it does when the price falls).
    public var pnl: CoinAndUSD
    public var cost: RealisedCost
    /// `cost.total.usd / peakNotionalUSD / (days/365) × 100`; nil for a hedge of no duration.
    public var annualisedPercent: Double?
}

/// The cost of every hedge whose rows fall in one calendar year (UTC), each row counted in the year of
/// its own time.
public struct JournalYear: Codable, Sendable, Equatable {
    public var year: Int
    public var hedges: [String]
    public var cost: RealisedCost
}
