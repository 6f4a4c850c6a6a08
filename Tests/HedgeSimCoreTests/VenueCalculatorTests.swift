import Foundation
import Testing
@testable import HedgeSimCore

/// The calculators against the venue test vectors of `exchange-mechanics.md` §1.9, and `size`'s
/// liquidation price against the engine's own threshold and a deterministic engine run.
@Suite struct VenueCalculatorTests {
    static func quote(
        venue: Venue?, side: InverseContract.Side, entry: Double, size: LiquidationQuote.Size, leverage: Double,
        rate: Double? = nil, convention: MaintenanceConvention? = nil
    ) throws -> LiquidationQuote {
        try LiquidationQuote(LiquidationQuote.Request(
            venue: venue, side: side, entry: entry, size: size, collateral: .leverage(leverage),
            maintenanceRate: rate, convention: convention))
    }

    /// Bybit UTA example: 60,000 contracts at 50,000, 10x, MMR 0.5 %.
    @Test func bybitSixtyThousandAtFiftyThousandBothConventions() throws {
        for (convention, long, short) in [(MaintenanceConvention.entry, 45_662.10, 55_248.62), (.mark, 45_681.82, 55_277.78)] {
            let l = try Self.quote(venue: .bybit, side: .long, entry: 50_000, size: .contracts(60_000), leverage: 10, rate: 0.005, convention: convention)
            let s = try Self.quote(venue: .bybit, side: .short, entry: 50_000, size: .contracts(60_000), leverage: 10, rate: 0.005, convention: convention)
            #expect(abs(try #require(l.liquidationPrice) - long) < 0.005)
            #expect(abs(try #require(s.liquidationPrice) - short) < 0.005)
            #expect(l.notional == 60_000 && abs(l.margin - 0.12) < 1e-15)
        }
        // Bybit's preset (mark convention, 0.5 % base) gives the convention-B numbers without overrides.
        let preset = try Self.quote(venue: .bybit, side: .short, entry: 50_000, size: .contracts(60_000), leverage: 10)
        #expect(abs(try #require(preset.liquidationPrice) - 55_277.78) < 0.005)
    }

    /// BTCMEX: 50x at 8,125, MMR 0.5 %, entry convention; published 8,006 / 8,248.5 (rounded).
    @Test func btcmexFiftyTimes() throws {
        let long = try Self.quote(venue: nil, side: .long, entry: 8_125, size: .notional(1_000), leverage: 50, rate: 0.005, convention: .entry)
        let short = try Self.quote(venue: nil, side: .short, entry: 8_125, size: .notional(1_000), leverage: 50, rate: 0.005, convention: .entry)
        #expect(abs(try #require(long.liquidationPrice) - 8_004.9) < 0.1)
        #expect(abs(try #require(short.liquidationPrice) - 8_248.7) < 0.1)
        #expect(long.contracts == nil, "no venue: no face value, the notional is used as given")
    }

    /// Hedger distances (mark convention, m = 0.5 %): +99 % at 2x, +24.375 % at 5x, +10.556 % at 10x;
    /// a 1x short has neither a liquidation nor a bankruptcy price.
    @Test func hedgerDistancesAndOneTimesShort() throws {
        for (leverage, percent) in [(2.0, 99.0), (5.0, 24.375), (10.0, 10.5556)] {
            let q = try Self.quote(venue: .okx, side: .short, entry: 70_000, size: .notional(70_000), leverage: leverage)
            #expect(q.maintenanceRate == 0.005 && q.convention == .mark)
            let distance = try #require(LiquidationQuote.distancePercent(q.liquidationPrice, from: q.entry))
            #expect(abs(distance - percent) < 1e-3, "\(leverage)x")
        }
        let flat = try Self.quote(venue: .okx, side: .short, entry: 70_000, size: .notional(70_000), leverage: 1)
        #expect(flat.liquidationPrice == nil && flat.bankruptcyPrice == nil)
    }

    /// A Binance tier's deduction counts as margin: `N(1−m)/(N/E − B0 − D)`.
    @Test func bracketDeductionEntersTheMarkFormula() throws {
        let q = try Self.quote(venue: .binanceCoinM, side: .short, entry: 50_000, size: .notional(15_000_000), leverage: 2)
        #expect(q.maintenanceRate == 0.125 && q.maintenanceDeduction == 11.605)
        let expected = 15_000_000 * (1 - 0.125) / (300 - 150 - 11.605)
        #expect(abs(try #require(q.liquidationPrice) / expected - 1) < 1e-14)
    }

    @Test func badRequestsNameTheirFlag() {
        let cases: [(LiquidationQuote.Request, String)] = [
            (.init(venue: nil, side: .short, entry: 70_000, size: .contracts(10), collateral: .leverage(3), maintenanceRate: 0.005, convention: .mark), "contracts"),
            (.init(venue: .okx, side: .short, entry: -1, size: .notional(1_000), collateral: .leverage(3)), "entry"),
            (.init(venue: .okx, side: .short, entry: 70_000, size: .notional(10), collateral: .leverage(3)), "notional"),
            (.init(venue: .okx, side: .short, entry: 70_000, size: .contracts(2.5), collateral: .leverage(3)), "contracts"),
            (.init(venue: .okx, side: .short, entry: 70_000, size: .notional(7_000), collateral: .leverage(0)), "leverage"),
            (.init(venue: .okx, side: .short, entry: 70_000, size: .notional(7_000), collateral: .margin(-1)), "margin"),
            (.init(venue: .okx, side: .short, entry: 70_000, size: .notional(7_000), collateral: .leverage(3), maintenanceRate: 0.7), "maintenanceRate"),
            (.init(venue: nil, side: .short, entry: 70_000, size: .notional(7_000), collateral: .leverage(3)), "maintenanceRate"),
            (.init(venue: nil, side: .short, entry: 70_000, size: .notional(7_000), collateral: .leverage(3), maintenanceRate: 0.005), "convention"),
            (.init(venue: .okx, side: .short, entry: 70_000, size: .notional(1e8), collateral: .leverage(3)), "maintenanceRate"),
        ]
        for (request, field) in cases {
            #expect(performing: { try LiquidationQuote(request) }, throws: { ($0 as? InputError)?.field == field })
        }
    }

    /// A scenario as `hedgesim size` builds it.
    static func sized(venue: String, ratio: Double, leverage: Double) throws -> HedgeSizing {
        var scenario = Scenario()
        scenario.hedgeRatios = [ratio]
        try ScenarioFields.apply([("venue", .text(venue)), ("leverages", .number(leverage))], to: &scenario)
        return try HedgeSizing(scenario: scenario)
    }

    /// `size` builds the engine's cell, and its liquidation price is the mark at which the engine's
    /// per-unit account value `a/F + c` meets the cell's threshold.
    @Test(arguments: Venue.all.filter { $0.contract == .inverse }.map(\.name), [2.0, 5.0])
    func sizeMatchesTheEngineThreshold(_ venue: String, _ leverage: Double) throws {
        let sizing = try Self.sized(venue: venue, ratio: 0.7, leverage: leverage)
        let plan = SimulationPlan(scenario: sizing.scenario)
        #expect(plan.cells == [sizing.cell])
        let threshold = plan.thresholds[try #require(plan.cellThresholdIndex[0])]
        let engine = plan.account.mark_coefficient / (threshold - plan.account.constant)
        #expect(abs(try #require(sizing.liquidationPrice) / engine - 1) < 1e-12)
        #expect(sizing.cell.contracts == (0.7 * 5 * 70_000 / sizing.scenario.faceValue).rounded())
        #expect(abs(sizing.cell.marginCoin - sizing.cell.notional / (70_000 * leverage)) < 1e-15)
        #expect(abs(sizing.cell.entryFeeCoin - sizing.scenario.fee * sizing.cell.notional / 70_000) < 1e-18)
    }

    /// A deterministic engine run (no volatility, jumps or funding) whose price ends just above the
    /// liquidation price from `size` liquidates every path; one that ends just below liquidates none.
    @Test(arguments: ["bitmex", "okx"])
    func engineRunLiquidatesExactlyPastThePriceFromSize(_ venue: String) throws {
        let sizing = try Self.sized(venue: venue, ratio: 1, leverage: 3)
        let liquidation = try #require(sizing.liquidationPrice)
        for (factor, probability) in [(1.001, 1.0), (0.999, 0.0)] {
            var scenario = sizing.scenario
            scenario.model = .gbm
            scenario.vol = 0
            scenario.fundingMean = 0
            scenario.fundingVol = 0
            scenario.paths = 256
            scenario.drift = Foundation.log(liquidation * factor / scenario.price) / (scenario.horizonDays / 365)
            let result = try HedgeSimulation.run(scenario, seed: 1, threads: 1)
            #expect(result.cells[0].liquidation.probability == probability, "price ending at \(factor) × the liquidation price")
        }
    }
}
