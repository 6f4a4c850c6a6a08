import Foundation
import Testing
@testable import HedgeSimCore

/// `PositionMonitor` against the continuous first passage of GBM. With no funding and the
/// between-step check, the open short (entered at `E`, balance `B`) is liquidated exactly when the mark
/// first reaches its liquidation price `F_liq`, so over `T` years from the mark `P₀`, with `b =
/// ln(F_liq/P₀)` and log drift `ν = μ − σ²/2`:
/// ```
/// P_fp = Φ((−b + νT)/(σ√T)) + e^{2νb/σ²}·Φ((−b − νT)/(σ√T))
/// ```
/// Tolerance: 3 binomial standard errors `√(P(1−P)/n)` of the closed form.
@Suite struct PositionMonitorTests {
    static func market(paths: Int) -> Scenario { TestScenarios.firstPassageMarket(paths: paths) }

    static func firstPassage(mark: Double, barrier price: Double, vol: Double, days: Double) -> Double {
        TestScenarios.firstPassage(from: mark, to: price, vol: vol, days: days)
    }

    static func position(_ convention: MaintenanceConvention, margin: Double) -> PositionMonitor.Position {
        PositionMonitor.Position(
            venue: nil, entry: 60_000, size: .notional(300_000), marginCoin: margin, fundingAccruedCoin: 0.05,
            mark: 70_000, maintenanceRate: 0.005, convention: convention)
    }

    @Test(arguments: [MaintenanceConvention.mark, .entry])
    func probabilityIsTheFirstPassageToTheLiquidationPrice(convention: MaintenanceConvention) throws {
        let result = try PositionMonitor.run(Self.position(convention, margin: 1.2), market: Self.market(paths: 40_000),
                                             days: 10, seed: 3)
        let price = try #require(result.liquidationPrice)
        let expected = Self.firstPassage(mark: 70_000, barrier: price, vol: 0.7, days: 10)
        let se = (expected * (1 - expected) / Double(result.paths)).squareRoot()
        #expect(abs(result.liquidation.probability - expected) <= 3 * se,
                "P̂ \(result.liquidation.probability), closed form \(expected) ± \(se)")
        #expect(result.liquidation.ci95[0] <= result.liquidation.probability && result.liquidation.probability <= result.liquidation.ci95[1])
        #expect(abs(result.expectedFundingCoin) == 0, "no funding")
    }

    /// The top-up is the least balance (to 10⁻⁸ coin) whose Wilson upper bound is within the limit on
    /// the same paths; on fresh paths its P(liq) is the first passage to the new liquidation price.
    @Test func topUpIsTheLeastThatMeetsTheLimit() throws {
        var market = Self.market(paths: 40_000)
        market.maxLiquidationProbability = 0.02
        let before = try PositionMonitor.run(Self.position(.mark, margin: 1.2), market: market, days: 10, seed: 3)
        let coin = try #require(before.topUpCoin)
        #expect(coin > 0)
        let after = try PositionMonitor.run(Self.position(.mark, margin: 1.2 + coin), market: market, days: 10, seed: 3)
        #expect(after.liquidation.ci95[1] <= 0.02)
        #expect(after.topUpCoin == 0)
        #expect(after.liquidationPrice == before.liquidationPriceAfterTopUp)
        let short = try PositionMonitor.run(Self.position(.mark, margin: 1.2 + coin - 2e-8), market: market, days: 10, seed: 3)
        #expect(short.liquidation.ci95[1] > 0.02, "one satoshi less must not meet the limit")

        let fresh = try PositionMonitor.run(Self.position(.mark, margin: 1.2 + coin), market: market, days: 10, seed: 99)
        let expected = Self.firstPassage(mark: 70_000, barrier: try #require(fresh.liquidationPrice), vol: 0.7, days: 10)
        let se = (expected * (1 - expected) / Double(fresh.paths)).squareRoot()
        #expect(abs(fresh.liquidation.probability - expected) <= 3 * se, "P̂ \(fresh.liquidation.probability), \(expected) ± \(se)")
    }

    @Test func resultsDoNotDependOnThreads() throws {
        let one = try PositionMonitor.run(Self.position(.entry, margin: 1.2), market: Self.market(paths: 3_001), days: 5, seed: 8, threads: 1)
        let three = try PositionMonitor.run(Self.position(.entry, margin: 1.2), market: Self.market(paths: 3_001), days: 5, seed: 8, threads: 3)
        #expect(one.liquidation == three.liquidation)
        #expect(one.topUpCoin == three.topUpCoin)
        #expect(one.expectedFundingCoin.bitPattern == three.expectedFundingCoin.bitPattern)
    }

    @Test func badPositionsAreRefused() {
        var p = Self.position(.mark, margin: 1.2)
        p.mark = 0
        #expect(throws: InputError.self) { try PositionMonitor.run(p, market: Self.market(paths: 1_000), days: 5, seed: 1) }
        p = Self.position(.mark, margin: 0.2)  // liquidation price below the mark
        #expect(throws: InputError.self) { try PositionMonitor.run(p, market: Self.market(paths: 1_000), days: 5, seed: 1) }
        #expect(throws: InputError.self) { try PositionMonitor.run(Self.position(.mark, margin: 1.2), market: Self.market(paths: 1_000), days: 0, seed: 1) }
        #expect(throws: InputError.self) { try PositionMonitor.positionFields(text: "entry: 1\nmargn: 2\n", source: "p.yaml") }
    }
}
