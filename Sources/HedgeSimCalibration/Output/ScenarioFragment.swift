import HedgeSimCore

/// The YAML scenario fragment written by `hedgesim calibrate`: the fitted keys of `hedgesim run`
/// (`model`, `vol`, `drift`, `stepsPerDay`, the jump and GARCH keys of the fitted models, and the
/// funding keys when a funding history was given), each with a comment saying where it came from.
/// Keys not written keep their values from the scenario the fragment is applied to.
///
/// `model` is the fitted model with the lowest AIC, and `vol`/`drift` are that model's (see
/// `Calibration.volAndDrift`); the GARCH keys come from `Calibration.garchForSimulation`. `stepsPerDay` is the data's step, because GARCH α and β are per step.
/// `garchDegreesOfFreedom` is the fitted ν rounded to a whole number in 3…60, as the simulator needs.
/// `fundingPersistence` is clamped to [0, 1], and `fundingPriceCorrelation` is 0 when no prices matched
/// the funding times.
public struct ScenarioFragment: Sendable {
    /// The YAML text.
    public let text: String

    public init(_ calibration: Calibration) {
        var lines = ScenarioFragment.header(calibration)
        func key(_ name: String, _ value: String, _ comment: String? = nil) {
            lines.append("\(name): \(value)" + (comment.map { "  # \($0)" } ?? ""))
        }
        let model = calibration.bestModel
        let aics = PriceModelKind.allCases.compactMap { kind in calibration.aic(of: kind).map { "\(kind.rawValue) \(NumberText.grouped($0))" } }
        lines.append("")
        lines.append("# Price model: the lowest AIC of those fitted (\(aics.joined(separator: ", "))).")
        key("model", model.rawValue)
        let stepText = TimeGrid.describe(step: calibration.stepSeconds)
        lines.append("# The data step (\(stepText)); GARCH α and β are per step, so the simulation uses this step.")
        key("stepsPerDay", NumberText.value(86_400 / calibration.stepSeconds))
        if let (vol, drift) = calibration.volAndDrift(for: model) {
            let volKind = model == .garch ? "GARCH long-run σ = √(ω/(1−α−β)/Δt)" : model == .jump ? "jump-model diffusion σ" : "GBM σ"
            lines.append("# Annualised volatility: \(volKind). Annualised drift μ, E[P_T] = P_0·e^{μT}.")
            key("vol", NumberText.value(vol.value), vol.standardError.map { "± \(NumberText.error($0))" } ?? "the sample vol (variance target)")
            let zeroNote = drift.standardError.map { abs(drift.value) < 2 * $0 ? "; within 2 standard errors of 0" : "" } ?? ""
            key("drift", NumberText.value(drift.value), "± \(NumberText.error(drift.standardError))\(zeroNote)")
        }
        if let jump = calibration.jump {
            lines.append("")
            lines.append("# Merton jumps (used with model: jump, whose vol is \(NumberText.value(jump.vol.value)) and drift \(NumberText.value(jump.drift.value))).")
            key("jumpIntensity", NumberText.value(jump.jumpIntensity.value), "jumps per year ± \(NumberText.error(jump.jumpIntensity.standardError))")
            key("jumpMean", NumberText.value(jump.jumpMean.value), "mean log jump ± \(NumberText.error(jump.jumpMean.standardError))")
            key("jumpStdev", NumberText.value(jump.jumpStdev.value), "log jump stdev ± \(NumberText.error(jump.jumpStdev.standardError))")
        }
        if let garch = calibration.garchForSimulation {
            let dof = min(60, max(3, garch.degreesOfFreedom.value.rounded()))
            lines.append("")
            lines.append("# GARCH(1,1)-t per \(stepText) step (used with model: garch, whose vol is \(NumberText.value(garch.longRunVol.value)) long-run).")
            if garch.varianceTargeted {
                lines.append("# The free fit has α + β = \(NumberText.value(calibration.garch?.persistence.value ?? 1)), not significantly below 1: "
                    + "its long-run vol is not identified.")
                lines.append("# These are the variance-targeted fit's values (long-run vol = the sample vol of the returns).")
            }
            key("garchAlpha", NumberText.value(garch.alpha.value), "± \(NumberText.error(garch.alpha.standardError))")
            key("garchBeta", NumberText.value(garch.beta.value), "± \(NumberText.error(garch.beta.standardError))")
            lines.append("# Fitted ν = \(NumberText.value(garch.degreesOfFreedom.value)) ± \(NumberText.error(garch.degreesOfFreedom.standardError)); "
                + "the simulator needs a whole number from 3 to 60, so it is rounded.")
            key("garchDegreesOfFreedom", NumberText.value(dof))
        }
        if let funding = calibration.fundingAR1 {
            lines += ScenarioFragment.fundingLines(funding)
        }
        text = lines.joined(separator: "\n") + "\n"
    }

    /// The fragment applied to `base` (the built-in default unless given), read back through
    /// `ScenarioDocument` exactly as `hedgesim run --config` reads it, and validated.
    /// - Throws: `InputError` when the fragment does not parse or the scenario does not validate.
    public func scenario(base: Scenario = Scenario()) throws -> Scenario {
        var scenario = base
        try ScenarioDocument(text: text, source: "scenario fragment").apply(to: &scenario)
        try scenario.validate()
        return scenario
    }

    private static func header(_ calibration: Calibration) -> [String] {
        let prices = calibration.prices
        var lines = [
            "# HedgeSim scenario fragment written by `hedgesim calibrate`; use it with `hedgesim run --config FILE`",
            "# (command-line flags override these values; keys not written keep their defaults).",
            "# Prices: \(prices.source), \(prices.first) … \(prices.last), \(NumberText.count(calibration.returns)) log returns "
                + "on the \(TimeGrid.describe(step: calibration.stepSeconds)) grid.",
        ]
        if let funding = calibration.funding {
            lines.append("# Funding: \(funding.source), \(funding.first) … \(funding.last).")
        }
        return lines
    }

    private static func fundingLines(_ funding: FundingFit) -> [String] {
        var lines = [
            "",
            "# Funding AR(1) per \(NumberText.value(funding.intervalHours)) h interval from \(NumberText.count(funding.observations)) pairs "
                + "(rate per interval; positive: longs pay, a short hedger receives).",
        ]
        let phi = min(1, max(0, funding.persistence.value))
        lines.append("fundingIntervalHours: \(NumberText.value(funding.intervalHours))")
        lines.append("fundingMean: \(NumberText.value(funding.mean.value))  # ± \(NumberText.error(funding.mean.standardError))")
        lines.append("fundingVol: \(NumberText.value(funding.innovationStdev.value))  # innovation stdev ± \(NumberText.error(funding.innovationStdev.standardError))")
        let phiNote = phi == funding.persistence.value ? "" : "; fitted \(NumberText.value(funding.persistence.value)), clamped to [0, 1]"
        lines.append("fundingPersistence: \(NumberText.value(phi))  # ± \(NumberText.error(funding.persistence.standardError))\(phiNote)")
        if let rho = funding.priceCorrelation {
            lines.append("# Correlation of funding innovations with the same-interval log return (\(NumberText.count(funding.correlationObservations)) intervals).")
            lines.append("fundingPriceCorrelation: \(NumberText.value(rho.value))  # ± \(NumberText.error(rho.standardError))")
        } else {
            lines.append("# No prices at the funding times and one interval earlier: the correlation is not estimated.")
            lines.append("fundingPriceCorrelation: 0")
        }
        return lines
    }
}
