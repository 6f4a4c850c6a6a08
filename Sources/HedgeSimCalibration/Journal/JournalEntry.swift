import HedgeSimCore

/// What one journal row records.
public enum JournalEntryKind: String, Codable, Sendable, CaseIterable {
    /// A fill the holder chose: `sell` opens or adds to the short, `buy` reduces it.
    case trade
    /// A funding payment: `amount` received (+) or paid (−), in the margin currency.
    case funding
    /// The venue closed (part of) the short at `price`; `fee` is what it kept beyond the trade's PnL
    /// (the margin balance left, a liquidation fee), in the margin currency.
    case liquidation
    /// A dated contract settled at `price` (the short bought back there); `fee` is the settlement fee.
    case settlement
}

/// The side of a fill, for a short hedge.
public enum TradeSide: String, Codable, Sendable, CaseIterable {
    /// Opens or adds to the short.
    case sell
    /// Reduces the short.
    case buy
}

/// One row of a hedge journal, in the units of its contract.
///
/// Units (the margin currency is the coin for inverse contracts, USD for linear ones):
/// - `quantity`: inverse, the notional in USD (contracts × face value); linear, coins.
/// - `price`: the fill (or settlement, liquidation) price of the contract, USD per coin; for a funding
///   row, the mark at the payment (optional: used only to value the payment in the other currency).
/// - `index`: the spot index at that moment, USD per coin (optional; with it the basis is separated).
/// - `fee`: paid in the margin currency, negative for a rebate.
/// - `amount`: funding rows only, received (+) or paid (−), margin currency.
public struct JournalEntry: Sendable, Equatable {
    /// Epoch seconds, UTC.
    public var time: Double
    /// The 1-based line of the file, for messages.
    public var line: Int
    /// The hedge this row belongs to, when the file labels hedges.
    public var hedge: String?
    public var instrument: InstrumentKind
    public var kind: JournalEntryKind
    public var side: TradeSide?
    public var quantity: Double
    public var price: Double?
    public var index: Double?
    public var fee: Double
    public var amount: Double

    public init(
        time: Double, line: Int, hedge: String? = nil, instrument: InstrumentKind = .perpetual, kind: JournalEntryKind,
        side: TradeSide? = nil, quantity: Double = 0, price: Double? = nil, index: Double? = nil, fee: Double = 0, amount: Double = 0
    ) {
        self.time = time
        self.line = line
        self.hedge = hedge
        self.instrument = instrument
        self.kind = kind
        self.side = side
        self.quantity = quantity
        self.price = price
        self.index = index
        self.fee = fee
        self.amount = amount
    }

    /// The change of the short, in `quantity` units: `+quantity` for a sell, `−quantity` for a buy, a
    /// liquidation or a settlement; 0 for funding.
    var shortChange: Double {
        switch kind {
        case .funding: return 0
        case .liquidation, .settlement: return -quantity
        case .trade: return side == .sell ? quantity : -quantity
        }
    }
}
