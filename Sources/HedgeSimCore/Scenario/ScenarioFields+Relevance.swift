/// Inputs that quietly answer another question: a key the chosen instrument or model does not use,
/// and a value that looks like a percent where a fraction is meant.
extension ScenarioFields {
    /// Which setup uses a key; keys not listed are used by every setup.
    static func usage(of key: String) -> (uses: (Scenario) -> Bool, needs: String)? {
        switch key {
        case "expiryDays", "rollDaysBefore", "contractCycleDays", "basis", "basisMeanReversion", "basisVol", "settlementFee":
            return ({ $0.instrument.isDated }, "--instrument dated or linear-dated")
        case "fundingMean", "fundingVol", "fundingPersistence", "fundingIntervalHours", "fundingCap", "fundingDeadZone":
            return ({ $0.instrument.isPerpetual }, "--instrument perpetual or linear-perpetual")
        // A correlation with the price's normal shock: the history models move the price by the
        // history's return, with no shock to correlate with.
        case "fundingPriceCorrelation":
            return ({ $0.instrument.isPerpetual && !$0.model.needsHistory },
                    "a perpetual under --model gbm, jump or garch (under bootstrap and replay the price has no normal shock to correlate with)")
        case "basisPriceCorrelation":
            return ({ $0.instrument.isDated && !$0.model.needsHistory },
                    "a dated --instrument under --model gbm, jump or garch (under bootstrap and replay the price has no normal shock to correlate with)")
        case "jumpIntensity", "jumpMean", "jumpStdev":
            return ({ $0.model == .jump }, "--model jump")
        case "garchAlpha", "garchBeta", "garchDegreesOfFreedom":
            return ({ $0.model == .garch }, "--model garch")
        case "bootstrapBlockSteps":
            return ({ $0.model == .bootstrap }, "--model bootstrap")
        case "history":
            return ({ $0.model.needsHistory }, "--model bootstrap or --model replay")
        case "vol", "drift":
            return ({ !$0.model.needsHistory }, "--model gbm, jump or garch (bootstrap and replay take both from the history)")
        case "maxLeverage":
            return ({ $0.searchesLeverage }, "--leverage auto on isolated margin without --collateral")
        case "faceValue":
            return ({ !$0.instrument.isLinear }, "an inverse --instrument, perpetual or dated (linear contracts trade in lots of 0.001 coin)")
        case "stablecoinBalance":
            return ({ $0.instrument.isLinear }, "a linear --instrument, linear-perpetual or linear-dated (inverse contracts are margined in the coin)")
        case "maxPaths":
            return ({ $0.untilSettled }, "--until-settled")
        case "topUpAt", "maxTopUps", "topUpCoins":
            return ({ $0.policies.contains(.topUp) }, "--policy top-up")
        case "deleverageAt", "deleverageShare", "maxDeleverages":
            return ({ $0.policies.contains(.deleverage) }, "--policy deleverage")
        case "rehedgeAfterHours", "rehedgeLeverage", "maxRehedges":
            return ({ $0.policies.contains(.rehedge) }, "--policy rehedge")
        case "dehedgeAfterDrop", "dehedgeSellShare":
            return ({ $0.policies.contains(.dehedge) }, "--policy dehedge")
        case "exitFundingAbove", "exitWindowDays", "reenterFundingBelow":
            return ({ $0.policies.contains(.fundingExit) }, "--policy funding-exit")
        default:
            return nil
        }
    }

    /// The first given key that `scenario` does not use, as the error a flag gets: "invalid basis
    /// (--basis): 0.2; allowed: only with --instrument dated (this run hedges with a perpetual …)".
    public static func unusedError(_ entries: [(key: String, value: FieldValue)], in scenario: Scenario) -> InputError? {
        unused(entries, in: scenario).first.map { entry, needs in
            InputError(
                field: entry.key, value: entry.value.display,
                allowed: "only with \(needs) (this run \(setup(of: scenario))); remove it or change the setup")
        }
    }

    /// One note per given key that `scenario` does not use, for keys that a file's variant may
    /// override: "--basis 0.2 is not used: it applies to --instrument dated (this run …)".
    public static func unusedNotes(_ entries: [(key: String, value: FieldValue)], in scenario: Scenario) -> [String] {
        unused(entries, in: scenario).map { entry, needs in
            "\(entry.key) \(entry.value.display) is not used: it applies to \(needs) (this run \(setup(of: scenario)))"
        }
    }

    private static func unused(
        _ entries: [(key: String, value: FieldValue)], in scenario: Scenario
    ) -> [((key: String, value: FieldValue), String)] {
        var seen = Set<String>()
        return entries.compactMap { entry in
            guard !seen.contains(entry.key), let usage = usage(of: entry.key), !usage.uses(scenario) else { return nil }
            seen.insert(entry.key)
            return (entry, usage.needs)
        }
    }

    private static func setup(of scenario: Scenario) -> String {
        "hedges with " + (scenario.instrument.isLinear ? "a linear " : "an inverse ")
            + (scenario.instrument.isDated ? "dated future" : "perpetual") + " under --model "
            + scenario.model.rawValue
    }

    /// Given values that look like a percent where a fraction is meant, each with the fraction that
    /// was probably meant: fees of 1 % or more, funding of 0.5 % or more per interval, a liquidation
    /// limit of 20 % or more, a volatility of 5 (500 %) or more.
    public static func percentLike(_ entries: [(key: String, value: FieldValue)], in scenario: Scenario) -> [String] {
        let given = Set(entries.map(\.key))
        var warnings: [String] = []
        func check(_ key: String, _ value: Double, _ limit: Double, _ meaning: String) {
            guard given.contains(key), abs(value) >= limit else { return }
            warnings.append(
                "--\(flag(for: key)) \(describe(value)) is \(describe(value * 100)) % \(meaning); if you meant "
                    + "\(describe(value)) %, give \(describe(value / 100)) (values are fractions, not percents)")
        }
        check("fee", scenario.fee, 0.01, "per trade")
        check("settlementFee", scenario.settlementFee, 0.01, "at settlement")
        check("fundingMean", scenario.fundingMean, 0.005, "per funding interval")
        check("maxLiquidationProbability", scenario.maxLiquidationProbability, 0.2, "liquidation probability")
        check("vol", scenario.vol, 5, "volatility a year")
        return warnings
    }
}
