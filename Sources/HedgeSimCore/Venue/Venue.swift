/// A venue preset: the contract, fee, margin, funding and settlement rules of one exchange's BTC
/// contracts, inverse (coin-margined) or linear (USD-margined), each value with its source
/// (`VenueFact`). Rates are fractions (0.0005 = 0.05 %) of the traded value (`N/price` coin inverse,
/// `Q·price` USD linear), negative maker fees are rebates.
///
/// Presets are defaults to override, not constants: exchanges change these numbers often.
public struct Venue: Sendable, Equatable, Encodable {
    /// The preset's name, as `--venue` and `venue:` take it.
    public let name: String
    /// The exchange and contracts it describes.
    public let title: String
    /// Contract face value `C`: USD per contract (inverse) or the quantity step in coin (linear).
    public let faceValue: VenueFact<Double>
    /// Taker fee rate (what a hedge pays on entry and exit; the scenario's `fee`).
    public let takerFee: VenueFact<Double>
    /// Maker fee rate (negative: rebate).
    public let makerFee: VenueFact<Double>
    /// Fee rate on the settlement of a dated contract held to expiry; nil where the note has none.
    public let settlementFee: VenueFact<Double?>
    /// Maintenance-margin rate by position size.
    public let maintenance: VenueFact<MaintenanceSchedule>
    /// Whether maintenance is measured on the entry or on the mark value.
    public let maintenanceConvention: VenueFact<MaintenanceConvention>
    /// Fee on a liquidated position beyond the lost margin (0: none); nil where the note has none.
    public let liquidationFee: VenueFact<Double?>
    /// Perpetual funding.
    public let funding: FundingRule
    /// Minutes of index averaging that set a dated contract's settlement price.
    public let settlementWindowMinutes: VenueFact<Double>
    /// What is uncertain ([?]) or approximated when the preset drives the engine.
    public let note: String
    /// Whether the preset's contracts are inverse (margined in the coin) or linear (in a stablecoin).
    public var contract: VenueContract = .inverse

    /// Every preset, in listing order.
    public static let all: [Venue] = [.bitmex, .bybit, .deribit, .okx, .binanceCoinM, .binanceUSDM, .bybitLinear]

    /// The preset names: `bitmex | bybit | deribit | okx | binance-coinm | binance-usdm | bybit-linear`.
    public static var names: [String] { all.map(\.name) }

    /// The names of the presets of one kind of contract, `a | b`.
    public static func names(of contract: VenueContract) -> String {
        all.filter { $0.contract == contract }.map(\.name).joined(separator: " | ")
    }

    /// The preset called `name` (exact spelling), or nil.
    public static func named(_ name: String) -> Venue? {
        all.first { $0.name == name }
    }

    /// The preset called `name`.
    /// - Throws: `InputError` on `venue` listing the names, with a "did you mean" for a near miss.
    public static func preset(named name: String) throws -> Venue {
        if let venue = named(name) { return venue }
        throw InputError(field: "venue", value: name, allowed: names.joined(separator: " | ") + suggestion(for: name))
    }

    /// " (did you mean 'x'?)" for a name that differs only in case, starts or contains a preset's
    /// name (`binance` → `binance-coinm`), or is within edit distance 3; "" otherwise.
    static func suggestion(for name: String) -> String {
        let lowered = name.lowercased()
        let close = names.first { lowered.count >= 3 && ($0.hasPrefix(lowered) || lowered.hasPrefix($0)) }
            ?? names.map { ($0, ScenarioFields.editDistance($0, lowered)) }.filter { $0.1 <= 3 }.min { $0.1 < $1.1 }?.0
        return close.map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// The maintenance for a position of `size` on this venue; nil outside the sourced tiers.
    public func maintenanceRequirement(for size: PositionSize) -> MaintenanceRequirement? {
        maintenance.value.requirement(for: size)
    }
}

/// How a venue's contracts settle: in the coin (inverse) or in a stablecoin (linear).
public enum VenueContract: String, Codable, Sendable {
    /// Coin-margined: PnL `N(1/E − 1/F)` coin, face value in USD.
    case inverse
    /// USD-margined: PnL `Q(E − F)` USD, size in coins.
    case linear

    /// Whether `instrument` trades on this kind of contract.
    public func matches(_ instrument: InstrumentKind) -> Bool { instrument.isLinear == (self == .linear) }
}
