/// The dated contracts a short is held in over the horizon: the first expires `expiryDays` after the
/// start, each next one `contractCycleDays` after the one before; with `rollDaysBefore` the short is
/// rolled into the next contract at the step end nearest `rollDaysBefore` days before each expiry that
/// comes before the horizon. Times are in days from the start; a step `s` ends at `(s + 1)/stepsPerDay`.
struct DatedSchedule: Sendable {
    /// Per step, years from its end to the expiry of the contract held during it:
    /// `(steps − s − 1)·Δt + (X_k − H)/365` with `X_k` that contract's expiry and `H` the horizon in days.
    let yearsToExpiry: [Double]
    /// Per step, 0, or at a roll the next contract's years to expiry from the step's end.
    let rollToYears: [Double]
    /// The steps at whose ends the short is rolled.
    let rollSteps: [Int]
    /// The expiry of the contract held at the horizon, days from the start.
    let lastExpiryDays: Double

    init(scenario: Scenario) {
        self.init(
            steps: scenario.stepCount, stepYears: scenario.stepYears, stepsPerDay: scenario.stepsPerDay, horizonDays: scenario.horizonDays,
            expiryDays: scenario.resolvedExpiryDays, rollDaysBefore: scenario.instrument.isDated ? scenario.rollDaysBefore : nil,
            contractCycleDays: scenario.contractCycleDays)
    }

    /// The schedule of `steps` steps of `stepYears` years (`stepsPerDay` a day) to a horizon of
    /// `horizonDays`, the first contract expiring at `expiryDays`, rolled `rollDaysBefore` days before
    /// each expiry (nil: never) into the one `contractCycleDays` later.
    init(steps: Int, stepYears dt: Double, stepsPerDay: Double, horizonDays horizon: Double, expiryDays: Double,
         rollDaysBefore: Double?, contractCycleDays: Double) {
        var expiries = [expiryDays]
        var rolls: [Int] = []
        if let before = rollDaysBefore {
            while expiries[expiries.count - 1] - before < horizon {
                let at = expiries[expiries.count - 1] - before
                rolls.append(max(0, Int((at * stepsPerDay).rounded()) - 1))
                expiries.append(expiries[expiries.count - 1] + contractCycleDays)
            }
        }
        rollSteps = rolls
        lastExpiryDays = expiries[expiries.count - 1]
        func years(_ step: Int, _ expiry: Double) -> Double { Double(steps - step - 1) * dt + (expiry - horizon) / 365 }
        var contract = 0
        var toExpiry = [Double](repeating: 0, count: steps)
        var toNext = [Double](repeating: 0, count: rolls.isEmpty ? 0 : steps)
        for step in 0..<steps {
            toExpiry[step] = years(step, expiries[contract])
            if contract < rolls.count, rolls[contract] == step {
                contract += 1
                toNext[step] = years(step, expiries[contract])
            }
        }
        yearsToExpiry = toExpiry
        rollToYears = toNext
    }
}

extension Scenario {
    /// How many times a dated short is rolled into the next contract before the horizon (0 for a
    /// perpetual or without `rollDaysBefore`).
    public var rollsBeforeHorizon: Int {
        instrument.isDated ? DatedSchedule(scenario: self).rollSteps.count : 0
    }
}
