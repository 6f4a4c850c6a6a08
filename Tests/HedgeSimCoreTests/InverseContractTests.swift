import Testing
@testable import HedgeSimCore

/// Venue test vectors from `exchange-mechanics.md` §1.9 and `prior-art.md` a7.
@Suite struct InverseContractTests {
    @Test func bitmexInversePnL() {
        // Long 15,000 contracts (1 USD each) from 750 to 800: +1.25 XBT.
        let pnl = InverseContract.pnlCoin(side: .long, notional: 15_000, entry: 750, exit: 800)
        #expect(abs(pnl - 1.25) < 1e-12)
        #expect(InverseContract.pnlCoin(side: .short, notional: 15_000, entry: 750, exit: 800) == -pnl)
    }

    @Test func bitmexFundingAndSign() {
        // 20 XBT of mark value at F = 0.25 %: 0.05 XBT, paid by the long, received by the short.
        let markValueNotional = 20.0 * 10_000
        let toShort = InverseContract.fundingCoin(side: .short, rate: 0.0025, notional: markValueNotional, mark: 10_000)
        #expect(abs(toShort - 0.05) < 1e-15)
        #expect(InverseContract.fundingCoin(side: .long, rate: 0.0025, notional: markValueNotional, mark: 10_000) == -toShort)
        #expect(InverseContract.fundingCoin(side: .short, rate: -0.0025, notional: markValueNotional, mark: 10_000) < 0)
    }

    @Test func bybitHarmonicAverageEntry() {
        let entry = InverseContract.averageEntry(fills: [(1_000, 5_000), (2_000, 6_000)])
        #expect(abs(entry - 5_625) < 1e-9)
    }

    @Test func bybitIsolatedLiquidationPricesBothConventions() throws {
        // 60,000 USD at 50,000, 10x, MMR 0.5 %.
        let margin = 60_000 / (50_000 * 10.0)
        func price(_ side: InverseContract.Side, _ convention: MaintenanceConvention) throws -> Double {
            try #require(InverseContract.liquidationPrice(
                side: side, notional: 60_000, entry: 50_000, margin: margin, maintenanceRate: 0.005, convention: convention))
        }
        #expect(abs(try price(.long, .entry) - 45_662.10) < 0.005)
        #expect(abs(try price(.short, .entry) - 55_248.62) < 0.005)
        #expect(abs(try price(.long, .mark) - 45_681.82) < 0.005)
        #expect(abs(try price(.short, .mark) - 55_277.78) < 0.005)
    }

    @Test func btcmexFiftyTimes() throws {
        let notional = 1_000.0
        let margin = notional / (8_125 * 50)
        let long = try #require(InverseContract.liquidationPrice(
            side: .long, notional: notional, entry: 8_125, margin: margin, maintenanceRate: 0.005, convention: .entry))
        let short = try #require(InverseContract.liquidationPrice(
            side: .short, notional: notional, entry: 8_125, margin: margin, maintenanceRate: 0.005, convention: .entry))
        // Published 8,006 and 8,248.5 (rounded by the venue); the formula gives 8,004.9 / 8,248.7.
        #expect(abs(long - 8_004.9) < 0.1 && abs(long - 8_006) < 1.5)
        #expect(abs(short - 8_248.7) < 0.1 && abs(short - 8_248.5) < 0.5)
    }

    @Test func bybitCrossBankruptcyWithFee() throws {
        // Long 10,000 at 8,000 with 0.5 BTC available, 0.075 % fee folded in: 5,718.57.
        let bankruptcy = try #require(InverseContract.bankruptcyPrice(side: .long, notional: 10_000, entry: 8_000, margin: 0.5))
        #expect(abs(1.00075 * bankruptcy - 5_718.57) < 0.005)
    }

    @Test func hedgerLiquidationDistances() throws {
        // Convention B, m = 0.5 %: a short dies at +99 % (2x), +24.4 % (5x), +10.6 % (10x).
        for (leverage, move) in [(2.0, 0.99), (5.0, 0.24375), (10.0, 0.10556)] {
            let lp = try #require(InverseContract.liquidationPrice(
                side: .short, notional: 1, entry: 1, margin: 1 / leverage, maintenanceRate: 0.005, convention: .mark))
            #expect(abs(lp - 1 - move) < 1e-4)
        }
    }

    @Test func oneTimesShortHasNoLiquidationOrBankruptcyPrice() {
        #expect(InverseContract.liquidationPrice(
            side: .short, notional: 70_000, entry: 70_000, margin: 1, maintenanceRate: 0.005, convention: .mark) == nil)
        #expect(InverseContract.bankruptcyPrice(side: .short, notional: 70_000, entry: 70_000, margin: 1) == nil)
    }

    @Test func neutralFundingAnnualises() {
        #expect(abs(0.0001 * 3 * 365 - 0.1095) < 1e-15)
    }

    /// The engine's liquidation rule `a/F + c ≤ −M/N` reduces to the venue formula exactly.
    @Test(arguments: [MaintenanceConvention.mark, .entry], [1.5, 2.0, 3.0, 5.0, 10.0, 25.0])
    func engineThresholdMatchesVenueFormula(convention: MaintenanceConvention, leverage: Double) throws {
        var scenario = TestScenarios.quiet(ratios: [0.3, 1])
        scenario.maintenanceConvention = convention
        scenario.maintenanceRate = 0.006
        scenario.leverages = [leverage]
        let plan = SimulationPlan(scenario: scenario)
        for (index, cell) in plan.cells.enumerated() {
            let engine = try #require(plan.liquidationPrice(of: index))
            let venue = try #require(InverseContract.liquidationPrice(
                side: .short, notional: cell.notional, entry: plan.entryPrice, margin: cell.marginCoin,
                maintenanceRate: 0.006, convention: convention))
            #expect(abs(engine / venue - 1) < 1e-12)
        }
    }
}
