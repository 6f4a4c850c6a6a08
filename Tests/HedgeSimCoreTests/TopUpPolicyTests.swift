import Foundation
import Testing
@testable import HedgeSimCore

/// The top-up policy (`MarginPolicy.topUp`), run on the same paths as the hedge left alone.
///
/// Closed form: under GBM with no funding or fees and the between-step check, a short whose margin
/// rises once, from `M₀` to `M₀ + X`, as soon as the mark first exceeds the entry (a trigger share of
/// 10⁻⁶), is liquidated exactly when the mark first reaches the liquidation price `B₂` of `M₀ + X`: it
/// cannot reach the first one, `B₁` (10.6 % above at 10x), within the hour in which it crosses the
/// entry (12 hourly standard deviations). B₂ is 24 % above, P(liq) about 6 %. So
/// P(liq) is the first passage of `ln P` (drift `ν = −σ²/2`) to `b = ln(B₂/P₀)` within `T`:
/// `Φ((−b + νT)/(σ√T)) + e^{2νb/σ²}·Φ((−b − νT)/(σ√T))`, checked within 3 binomial standard errors.
@Suite struct TopUpPolicyTests {
    static func quiet(paths: Int) -> Scenario {
        var s = TestScenarios.firstPassageMarket(paths: paths)
        s.horizonDays = 10
        s.leverages = [3]
        return s
    }

    @Test func oneTopUpMovesTheBarrierOfTheFirstPassage() throws {
        var s = Self.quiet(paths: 40_000)
        s.leverages = [10]
        s.policies = [.topUp]
        s.management.topUpAt = 1e-6
        s.management.maxTopUps = 1
        s.management.topUpCoins = 0.5
        let result = try HedgeSimulation.run(s, seed: 5)
        let cell = try #require(result.cells.first { $0.policy == .topUp })
        // B₂ from the account rule a/F − 1/E = −M/N (mark convention), M = M₀ + X.
        let margin = cell.marginCoin + 0.5
        let barrier = (1 - s.maintenanceRate) / (1 / s.price - margin / cell.notionalUSD)
        let expected = TestScenarios.firstPassage(from: s.price, to: barrier, vol: s.vol, days: s.horizonDays)
        let se = (expected * (1 - expected) / Double(s.paths)).squareRoot()
        #expect(expected > 0.03, "a test with power: \(expected)")
        #expect(abs(cell.liquidation.probability - expected) <= 3 * se,
                "P̂ \(cell.liquidation.probability), first passage to \(barrier): \(expected) ± \(se)")
        let topUp = try #require(cell.management)
        #expect(topUp.meanActions <= 1 && topUp.probability > 0.9, "one top-up on nearly every path: \(topUp)")
        #expect(abs(topUp.meanCoinsMoved - 0.5 * topUp.meanActions) <= 1e-9)
        // Each path moved 0 or 0.5 coin, 0.5 on more than 90 % of them.
        #expect(topUp.coinsMovedQuantiles == ["0.5": 0.5, "0.9": 0.5, "0.99": 0.5], "\(topUp.coinsMovedQuantiles)")
    }

    /// A top-up only adds margin, so on the same paths it never adds a liquidation; the coins it moves
    /// stay in the portfolio, so where neither is liquidated the coin value is the same path by path
    /// (here: no cell is liquidated, every mean agrees to rounding).
    @Test func topUpsOnlyRemoveLiquidationsAndKeepTheCoins() throws {
        var s = Self.quiet(paths: 8_000)
        s.leverages = [3, 20]
        s.policies = [.none, .topUp]
        let result = try HedgeSimulation.run(s, seed: 9)
        for leverage in [3.0, 20.0] {
            let alone = try #require(result.cells.first { $0.leverage == leverage && $0.policy == .none && $0.notionalUSD > 0 })
            let managed = try #require(result.cells.first { $0.leverage == leverage && $0.policy == .topUp })
            #expect(managed.liquidation.probability <= alone.liquidation.probability, "\(leverage)x")
        }
        var safe = Self.quiet(paths: 4_000)
        safe.leverages = [1.5]
        safe.horizonDays = 3
        safe.management.topUpAt = 0.02
        safe.policies = [.none, .topUp]
        let both = try HedgeSimulation.run(safe, seed: 2)
        let alone = try #require(both.cells.first { $0.policy == .none && $0.notionalUSD > 0 })
        let managed = try #require(both.cells.first { $0.policy == .topUp })
        #expect(alone.liquidation.probability == 0 && managed.liquidation.probability == 0)
        #expect((managed.management?.probability ?? 0) > 0.3, "the policy acted: \(String(describing: managed.management))")
        #expect(abs(managed.netValueCoin.mean - alone.netValueCoin.mean) <= 1e-9 * alone.netValueCoin.mean)
        #expect(abs(managed.netValueUSD.mean - alone.netValueUSD.mean) <= 1e-9 * alone.netValueUSD.mean)
    }

    @Test func threadsAndShardsDoNotChangeResults() throws {
        var s = Scenario()
        s.paths = 1_001
        s.leverages = [5, 10]
        s.policies = [.none, .topUp]
        s.management.maxTopUps = 3
        let one = try HedgeSimulation.run(s, seed: 4, threads: 1)
        let three = try HedgeSimulation.run(s, seed: 4, threads: 3)
        #expect(one.cells == three.cells)
        let partials = try (0..<3).map { try HedgeSimulation.runShard(s, seed: 4, shard: ShardSpec(index: $0, count: 3), threads: 2) }
        #expect(try HedgeSimulation.merge(partials).cells == one.cells)
        #expect(one.cells.contains { ($0.management?.probability ?? 0) > 0 })
    }

    @Test func automaticLeverageKeepsThePolicyCells() throws {
        var s = Scenario()
        s.paths = 3_000
        s.hedgeRatios = [0, 0.5, 1]
        s.policies = [.none, .topUp]
        let result = try HedgeSimulation.run(s, seed: 3)
        #expect(result.cells.count == 5, "the unhedged holding once, each hedged ratio with and without top-ups")
        for ratio in [0.5, 1.0] {
            let pair = result.cells.filter { $0.hedgeRatio == ratio }
            #expect(pair.map(\.policy) == [.none, .topUp] && pair[0].leverage == pair[1].leverage)
            #expect(pair[1].liquidation.probability <= pair[0].liquidation.probability)
        }
    }

    @Test func badPoliciesAreRefused() {
        for change in [
            { (s: inout Scenario) in s.policies = [] },
            { (s: inout Scenario) in s.policies = [.topUp, .topUp] },
            { (s: inout Scenario) in s.policies = [.topUp]; s.management.topUpAt = 0 },
            { (s: inout Scenario) in s.policies = [.topUp]; s.management.topUpAt = 1.5 },
            { (s: inout Scenario) in s.policies = [.topUp]; s.management.maxTopUps = 0 },
            { (s: inout Scenario) in s.policies = [.topUp]; s.management.topUpCoins = -1 },
            { (s: inout Scenario) in s.policies = [.topUp]; s.margin = .cross; s.leverages = [3] },
        ] {
            var s = Scenario()
            change(&s)
            #expect(throws: InputError.self) { try s.validate() }
        }
    }
}
