/// The limits of a dated contract's terms, one definition for the single coin's dated instrument
/// (`Scenario`) and a portfolio's dated hedge (`PortfolioDated`).
struct DatedTermsRules {
    /// Days to the first expiry; nil: at the horizon.
    var expiryDays: Double?
    var rollDaysBefore: Double?
    var contractCycleDays: Double
    var basis: Double
    var basisMeanReversion: Double
    var basisVol: Double
    var basisPriceCorrelation: Double

    /// Calls `check(key, value, condition, allowed)` for each limit in turn (`key` the term's name): the
    /// expiry in (0, 3650] days and at or after the horizon unless the short is rolled; the cycle from 7
    /// to 366 days; a roll above 0 and below the contract's life (the expiry and the cycle), and at least
    /// one step; the basis within ±5, its κ in [0, 1000], its vol in [0, 10], its correlation in [−1, 1].
    func check(horizonDays: Double, stepsPerDay: Double, _ check: (String, Double, Bool, String) throws -> Void) rethrows {
        if let expiryDays {
            try check("expiryDays", expiryDays, expiryDays > 0 && expiryDays <= 3650, "days from 0 to 3650")
            try check("expiryDays", expiryDays, expiryDays >= horizonDays || rollDaysBefore != nil,
                      "days ≥ the horizon (\(describe(horizonDays))), or give rollDaysBefore to roll into the next contract")
        }
        try check("contractCycleDays", contractCycleDays, contractCycleDays >= 7 && contractCycleDays <= 366,
                  "days between expiries from 7 to 366 (91 for quarterly contracts)")
        if let rollDaysBefore {
            let life = min(expiryDays ?? horizonDays, contractCycleDays)
            try check("rollDaysBefore", rollDaysBefore, rollDaysBefore > 0 && rollDaysBefore < life,
                      "days before expiry above 0 and below the contract's life (\(describe(life)) days: the expiry and the cycle)")
            try check("rollDaysBefore", rollDaysBefore, rollDaysBefore * stepsPerDay >= 1,
                      "at least one step (\(describe(1 / stepsPerDay)) days) before expiry")
        }
        try check("basis", basis, abs(basis) <= 5, "an annualised basis from −5 to 5")
        try check("basisMeanReversion", basisMeanReversion, basisMeanReversion >= 0 && basisMeanReversion <= 1000, "a speed from 0 to 1000 per year")
        try check("basisVol", basisVol, basisVol >= 0 && basisVol <= 10, "a volatility from 0 to 10")
        try check("basisPriceCorrelation", basisPriceCorrelation, abs(basisPriceCorrelation) <= 1, "a correlation from −1 to 1")
    }
}
