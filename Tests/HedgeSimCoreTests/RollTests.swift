import Foundation
import Testing
@testable import HedgeSimCore

/// Rolling a dated short into the next contract (`rollDaysBefore`, `contractCycleDays`).
@Suite struct RollTests {
    /// A 30-day contract rolled 3 days before each expiry into the next quarterly one (91 days later),
    /// over 120 days at hourly steps: rolls at day 27 (into the contract expiring at day 121) and day 118
    /// (into day 212).
    static func rolled(paths: Int) -> Scenario {
        var s = TestScenarios.quiet(paths: paths, ratios: [1])
        s.instrument = .dated
        s.horizonDays = 120
        s.expiryDays = 30
        s.rollDaysBefore = 3
        s.leverages = [1]
        return s
    }

    @Test func theScheduleRollsBeforeEachExpiryInsideTheHorizon() {
        let schedule = DatedSchedule(scenario: Self.rolled(paths: 10))
        #expect(schedule.rollSteps == [27 * 24 - 1, 118 * 24 - 1])
        #expect(schedule.lastExpiryDays == 212)
        let roll = 27 * 24 - 1, last = 120 * 24 - 1
        let hour = 1.0 / 24
        // (step, years the table holds, years expected)
        let checks: [(Int, Double, Double)] = [
            (0, schedule.yearsToExpiry[0], (30 - hour) / 365),
            (roll, schedule.yearsToExpiry[roll], 3.0 / 365),
            (roll, schedule.rollToYears[roll], 94.0 / 365),
            (roll + 1, schedule.yearsToExpiry[roll + 1], (94 - hour) / 365),
            (last, schedule.yearsToExpiry[last], 92.0 / 365),
        ]
        for (step, got, expected) in checks {
            #expect(abs(got - expected) < 1e-12, "step \(step): \(got) years, expected \(expected)")
        }
        #expect(schedule.rollToYears.filter { $0 > 0 }.count == 2)
        #expect(Self.rolled(paths: 10).rollsBeforeHorizon == 2)
    }

    /// The synthetic dollar through every roll: with no basis, the old and new contracts' marks are the
    /// index, so a roll without fees changes nothing; a 1x short of the whole holding (never liquidated)
    /// keeps the USD value at `S·P₀` on every path, to rounding, across two rolls.
    @Test func theSyntheticDollarStaysConstantThroughEveryRoll() throws {
        var s = Self.rolled(paths: 2_000)
        s.holding = 2
        s.price = 50_000
        s.basis = 0
        s.basisVol = 0
        let result = try HedgeSimulation.run(s, seed: 4)
        let hedged = try #require(result.cells.first { $0.notionalUSD > 0 })
        #expect(hedged.notionalUSD == 100_000 && hedged.liquidation.probability == 0)
        let usd = hedged.netValueUSD
        #expect(abs(usd.mean - 100_000) <= 1e-9 * 100_000 && usd.stdev <= 1e-9 * 100_000, "\(usd.mean) ± \(usd.stdev)")
        #expect(hedged.cost.rollUSD == 0 && abs(hedged.cost.basisUSD) <= 1e-9 * 100_000)
        let unhedged = try TestScenarios.run({ var u = s; u.hedgeRatios = [0]; return u }(), seed: 4)
        #expect(unhedged.cells[0].netValueUSD.stdev > 10_000, "the price did move: \(unhedged.cells[0].netValueUSD.stdev)")
    }

    /// Without price moves (σ = 0) and with a constant basis b, every mark is known: `F = P₀·e^{b·τ}`.
    /// Each roll buys back at τ = 3 days and sells at τ = 94 days, paying `fee` on both; the short ends in
    /// the contract expiring at day 212 (τ = 92 days at the horizon). So the roll fees are
    /// `N·fee·2·(e^{−b·3/365} + e^{−b·94/365})` USD and the basis income is
    /// `N[(e^{−b·92/365} − e^{−b·30/365}) + 2(e^{−b·3/365} − e^{−b·94/365})]`, exactly.
    @Test func rollFeesAndRollYieldMatchTheKnownMarks() throws {
        var s = Self.rolled(paths: 64)
        s.vol = 0
        s.basis = 0.08
        s.basisVol = 0
        s.fee = 0.0005
        s.leverages = [1.1]
        let result = try HedgeSimulation.run(s, seed: 1)
        let hedged = try #require(result.cells.first { $0.notionalUSD > 0 })
        let n = hedged.notionalUSD, b = s.basis
        func e(_ days: Double) -> Double { exp(-b * days / 365) }
        let fees = n * 0.0005 * 2 * (e(3) + e(94))
        let basisIncome = n * ((e(92) - e(30)) + 2 * (e(3) - e(94)))
        #expect(abs(hedged.cost.rollUSD - fees) <= 1e-9 * n, "\(hedged.cost.rollUSD) vs \(fees)")
        #expect(abs(-hedged.cost.basisUSD - basisIncome) <= 1e-9 * n, "\(-hedged.cost.basisUSD) vs \(basisIncome)")
        #expect(basisIncome > 0, "in contango the short earns the basis, rolls included")
        let gap: Double = hedged.netValueUSD.mean + hedged.cost.totalUSD - s.holding * s.price
        #expect(abs(gap) <= 1e-9 * n, "the costs are the whole gap to the synthetic dollar (σ = 0: S·P₀)")
    }

    @Test func badRollsAreRefusedNamingTheField() {
        let cases: [(String, (inout Scenario) -> Void)] = [
            ("expiryDays", { $0.instrument = .dated; $0.expiryDays = 20; $0.horizonDays = 30 }),
            ("rollDaysBefore", { $0.instrument = .dated; $0.expiryDays = 20; $0.rollDaysBefore = 20 }),
            ("rollDaysBefore", { $0.instrument = .dated; $0.expiryDays = 200; $0.contractCycleDays = 30; $0.rollDaysBefore = 40 }),
            ("rollDaysBefore", { $0.instrument = .dated; $0.expiryDays = 20; $0.rollDaysBefore = 0 }),
            ("rollDaysBefore", { $0.instrument = .dated; $0.expiryDays = 20; $0.stepsPerDay = 1; $0.rollDaysBefore = 0.5 }),
            ("contractCycleDays", { $0.instrument = .dated; $0.contractCycleDays = 3 }),
        ]
        TestScenarios.expectRefused(cases)
    }
}
