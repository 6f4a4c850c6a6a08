extension PortfolioScenario {
    /// Checks every value; the first problem is an `InputError` naming the field by its path in the
    /// file (`assets[2].vol`, `hedges[0].contract`, `correlations[1][0]`) and what is allowed. The
    /// correlation matrix's definiteness is checked by `CorrelationFactor`.
    public func validate() throws {
        try check("assets", Double(assets.count), (1...Double(Self.maxAssets)).contains(Double(assets.count)),
                  "1 to \(Self.maxAssets) coins")
        for (i, asset) in assets.enumerated() {
            let path = "assets[\(i)]"
            guard !asset.name.isEmpty, assets.firstIndex(where: { $0.name == asset.name }) == i else {
                throw InputError(flag: "", field: path + ".name", value: asset.name.isEmpty ? "none" : asset.name, allowed: "a name of its own (BTC, ETH, …)")
            }
            try check(path + ".holding", asset.holding, asset.holding >= 0 && asset.holding <= 1e12, "coins from 0 to 1e12")
            try check(path + ".price", asset.price, asset.price > 0 && asset.price <= 1e9, "a price > 0 and ≤ 1e9 USD")
            try check(path + ".vol", asset.vol, asset.vol >= 0 && asset.vol <= 10, "an annualised volatility from 0 to 10")
            try check(path + ".drift", asset.drift, abs(asset.drift) <= 10, "an annualised drift from −10 to 10")
            try check(path + ".jumpIntensity", asset.jumpIntensity, asset.jumpIntensity >= 0 && asset.jumpIntensity <= 10_000,
                      "jumps per year from 0 to 10000")
            try check(path + ".jumpIntensity", asset.jumpIntensity, asset.jumpIntensity / (365 * stepsPerDay) <= 5,
                      "at most 5 expected jumps per step; use more steps per day")
            try check(path + ".jumpMean", asset.jumpMean, abs(asset.jumpMean) <= 5, "a log jump mean from −5 to 5")
            try check(path + ".jumpStdev", asset.jumpStdev, asset.jumpStdev >= 0 && asset.jumpStdev <= 5, "a log jump stdev from 0 to 5")
        }
        let k = assets.count
        guard correlations.count == k, correlations.allSatisfy({ $0.count == k }) else {
            throw InputError(flag: "", field: "correlations", value: "\(correlations.count) rows of \(correlations.map(\.count))",
                             allowed: "a \(k)×\(k) matrix, one row per coin in the order of assets")
        }
        for i in 0..<k {
            for j in 0..<k {
                let value = correlations[i][j]
                let field = "correlations[\(i)][\(j)]"
                try check(field, value, value.isFinite && abs(value) <= 1, "a correlation from −1 to 1")
                if i == j { try check(field, value, value == 1, "1 on the diagonal") }
                if j < i {
                    try check(field, value, abs(value - correlations[j][i]) <= 1e-12,
                              "the value of correlations[\(j)][\(i)] (\(describe(correlations[j][i]))): the matrix is symmetric")
                }
            }
        }
        try check("hedges", Double(hedges.count), !hedges.isEmpty, "at least one hedge (asset, ratios, leverage or margin: cross)")
        for (i, hedge) in hedges.enumerated() {
            let path = "hedges[\(i)]"
            let names = assets.map(\.name).joined(separator: ", ")
            guard assetIndex(hedge.asset) != nil else {
                throw InputError(flag: "", field: path + ".asset", value: hedge.asset, allowed: "one of the portfolio's coins (\(names))")
            }
            guard assetIndex(hedge.contract) != nil else {
                throw InputError(flag: "", field: path + ".contract", value: hedge.contract,
                                 allowed: "one of the portfolio's coins (\(names)): an inverse contract is margined in its own coin, which the portfolio must hold")
            }
            if hedge.ratiosAroundMinimumVariance { continue }
            try check(path + ".ratios", Double(hedge.ratios.count), !hedge.ratios.isEmpty, "at least one ratio, or auto")
            for ratio in hedge.ratios { try check(path + ".ratios", ratio, ratio >= 0 && ratio <= 2, "ratios in [0, 2]") }
            if let leverage = hedge.leverage {
                try check(path + ".leverage", leverage, leverage > 0 && leverage <= 200, "a leverage > 0 and ≤ 200")
            }
            try check(path + ".fundingRate", hedge.fundingRate, abs(hedge.fundingRate) <= 5, "an annualised rate from −5 to 5")
            if let other = hedges.first(where: { $0.account == hedge.account }), other.fundingRate != hedge.fundingRate {
                throw InputError(flag: "", field: path + ".fundingRate", value: describe(hedge.fundingRate),
                                 allowed: "\(describe(other.fundingRate)), the rate of the other hedge on the \(hedge.account.label) contract (one contract, one funding)")
            }
            try checkVenue(hedge, path)
            try checkDated(hedge, path)
            if let rate = hedge.maintenanceRate {
                try check(path + ".maintenanceRate", rate, rate >= 0 && rate < 0.5, "a rate from 0 to 0.5")
            }
            if let other = hedges.first(where: { $0.account == hedge.account }), other.maintenanceRate != hedge.maintenanceRate {
                throw InputError(flag: "", field: path + ".maintenanceRate", value: hedge.maintenanceRate.map(describe) ?? "none",
                                 allowed: "\(other.maintenanceRate.map(describe) ?? "none"), the rate of the other hedge on the \(hedge.account.label) contract (one contract, one maintenance)")
            }
        }
        try check("horizonDays", horizonDays, horizonDays > 0 && horizonDays <= 3650, "days in (0, 3650]")
        try check("stepsPerDay", stepsPerDay, stepsPerDay > 0 && stepsPerDay <= 1440 && stepCount >= 1, "steps per day in (0, 1440], at least one step")
        try check("paths", Double(paths), paths >= 2 && paths <= 10_000_000, "2 to 10,000,000 paths")
        try check("fee", fee, fee >= 0 && fee <= 0.01, "a rate from 0 to 0.01")
        try check("settlementFee", settlementFee, settlementFee >= 0 && settlementFee <= 0.01, "a rate from 0 to 0.01")
        try check("maintenanceRate", maintenanceRate, maintenanceRate >= 0 && maintenanceRate < 0.5, "a rate from 0 to 0.5")
        try check("maxLiquidationProbability", maxLiquidationProbability,
                  maxLiquidationProbability > 0 && maxLiquidationProbability <= 1, "a probability in (0, 1]")
        if let threads { try check("threads", Double(threads), threads >= 1 && threads <= 1024, "1 to 1024") }
        let cellCount = hedges.reduce(1) { $0 * ($1.ratiosAroundMinimumVariance ? Self.automaticRatioFactors.count : $1.ratios.count) }
        try check("hedges", Double(cellCount), cellCount <= Self.maxCells, "at most \(Self.maxCells) combinations of ratios")
        try checkMargins()
        try checkGarch()
        if let days = bootstrapBlockDays {
            try check("bootstrapBlockDays", days, days > 0 && days <= 3650, "a mean block length in days from 0 to 3650")
            for (i, asset) in assets.enumerated() {
                guard asset.history != nil else {
                    throw InputError(flag: "", field: "assets[\(i)].history", value: "none",
                                     allowed: "a price CSV for every coin: the joint bootstrap draws all coins from their common history")
                }
                try check("assets[\(i)].jumpIntensity", asset.jumpIntensity, asset.jumpIntensity == 0,
                          "0 under the joint bootstrap (the history's jumps are in its returns)")
            }
        } else if let i = assets.firstIndex(where: { $0.history != nil }) {
            throw InputError(flag: "", field: "assets[\(i)].history", value: assets[i].history ?? "",
                             allowed: "none without bootstrapBlockDays (set it to draw the coins from their joint history)")
        }
    }

    /// `validate()`, and that the joint bootstrap has its history (and only it has one).
    func validate(history: PortfolioHistory?) throws {
        try validate()
        if usesHistory, history == nil {
            throw InputError(flag: "", field: "history", value: "none",
                             allowed: "the coins' histories for the joint bootstrap (`hedgesim portfolio` reads each asset's history: file)")
        }
        if !usesHistory, history != nil {
            throw InputError(flag: "", field: "history", value: "given", allowed: "none without bootstrapBlockDays")
        }
    }

    /// A hedge's venue is an inverse preset; its collateral (a cross account's deposit, > 0) is given
    /// only on cross margin, by every cross hedge on a coin with cross accounts at two or more venues,
    /// and alike on every hedge of one account.
    private func checkVenue(_ hedge: PortfolioHedge, _ path: String) throws {
        if let name = hedge.venue, Venue.named(name)?.contract != .inverse {
            let why = Venue.named(name).map { " (\($0.name) is USD-margined: a portfolio hedge is an inverse contract margined in its coin)" }
                ?? Venue.suggestion(for: name)
            throw InputError(flag: "", field: path + ".venue", value: name, allowed: "an inverse venue preset: " + Venue.names(of: .inverse) + why)
        }
        guard hedge.leverage == nil else {
            if let collateral = hedge.collateral {
                throw InputError(flag: "", field: path + ".collateral", value: describe(collateral),
                                 allowed: "none on isolated margin (its margin is N/(E·L) from the leverage); collateral is a cross account's deposit")
            }
            return
        }
        let venues = Set(hedges.filter { $0.contract == hedge.contract && $0.leverage == nil }.map(\.venue))
        guard let collateral = hedge.collateral else {
            if venues.count > 1 {
                throw InputError(
                    flag: "", field: path + ".collateral", value: "none",
                    allowed: "the \(hedge.contract) deposited in the \(hedge.account.label) cross account: \(hedge.contract) has cross accounts at "
                        + "\(venues.count) venues (\(venues.map { $0 ?? "no venue" }.sorted().joined(separator: ", "))), so each says what it holds")
            }
            if let other = hedges.first(where: { $0.account == hedge.account && $0.leverage == nil && $0.collateral != nil }) {
                throw InputError(flag: "", field: path + ".collateral", value: "none",
                                 allowed: "\(describe(other.collateral ?? 0)), the collateral of the other hedge on the \(hedge.account.label) cross account (one account, one deposit)")
            }
            return
        }
        try check(path + ".collateral", collateral, collateral > 0 && collateral <= 1e12, "coins of \(hedge.contract) > 0 and ≤ 1e12")
        if let other = hedges.first(where: { $0.account == hedge.account && $0.leverage == nil }), other.collateral != collateral {
            throw InputError(flag: "", field: path + ".collateral", value: describe(collateral),
                             allowed: "\(other.collateral.map(describe) ?? "none"), the collateral of the other hedge on the \(hedge.account.label) cross account (one account, one deposit)")
        }
    }

    /// A dated contract's expiry comes at or after the horizon unless the short is rolled, its roll at
    /// least a step and less than a contract's life before expiry, its basis within the single coin's
    /// ranges; hedges on one contract agree on its basis, and a cross account holds one contract.
    private func checkDated(_ hedge: PortfolioHedge, _ path: String) throws {
        if hedge.leverage == nil,
           let other = hedges.first(where: { $0.leverage == nil && $0.contract == hedge.contract && $0.venue == hedge.venue && $0.account != hedge.account }) {
            throw InputError(
                flag: "", field: path + (hedge.dated == nil ? ".margin" : ".expiryDays"),
                value: hedge.dated.map { describe($0.expiryDays) } ?? "cross",
                allowed: "the contract of the other cross hedge on \(hedge.contract)\(hedge.venue.map { " at \($0)" } ?? ""), \(other.account.label): "
                    + "a portfolio's cross account holds one contract; put one of them on isolated margin or at another venue")
        }
        guard let dated = hedge.dated else { return }
        if let other = hedges.first(where: { $0.account == hedge.account }), other.dated != dated {
            throw InputError(flag: "", field: path + ".basis", value: describe(dated.basis),
                             allowed: "the basis terms of the other hedge on the \(hedge.account.label) contract (one contract, one basis)")
        }
        let terms = DatedTermsRules(
            expiryDays: dated.expiryDays, rollDaysBefore: dated.rollDaysBefore, contractCycleDays: dated.contractCycleDays,
            basis: dated.basis, basisMeanReversion: dated.basisMeanReversion, basisVol: dated.basisVol,
            basisPriceCorrelation: dated.basisPriceCorrelation)
        try terms.check(horizonDays: horizonDays, stepsPerDay: stepsPerDay) { try check("\(path).\($0)", $1, $2, $3) }
    }

    /// A GARCH(1,1)-t coin has both `garchAlpha` and `garchBeta`, each in [0, 1) with `α + β < 1`, and no
    /// jumps or history; `garchDegreesOfFreedom` is 3 to 60 and needs a GARCH coin.
    private func checkGarch() throws {
        for (i, asset) in assets.enumerated() where asset.isGarch {
            let path = "assets[\(i)]"
            guard let alpha = asset.garchAlpha, let beta = asset.garchBeta else {
                let (missing, given) = asset.garchAlpha == nil ? ("garchAlpha", "garchBeta") : ("garchBeta", "garchAlpha")
                throw InputError(flag: "", field: "\(path).\(missing)", value: "none",
                                 allowed: "a number in [0, 1) beside \(given): a GARCH(1,1)-t coin needs both")
            }
            try check(path + ".garchAlpha", alpha, alpha >= 0 && alpha < 1, "α in [0, 1)")
            try check(path + ".garchBeta", beta, beta >= 0 && beta < 1, "β in [0, 1)")
            try check(path + ".garchBeta", beta, alpha + beta < 1, "α + β < 1 (a stationary variance); α is \(describe(alpha))")
            try check(path + ".jumpIntensity", asset.jumpIntensity, asset.jumpIntensity == 0, "0 for a GARCH-t coin (garchAlpha, garchBeta)")
            if let history = asset.history {
                throw InputError(flag: "", field: path + ".history", value: history,
                                 allowed: "none for a GARCH-t coin (garchAlpha, garchBeta): the joint bootstrap draws returns from history")
            }
        }
        guard let dof = garchDegreesOfFreedom else { return }
        guard assets.contains(where: \.isGarch) else {
            throw InputError(flag: "", field: "garchDegreesOfFreedom", value: describe(dof),
                             allowed: "none without a GARCH-t coin (an asset with garchAlpha and garchBeta), which alone uses it")
        }
        try check("garchDegreesOfFreedom", dof, dof >= 3 && dof <= 60, "ν from 3 to 60")
    }

    /// Each coin's holding pays the cross accounts' given collaterals and the isolated margins and the
    /// entry fees of every hedge on its contracts at their largest ratios, and leaves a cross account
    /// without a given collateral some.
    private func checkMargins() throws {
        for (c, coin) in assets.enumerated() {
            let onCoin = hedges.filter { $0.contract == coin.name && !$0.ratiosAroundMinimumVariance }
            let fees = onCoin.reduce(0.0) { total, hedge in
                let notional = (hedge.ratios.max() ?? 0) * holdingValue(of: hedge.asset)
                return total + notional / entryPrice(of: hedge.account) * ((hedge.leverage.map { 1 / $0 } ?? 0) + terms(of: hedge.account).fee)
            }
            var deposits: [PortfolioContract: Double] = [:]
            for hedge in hedges where hedge.contract == coin.name && hedge.leverage == nil { deposits[hedge.account] = hedge.collateral }
            let deposited = deposits.values.reduce(0, +)
            let need = fees + deposited
            let cross = hedges.contains { $0.contract == coin.name && $0.leverage == nil && $0.collateral == nil }
            if need > assets[c].holding * (1 + 1e-12) || (cross && need >= assets[c].holding) {
                let what = deposited > 0 ? "collateral, margin and fees" : "margin and fees"
                throw InputError(
                    field: "hedges", value: "\(describe(need)) \(coin.name) of \(what) at the largest ratios",
                    allowed: (cross ? "less than" : "at most") + " the \(describe(assets[c].holding)) \(coin.name) held"
                        + (cross ? " (what is left is the cross account's collateral)" : "")
                        + ": an inverse \(coin.name) contract is margined in \(coin.name); hold more, raise the leverage or lower the ratios")
            }
        }
    }

    /// The collateral of the cross account of `contract` in a cell whose hedges have notionals
    /// `notionals` (USD), coin: its hedges' `collateral` when given, else the coin's holding less the
    /// isolated margins and every entry fee on that coin's contracts,
    /// `K = S − Σ_isolated N·(1/L + fee)/E − Σ_cross N·fee/E` (each hedge's fee its venue's).
    func crossCollateral(of contract: PortfolioContract, notionals: [Double]) -> Double {
        if let given = hedges.first(where: { $0.account == contract && $0.leverage == nil })?.collateral { return given }
        guard let c = assetIndex(contract.coin) else { return 0 }
        let coin = assets[c]
        return zip(hedges, notionals).reduce(coin.holding) { left, pair in
            let (hedge, notional) = pair
            guard hedge.contract == coin.name else { return left }
            return left - notional / entryPrice(of: hedge.account) * ((hedge.leverage.map { 1 / $0 } ?? 0) + terms(of: hedge.account).fee)
        }
    }

    /// The dated contract terms of `contract` (those of its hedges, which agree); nil for a perpetual.
    func dated(of contract: PortfolioContract) -> PortfolioDated? {
        contract.expiryDays == nil ? nil : hedges.first { $0.account == contract }?.dated
    }

    /// Whether `contract` is a dated contract whose held contract expires at the horizon, so that it
    /// settles (at the settlement fee) instead of being bought back.
    public func settlesAtHorizon(_ contract: PortfolioContract) -> Bool {
        guard let dated = dated(of: contract) else { return false }
        return DatedSchedule(
            steps: stepCount, stepYears: 1 / (365 * stepsPerDay), stepsPerDay: stepsPerDay, horizonDays: horizonDays,
            expiryDays: dated.expiryDays, rollDaysBefore: dated.rollDaysBefore, contractCycleDays: dated.contractCycleDays
        ).lastExpiryDays == horizonDays
    }

    /// The entry price `E` of `contract`, USD: its coin's price for the perpetual, `F₀ = P₀·e^{b₀τ₀}` for
    /// a dated contract.
    func entryPrice(of contract: PortfolioContract) -> Double {
        let spot = assetIndex(contract.coin).map { assets[$0].price } ?? 0
        return dated(of: contract)?.entryPrice(spot: spot) ?? spot
    }

    /// `S·P₀` of the coin called `name`, USD.
    func holdingValue(of name: String) -> Double {
        assetIndex(name).map { assets[$0].holding * assets[$0].price } ?? 0
    }

    private func check(_ field: String, _ value: Double, _ condition: Bool, _ allowed: String) throws {
        guard condition, value.isFinite else { throw InputError(flag: "", field: field, value: describe(value), allowed: allowed) }
    }
}
