import Foundation

/// The size of a position in the units venues tier their maintenance margin by.
public struct PositionSize: Sendable, Equatable {
    /// Whole contracts.
    public let contracts: Double
    /// Coin value at entry, `N/E` (BTC for a BTC contract).
    public let coin: Double
    /// Notional, USD (how USD-margined venues tier).
    public let usd: Double

    public init(contracts: Double, coin: Double, usd: Double) {
        self.contracts = contracts
        self.coin = coin
        self.usd = usd
    }

    func measured(in unit: PositionSize.Unit) -> Double {
        switch unit {
        case .coin: return coin
        case .contracts: return contracts
        case .usd: return usd
        }
    }

    /// The unit a tier table is written in.
    public enum Unit: String, Codable, Sendable {
        /// Coin value of the position (BitMEX XBT, Binance and Deribit BTC).
        case coin
        /// Number of contracts (OKX).
        case contracts
        /// Notional in USD (Binance USDⓈ-M brackets).
        case usd = "USD"
    }
}

/// One row of a bracket table: positions with `over < size ≤ upTo` (the first row also takes size
/// 0) have maintenance `MM = rate·value − deduction`, value in coin at the price of the convention.
public struct MaintenanceBracket: Sendable, Equatable, Encodable {
    /// Exclusive lower bound of the row, in the table's unit.
    public let over: Double
    /// Inclusive upper bound; nil when the source gives none (the row then covers every larger size).
    public let upTo: Double?
    /// Maintenance margin rate `m` of the row.
    public let rate: Double
    /// Maintenance amount `D` in coin (USD for a table tiered by USD notional), zero in the first row.
    public let deduction: Double

    public init(over: Double, upTo: Double?, rate: Double, deduction: Double = 0) {
        self.over = over
        self.upTo = upTo
        self.rate = rate
        self.deduction = deduction
    }

    func contains(_ size: Double) -> Bool {
        (size > over || (over == 0 && size >= 0)) && size <= (upTo ?? .infinity)
    }
}

/// The maintenance that applies to one position: rate, deduction and the tier it comes from.
public struct MaintenanceRequirement: Sendable, Equatable {
    /// Maintenance margin rate `m`.
    public let rate: Double
    /// Maintenance amount `D` in coin (`MM = m·value − D`).
    public let deduction: Double
    /// The tier in words, e.g. `size < 200 coin` or `999 < size ≤ 9999 contracts`.
    public let tier: String
}

/// How a venue's maintenance-margin rate grows with position size (`exchange-mechanics.md` §1.6).
public enum MaintenanceSchedule: Sendable, Equatable, Encodable {
    /// Risk-limit steps (BitMEX): below `baseLimit` the rate is `baseRate`; each further `stepSize`
    /// (or part of one) adds `stepRate`: `m = baseRate + k·stepRate` with `k = 0` for
    /// `size < baseLimit`, else `k = ⌊(size − baseLimit)/stepSize⌋ + 1`. No deduction.
    case steps(unit: PositionSize.Unit, baseLimit: Double, stepSize: Double, baseRate: Double, stepRate: Double)
    /// A table of rows (Binance bracket + deduction, OKX and Bybit rows without one). Sizes that fall
    /// in no row — past the last row, or between rows the source does not list — have no tier.
    case brackets(unit: PositionSize.Unit, rows: [MaintenanceBracket])
    /// Linear in size (Deribit): `m = baseRate + ratePerCoin·size`, size in coin. No deduction.
    case linear(baseRate: Double, ratePerCoin: Double)

    /// The maintenance of the smallest positions: what a retail hedge uses.
    public var firstTier: MaintenanceRequirement {
        // Size 0 lies in the first tier of every schedule.
        requirement(for: PositionSize(contracts: 0, coin: 0, usd: 0)) ?? MaintenanceRequirement(rate: 0, deduction: 0, tier: "none")
    }

    /// The maintenance for a position of `size`; nil when the size is not a finite number ≥ 0 or
    /// falls outside the rows the source gives.
    public func requirement(for size: PositionSize) -> MaintenanceRequirement? {
        switch self {
        case .steps(let unit, let baseLimit, let stepSize, let baseRate, let stepRate):
            let x = size.measured(in: unit)
            guard x.isFinite, x >= 0 else { return nil }
            let k = x < baseLimit ? 0 : ((x - baseLimit) / stepSize).rounded(.down) + 1
            let low = k == 0 ? 0 : baseLimit + (k - 1) * stepSize
            let tier = "\(describe(low)) ≤ size < \(describe(baseLimit + k * stepSize)) \(unit.rawValue)"
            return MaintenanceRequirement(rate: baseRate + k * stepRate, deduction: 0, tier: tier)
        case .brackets(let unit, let rows):
            let x = size.measured(in: unit)
            guard x.isFinite, let row = rows.first(where: { $0.contains(x) }) else { return nil }
            let lower = row.over == 0 ? "" : "\(describe(row.over)) < "
            let tier = row.upTo.map { "\(lower)size ≤ \(describe($0)) \(unit.rawValue)" }
                ?? (row.over == 0 ? "every size" : "size > \(describe(row.over)) \(unit.rawValue)")
            return MaintenanceRequirement(rate: row.rate, deduction: row.deduction, tier: tier)
        case .linear(let baseRate, let ratePerCoin):
            guard size.coin.isFinite, size.coin >= 0 else { return nil }
            let tier = "\(describe(baseRate * 100)) % + \(describe(ratePerCoin * 100)) % × \(describe(size.coin)) coin"
            return MaintenanceRequirement(rate: baseRate + ratePerCoin * size.coin, deduction: 0, tier: tier)
        }
    }

    /// The maintenance for a position of `size` even where the source lists no row for it, and a note
    /// saying what was assumed: between two sourced rows, the next row up (its higher rate; the
    /// conservative choice); past the last row, the last row; a row's maintenance deduction is dropped
    /// (`MM = m·value`, more than the venue asks: conservative). Nil only for a size that is not a
    /// finite number ≥ 0.
    public func conservativeRequirement(for size: PositionSize) -> (requirement: MaintenanceRequirement, note: String?)? {
        var requirement = self.requirement(for: size)
        var notes: [String] = []
        if requirement == nil, case .brackets(let unit, let rows) = self {
            let x = size.measured(in: unit)
            guard x.isFinite, x >= 0, let last = rows.last else { return nil }
            let above = rows.filter { $0.over >= x }.min { $0.over < $1.over }
            let row = above ?? last
            let tier = "\(describe(row.over)) < size ≤ \(row.upTo.map(describe) ?? "∞") \(unit.rawValue)"
            requirement = MaintenanceRequirement(rate: row.rate, deduction: row.deduction, tier: tier)
            notes.append(
                above != nil
                    ? "\(describe(x)) \(unit.rawValue) falls between the venue's sourced tiers (\(coverage)); the next tier up (\(tier), \(describe(row.rate * 100)) %) is used, which is conservative"
                    : "\(describe(x)) \(unit.rawValue) is beyond the venue's sourced tiers (\(coverage)); the last one (\(tier), \(describe(row.rate * 100)) %) is used: check the venue's current tiers or give maintenanceRate")
        }
        guard let found = requirement else { return nil }
        if found.deduction != 0 {
            notes.append(
                "the tier's maintenance deduction of \(describe(found.deduction)) \(deductionCurrency) is dropped (maintenance = rate × value, more than the venue asks: conservative)")
        }
        return (MaintenanceRequirement(rate: found.rate, deduction: 0, tier: found.tier), notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    /// The sizes the schedule covers, in words, for error messages.
    public var coverage: String {
        switch self {
        case .steps(let unit, _, _, _, _): return "every size (\(unit.rawValue))"
        case .linear: return "every size (coin)"
        case .brackets(let unit, let rows):
            return rows.map { row in
                "\(describe(row.over))–\(row.upTo.map(describe) ?? "∞")"
            }.joined(separator: ", ") + " \(unit.rawValue)"
        }
    }

    /// The currency of a row's maintenance deduction: USD for a table tiered by USD notional, else coin.
    var deductionCurrency: String {
        if case .brackets(.usd, _) = self { return "USD" }
        return "coin"
    }
}
