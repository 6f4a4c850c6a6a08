import Foundation

/// One coin of a portfolio: the holding, today's price and its model: GBM (`d ln P = (μ − σ²/2)dt + σ dW`),
/// with `jumpIntensity > 0` Merton's jump-diffusion as the single-coin `jump` model defines it (a
/// compound-Poisson jump of log size N(μ_J, σ_J²) at rate λ, the drift compensated so that
/// `E[P_T] = P₀e^{μT}`), or with `garchAlpha` and `garchBeta` GARCH(1,1)-t as the single-coin `garch`
/// model defines it (see `garchAlpha`).
public struct PortfolioAsset: Codable, Sendable, Equatable {
    /// The coin's name as hedges refer to it (`BTC`, `ETH`).
    public var name: String
    /// Coins held.
    public var holding: Double
    /// Price at the start, USD per coin.
    public var price: Double
    /// Annualised volatility σ.
    public var vol: Double
    /// Annualised drift μ.
    public var drift: Double
    /// Jumps per year λ (0: GBM).
    public var jumpIntensity: Double = 0
    /// Mean μ_J and stdev σ_J of a jump's log size.
    public var jumpMean: Double = 0
    public var jumpStdev: Double = 0
    /// The price CSV of the joint bootstrap (`PortfolioScenario.bootstrapBlockDays`), as the file
    /// names it; `vol` is then the history's (annualised sample stdev of its returns).
    public var history: String?
    /// GARCH α, the weight of the last squared move, per step, in [0, 1); with `garchBeta` (both or
    /// neither, `α + β < 1`) the coin is GARCH(1,1)-t: with `h` its conditional variance per step
    /// (`σ²Δt` at the start, `σ` = `vol` the long-run volatility) and `s` its unit-variance t shock,
    /// the log price moves by `μΔt − h/2 + √h·s` (`μ` = `drift`) and then
    /// `h ← min(ω + α·(√h·s)² + β·h, (max(5, σ))²Δt)`, `ω = σ²Δt(1 − α − β)`, so that `E[h] = σ²Δt`.
    /// The GARCH coins' shocks share one mixing variable (`PortfolioScenario.garchDegreesOfFreedom`).
    public var garchAlpha: Double?
    /// GARCH β, the weight of the last conditional variance, per step, in [0, 1) (see `garchAlpha`).
    public var garchBeta: Double?

    public init(name: String, holding: Double, price: Double, vol: Double, drift: Double = 0) {
        self.name = name
        self.holding = holding
        self.price = price
        self.vol = vol
        self.drift = drift
    }

    /// Whether the coin is GARCH(1,1)-t (`garchAlpha` or `garchBeta` given; validation wants both).
    public var isGarch: Bool { garchAlpha != nil || garchBeta != nil }

    /// The log drift per step of `dt` years: `(μ − λ(e^{μ_J + σ_J²/2} − 1) − σ²/2)·Δt`; for a GARCH coin
    /// `μΔt` (the kernel subtracts each step's `h/2`).
    func logDriftPerStep(_ dt: Double) -> Double {
        if isGarch { return drift * dt }
        return (drift - jumpIntensity * (exp(jumpMean + 0.5 * jumpStdev * jumpStdev) - 1) - 0.5 * vol * vol) * dt
    }

    /// GARCH's `ω` and variance cap for steps of `dt` years, as the single coin's.
    func garchStep(_ dt: Double) -> GarchStep { GarchStep(vol: vol, alpha: garchAlpha ?? 0, beta: garchBeta ?? 0, dt: dt) }
}

/// How a hedge's short is collateralised, always in its contract's coin (taken from that coin's holding).
public enum PortfolioMargin: Sendable, Equatable {
    /// Its own isolated account holding `M = N/(P_contract·L)` coin; a liquidation takes `M`.
    case isolated(leverage: Double)
    /// The cross account of the contract's (coin, venue), shared by every cross hedge on it. Its
    /// collateral `K` is the hedges' `collateral` when given, else what the coin's holding leaves after
    /// the isolated margins and every entry fee on that coin's contracts,
    /// `K = S − Σ_isolated (M + fee·N/E) − Σ_cross fee·N/E`. It is liquidated when `Σ_cross N·x ≤ −K`
    /// (`x` the account per USD of notional) and a liquidation takes all of `K`, and only `K`.
    case cross
}

/// A dated inverse contract of a portfolio hedge and its basis, as the single coin's `dated`
/// instrument defines them: the future `F = P·e^{b·τ}` (`τ` years to its expiry) with an
/// Ornstein–Uhlenbeck annualised basis `b` that starts at its long-run mean `basis`,
/// `db = κ(basis − b)dt + σ_b dW_b`, the basis shock correlated `basisPriceCorrelation` with the coin's
/// price shock (its standardised return under the joint bootstrap). At expiry `F = P`. With
/// `rollDaysBefore` the short is rolled at the step end nearest that many days before each expiry that
/// comes before the horizon into the contract `contractCycleDays` later, booking the roll yield
/// `1/F_old − 1/F_new` and paying the taker fee on both trades.
public struct PortfolioDated: Codable, Sendable, Equatable {
    /// Days from the start to the first contract's expiry.
    public var expiryDays: Double
    /// The annualised basis at the start and its long-run mean `b₀` (0.08 = 8 % contango).
    public var basis: Double = 0.08
    /// κ, per year.
    public var basisMeanReversion: Double = 4
    /// σ_b, per √year.
    public var basisVol: Double = 0.3
    /// The correlation of the basis shock with the contract coin's price shock.
    public var basisPriceCorrelation: Double = 0.3
    /// Days before each expiry at which the short is rolled; nil: no roll, and the expiry may not come
    /// before the horizon.
    public var rollDaysBefore: Double?
    /// Days between consecutive expiries (91: quarterly).
    public var contractCycleDays: Double = 91

    public init(expiryDays: Double) { self.expiryDays = expiryDays }

    /// The keys of a hedge's dated contract in a portfolio file, besides `expiryDays`.
    static let keys = ["basis", "basisMeanReversion", "basisVol", "basisPriceCorrelation", "rollDaysBefore", "contractCycleDays"]

    /// The log entry price `ln F₀ = ln P₀ + b₀·expiryDays/365` (`P₀` = `spot`, USD), where the kernel's
    /// mark starts.
    func logEntryPrice(spot: Double) -> Double { log(spot) + basis * expiryDays / 365 }

    /// The entry price `F₀ = e^{ln F₀}`, USD.
    func entryPrice(spot: Double) -> Double { exp(logEntryPrice(spot: spot)) }
}

/// One hedge of a portfolio: a short of an inverse perpetual (or, with `dated`, a dated contract) on the
/// coin `contract` (at `venue`), margined in that coin (taken from its holding), sized against the
/// holding of `asset`: `N = ratio × S_asset × P_asset` USD. A hedge whose contract is another coin's is
/// a cross-hedge.
public struct PortfolioHedge: Codable, Sendable, Equatable {
    /// The holding it insures.
    public var asset: String
    /// The coin of the contract (and of its margin); the hedged asset's own by default.
    public var contract: String
    /// The hedge ratios to try.
    public var ratios: [Double]
    /// `ratios: auto`: the ratios are placed around the minimum-variance ratio of the hedge's contract
    /// from the run's own paths (`PortfolioScenario.automaticRatioFactors`); the report shows them filled.
    public var ratiosAroundMinimumVariance = false
    /// Isolated (with a leverage) or the contract coin's cross account.
    public var margin: PortfolioMargin
    /// Funding the short receives, a fraction of the notional per year (negative: it pays); one rate per
    /// contract (coin, venue).
    public var fundingRate: Double
    /// The inverse venue preset (`Venue.named`: `deribit`, `bitmex`, `okx`, `bybit`, `binance-coinm`)
    /// whose taker fee (on entry and exit, of the traded coin value `N/P`) and tier-1 maintenance rate `m`
    /// and convention the hedge uses instead of the scenario's `fee` and `maintenanceRate` (on the mark):
    /// per USD of notional the account is `1/F − (1 + m)/E + Φ` on the entry value and
    /// `(1 − m)/F − 1/E + Φ` on the mark (`E` entry, `F` mark price, USD; `Φ` funding accrued). Nil: the
    /// scenario's terms. Hedges on one coin at one venue (no venue counting as one) share the contract.
    public var venue: String?
    /// Coins of the contract coin deposited in the cross account of the hedge's (venue, coin), > 0, the
    /// most a liquidation of that account takes; only on `margin: cross`, equal on every hedge of the
    /// account. Needed when the coin has cross accounts at two or more venues; otherwise nil means
    /// what the holding leaves (`PortfolioMargin.cross`).
    public var collateral: Double?
    /// The dated contract it shorts instead of the perpetual; nil: the perpetual.
    public var dated: PortfolioDated?
    /// The maintenance rate of its contract, overriding its venue's (or the scenario's); equal on every
    /// hedge of the contract. Nil: the venue's tier for the grid's largest position on a BTC contract
    /// (`resolveMaintenanceTiers`, which writes it), the venue's tier 1 on another coin's, or the
    /// scenario's `maintenanceRate` without a venue.
    public var maintenanceRate: Double?

    /// A hedge on isolated margin at `leverage`.
    public init(asset: String, contract: String? = nil, ratios: [Double], leverage: Double, fundingRate: Double = 0) {
        self.init(asset: asset, contract: contract, ratios: ratios, margin: .isolated(leverage: leverage), fundingRate: fundingRate)
    }

    public init(asset: String, contract: String? = nil, ratios: [Double], margin: PortfolioMargin, fundingRate: Double = 0) {
        self.asset = asset
        self.contract = contract ?? asset
        self.ratios = ratios
        self.margin = margin
        self.fundingRate = fundingRate
    }

    /// The isolated margin's leverage; nil on cross margin.
    public var leverage: Double? {
        if case .isolated(let leverage) = margin { return leverage }
        return nil
    }

    private enum CodingKeys: String, CodingKey {
        case asset, contract, ratios, ratiosAroundMinimumVariance, margin, leverage, fundingRate, venue, collateral, dated
        case maintenanceRate
    }

    /// `margin` is written as `"isolated"` (with `leverage`) or `"cross"` (without).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        asset = try c.decode(String.self, forKey: .asset)
        contract = try c.decode(String.self, forKey: .contract)
        ratios = try c.decode([Double].self, forKey: .ratios)
        ratiosAroundMinimumVariance = try c.decode(Bool.self, forKey: .ratiosAroundMinimumVariance)
        fundingRate = try c.decode(Double.self, forKey: .fundingRate)
        venue = try c.decodeIfPresent(String.self, forKey: .venue)
        collateral = try c.decodeIfPresent(Double.self, forKey: .collateral)
        dated = try c.decodeIfPresent(PortfolioDated.self, forKey: .dated)
        maintenanceRate = try c.decodeIfPresent(Double.self, forKey: .maintenanceRate)
        switch try c.decode(String.self, forKey: .margin) {
        case "cross": margin = .cross
        case "isolated": margin = .isolated(leverage: try c.decode(Double.self, forKey: .leverage))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .margin, in: c, debugDescription: "margin \(other): isolated | cross")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asset, forKey: .asset)
        try c.encode(contract, forKey: .contract)
        try c.encode(ratios, forKey: .ratios)
        try c.encode(ratiosAroundMinimumVariance, forKey: .ratiosAroundMinimumVariance)
        try c.encode(fundingRate, forKey: .fundingRate)
        try c.encode(leverage == nil ? "cross" : "isolated", forKey: .margin)
        try c.encodeIfPresent(leverage, forKey: .leverage)
        try c.encodeIfPresent(venue, forKey: .venue)
        try c.encodeIfPresent(collateral, forKey: .collateral)
        try c.encodeIfPresent(dated, forKey: .dated)
        try c.encodeIfPresent(maintenanceRate, forKey: .maintenanceRate)
    }

    /// `BTC` or `ETH with BTC` (a cross-hedge), with its dated contract `BTC 90d` and its venue
    /// `BTC @ deribit`.
    public var label: String {
        let instrument = PortfolioContract.instrumentLabel(coin: contract, expiryDays: dated?.expiryDays)
        let hedge = contract == asset ? instrument : "\(asset) with \(instrument)"
        return venue.map { "\(hedge) @ \($0)" } ?? hedge
    }

    /// The contract it trades: its contract coin's perpetual or dated contract at its venue.
    public var account: PortfolioContract { PortfolioContract(coin: contract, venue: venue, expiryDays: dated?.expiryDays) }
}

/// One contract of a portfolio: the inverse perpetual (or, with `expiryDays`, the dated contract) on
/// `coin` at `venue` (nil: on the scenario's own terms). Hedges on one contract share its price path,
/// funding or basis and, on cross margin, its account.
public struct PortfolioContract: Hashable, Sendable {
    public var coin: String
    public var venue: String?
    /// The first expiry of a dated contract, days from the start; nil for the perpetual.
    public var expiryDays: Double?

    /// `BTC`, `BTC 90d` (dated, expiring on day 90) or `BTC @ deribit`.
    public var label: String {
        let instrument = Self.instrumentLabel(coin: coin, expiryDays: expiryDays)
        return venue.map { "\(instrument) @ \($0)" } ?? instrument
    }

    /// `BTC` or `BTC 90d`.
    static func instrumentLabel(coin: String, expiryDays: Double?) -> String {
        expiryDays.map { "\(coin) \(describe($0))d" } ?? coin
    }
}

/// The trading terms of a contract: its venue's taker fee, settlement fee and tier-1 maintenance, or
/// the scenario's `fee`, `settlementFee` and `maintenanceRate` (on the mark).
public struct PortfolioTerms: Sendable, Equatable {
    /// Taker fee rate on entry and exit, of the traded coin value.
    public var fee: Double
    /// Settlement fee rate of a dated contract at its expiry, of the settled coin value.
    public var settlementFee: Double
    /// Maintenance margin rate `m`.
    public var maintenanceRate: Double
    /// Whether `m` is measured on the entry or the mark value.
    public var convention: MaintenanceConvention

    /// Per USD of notional, the account is `a/F + b + Φ` (`F` the mark price, `Φ` the funding accrued):
    /// `a = 1 − m`, `b = −1/E` on the mark; `a = 1`, `b = −(1 + m)/E` on the entry value (`E` the entry
    /// price, USD).
    func account(entry: Double) -> (markCoefficient: Double, constant: Double) {
        switch convention {
        case .mark: return (1 - maintenanceRate, -1 / entry)
        case .entry: return (1, -(1 + maintenanceRate) / entry)
        }
    }
}

/// Several coins, their correlation and the hedges to try on them (`assets:` in a scenario file).
/// Every cell of the grid (one ratio per hedge) runs on the same paths.
public struct PortfolioScenario: Codable, Sendable, Equatable {
    public var assets: [PortfolioAsset]
    /// K×K correlation of the coins' diffusion shocks, in `assets` order; the identity when omitted.
    public var correlations: [[Double]]
    public var hedges: [PortfolioHedge]
    public var horizonDays: Double = 30
    public var stepsPerDay: Double = 24
    public var paths: Int = 20_000
    /// Taker fee rate on entry and exit, of the traded value.
    public var fee: Double = 0.0005
    /// Settlement fee rate of a dated contract that expires at the horizon (it settles instead of being
    /// bought back), of the settled coin value.
    public var settlementFee: Double = 0.0005
    /// Maintenance margin rate, on the mark value.
    public var maintenanceRate: Double = 0.005
    /// Check liquidation between steps too, at the Brownian-bridge maximum of the contract coin's price
    /// (exact in distribution for GBM), not only at step ends.
    public var betweenStepCheck = true
    /// The largest acceptable P(liq) of any hedge (its Wilson 95 % upper bound).
    public var maxLiquidationProbability: Double = 0.01
    /// The joint bootstrap of the coins' history (every asset has a `history`): the mean block length
    /// of the stationary bootstrap, days; nil for the parametric models.
    public var bootstrapBlockDays: Double?
    /// ν of the GARCH coins' t shocks (3 to 60, any real; nil: 5, the single coin's default), one for
    /// all of them: their correlated normals `z` are divided by one `√(W/(ν − 2))`, `W ~ χ²_ν` per path
    /// and step, which makes the shocks a unit-variance multivariate t with the input correlations.
    /// Only with a GARCH coin.
    public var garchDegreesOfFreedom: Double?
    /// Worker threads (results do not depend on it); nil: all cores.
    public var threads: Int?

    /// The most cells a grid may have.
    public static let maxCells = 4_096
    /// The most coins (at most 32 keep the correlated shocks' products exact: `hs_round_to_grid`).
    public static let maxAssets = 20

    public init(assets: [PortfolioAsset], correlations: [[Double]]? = nil, hedges: [PortfolioHedge]) {
        self.assets = assets
        self.correlations = correlations ?? (0..<assets.count).map { i in (0..<assets.count).map { $0 == i ? 1 : 0 } }
        self.hedges = hedges
    }

    public var stepCount: Int { Int((horizonDays * stepsPerDay).rounded()) }

    /// Whether the coins come from the joint bootstrap of their history.
    public var usesHistory: Bool { bootstrapBlockDays != nil }

    /// ν of the GARCH coins' t shocks: `garchDegreesOfFreedom`, 5 when not given.
    public var degreesOfFreedom: Double { garchDegreesOfFreedom ?? 5 }

    /// Takes the joint bootstrap's history: each coin's vol (and the correlations, for the report) become
    /// the history's; the engine draws the coins' returns from it.
    /// - Throws: `InputError` when the history does not fit (coin count, step).
    public mutating func attach(_ history: PortfolioHistory) throws {
        guard history.returns.count == assets.count else {
            throw InputError(flag: "", field: "history", value: "\(history.returns.count) series", allowed: "one per coin (\(assets.count))")
        }
        let step = 86_400 / stepsPerDay
        guard abs(history.stepSeconds - step) <= 0.01 * step else {
            throw InputError(
                flag: "", field: "stepsPerDay", value: describe(stepsPerDay),
                allowed: "the histories' grid, \(describe(86_400 / history.stepSeconds)) steps a day: the bootstrap draws whole history steps")
        }
        let years = history.stepSeconds / (365 * 86_400)
        for k in assets.indices { assets[k].vol = (history.variance(of: k) / years).squareRoot() }
        correlations = history.correlations
    }

    /// The terms of the contracts at `venue`: the inverse preset's taker fee, settlement fee (the
    /// scenario's where the preset has none), tier-1 maintenance rate and convention; without a venue
    /// (or an unknown one, which `validate` refuses) `fee`, `settlementFee` and `maintenanceRate` on the
    /// mark.
    public func terms(venue: String?) -> PortfolioTerms {
        guard let preset = venue.flatMap(Venue.named), preset.contract == .inverse else {
            return PortfolioTerms(fee: fee, settlementFee: settlementFee, maintenanceRate: maintenanceRate, convention: .mark)
        }
        return PortfolioTerms(
            fee: preset.takerFee.value, settlementFee: preset.settlementFee.value ?? settlementFee,
            maintenanceRate: preset.maintenance.value.firstTier.rate, convention: preset.maintenanceConvention.value)
    }

    /// The terms of `contract`: its venue's (`terms(venue:)`) with its hedges' `maintenanceRate` when
    /// given (or resolved by `resolveMaintenanceTiers`).
    public func terms(of contract: PortfolioContract) -> PortfolioTerms {
        var terms = terms(venue: contract.venue)
        if let rate = hedges.first(where: { $0.account == contract })?.maintenanceRate { terms.maintenanceRate = rate }
        return terms
    }

    /// The coins whose contracts the venue presets' tier tables describe (their BTC contracts).
    static let tieredCoins: Set<String> = ["BTC", "XBT"]

    /// Writes into every hedge on a BTC contract at a venue, without a `maintenanceRate` of its own, the
    /// venue's maintenance for the grid's largest position on that contract (`largestPosition(on:)`):
    /// its sourced tier, read conservatively as the single coin's (`MaintenanceSchedule
    /// .conservativeRequirement`: between rows the next one up, past the last row the last, no
    /// deduction). One rate serves every cell, as for one coin: the kernel's account `a/F + b` carries
    /// `m`, and the largest position's rate is the grid's highest (tiers only rise with size), so smaller
    /// cells are judged conservatively. Contracts on other coins keep tier 1 (the presets' tables are
    /// their BTC contracts'), unless the file gives `maintenanceRate`.
    /// - Throws: `InputError` on the hedge's `maintenanceRate` when the tier's rate is 0.5 or more.
    public mutating func resolveMaintenanceTiers() throws {
        for contract in PortfolioEngine.contracts(self) where Self.tieredCoins.contains(contract.coin.uppercased()) {
            guard let name = contract.venue, let preset = Venue.named(name), preset.contract == .inverse,
                  !hedges.contains(where: { $0.account == contract && $0.maintenanceRate != nil }) else { continue }
            let size = largestPosition(on: contract, faceValue: preset.faceValue.value)
            guard let (tier, _) = preset.maintenance.value.conservativeRequirement(for: size) else { continue }
            let first = hedges.firstIndex { $0.account == contract } ?? 0
            guard tier.rate < 0.5 else {
                throw InputError(
                    flag: "", field: "hedges[\(first)].maintenanceRate", value: "none",
                    allowed: "a rate below 0.5: \(name)'s tier for \(describe(size.coin)) \(contract.coin) (\(describe(size.usd)) USD) on \(contract.label) "
                        + "is \(describe(tier.rate)); lower the ratios or give maintenanceRate")
            }
            for h in hedges.indices where hedges[h].account == contract { hedges[h].maintenanceRate = tier.rate }
        }
    }

    /// The largest position the grid holds on `contract`: every hedge on it at its largest ratio (2 for
    /// `ratios: auto`, the most it may place), `N = Σ ratio·S·P` USD, `N/E` coin and `N/faceValue`
    /// contracts.
    func largestPosition(on contract: PortfolioContract, faceValue: Double) -> PositionSize {
        let usd = hedges.filter { $0.account == contract }.reduce(0.0) { total, hedge in
            total + (hedge.ratiosAroundMinimumVariance ? 2 : hedge.ratios.max() ?? 0) * holdingValue(of: hedge.asset)
        }
        return PositionSize(contracts: usd / faceValue, coin: usd / entryPrice(of: contract), usd: usd)
    }

    /// The index of the coin called `name`.
    public func assetIndex(_ name: String) -> Int? { assets.firstIndex { $0.name == name } }

    /// What the holder starts with, USD: `Σ S_k·P_k`.
    public var startValueUSD: Double { assets.reduce(0) { $0 + $1.holding * $1.price } }

    /// Every combination of one ratio per hedge, the first hedge's ratio varying slowest.
    public var cells: [[Double]] {
        hedges.reduce([[]]) { partial, hedge in partial.flatMap { prefix in hedge.ratios.map { prefix + [$0] } } }
    }
}
