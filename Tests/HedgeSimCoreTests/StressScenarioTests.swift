import Foundation
import Testing
@testable import HedgeSimCore

/// The stress scenarios: each is one deterministic path, so every number can be computed by hand.
@Suite struct StressScenarioTests {
    /// 5 BTC at 70,000 USD, 30 days hourly, no funding; ratios 0 and 1 at 2x and 5x.
    static func scenario() -> Scenario {
        var s = Scenario()
        s.hedgeRatios = [0, 1]
        s.leverages = [2, 5]
        s.fundingMean = 0
        s.fundingVol = 0
        s.fee = 0.0005
        return s
    }

    static func run(_ text: String, _ scenario: Scenario = scenario()) throws -> StressOutcome {
        let spec = try StressSpec(parsing: text)
        guard case .shape(let shape) = spec.kind else { throw InputError(field: "stress", value: text, allowed: "a shape") }
        let path = try StressPath(shape: shape, name: spec.name, scenario: scenario)
        return try StressRunner.run(path, scenario: scenario, seed: 1)
    }

    static func cell(_ outcome: StressOutcome, ratio: Double, leverage: Double) throws -> StressOutcome.CellPath {
        try #require(outcome.cells.first { $0.hedgeRatio == ratio && $0.leverage == leverage })
    }

    /// +60 % over 72 hourly steps lifts the index by `1.6^(k/72)` after k steps. A 5x short on the
    /// mark convention is liquidated once `(1 − m)/F − 1/E ≤ −1/(E·L)`, i.e. `F ≥ E·(1 − m)·L/(L − 1)`
    /// = 1.24375·E: the first k with `k·ln 1.6/72 ≥ ln 1.24375` is 34, so at the end of hour 34.
    /// 2x needs 1.99·E and 1x can never be liquidated: both survive. (The liquidation price does not
    /// depend on the ratio; 0.99 leaves room for the 1x margin plus the entry fee.)
    @Test func squeezeLiquidatesTheFiveTimesShortOnTheExpectedDay() throws {
        var s = Self.scenario()
        s.hedgeRatios = [0, 0.99]
        s.leverages = [1, 2, 5]
        let outcome = try Self.run("squeeze", s)
        let threshold = (1 - s.maintenanceRate) * 5 / 4
        let hours = Int((72 * log(threshold) / log(1.6)).rounded(.up))
        #expect(hours == 34)
        let fiveX = try Self.cell(outcome, ratio: 0.99, leverage: 5)
        #expect(abs(try #require(fiveX.liquidatedAtDays) - Double(hours) / 24) < 1e-12)
        #expect(try Self.cell(outcome, ratio: 0.99, leverage: 2).liquidatedAtDays == nil)
        #expect(try Self.cell(outcome, ratio: 0.99, leverage: 1).liquidatedAtDays == nil)
        // The liquidation time is one of the reported points, and the 5x value drops there.
        let index = try #require(outcome.days.firstIndex { abs($0 - Double(hours) / 24) < 1e-12 })
        #expect(fiveX.netValueUSD[index] < fiveX.netValueUSD[index - 1])
        // Ten days later the index is 1.6 × 0.6 = 0.96 of the start: the unhedged holder lost 4 %.
        let unhedged = try Self.cell(outcome, ratio: 0, leverage: 1)
        let start = s.holding * s.price
        #expect(abs(try #require(unhedged.netValueUSD.last) - 0.96 * start) < 1e-6 * start)
        #expect(abs(try #require(outcome.priceUSD.last) - 0.96 * s.price) < 1e-6 * s.price)
        // The liquidated short lost its margin (about a fifth of the holding) and rode the fall unhedged.
        let spot = HedgeCell(scenario: s, ratio: 0.99, leverage: 5).spotCoin
        #expect(abs(try #require(fiveX.netValueUSD.last) - spot * 0.96 * s.price) < 1e-6 * start)
    }

    /// −50 % in a day: the unhedged holder loses exactly half; the full hedge keeps its USD value but
    /// for the fees: `N − fee·N·P_T/E − fee·N` with `N = S·E` (entry fee in coin valued at `P_T`,
    /// exit fee on `N/P_T` coin).
    @Test func crashHalvesTheUnhedgedHolderAndLeavesTheFullHedgeWhole() throws {
        let s = Self.scenario()
        let outcome = try Self.run("crash", s)
        let start = s.holding * s.price
        let unhedged = try Self.cell(outcome, ratio: 0, leverage: 2)
        #expect(abs(try #require(unhedged.netValueUSD.last) - 0.5 * start) < 1e-6 * start)
        for leverage in [2.0, 5] {
            let hedged = try Self.cell(outcome, ratio: 1, leverage: leverage)
            #expect(hedged.liquidatedAtDays == nil)
            let expected = start * (1 - s.fee * 1.5)
            #expect(abs(try #require(hedged.netValueUSD.last) - expected) < 1e-6 * start, "leverage \(leverage)")
        }
        #expect(outcome.days.first == 0 && outcome.days.last == 30)
        #expect(outcome.days.contains(1), "the end of the crash is a time point")
        let dayOne = try #require(outcome.days.firstIndex(of: 1))
        #expect(abs(outcome.priceUSD[dayOne] - 0.5 * s.price) < 1e-6 * s.price)
    }

    /// Funding at the cap against the short for 14 days on a flat index: 42 payments of 0.375 % of
    /// the notional, valued at the unchanged price, so the hedge costs exactly `42 × cap × N` USD
    /// against closing at once.
    @Test func fundingAtTheCapCostsExactlyTheSummedFunding() throws {
        var s = Self.scenario()
        s.horizonDays = 14
        s.leverages = [3]
        let outcome = try Self.run("funding-cap", s)
        let hedged = try Self.cell(outcome, ratio: 1, leverage: 3)
        let notional = (s.holding * s.price).rounded()
        let expectedCost = 42 * s.fundingCap * notional
        let cost = try #require(hedged.netValueUSD.first) - (try #require(hedged.netValueUSD.last))
        #expect(abs(cost - expectedCost) < 1e-9 * notional)
        #expect(hedged.liquidatedAtDays == nil)
        let unhedged = try Self.cell(outcome, ratio: 0, leverage: 3)
        let start = s.holding * s.price
        #expect(unhedged.netValueUSD.allSatisfy { abs($0 - start) < 1e-9 * start }, "flat index: the unhedged value never moves")
    }

    /// A dated contract whose basis inverts: with a flat index the short gains exactly the fall of the
    /// mark, `N(1/F_T − 1/F_0)` coin, where `F = P·e^{b·τ}`.
    @Test func basisInversionMovesTheDatedMarkOnly() throws {
        var s = Self.scenario()
        s.instrument = .dated
        s.expiryDays = 60
        s.basis = 0.1
        s.leverages = [3]
        let outcome = try Self.run("basis-inversion:-0.3:2", s)
        let entry = s.price * exp(0.1 * 60 / 365)
        let exitMark = s.price * exp(-0.3 * 30 / 365)
        let notional = (s.holding * entry).rounded()
        let cell = HedgeCell(scenario: s, ratio: 1, leverage: 3)
        let coin = cell.spotCoin + cell.marginCoin + notional * (1 / exitMark - 1 / entry) - s.fee * notional / exitMark
        let hedged = try Self.cell(outcome, ratio: 1, leverage: 3)
        #expect(abs(try #require(hedged.netValueUSD.last) - s.price * coin) < 1e-6 * s.price)
        #expect(throws: InputError.self) { try Self.run("basis-inversion", Self.scenario()) }
    }

    /// A stress path shorter than the horizon cuts the horizon; a longer one is cut at the horizon.
    @Test func replayedStretchSetsTheLengthOfTheStress() throws {
        let s = Self.scenario()
        let path = try StressPath(name: "replay:x.csv", summary: "test", logReturns: Array(repeating: 0.001, count: 48), scenario: s)
        let outcome = try StressRunner.run(path, scenario: s, seed: 1)
        #expect(outcome.days.last == 2)
        #expect(abs(try #require(outcome.priceUSD.last) - s.price * exp(0.048)) < 1e-6)
        #expect(outcome.days.count == 49, "day 0 and every step of a stretch shorter than the grid")
    }

    @Test func stressNamesAndParametersAreChecked() throws {
        #expect(try StressSpec(parsing: "crash:0.3:2").kind == .shape(.crash(drop: 0.3, days: 2)))
        #expect(try StressSpec(parsing: " squeeze ").name == "squeeze")
        let replay = try StressSpec(parsing: "replay:prices.csv+funding.csv:2020-03-01:2020-03-31")
        #expect(replay.kind == .replay(.init(pricesFile: "prices.csv", fundingFile: "funding.csv", from: "2020-03-01", to: "2020-03-31")))
        for bad in ["crash:1.5", "crash:0.5:0", "squeeze:a", "funding-cap:1:2", "replay:", "replay:a.csv:2020-01-01", "boom"] {
            #expect(throws: InputError.self, "\(bad)") { try StressSpec(parsing: bad) }
        }
        do {
            _ = try StressSpec(parsing: "sqeeze")
            Issue.record("accepted a misspelt stress")
        } catch let error as InputError {
            #expect(error.description.contains("did you mean 'squeeze'?"))
        }
        #expect(try StressSpec.list(.text("crash,squeeze")).map(\.name) == ["crash", "squeeze"])
    }
}
