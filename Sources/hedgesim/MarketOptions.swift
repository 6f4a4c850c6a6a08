import ArgumentParser
import HedgeSimCore

/// The market-model flags that `run` and `monitor` share: the price model and its parameters and the
/// funding process, read as text and checked by the scenario field table.
struct MarketOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Price model: gbm | jump | garch | bootstrap | replay (the last two need --history).",
            transform: choice(PriceModelKind.self))
    var model: PriceModelKind?
    @Option(parsing: .unconditional, help: "Annualised volatility (0.6 = 60 %).") var vol: String?
    @Option(parsing: .unconditional, help: "Annualised drift of the price.") var drift: String?
    @Option(name: .customLong("jump-intensity"), parsing: .unconditional, help: "Jumps per year (jump model).") var jumpIntensity: String?
    @Option(name: .customLong("jump-mean"), parsing: .unconditional, help: "Mean log jump size.") var jumpMean: String?
    @Option(name: .customLong("jump-stdev"), parsing: .unconditional, help: "Standard deviation of the log jump size.") var jumpStdev: String?
    @Option(name: .customLong("garch-alpha"), parsing: .unconditional, help: "GARCH α per step.") var garchAlpha: String?
    @Option(name: .customLong("garch-beta"), parsing: .unconditional, help: "GARCH β per step.") var garchBeta: String?
    @Option(name: .customLong("garch-degrees-of-freedom"), parsing: .unconditional, help: "Student-t degrees of freedom, any real number in 3…60.") var garchDegreesOfFreedom: String?
    @Option(name: .customLong("funding-mean"), parsing: .unconditional, help: "Mean funding rate per interval (> 0: shorts receive).") var fundingMean: String?
    @Option(name: .customLong("funding-vol"), parsing: .unconditional, help: "Funding AR(1) innovation stdev per interval.") var fundingVol: String?
    @Option(name: .customLong("funding-persistence"), parsing: .unconditional, help: "Funding AR(1) persistence per interval.") var fundingPersistence: String?
    @Option(name: .customLong("funding-interval-hours"), parsing: .unconditional, help: "Hours between funding payments.") var fundingIntervalHours: String?
    @Option(name: .customLong("funding-price-correlation"), parsing: .unconditional, help: "Correlation of funding and price shocks.")
    var fundingPriceCorrelation: String?
    @Option(name: .customLong("funding-cap"), parsing: .unconditional, help: "Cap on the funding rate per interval.") var fundingCap: String?
    @Option(name: .customLong("funding-dead-zone"), parsing: .unconditional, help: "Half-width around --funding-mean where the rate equals it (venue clamp band or dead band).")
    var fundingDeadZone: String?

    /// The flags that were given, as (scenario key, raw text), in table order.
    var overrides: [(key: String, value: FieldValue)] {
        let given: [(String, String?)] = [
            ("model", model?.rawValue), ("vol", vol), ("drift", drift),
            ("jumpIntensity", jumpIntensity), ("jumpMean", jumpMean), ("jumpStdev", jumpStdev),
            ("garchAlpha", garchAlpha), ("garchBeta", garchBeta), ("garchDegreesOfFreedom", garchDegreesOfFreedom),
            ("fundingMean", fundingMean), ("fundingVol", fundingVol), ("fundingPersistence", fundingPersistence),
            ("fundingIntervalHours", fundingIntervalHours), ("fundingPriceCorrelation", fundingPriceCorrelation),
            ("fundingCap", fundingCap), ("fundingDeadZone", fundingDeadZone),
        ]
        return given.compactMap { key, text in text.map { (key, FieldValue.text($0)) } }
    }
}
