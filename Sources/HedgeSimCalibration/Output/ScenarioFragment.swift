import HedgeSimCore

/// The YAML scenario fragment written by `hedgesim calibrate`: the fitted keys of `hedgesim run`
/// for the chosen model only (`model`, `stepsPerDay`, `vol`, `drift`, and the jump or GARCH keys when
/// that model is chosen), the funding keys when a funding history was given, each with a comment
/// saying where it came from. Keys not written keep their values from the scenario the fragment is
/// applied to.
///
/// `model` is the fitted model with the lowest AIC, and `vol` is that model's (see
/// `Calibration.volAndDrift`); the GARCH keys come from `Calibration.garchForSimulation`. The other
/// fitted models' parameters are listed as comments only, so switching `model:` never pairs one
/// model's keys with another's vol. `drift` is 0 — a fitted drift is the past trend, not a forecast —
/// unless `keepDrift`, which writes the fitted μ. `stepsPerDay` is the data's step, because GARCH α
/// and β are per step. `garchDegreesOfFreedom` is the fitted ν clamped to 3…60, as
/// the simulator needs. `fundingPersistence` is clamped to [0, 1], and `fundingPriceCorrelation` is 0
/// when no prices matched the funding times.
public struct ScenarioFragment: Sendable {
    /// The YAML text.
    public let text: String

    /// - Parameter keepDrift: write the chosen model's fitted drift instead of `drift: 0`.
    public init(_ calibration: Calibration, keepDrift: Bool = false) {
        var lines = ScenarioFragment.header(calibration)
        func key(_ name: String, _ value: String, _ comment: String? = nil) {
            lines.append("\(name): \(value)" + (comment.map { "  # \($0)" } ?? ""))
        }
        let model = calibration.bestModel
        let aics = PriceModelKind.allCases.compactMap { kind in calibration.aic(of: kind).map { "\(kind.rawValue) \(NumberText.grouped($0))" } }
        lines.append("")
        lines.append("# Price model: the lowest AIC of those fitted (\(aics.joined(separator: ", "))).")
        for skipped in calibration.notFitted {
            lines.append("# Not fitted: \(skipped.model.rawValue) (\(skipped.reason)).")
        }
        key("model", model.rawValue)
        let stepText = TimeGrid.describe(step: calibration.stepSeconds)
        let grid = GarchSimulationGrid(stepSeconds: calibration.stepSeconds)
        switch (grid.horizonDays, model) {
        case (nil, _):
            lines.append("# The data step (\(stepText)); GARCH α and β are per step, so the simulation uses this step.")
            key("stepsPerDay", grid.stepsPerDay)
        case (let horizon?, .garch):
            lines.append("# The data step (\(stepText)); GARCH α and β are per step, so the simulation uses this step,")
            lines.append("# and the horizon is a whole number of them (the nearest to 30 days).")
            key("stepsPerDay", grid.stepsPerDay)
            key("horizonDays", horizon)
        default:
            lines.append("# The data step is \(stepText); \(model.rawValue)'s parameters are annualised, so the simulation keeps its own step.")
        }
        if let (vol, drift) = calibration.volAndDrift(for: model) {
            let volKind = model == .garch ? "GARCH long-run σ = √(ω/(1−α−β)/Δt)" : model == .jump ? "jump-model diffusion σ" : "GBM σ"
            lines.append("# Annualised volatility: \(volKind).")
            let volNote = vol.standardError.map { "± \(NumberText.error($0))" }
                ?? (model == .garch ? "the sample vol (variance target)" : "± \(NumberText.error(nil))")
            key("vol", NumberText.value(vol.value), volNote)
            let zeroNote = drift.standardError.map { abs(drift.value) < 2 * $0 ? "; within 2 standard errors of 0" : "" } ?? ""
            let fitted = "\(NumberText.value(drift.value)) ± \(NumberText.error(drift.standardError))\(zeroNote)"
            if keepDrift {
                lines.append("# Annualised drift μ as fitted (--keep-drift), E[P_T] = P_0·e^{μT}: the past trend, carried into the forecast.")
                key("drift", NumberText.value(drift.value), "± \(NumberText.error(drift.standardError))\(zeroNote)")
            } else {
                lines.append("# Drift 0: the fitted μ = \(fitted) per year is the past trend, not a forecast;")
                lines.append("# `hedgesim calibrate --keep-drift` writes it instead.")
                key("drift", "0")
            }
        }
        switch model {
        case .jump: if let jump = calibration.jump { lines += ScenarioFragment.jumpLines(jump) }
        case .garch: if let garch = calibration.garchForSimulation { lines += ScenarioFragment.garchLines(garch, calibration) }
        case .gbm, .bootstrap, .replay: break
        }
        let others = PriceModelKind.allCases.filter { $0 != model }.compactMap { ScenarioFragment.summary(of: $0, calibration, keepDrift: keepDrift) }
        if !others.isEmpty {
            lines.append("")
            lines.append("# The other fitted models, not used by this fragment; to switch, set model: and replace vol with these:")
            lines += others.map { "# \($0)" }
        }
        if let funding = calibration.fundingAR1 {
            lines += ScenarioFragment.fundingLines(funding)
        }
        text = lines.joined(separator: "\n") + "\n"
    }

    /// The keys of `model` on one line, e.g. "jump: vol 0.3, jumpIntensity 2.1, jumpMean -0.05, jumpStdev 0.04";
    /// nil when it was not fitted.
    private static func summary(of model: PriceModelKind, _ calibration: Calibration, keepDrift: Bool) -> String? {
        guard let (vol, drift) = calibration.volAndDrift(for: model) else { return nil }
        var keys = [("vol", vol.value)]
        if keepDrift { keys.append(("drift", drift.value)) }
        switch model {
        case .jump:
            guard let jump = calibration.jump else { return nil }
            keys += [("jumpIntensity", jump.jumpIntensity.value), ("jumpMean", jump.jumpMean.value), ("jumpStdev", jump.jumpStdev.value)]
        case .garch:
            guard let garch = calibration.garchForSimulation else { return nil }
            keys += [("garchAlpha", garch.alpha.value), ("garchBeta", garch.beta.value), ("garchDegreesOfFreedom", degreesOfFreedom(garch))]
        case .gbm, .bootstrap, .replay: break
        }
        return "\(model.rawValue): " + keys.map { "\($0.0) \(NumberText.value($0.1))" }.joined(separator: ", ")
    }

    private static func degreesOfFreedom(_ garch: GarchFit) -> Double {
        min(60, max(3, garch.degreesOfFreedom.value))
    }

    private static func jumpLines(_ jump: JumpDiffusionFit) -> [String] {
        [
            "",
            "# Merton jumps.",
            "jumpIntensity: \(NumberText.value(jump.jumpIntensity.value))  # jumps per year ± \(NumberText.error(jump.jumpIntensity.standardError))",
            "jumpMean: \(NumberText.value(jump.jumpMean.value))  # mean log jump ± \(NumberText.error(jump.jumpMean.standardError))",
            "jumpStdev: \(NumberText.value(jump.jumpStdev.value))  # log jump stdev ± \(NumberText.error(jump.jumpStdev.standardError))",
        ]
    }

    private static func garchLines(_ garch: GarchFit, _ calibration: Calibration) -> [String] {
        var lines = ["", "# GARCH(1,1)-t per \(TimeGrid.describe(step: calibration.stepSeconds)) step."]
        if garch.varianceTargeted {
            lines.append("# The free fit has α + β = \(NumberText.value(calibration.garch?.persistence.value ?? 1)), not significantly below 1: "
                + "its long-run vol is not identified.")
            lines.append("# These are the variance-targeted fit's values (long-run vol = the sample vol of the returns).")
        }
        lines.append("garchAlpha: \(NumberText.value(garch.alpha.value))  # ± \(NumberText.error(garch.alpha.standardError))")
        lines.append("garchBeta: \(NumberText.value(garch.beta.value))  # ± \(NumberText.error(garch.beta.standardError))")
        let dof = garch.degreesOfFreedom
        if degreesOfFreedom(garch) != dof.value {
            lines.append("# Fitted ν = \(NumberText.value(dof.value)) ± \(NumberText.error(dof.standardError)), outside the simulator's "
                + "3 … 60: clamped.")
        }
        lines.append("garchDegreesOfFreedom: \(NumberText.value(degreesOfFreedom(garch)))  # ± \(NumberText.error(dof.standardError))")
        return lines
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
