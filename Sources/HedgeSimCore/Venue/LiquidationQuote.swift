import Foundation

/// The `hedgesim liquidation-price` calculator: the mark prices at which an isolated inverse position
/// reaches its maintenance requirement (liquidation) and loses its whole margin (bankruptcy), from
/// `InverseContract`'s closed forms — the ones the engine's liquidation rule reduces to; for a linear
/// (USD-margined) position, `LinearContract`'s, with the margin in USD.
///
/// Prices are USD per coin, notional `N` in USD, margin `B0` in coin; a distance is
/// `(price − E)/E` in percent (positive above entry: where a short dies). A tier's maintenance
/// deduction `D` (`MM = m·value − D`) is the same as `D` more margin with `MM = m·value`, so it is
/// passed to `InverseContract.liquidationPrice` as margin `B0 + D` under either convention.
public struct LiquidationQuote: Sendable, Equatable, Encodable {
    /// How big the position is.
    public enum Size: Sendable, Equatable {
        /// Whole contracts of the venue's face value.
        case contracts(Double)
        /// Notional in USD (rounded to whole contracts when a venue gives the face value).
        case notional(Double)
    }

    /// How the isolated margin is set.
    public enum Collateral: Sendable, Equatable {
        /// `B0 = N/(E·L)`, as the engine's `HedgeCell`.
        case leverage(Double)
        /// `B0` in coin.
        case margin(Double)
    }

    /// What the user asks.
    public struct Request: Sendable {
        public var venue: Venue?
        public var side: InverseContract.Side
        public var entry: Double
        public var size: Size
        public var collateral: Collateral
        /// Overrides the venue's tier for this size.
        public var maintenanceRate: Double?
        /// Overrides the venue's convention.
        public var convention: MaintenanceConvention?
        /// A linear (USD-margined) position: margin in USD, a USD-margined venue preset if any.
        public var linear = false

        public init(
            venue: Venue?, side: InverseContract.Side, entry: Double, size: Size, collateral: Collateral,
            maintenanceRate: Double? = nil, convention: MaintenanceConvention? = nil
        ) {
            self.venue = venue
            self.side = side
            self.entry = entry
            self.size = size
            self.collateral = collateral
            self.maintenanceRate = maintenanceRate
            self.convention = convention
        }
    }

    public let venue: String?
    public let side: InverseContract.Side
    /// Entry price `E`.
    public let entry: Double
    /// Whole contracts; nil without a venue (no face value).
    public let contracts: Double?
    /// Notional `N`, USD.
    public let notional: Double
    /// Isolated margin `B0`, coin (linear: USD).
    public let margin: Double
    /// The margin's asset: "coin" (inverse) or "USD" (linear).
    public let marginAsset: String
    /// `N/(E·B0)`.
    public let leverage: Double
    public let maintenanceRate: Double
    /// Maintenance amount `D`, in the margin's asset.
    public let maintenanceDeduction: Double
    /// Where the rate comes from: the venue's tier in words, or "given".
    public let maintenanceTier: String
    public let convention: MaintenanceConvention
    /// nil when the margin covers every price move (a short at 1x or less under the mark convention).
    public let liquidationPrice: Double?
    /// nil for a short whose margin is at least its entry value.
    public let bankruptcyPrice: Double?

    /// Checks the request and computes the prices.
    /// - Throws: `InputError` naming the flag at fault (`entry`, `contracts`, `notional`, `leverage`,
    ///   `margin`, `maintenanceRate`, `convention`).
    public init(_ request: Request) throws {
        let entry = request.entry
        guard entry.isFinite, entry > 0, entry <= 1e12 else {
            throw InputError(field: "entry", value: describe(entry), allowed: "a price > 0 and ≤ 1e12 (USD per coin)")
        }
        if let venue = request.venue, (venue.contract == .linear) != request.linear {
            throw InputError(
                field: "venue", value: venue.name,
                allowed: request.linear
                    ? "a USD-margined preset (\(Venue.names(of: .linear))) with a linear instrument"
                    : "an inverse preset (\(Venue.names(of: .inverse))), or --instrument linear-perpetual for \(venue.name)")
        }
        // A contract's USD value: the face value (inverse) or the quantity step in coin at the entry (linear).
        let face = request.venue.map { request.linear ? $0.faceValue.value * entry : $0.faceValue.value }
        let contracts: Double?
        let notional: Double
        switch request.size {
        case .contracts(let count):
            guard let face else {
                throw InputError(field: "contracts", value: describe(count), allowed: "a count with --venue (for the face value), or --notional USD")
            }
            guard count.isFinite, count >= 1, count <= 1e15 / face, count == count.rounded() else {
                throw InputError(field: "contracts", value: describe(count), allowed: "a whole number of contracts ≥ 1 (at most 1e15 USD)")
            }
            contracts = count
            notional = count * face
        case .notional(let usd):
            guard usd.isFinite, usd > 0, usd <= 1e15 else {
                throw InputError(field: "notional", value: describe(usd), allowed: "USD > 0 and ≤ 1e15")
            }
            if let face {
                let count = (usd / face).rounded()
                guard count >= 1 else {
                    throw InputError(field: "notional", value: describe(usd), allowed: "at least one contract of \(describe(face)) USD at this entry")
                }
                contracts = count
                notional = count * face
            } else {
                contracts = nil
                notional = usd
            }
        }
        // The position's value in the margin asset: coin (inverse) or USD (linear).
        let value = request.linear ? notional : notional / entry
        let margin: Double
        switch request.collateral {
        case .leverage(let leverage):
            guard leverage.isFinite, leverage > 0, leverage <= 200 else {
                throw InputError(field: "leverage", value: describe(leverage), allowed: "a leverage > 0 and ≤ 200")
            }
            margin = value / leverage
        case .margin(let amount):
            guard amount.isFinite, amount > 0, amount <= (request.linear ? 1e15 : 1e12) else {
                throw InputError(field: "margin", value: describe(amount),
                                 allowed: request.linear ? "USD > 0 and ≤ 1e15 (a linear margin is in USD)" : "coins > 0 and ≤ 1e12")
            }
            margin = amount
        }
        let requirement = try LiquidationQuote.maintenance(
            request, size: PositionSize(contracts: contracts ?? 0, coin: notional / entry, usd: notional))
        guard let convention = request.convention ?? request.venue?.maintenanceConvention.value else {
            throw InputError(field: "convention", value: "none", allowed: "entry | mark, or --venue for the venue's convention")
        }
        self.venue = request.venue?.name
        self.side = request.side
        self.entry = entry
        self.contracts = contracts
        self.notional = notional
        self.margin = margin
        self.marginAsset = request.linear ? "USD" : "coin"
        self.leverage = value / margin
        self.maintenanceRate = requirement.rate
        self.maintenanceDeduction = requirement.deduction
        self.maintenanceTier = requirement.tier
        self.convention = convention
        if request.linear {
            let quantity = notional / entry
            liquidationPrice = LinearContract.liquidationPrice(
                side: request.side, quantity: quantity, entry: entry, margin: margin + requirement.deduction, maintenanceRate: requirement.rate,
                convention: convention)
            bankruptcyPrice = LinearContract.bankruptcyPrice(side: request.side, quantity: quantity, entry: entry, margin: margin)
        } else {
            liquidationPrice = InverseContract.liquidationPrice(
                side: request.side, notional: notional, entry: entry, margin: margin + requirement.deduction,
                maintenanceRate: requirement.rate, convention: convention)
            bankruptcyPrice = InverseContract.bankruptcyPrice(side: request.side, notional: notional, entry: entry, margin: margin)
        }
    }

    /// The given rate, else the venue's tier for the size.
    private static func maintenance(_ request: Request, size: PositionSize) throws -> MaintenanceRequirement {
        if let rate = request.maintenanceRate {
            guard rate.isFinite, rate >= 0, rate < 0.5 else {
                throw InputError(field: "maintenanceRate", value: describe(rate), allowed: "a rate from 0 to 0.5")
            }
            return MaintenanceRequirement(rate: rate, deduction: 0, tier: "given")
        }
        guard let venue = request.venue else {
            throw InputError(field: "maintenanceRate", value: "none", allowed: "a rate from 0 to 0.5, or --venue for the venue's tier")
        }
        guard let tier = venue.maintenanceRequirement(for: size) else {
            throw InputError(
                field: "maintenanceRate", value: "none for \(describe(size.contracts)) contracts (\(describe(size.coin)) coin, \(describe(size.usd)) USD) on \(venue.name)",
                allowed: "a rate from 0 to 0.5: the size is outside the venue's sourced tiers (\(venue.maintenance.value.coverage))")
        }
        return tier
    }

    /// `(price − E)/E` in percent.
    public static func distancePercent(_ price: Double?, from entry: Double) -> Double? {
        price.map { ($0 - entry) / entry * 100 }
    }

    private enum CodingKeys: String, CodingKey {
        case venue, side, entry, contracts, notional, margin, marginAsset, leverage, maintenanceRate, maintenanceDeduction, maintenanceTier
        case convention, liquidationPrice, liquidationDistancePercent, bankruptcyPrice, bankruptcyDistancePercent
    }

    /// Every key, `null` where there is no value; the side as `short` or `long`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(venue, forKey: .venue)
        try container.encode(side == .short ? "short" : "long", forKey: .side)
        try container.encode(entry, forKey: .entry)
        try container.encode(contracts, forKey: .contracts)
        try container.encode(notional, forKey: .notional)
        try container.encode(margin, forKey: .margin)
        try container.encode(marginAsset, forKey: .marginAsset)
        try container.encode(leverage, forKey: .leverage)
        try container.encode(maintenanceRate, forKey: .maintenanceRate)
        try container.encode(maintenanceDeduction, forKey: .maintenanceDeduction)
        try container.encode(maintenanceTier, forKey: .maintenanceTier)
        try container.encode(convention, forKey: .convention)
        try container.encode(liquidationPrice, forKey: .liquidationPrice)
        try container.encode(LiquidationQuote.distancePercent(liquidationPrice, from: entry), forKey: .liquidationDistancePercent)
        try container.encode(bankruptcyPrice, forKey: .bankruptcyPrice)
        try container.encode(LiquidationQuote.distancePercent(bankruptcyPrice, from: entry), forKey: .bankruptcyDistancePercent)
    }
}
