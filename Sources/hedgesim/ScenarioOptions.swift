import ArgumentParser
import HedgeSimCore

/// The scenario flags of `hedgesim run`. Each is read as text and checked by the same field table that
/// reads config files, so a flag and a config key accept the same values; flags override the config.
struct ScenarioOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Coins held (BTC).") var holding: String?
    @Option(parsing: .unconditional, help: "Spot price at the start, USD per coin.") var price: String?
    @Option(name: .customLong("horizon-days"), parsing: .unconditional, help: "Horizon in days.") var horizonDays: String?
    @Option(name: .customLong("steps-per-day"), parsing: .unconditional, help: "Simulation steps per day (24 = hourly).") var stepsPerDay: String?
    @Option(parsing: .unconditional, help: "Number of simulated paths.") var paths: String?
    @Option(parsing: .unconditional, help: "Hedge ratios: a list 0,0.5,1 or a range 0:1:0.1 (each in [0, 2]).") var ratios: String?
    @Option(parsing: .unconditional, help: "Leverage of isolated margin: auto (chosen per ratio, the default) or a list such as 3 or 2,3,5 (each ≥ 1).")
    var leverage: String?
    @Option(name: .customLong("max-leverage"), parsing: .unconditional, help: "The venue's highest leverage: the top of the auto search (default 100).")
    var maxLeverage: String?
    @Option(parsing: .unconditional, help: "Margin mode: isolated | cross.", transform: choice(MarginMode.self)) var margin: MarginMode?
    @Option(parsing: .unconditional, help: "Fixed isolated collateral in coin (replaces the leverage).") var collateral: String?
    @Option(name: .customLong("stablecoin-balance"), parsing: .unconditional,
            help: "Linear contracts: USD in stablecoin that pays the margin and fee instead of coins sold.")
    var stablecoinBalance: String?
    @Option(name: .customLong("maintenance-rate"), parsing: .unconditional, help: "Maintenance margin rate (0.005 = 0.5 %).") var maintenanceRate: String?
    @Option(name: .customLong("maintenance-convention"), parsing: .unconditional, help: "Maintenance on the entry or the mark value: entry | mark.",
            transform: choice(MaintenanceConvention.self))
    var maintenanceConvention: MaintenanceConvention?
    @Option(name: .customLong("between-step-check"), parsing: .unconditional, help: "Check liquidation between steps (Brownian bridge): true | false.")
    var betweenStepCheck: String?
    @Option(parsing: .unconditional, help: "Margin policies to compare, a list: none | top-up | deleverage | rehedge (default none).") var policy: String?
    @OptionGroup var management: ManagementOptions
    @Option(parsing: .unconditional, help: "Hedge instrument: perpetual | dated | linear-perpetual | linear-dated.", transform: choice(InstrumentKind.self)) var instrument: InstrumentKind?
    @Option(name: .customLong("expiry-days"), parsing: .unconditional, help: "Days to expiry of the dated future (default: the horizon).") var expiryDays: String?
    @Option(name: .customLong("roll-days-before"), parsing: .unconditional, help: "Roll the dated short into the next contract this many days before each expiry (lets the horizon pass the expiry).")
    var rollDaysBefore: String?
    @Option(name: .customLong("contract-cycle-days"), parsing: .unconditional, help: "Days between consecutive expiries (default 91, quarterly contracts).")
    var contractCycleDays: String?
    @Option(parsing: .unconditional, help: "Initial annualised basis of the dated future (0.08 = 8 % contango).") var basis: String?
    @Option(name: .customLong("basis-mean-reversion"), parsing: .unconditional, help: "Mean-reversion speed of the basis, per year.") var basisMeanReversion: String?
    @Option(name: .customLong("basis-vol"), parsing: .unconditional, help: "Volatility of the annualised basis.") var basisVol: String?
    @Option(name: .customLong("basis-price-correlation"), parsing: .unconditional, help: "Correlation of basis and price shocks.") var basisPriceCorrelation: String?
    @Option(parsing: .unconditional, help: "Venue preset applied before every other value: bitmex | bybit | deribit | okx | binance-coinm.")
    var venue: String?
    @Option(name: .customLong("face-value"), parsing: .unconditional, help: "Contract face value in USD.") var faceValue: String?
    @Option(parsing: .unconditional, help: "Taker fee rate on entry and exit (0.0005 = 0.05 %).") var fee: String?
    @Option(name: .customLong("settlement-fee"), parsing: .unconditional, help: "Settlement fee rate of a dated future held to expiry.") var settlementFee: String?
    @OptionGroup var market: MarketOptions
    @Option(parsing: .unconditional, help: "Recommendation objective: min-variance | min-es | variance-liquidation | least-margin.",
            transform: choice(Objective.self))
    var objective: Objective?
    @Option(name: .customLong("liquidation-penalty"), parsing: .unconditional, help: "λ of the variance-liquidation objective.") var liquidationPenalty: String?
    @Option(name: .customLong("max-liquidation-probability"), parsing: .unconditional, help: "Largest liquidation probability a recommendation may have.")
    var maxLiquidationProbability: String?
    @Option(name: .customLong("bootstrap-block-steps"), parsing: .unconditional, help: "Mean block length of the bootstrap, in steps.")
    var bootstrapBlockSteps: String?
    @Option(parsing: .unconditional, help: "History CSV files for --model bootstrap|replay: PRICES[,FUNDING].") var history: String?
    @Option(parsing: .unconditional, help: "Antithetic variates (pairs of mirrored paths): true | false.") var antithetic: String?
    @Option(parsing: .unconditional, help: "Worker threads (results do not depend on it; default: all cores).") var threads: String?
    @Flag(name: .customLong("until-settled"), help: "Double the paths until the recommendation is separated from the runner-up by 2 paired s.e. and its P(liq) bound clears the limit, or --max-paths is reached.")
    var untilSettled = false
    @Option(name: .customLong("max-paths"), parsing: .unconditional, help: "Path budget of --until-settled (default 2,000,000).") var maxPaths: String?
    @Flag(help: "Treat warnings (values that look like percents where fractions are meant) as errors.") var strict = false

    /// The flags that were given, as (scenario key, raw text), in table order.
    var overrides: [(key: String, value: FieldValue)] {
        let given: [(String, String?)] = [
            ("holding", holding), ("price", price), ("horizonDays", horizonDays), ("stepsPerDay", stepsPerDay),
            ("paths", paths), ("hedgeRatios", ratios), ("leverages", leverage), ("margin", margin?.rawValue),
            ("collateral", collateral), ("stablecoinBalance", stablecoinBalance), ("maintenanceRate", maintenanceRate),
            ("maintenanceConvention", maintenanceConvention?.rawValue), ("betweenStepCheck", betweenStepCheck),
            ("policies", policy),
        ] + management.given + [
            ("instrument", instrument?.rawValue), ("expiryDays", expiryDays), ("rollDaysBefore", rollDaysBefore),
            ("contractCycleDays", contractCycleDays), ("basis", basis),
            ("basisMeanReversion", basisMeanReversion), ("basisVol", basisVol),
            ("basisPriceCorrelation", basisPriceCorrelation), ("venue", venue), ("faceValue", faceValue), ("fee", fee),
            ("settlementFee", settlementFee),
        ]
        let after: [(String, String?)] = [
            ("objective", objective?.rawValue), ("liquidationPenalty", liquidationPenalty),
            ("maxLiquidationProbability", maxLiquidationProbability), ("antithetic", antithetic), ("threads", threads),
            ("bootstrapBlockSteps", bootstrapBlockSteps), ("history", history), ("maxLeverage", maxLeverage),
            ("maxPaths", maxPaths),
        ]
        func text(_ list: [(String, String?)]) -> [(key: String, value: FieldValue)] {
            list.compactMap { key, text in text.map { (key, FieldValue.text($0)) } }
        }
        return text(given) + market.overrides + text(after)
            + (untilSettled ? [("untilSettled", FieldValue.boolean(true))] : [])
    }
}
