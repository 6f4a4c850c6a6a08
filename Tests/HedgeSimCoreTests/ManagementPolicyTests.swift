import Foundation
import Testing
@testable import HedgeSimCore

/// The deleverage and re-hedge policies (`MarginPolicy.deleverage`, `.rehedge`) beside the hedge left
/// alone, on the same paths.
@Suite struct ManagementPolicyTests {
    /// GBM at 70 % vol without funding, fees or maintenance, liquidation checked between steps.
    static func market(paths: Int) -> Scenario {
        var s = TestScenarios.firstPassageMarket(paths: paths)
        s.horizonDays = 10
        s.maintenanceRate = 0
        return s
    }

    /// A policy that never acts leaves the short as opened: its cell has the same value distributions and
    /// liquidations as the cell left alone, bit for bit (the policy path adds the same terms in the same
    /// order).
    static func expectUntouched(_ s: Scenario, policy: MarginPolicy, seed: UInt64) throws {
        let result = try HedgeSimulation.run(s, seed: seed)
        let alone = try #require(result.cells.first { $0.policy == .none && $0.notionalUSD > 0 })
        let untouched = try #require(result.cells.first { $0.policy == policy })
        #expect(untouched.management?.probability == 0, "\(policy) never acts")
        #expect(untouched.netValueUSD == alone.netValueUSD && untouched.netValueCoin == alone.netValueCoin, "\(policy)")
        #expect(untouched.liquidation == alone.liquidation, "\(policy)")
    }

    /// Exact invariant: with no fees, no funding, no maintenance margin and no delay, a liquidated short
    /// loses exactly its margin at the liquidation price (the balance there is zero) and the re-hedge
    /// reopens the same notional at that price, so the holder ends with `S + N(1/F_T − 1/E)` coin, as if
    /// the short had never been liquidated — which is the 1x short of the same notional (no price
    /// liquidates it without maintenance). The two value distributions agree to rounding (1e-9 of the
    /// value), and the first liquidation is the 10x short's own.
    @Test func rehedgeAtOnceWithoutFrictionIsTheShortNeverLiquidated() throws {
        var s = Self.market(paths: 6_000)
        s.hedgeRatios = [0.3]
        s.leverages = [1, 10]
        s.policies = [.none, .rehedge]
        s.management.rehedgeAfterHours = 0
        let result = try HedgeSimulation.run(s, seed: 11)
        func cell(_ leverage: Double, _ policy: MarginPolicy) throws -> CellSummary {
            try #require(result.cells.first { $0.leverage == leverage && $0.policy == policy })
        }
        let never = try cell(1, .none), alone = try cell(10, .none), rehedged = try cell(10, .rehedge)
        #expect(never.liquidation.probability == 0)
        #expect(alone.liquidation.probability > 0.2, "a test with power: \(alone.liquidation.probability)")
        #expect(rehedged.liquidation.probability == alone.liquidation.probability)
        let outcome = try #require(rehedged.management)
        #expect(outcome.meanLiquidations > outcome.probability, "some paths are liquidated again after the re-hedge: \(outcome)")
        #expect(outcome.probability == rehedged.liquidation.probability, "every liquidation is re-hedged")
        for (a, b) in [(never.netValueCoin, rehedged.netValueCoin), (never.netValueUSD, rehedged.netValueUSD)] {
            let scale = abs(a.mean)
            #expect(abs(a.mean - b.mean) <= 1e-9 * scale && abs(a.stdev - b.stdev) <= 1e-9 * scale, "\(a.mean) \(b.mean)")
            for (level, value) in a.quantiles {
                #expect(abs(value - (b.quantiles[level] ?? .nan)) <= 1e-9 * scale, "quantile \(level)")
            }
        }
        #expect(abs(rehedged.cost.forfeitedMarginUSD) <= 1e-9 * abs(never.netValueUSD.mean))
    }

    /// With a delay the short is open less of the time, so the value leans toward the unhedged holding;
    /// fees make each re-hedge cost its entry fee. Reported: the liquidations, the coins moved (margins
    /// and entry fees) and the fees.
    @Test func rehedgeAfterADelayPaysFeesAndMovesMargins() throws {
        var s = Self.market(paths: 4_000)
        s.hedgeRatios = [1]
        s.leverages = [10]
        s.fee = 0.0005
        s.policies = [.none, .rehedge]
        s.management.rehedgeAfterHours = 12
        s.management.rehedgeLeverage = 5
        let result = try HedgeSimulation.run(s, seed: 3)
        let alone = try #require(result.cells.first { $0.policy == .none && $0.notionalUSD > 0 })
        let rehedged = try #require(result.cells.first { $0.policy == .rehedge })
        let outcome = try #require(rehedged.management)
        #expect(outcome.probability > 0.1 && outcome.meanCoinsMoved > 0)
        // Each re-hedge moves the margin N/(F·5) and the fee 0.0005·N/F, at least the 5x margin at the
        // highest price a path can reopen at: more than 0 and at most (1/5 + 0.0005)·N/F per action.
        let perAction = outcome.meanCoinsMoved / outcome.meanActions
        let atEntry = (0.2 + 0.0005) * rehedged.notionalUSD / s.price
        #expect(perAction < atEntry && perAction > 0.5 * atEntry, "\(perAction) against \(atEntry) at the entry price")
        #expect(rehedged.cost.feesUSD > alone.cost.feesUSD, "re-hedges pay entry fees")
        #expect(rehedged.liquidation.probability == alone.liquidation.probability)
    }

    /// Deleveraging only shrinks the short and, without fees, keeps the balance, so its liquidation price
    /// only rises: on the same paths it never adds a liquidation (10x). With one deleverage of a share `d`
    /// and no liquidation (3x), the open share at the horizon is 1 on paths where it did not act and
    /// 1 − d where it did, so its mean is exactly `1 − d·P(acted)`.
    @Test func deleverageShrinksTheShortAndNeverAddsLiquidations() throws {
        var s = Self.market(paths: 6_000)
        s.hedgeRatios = [1]
        s.leverages = [3, 10]
        s.policies = [.none, .deleverage]
        s.management.deleverageAt = 0.5
        s.management.deleverageShare = 0.4
        s.management.maxDeleverages = 1
        let result = try HedgeSimulation.run(s, seed: 8)
        func cells(_ leverage: Double) throws -> (alone: CellSummary, cut: CellSummary, outcome: ManagementSummary) {
            let alone = try #require(result.cells.first { $0.leverage == leverage && $0.policy == .none })
            let cut = try #require(result.cells.first { $0.leverage == leverage && $0.policy == .deleverage })
            return (alone, cut, try #require(cut.management))
        }
        let high = try cells(10)
        #expect(high.outcome.probability > 0.3, "the policy acted: \(high.outcome)")
        #expect(high.cut.liquidation.probability < high.alone.liquidation.probability)
        #expect(high.outcome.meanActions == high.outcome.probability && high.outcome.meanCoinsMoved == 0)
        let low = try cells(3)
        try #require(low.cut.liquidation.probability == 0, "no deleveraged path is liquidated at 3x")
        #expect(low.outcome.probability > 0.01, "the policy acted: \(low.outcome)")
        #expect(abs(low.outcome.meanHedgeLeft - (1 - 0.4 * low.outcome.probability)) <= 1e-12)
    }

    /// The cost components add up to the gap to the frictionless synthetic dollar for every policy:
    /// `E[W] + total = S·E[P_T] + N(1 − E[P_T]/P₀)` (the unhedged cell gives `S·E[P_T]`), to rounding.
    @Test func costsAddUpForEveryPolicy() throws {
        var s = Scenario()
        s.paths = 3_000
        s.hedgeRatios = [0, 1]
        s.leverages = [8]
        s.policies = [.none, .topUp, .deleverage, .rehedge, .dehedge, .fundingExit]
        s.management.rehedgeAfterHours = 6
        s.management.exitFundingAbove = 0.12
        s.management.reenterFundingBelow = 0.08
        s.management.dehedgeSellShare = 0.3
        let result = try HedgeSimulation.run(s, seed: 21)
        let unhedged = try #require(result.cells.first { $0.notionalUSD == 0 })
        let meanPrice = unhedged.netValueUSD.mean / s.holding
        for cell in result.cells where cell.notionalUSD > 0 {
            let ideal = s.holding * meanPrice + cell.notionalUSD * (1 - meanPrice / s.price)
            #expect(abs(cell.netValueUSD.mean + cell.cost.totalUSD - ideal) <= 1e-9 * ideal, "\(cell.policy)")
            let parts = cell.cost.fundingUSD + cell.cost.feesUSD + cell.cost.basisUSD + cell.cost.liquidationLossUSD + cell.cost.hedgeCutUSD
            #expect(abs(parts - cell.cost.totalUSD) <= 1e-9 * ideal)
        }
    }

    @Test func everyPolicyIsTheSameForAnyThreadCountAndShardSplit() throws {
        var s = Scenario()
        s.paths = 1_001
        s.leverages = [5, 12]
        s.policies = [.none, .topUp, .deleverage, .rehedge, .dehedge, .fundingExit]
        s.management.rehedgeAfterHours = 3
        s.management.exitFundingAbove = 0.12
        s.management.reenterFundingBelow = 0.08
        s.management.dehedgeAfterDrop = 0.05
        let one = try HedgeSimulation.run(s, seed: 6, threads: 1)
        for threads in [2, 3, 7] {
            #expect(try HedgeSimulation.run(s, seed: 6, threads: threads).cells == one.cells, "\(threads) threads")
        }
        let partials = try (0..<3).map { try HedgeSimulation.runShard(s, seed: 6, shard: ShardSpec(index: $0, count: 3), threads: 2) }
        #expect(try HedgeSimulation.merge(partials).cells == one.cells)
        for policy in [MarginPolicy.topUp, .deleverage, .rehedge, .dehedge, .fundingExit] {
            #expect(one.cells.contains { $0.policy == policy && ($0.management?.probability ?? 0) > 0 }, "\(policy) acted")
        }
    }

    /// A de-hedge whose drop is never reached leaves the short as opened, bit for bit. With a drop that is reached,
    /// no fees and no liquidation, the short is open at the horizon exactly on the paths where it did not
    /// act: the mean open share is `1 − P(acted)`; closing after the fall gives up the protection, so the
    /// USD value spreads more than the hedge kept, and selling spot coins at the close narrows it again.
    @Test func dehedgeClosesTheShortAfterADrop() throws {
        var s = Self.market(paths: 6_000)
        s.hedgeRatios = [1]
        s.leverages = [2]
        s.policies = [.none, .dehedge]
        s.management.dehedgeAfterDrop = 0.99
        try Self.expectUntouched(s, policy: .dehedge, seed: 14)

        s.management.dehedgeAfterDrop = 0.1
        let result = try HedgeSimulation.run(s, seed: 14)
        let kept = try #require(result.cells.first { $0.policy == .none && $0.notionalUSD > 0 })
        let closed = try #require(result.cells.first { $0.policy == .dehedge })
        let outcome = try #require(closed.management)
        try #require(closed.liquidation.probability == 0 && outcome.probability > 0.1, "\(outcome)")
        #expect(abs(outcome.meanHedgeLeft - (1 - outcome.probability)) <= 1e-12)
        #expect(closed.netValueUSD.stdev > kept.netValueUSD.stdev)
        s.management.dehedgeSellShare = 1
        let sold = try #require(try HedgeSimulation.run(s, seed: 14).cells.first { $0.policy == .dehedge })
        #expect(sold.netValueUSD.stdev < closed.netValueUSD.stdev, "selling the spot at the close locks in the price")
    }

    /// A funding exit whose level is above every rate the funding model can pay (its cap, annualised)
    /// never acts and equals the hedge left alone bit for bit. With a level inside the rates (the default
    /// mean is about 11 % a year) it closes the short on some paths and reopens it where the mean falls
    /// back: the share of the short open at the horizon lies strictly between 0 and 1, and the short
    /// receives less funding than one kept open (thread and shard invariance: the test above).
    @Test func fundingExitClosesWhileFundingIsHigh() throws {
        var s = Scenario()
        s.paths = 3_000
        s.hedgeRatios = [1]
        s.leverages = [2]
        s.policies = [.none, .fundingExit]
        let cap = s.fundingCap * 24 * 365 / s.fundingIntervalHours
        s.management.exitFundingAbove = cap * 1.01
        try Self.expectUntouched(s, policy: .fundingExit, seed: 31)

        s.management.exitFundingAbove = 0.12
        s.management.reenterFundingBelow = 0.06
        let result = try HedgeSimulation.run(s, seed: 31)
        let kept = try #require(result.cells.first { $0.policy == .none && $0.notionalUSD > 0 })
        let exiting = try #require(result.cells.first { $0.policy == .fundingExit })
        let outcome = try #require(exiting.management)
        #expect(outcome.probability > 0.1 && outcome.meanHedgeLeft > 0 && outcome.meanHedgeLeft < 1, "\(outcome)")
        #expect(exiting.cost.fundingReceivedUSD < kept.cost.fundingReceivedUSD, "less funding while closed")
        #expect(exiting.cost.hedgeCutUSD != 0)
    }

    @Test func badRulesAreRefusedNamingTheField() {
        let cases: [(String, (inout Scenario) -> Void)] = [
            ("deleverageAt", { $0.policies = [.deleverage]; $0.management.deleverageAt = 0 }),
            ("deleverageAt", { $0.policies = [.deleverage]; $0.management.deleverageAt = 1.2 }),
            ("deleverageShare", { $0.policies = [.deleverage]; $0.management.deleverageShare = 1 }),
            ("deleverageShare", { $0.policies = [.deleverage]; $0.management.deleverageShare = -0.1 }),
            ("maxDeleverages", { $0.policies = [.deleverage]; $0.management.maxDeleverages = 0 }),
            ("rehedgeAfterHours", { $0.policies = [.rehedge]; $0.management.rehedgeAfterHours = -1 }),
            ("rehedgeAfterHours", { $0.policies = [.rehedge]; $0.management.rehedgeAfterHours = 24 * 31 }),
            ("rehedgeLeverage", { $0.policies = [.rehedge]; $0.management.rehedgeLeverage = 0.5 }),
            ("maxRehedges", { $0.policies = [.rehedge]; $0.management.maxRehedges = 0 }),
            ("policies", { $0.policies = [.rehedge]; $0.margin = .cross; $0.leverages = [3] }),
            ("dehedgeAfterDrop", { $0.policies = [.dehedge]; $0.management.dehedgeAfterDrop = 1 }),
            ("dehedgeAfterDrop", { $0.policies = [.dehedge]; $0.management.dehedgeAfterDrop = 0 }),
            ("dehedgeSellShare", { $0.policies = [.dehedge]; $0.management.dehedgeSellShare = 1.5 }),
            ("exitWindowDays", { $0.policies = [.fundingExit]; $0.management.exitWindowDays = 0.1 }),
            ("exitWindowDays", { $0.policies = [.fundingExit]; $0.management.exitWindowDays = 40 }),
            ("reenterFundingBelow", { $0.policies = [.fundingExit]; $0.management.reenterFundingBelow = 0.5 }),
            ("policies", { $0.policies = [.fundingExit]; $0.instrument = .dated }),
        ]
        TestScenarios.expectRefused(cases)
    }
}
