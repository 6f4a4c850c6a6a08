/// The full, resolved input of a simulation: the holding, the market model, the hedge instrument and
/// the grid of hedge choices. Every quantity is annualised where it is a rate or a volatility, and a
/// plain fraction (0.6 = 60 %), never a percent.
///
/// Defaults are the worked example of the README: 5 BTC at 70,000 USD, 30 days in hourly steps, an
/// inverse perpetual shorted on isolated margin (leverage chosen per ratio, at most 100x) with
/// maintenance 0.5 % on the mark value, and a
/// Merton jump-diffusion with realistic BTC parameters (`exchange-mechanics.md` §8, `prior-art.md`).
public struct Scenario: Codable, Sendable, Equatable {
    // MARK: Holding and horizon
    /// Coins held (BTC), > 0.
    public var holding: Double = 5
    /// Spot index price at the start, USD per coin, > 0.
    public var price: Double = 70_000
    /// Horizon in calendar days.
    public var horizonDays: Double = 30
    /// Simulation steps per day (24 = hourly).
    public var stepsPerDay: Double = 24
    /// Number of simulated paths.
    public var paths: Int = 20_000

    // MARK: Hedge grid
    /// Hedge ratios `h = N / (S·E)`, each in [0, 2].
    public var hedgeRatios: [Double] = (0...10).map { Double($0) / 10 }
    /// Whether each ratio's leverage is chosen by the run (`auto`) or taken from `leverages`.
    public var leverageMode: LeverageMode = .auto
    /// Leverages `L ≥ 1` for isolated margin (`M = N/(E·L)`) when `leverageMode` is `fixed`; setting
    /// them pins them (`leverageMode` becomes `fixed`).
    public var leverages: [Double] = [3] { didSet { leverageMode = .fixed } }
    /// The venue's highest leverage: the upper end of the automatic leverage search.
    public var maxLeverage: Double = 100
    /// The leverage the automatic search chose for each ratio, in `hedgeRatios` order: set by the run
    /// (nil before it), so the report, the stress replays and a rerun use the same cells.
    public var chosenLeverages: [Double]? = nil
    /// Isolated or cross margin.
    public var margin: MarginMode = .isolated
    /// Fixed isolated collateral in coin for every ratio; replaces the leverage when set.
    public var collateral: Double? = nil
    /// What the holder starts with, USD: `S·P₀` plus the stablecoin balance (linear hedges only).
    public var startValueUSD: Double { holding * price + (stablecoinBalance ?? 0) }
    /// Linear contracts: a stablecoin balance, USD, that pays the margin and the entry fee instead of
    /// coins sold from the holding; what it does not use is held beside the coins (part of the value,
    /// worth `B/P_T` coins at the horizon). Nil: the margin is bought with coins sold at `P₀`.
    public var stablecoinBalance: Double? = nil
    /// Maintenance margin rate `m` (0.005 = 0.5 %).
    public var maintenanceRate: Double = 0.005
    /// Whether maintenance is measured on the entry or on the mark value.
    public var maintenanceConvention: MaintenanceConvention = .mark
    /// Check liquidation between steps with the Brownian-bridge maximum of the mark, not only at steps.
    public var betweenStepCheck: Bool = true

    // MARK: Managing the margin
    /// The margin policies compared, each on every hedged cell (`none` keeps the hedge as opened).
    public var policies: [MarginPolicy] = [.none]
    /// The rules of the margin policies.
    public var management = MarginManagement()

    // MARK: Instrument
    /// Perpetual or dated inverse contract.
    public var instrument: InstrumentKind = .perpetual
    /// Days to expiry of the dated contract; nil means "expires at the horizon".
    public var expiryDays: Double? = nil
    /// Days before each expiry at which the dated short is rolled into the next contract (bought back and
    /// sold again in the contract `contractCycleDays` later, paying `fee` on both trades); nil: no roll,
    /// and the horizon may not pass the expiry.
    public var rollDaysBefore: Double? = nil
    /// Days between the expiries of consecutive dated contracts: 91 (13 weeks) for the venues' quarterly
    /// contracts, whose last-Friday expiries are 13 or 14 weeks apart.
    public var contractCycleDays: Double = 91
    /// Initial annualised basis of the dated contract, `F_0 = P_0·e^{b·τ}` (0.08 = 8 % contango).
    public var basis: Double = 0.08
    /// Mean-reversion speed κ of the annualised basis, per year.
    public var basisMeanReversion: Double = 4
    /// Volatility of the annualised basis, per √year.
    public var basisVol: Double = 0.3
    /// Correlation of basis shocks with price shocks.
    public var basisPriceCorrelation: Double = 0.3
    /// Venue preset the scenario started from (`Venue.named`), nil when none; its values are applied
    /// before every other field, so explicit values override them.
    public var venue: String? = nil
    /// Contract face value in USD (BitMEX 1, Deribit 10, Binance/OKX 100).
    public var faceValue: Double = 1
    /// Taker fee rate on entry and exit (0.0005 = 0.05 %), charged on `N / price` in coin.
    public var fee: Double = 0.0005
    /// Settlement fee rate of a dated contract held to expiry.
    public var settlementFee: Double = 0.0005

    // MARK: Price model
    /// The price process.
    public var model: PriceModelKind = .jump
    /// Annualised diffusion volatility σ (long-run volatility for GARCH).
    public var vol: Double = 0.6
    /// Annualised drift μ of the price, `E[P_T] = P_0·e^{μT}`.
    public var drift: Double = 0
    /// Jump intensity λ, jumps per year.
    public var jumpIntensity: Double = 10
    /// Mean of the log jump size.
    public var jumpMean: Double = -0.02
    /// Standard deviation of the log jump size.
    public var jumpStdev: Double = 0.06
    /// GARCH α (weight of the last squared shock), per step.
    public var garchAlpha: Double = 0.06
    /// GARCH β (weight of the last variance), per step.
    public var garchBeta: Double = 0.92
    /// Degrees of freedom ν of the Student-t shocks, any real number from 3 to 60.
    public var garchDegreesOfFreedom: Double = 5
    /// Mean block length of the stationary bootstrap, in steps.
    public var bootstrapBlockSteps: Double = 24
    /// History files of the bootstrap and replay models (price CSV first, then an optional funding
    /// CSV); read by the command-line tool, recorded here so a report says what it used.
    public var history: [String] = []

    // MARK: Funding (perpetual)
    /// Mean funding rate per interval (0.0001 = 0.01 % per 8 h, paid by longs to shorts when > 0).
    public var fundingMean: Double = 0.0001
    /// Standard deviation of the AR(1) innovation per interval.
    public var fundingVol: Double = 0.0001
    /// AR(1) persistence φ per interval.
    public var fundingPersistence: Double = 0.8
    /// Hours between funding payments.
    public var fundingIntervalHours: Double = 8
    /// Correlation of funding innovations with same-interval price shocks.
    public var fundingPriceCorrelation: Double = 0.3
    /// Venue clamp: the rate per interval is kept in [−cap, +cap] (BitMEX 0.375 %).
    public var fundingCap: Double = 0.00375
    /// Half-width `w` of the zone around `fundingMean` where the rate equals `fundingMean` exactly: the
    /// AR(1) then models the venue's premium, and the rate is `mean + sign(x)·max(|x| − w, 0)`. It is
    /// the venue formula `F = P̄ + clamp(I − P̄, ±w)` of BitMEX, Bybit and Binance (w = 0.05 %, mean =
    /// I) and Deribit's dead band (w = 0.025 %, mean 0); 0 keeps the plain AR(1) rate.
    public var fundingDeadZone: Double = 0

    // MARK: Choice
    /// What the recommendation minimises.
    public var objective: Objective = .minVariance
    /// λ of the variance-liquidation objective.
    public var liquidationPenalty: Double = 10
    /// Largest acceptable liquidation probability for a recommended cell.
    public var maxLiquidationProbability: Double = 0.01

    // MARK: Precision
    /// Double the path count (every run a prefix of the next) until the recommendation is settled:
    /// separated from the runner-up by more than 2 paired standard errors, with its liquidation
    /// probability's upper bound within the limit; or until `maxPaths`.
    public var untilSettled: Bool = false
    /// The path budget of `untilSettled`.
    public var maxPaths: Int = 2_000_000

    // MARK: Variance reduction
    /// Antithetic variates: path `2k+1` uses the negated diffusion shocks (price, funding, basis) of
    /// path `2k`; jumps and bridge draws stay independent. Standard errors then come from pair means.
    public var antithetic: Bool = false

    // MARK: Execution
    /// Worker threads; results do not depend on it. nil = all cores.
    public var threads: Int? = nil

    public init() {}
}

extension Scenario {
    /// The reference workload W1 of the performance issue: the default scenario with hourly funding
    /// (AR(1) around 0.0001/8 per hour, persistence 0.97, innovation stdev 0.00002, correlation 0.3)
    /// and liquidation checked at steps only, so the numbers compare with plain step-checking peers;
    /// the leverage is pinned at 3x, as the peers have it (`--leverage auto` adds the search).
    public static var w1: Scenario {
        var s = Scenario()
        s.leverages = [3]
        s.fundingMean = 0.0001 / 8
        s.fundingPersistence = 0.97
        s.fundingVol = 0.00002
        s.fundingIntervalHours = 1
        s.fundingPriceCorrelation = 0.3
        s.betweenStepCheck = false
        return s
    }

    /// Named built-in scenarios for `--scenario`.
    public static let builtIn: [String: Scenario] = ["default": Scenario(), "w1": .w1]
}

/// The rules of the margin policies (`MarginPolicy`), each used only when its policy is in
/// `Scenario.policies`.
public struct MarginManagement: Codable, Sendable, Equatable {
    /// Top-up trigger: the share of the way from the reference price (the entry, then the mark at the
    /// last top-up) to the liquidation price that the mark must rise, in (0, 1].
    public var topUpAt: Double = 0.7
    /// Most top-ups per path; nil: as many as the spot holding pays for.
    public var maxTopUps: Int? = nil
    /// Coins per top-up; nil: enough to bring the leverage at the mark back to the initial one.
    public var topUpCoins: Double? = nil
    /// Deleverage trigger, as `topUpAt`: the share of the way to the liquidation price, in (0, 1].
    public var deleverageAt: Double = 0.7
    /// The share of the position bought back at each deleverage, in (0, 1).
    public var deleverageShare: Double = 0.5
    /// Most deleverages per path; nil: no limit (each halves what is left at the default share).
    public var maxDeleverages: Int? = nil
    /// Hours after a liquidation at which the re-hedge reopens the notional (0: at once, at the
    /// liquidation price); rounded up to whole steps.
    public var rehedgeAfterHours: Double = 24
    /// Leverage of the reopened short; nil: the cell's own leverage.
    public var rehedgeLeverage: Double? = nil
    /// Most re-hedges per path; nil: as many as the spot holding pays margins for.
    public var maxRehedges: Int? = nil
    /// The fall of the mark from the entry, as a share of it, at which a de-hedge closes the short.
    public var dehedgeAfterDrop: Double = 0.2
    /// The share of the spot coins left that a de-hedge sells for USD when it closes the short.
    public var dehedgeSellShare: Double = 0
    /// Funding exit: the annualised trailing mean funding rate (paid by longs to the short when
    /// positive) above which the short is closed.
    public var exitFundingAbove: Double = 0.3
    /// Funding exit: the trailing window, days.
    public var exitWindowDays: Double = 7
    /// Funding exit: the annualised trailing mean below which the short is reopened; nil: never.
    public var reenterFundingBelow: Double? = nil

    public init() {}

    /// The most actions a policy takes per path; nil: no limit (a de-hedge acts once).
    public func maxActions(for policy: MarginPolicy) -> Int? {
        switch policy {
        case .none: nil
        case .topUp: maxTopUps
        case .deleverage: maxDeleverages
        case .rehedge: maxRehedges
        case .dehedge: 1
        case .fundingExit: nil
        }
    }

    /// The rules' scenario keys (its property names, which are the keys of a scenario file).
    static let keys = Set(Mirror(reflecting: MarginManagement()).children.compactMap(\.label))
}
