extension Scenario {
    /// Largest number of paths one run accepts (memory grows with paths × cells).
    public static let maxPaths = 50_000_000
    /// Largest size of the per-path results one process keeps (net values per path and cell).
    public static let maxResultBytes = 4e9
    /// Largest number of steps one path may have.
    public static let maxSteps = 1_000_000

    /// Number of simulation steps, `horizonDays · stepsPerDay` (validated to be a whole number ≥ 1).
    public var stepCount: Int { Int((horizonDays * stepsPerDay).rounded()) }

    /// Length of one step in years (365-day year).
    public var stepYears: Double { 1 / (stepsPerDay * 365) }

    /// Days to the dated contract's expiry (the horizon unless given).
    public var resolvedExpiryDays: Double { expiryDays ?? horizonDays }

    /// Checks every field and every combination; throws the first problem as a one-line `InputError`.
    public func validate() throws {
        try require("holding", holding, holding > 0 && holding <= 1e12, "a finite number of coins > 0 and ≤ 1e12")
        try require("price", price, price > 0 && price <= 1e12, "a finite number > 0 and ≤ 1e12 (USD per coin)")
        try require("holding", holding, holding * price <= 1e15, "a holding worth at most 1e15 USD at the given price")
        try require("horizonDays", horizonDays, horizonDays > 0, "a finite number of days > 0")
        try require("stepsPerDay", stepsPerDay, stepsPerDay > 0, "a finite number > 0")
        let steps = horizonDays * stepsPerDay
        if steps < 1 - 1e-9 {
            throw InputError(
                field: "horizonDays", value: describe(horizonDays),
                allowed: "at least one step (\(describe(1 / stepsPerDay)) days at \(describe(stepsPerDay)) steps per day)")
        }
        if abs(steps - steps.rounded()) > 1e-9 * max(1, steps) {
            throw InputError(
                field: "stepsPerDay", value: describe(stepsPerDay),
                allowed: "a value that makes horizonDays × stepsPerDay a whole number of steps")
        }
        if stepCount > Scenario.maxSteps {
            throw InputError(field: "stepsPerDay", value: describe(stepsPerDay), allowed: "at most \(Scenario.maxSteps) steps in all")
        }
        if paths < 1 || paths > Scenario.maxPaths {
            throw InputError(field: "paths", value: String(paths), allowed: "a whole number from 1 to \(Scenario.maxPaths)")
        }
        let leveragesPerRatio = leverageMode == .fixed ? leverages.count : 1
        let storedValues = Double(paths) * Double(hedgeRatios.count * leveragesPerRatio * max(1, policies.count) + 1)
        if storedValues * 8 > Scenario.maxResultBytes {
            throw InputError(
                field: "paths", value: String(paths),
                allowed: "at most \(Int(Scenario.maxResultBytes / 8 / (storedValues / Double(paths)))) paths for this grid "
                    + "in one report (results need 8 bytes per path and cell, and a merge of shards holds them all); run several seeds as separate reports, or fewer cells")
        }
        try validateGrid()
        try validatePolicies()
        try validateInstrument()
        try validateModel()
        try validateFunding()
        try require("liquidationPenalty", liquidationPenalty, liquidationPenalty >= 0, "a finite number ≥ 0")
        try require(
            "maxLiquidationProbability", maxLiquidationProbability,
            maxLiquidationProbability > 0 && maxLiquidationProbability < 1, "a probability between 0 and 1 (exclusive), e.g. 0.01 for 1 %")
        if untilSettled && (maxPaths < paths || maxPaths > Scenario.maxPaths) {
            throw InputError(
                field: "maxPaths", value: String(maxPaths),
                allowed: "a path budget from --paths (\(paths)) to \(Scenario.maxPaths) for --until-settled")
        }
        if let threads, threads < 1 || threads > 1024 {
            throw InputError(field: "threads", value: String(threads), allowed: "a whole number from 1 to 1024")
        }
    }

    private func validatePolicies() throws {
        let names = policies.map(\.rawValue).joined(separator: ",")
        if policies.isEmpty || Set(policies).count != policies.count {
            throw InputError(field: "policies", value: names.isEmpty ? "none given" : names,
                             allowed: "each of " + ScenarioFields.allowedPolicies + " at most once")
        }
        if policies.contains(where: { $0 != .none }), margin == .cross {
            throw InputError(field: "policies", value: names,
                             allowed: "none with cross margin (it already backs the short with the whole holding); "
                                 + "the other policies on isolated margin")
        }
        let m = management
        if policies.contains(.topUp) {
            try require("topUpAt", m.topUpAt, m.topUpAt > 0 && m.topUpAt <= 1, "a share of the way to the liquidation price in (0, 1], e.g. 0.7")
            try requireCount("maxTopUps", m.maxTopUps)
            if let coins = m.topUpCoins {
                try require("topUpCoins", coins, coins > 0 && coins <= holding, "coins > 0 and at most the holding")
            }
        }
        if policies.contains(.deleverage) {
            try require("deleverageAt", m.deleverageAt, m.deleverageAt > 0 && m.deleverageAt <= 1,
                        "a share of the way to the liquidation price in (0, 1], e.g. 0.7")
            try require("deleverageShare", m.deleverageShare, m.deleverageShare > 0 && m.deleverageShare < 1,
                        "a share of the position in (0, 1), e.g. 0.5")
            try requireCount("maxDeleverages", m.maxDeleverages)
        }
        if policies.contains(.rehedge) {
            try require("rehedgeAfterHours", m.rehedgeAfterHours, m.rehedgeAfterHours >= 0 && m.rehedgeAfterHours <= horizonDays * 24,
                        "hours from 0 to the horizon (24 × horizonDays)")
            if let leverage = m.rehedgeLeverage {
                try require("rehedgeLeverage", leverage, leverage >= 1 && leverage <= 125, "a leverage from 1 to 125")
            }
            try requireCount("maxRehedges", m.maxRehedges)
        }
        if policies.contains(.fundingExit) {
            if instrument.isDated {
                throw InputError(field: "policies", value: names, allowed: "funding-exit only with a perpetual (a dated future pays no funding)")
            }
            try require("exitFundingAbove", m.exitFundingAbove, abs(m.exitFundingAbove) <= 100,
                        "an annualised funding rate from −100 to 100, e.g. 0.3 (30 % a year)")
            try require("exitWindowDays", m.exitWindowDays, m.exitWindowDays * 24 >= fundingIntervalHours && m.exitWindowDays <= horizonDays,
                        "days from one funding interval to the horizon")
            if let below = m.reenterFundingBelow {
                try require("reenterFundingBelow", below, below < m.exitFundingAbove,
                            "an annualised rate below exitFundingAbove (\(describe(m.exitFundingAbove)))")
            }
        }
        if policies.contains(.dehedge) {
            try require("dehedgeAfterDrop", m.dehedgeAfterDrop, m.dehedgeAfterDrop > 0 && m.dehedgeAfterDrop < 1,
                        "a fall from the entry in (0, 1), e.g. 0.2")
            try require("dehedgeSellShare", m.dehedgeSellShare, m.dehedgeSellShare >= 0 && m.dehedgeSellShare <= 1,
                        "a share of the spot coins from 0 to 1")
        }
    }

    /// A limit on a policy's actions per path: nil (none) or a whole number from 1 to 1,000,000.
    private func requireCount(_ field: String, _ count: Int?) throws {
        if let count, count < 1 || count > 1_000_000 {
            throw InputError(field: field, value: String(count), allowed: "a whole number from 1 to 1000000")
        }
    }

    private func validateGrid() throws {
        if hedgeRatios.isEmpty || hedgeRatios.count > 1000 {
            throw InputError(field: "hedgeRatios", value: "\(hedgeRatios.count) values", allowed: "1 to 1000 ratios")
        }
        for ratio in hedgeRatios {
            try require("hedgeRatios", ratio, ratio >= 0 && ratio <= 2, "ratios from 0 to 2")
        }
        try require("maxLeverage", maxLeverage, maxLeverage >= 1 && maxLeverage <= 200, "a leverage from 1 to 200")
        let listed = leverageMode == .fixed ? leverages : []
        if leverageMode == .fixed && (leverages.isEmpty || leverages.count > 100) {
            throw InputError(field: "leverages", value: "\(leverages.count) values", allowed: "auto, or 1 to 100 leverages")
        }
        for leverage in listed {
            try require("leverages", leverage, leverage >= 1 && leverage <= 200, "leverages from 1 to 200")
        }
        if margin == .cross && (listed.count > 1 || collateral != nil) {
            throw InputError(
                field: "margin", value: "cross",
                allowed: "one leverage and no collateral: cross margin uses the whole holding as collateral")
        }
        if let collateral {
            try require("collateral", collateral, collateral > 0 && collateral <= holding, "coins > 0 and ≤ the holding")
            if listed.count > 1 {
                throw InputError(field: "collateral", value: describe(collateral), allowed: "one leverage value: a fixed collateral replaces the leverage grid")
            }
        }
        try require("maintenanceRate", maintenanceRate, maintenanceRate >= 0 && maintenanceRate < 0.5, "a rate from 0 to 0.5")
        try require("fee", fee, fee >= 0 && fee < 0.05, "a rate from 0 to 0.05")
        try require("settlementFee", settlementFee, settlementFee >= 0 && settlementFee < 0.05, "a rate from 0 to 0.05")
        try require("faceValue", faceValue, faceValue > 0, "USD per contract > 0")
        for ratio in hedgeRatios {
            for leverage in listed {
                let cell = HedgeCell(scenario: self, ratio: ratio, leverage: leverage)
                if cell.marginCoin + cell.entryFeeCoin > holding * (1 + 1e-12) {
                    throw InputError(
                        field: collateral == nil ? "leverages" : "collateral",
                        value: collateral.map(describe) ?? describe(leverage),
                        allowed: "margin plus entry fee within the holding: ratio \(describe(ratio)) needs "
                            + "\(describe(cell.marginCoin + cell.entryFeeCoin)) of \(describe(holding)) coins; raise the leverage or lower the ratio")
                }
            }
        }
    }

    private func validateInstrument() throws {
        if instrument.isLinear {
            func refuse(_ field: String, _ value: String, _ allowed: String) -> InputError {
                InputError(field: field, value: value, allowed: allowed + " with a linear (USD-margined) instrument")
            }
            if leverageMode == .auto {
                throw refuse("leverages", "auto", "a list of leverages, e.g. 3 (the automatic search is for inverse contracts)")
            }
            if margin == .cross { throw refuse("margin", margin.rawValue, "isolated") }
            if let collateral { throw refuse("collateral", describe(collateral), "none (the margin is N/L USD from coins sold)") }
            if policies != [.none] {
                throw refuse("policies", policies.map(\.rawValue).joined(separator: ","), "none (the margin policies are for inverse contracts)")
            }
            if let venue, let preset = Venue.named(venue), preset.contract != .linear {
                throw refuse("venue", venue, "a USD-margined preset (" + Venue.names(of: .linear) + ")")
            }
            if let balance = stablecoinBalance {
                try require("stablecoinBalance", balance, balance >= 0 && balance <= 1e15, "a USD balance from 0 to 1e15")
                for ratio in hedgeRatios {
                    for leverage in leverages {
                        let cell = HedgeCell(scenario: self, ratio: ratio, leverage: leverage)
                        guard cell.cashUSD < -1e-9 * max(1, balance) else { continue }
                        throw InputError(
                            field: "stablecoinBalance", value: describe(balance),
                            allowed: "at least the initial margin and entry fee of every cell: ratio \(describe(ratio)) at leverage "
                                + "\(describe(leverage)) needs \(describe(cell.linearMarginUSD + cell.entryFeeCoin * price)) USD; raise the balance or the leverage")
                    }
                }
            }
        } else if let venue, let preset = Venue.named(venue), preset.contract == .linear {
            throw InputError(
                field: "venue", value: venue,
                allowed: "an inverse preset (" + Venue.names(of: .inverse) + ") with an inverse instrument; \(venue) lists "
                    + "USD-margined contracts: add --instrument linear-perpetual")
        }
        if !instrument.isLinear, let balance = stablecoinBalance {
            throw InputError(
                field: "stablecoinBalance", value: describe(balance),
                allowed: "only with a linear instrument (linear-perpetual or linear-dated): inverse contracts are margined in the coin")
        }
        if instrument.isDated {
            let terms = DatedTermsRules(
                expiryDays: expiryDays, rollDaysBefore: rollDaysBefore, contractCycleDays: contractCycleDays, basis: basis,
                basisMeanReversion: basisMeanReversion, basisVol: basisVol, basisPriceCorrelation: basisPriceCorrelation)
            try terms.check(horizonDays: horizonDays, stepsPerDay: stepsPerDay) { try require($0, $1, $2, $3) }
        }
    }

    private func validateModel() throws {
        try require("vol", vol, vol >= 0 && vol <= 10, "an annualised volatility from 0 to 10")
        try require("drift", drift, abs(drift) <= 10, "an annualised drift from −10 to 10")
        if model == .jump {
            try require("jumpIntensity", jumpIntensity, jumpIntensity >= 0 && jumpIntensity <= 10_000, "jumps per year from 0 to 10000")
            try require("jumpMean", jumpMean, abs(jumpMean) <= 5, "a log jump mean from −5 to 5")
            try require("jumpStdev", jumpStdev, jumpStdev >= 0 && jumpStdev <= 5, "a log jump stdev from 0 to 5")
            if jumpIntensity * stepYears > 5 {
                throw InputError(field: "jumpIntensity", value: describe(jumpIntensity), allowed: "at most 5 expected jumps per step; use more steps per day")
            }
        }
        if model == .bootstrap {
            try require("bootstrapBlockSteps", bootstrapBlockSteps, bootstrapBlockSteps >= 1 && bootstrapBlockSteps <= 1e6, "a mean block length from 1 to 1e6 steps")
        }
        if model == .garch {
            try require("garchAlpha", garchAlpha, garchAlpha >= 0 && garchAlpha < 1, "α from 0 to 1")
            try require("garchBeta", garchBeta, garchBeta >= 0 && garchBeta < 1, "β from 0 to 1")
            if garchAlpha + garchBeta >= 1 {
                throw InputError(field: "garchBeta", value: describe(garchBeta), allowed: "α + β < 1 (stationary variance); α is \(describe(garchAlpha))")
            }
            let dof = garchDegreesOfFreedom
            try require("garchDegreesOfFreedom", dof, dof >= 3 && dof <= 60, "a number from 3 to 60")
        }
    }

    private func validateFunding() throws {
        guard instrument.isPerpetual else { return }
        try require("fundingMean", fundingMean, abs(fundingMean) <= 0.05, "a rate per interval from −0.05 to 0.05")
        try require("fundingVol", fundingVol, fundingVol >= 0 && fundingVol <= 0.05, "a stdev per interval from 0 to 0.05")
        try require("fundingPersistence", fundingPersistence, fundingPersistence >= 0 && fundingPersistence <= 1, "φ from 0 to 1")
        try require("fundingPriceCorrelation", fundingPriceCorrelation, abs(fundingPriceCorrelation) <= 1, "a correlation from −1 to 1")
        try require("fundingCap", fundingCap, fundingCap >= 0 && fundingCap <= 0.05, "a cap per interval from 0 to 0.05")
        try require("fundingDeadZone", fundingDeadZone, fundingDeadZone >= 0 && fundingDeadZone <= 0.05, "a half-width per interval from 0 to 0.05")
        try require("fundingIntervalHours", fundingIntervalHours, fundingIntervalHours > 0 && fundingIntervalHours <= 24 * 365, "hours > 0")
        let stepHours = 24 / stepsPerDay
        let stepsPerInterval = fundingIntervalHours / stepHours
        let intervalsPerStep = stepHours / fundingIntervalHours
        let whole = { (x: Double) in abs(x - x.rounded()) < 1e-9 * max(1, x) && x.rounded() >= 1 }
        if !whole(stepsPerInterval) && !whole(intervalsPerStep) {
            throw InputError(
                field: "fundingIntervalHours", value: describe(fundingIntervalHours),
                allowed: "a whole number of steps (\(describe(stepHours)) h each) or a whole fraction of one step")
        }
    }

    private func require(_ field: String, _ value: Double, _ condition: Bool, _ allowed: String) throws {
        if !value.isFinite || !condition {
            throw InputError(field: field, value: describe(value), allowed: allowed)
        }
    }
}
