import Foundation
import Testing
@testable import HedgeSimCore

/// Identities that hold path by path, to rounding: no statistics involved.
@Suite struct ExactInvariantTests {
    /// Zero basis, funding and fees with h = 1: `S·P + S·E(1/P − 1/E)·P = S·E` on every path.
    @Test(arguments: [PriceModelKind.gbm, .jump, .garch])
    func syntheticDollarIsConstant(model: PriceModelKind) throws {
        var s = TestScenarios.quiet(paths: 3_000, ratios: [1])
        s.model = model
        s.vol = 1.2
        s.margin = .cross
        s.leverages = [1]
        let cell = try TestScenarios.run(s).cells[0]
        let start = s.holding * s.price
        #expect(abs(cell.netValueUSD.mean - start) < 1e-9 * start)
        #expect(cell.netValueUSD.stdev < 1e-9 * start)
        #expect(cell.liquidation.probability == 0)
        #expect(abs((cell.hedgeEffectiveness ?? 0) - 1) < 1e-12)
    }

    /// h = 0: no position, so no liquidation, no funding, no fees; the value is `S·P_T`.
    @Test func zeroRatioHoldsOnlyTheCoins() throws {
        let result = try TestScenarios.run(Scenario().with { $0.paths = 3_000; $0.hedgeRatios = [0, 0.5] })
        let cell = result.cells[0]
        #expect(cell.liquidation.probability == 0 && cell.liquidation.meanTimeDays == nil)
        #expect(cell.cost.standardErrors?.totalUSD == 0)
        var cost = cell.cost
        cost.standardErrors = nil
        #expect(cost == HedgeCost(
            fundingUSD: 0, fundingReceivedUSD: 0, fundingPaidUSD: 0, feesUSD: 0, basisUSD: 0,
            liquidationLossUSD: 0, totalUSD: 0, annualisedPercent: 0))
        #expect(cell.netValueCoin.mean == 5 && cell.netValueCoin.stdev == 0)
        #expect(cell.hedgeEffectiveness == 0)
    }

    /// A 1x short under the mark convention can never reach maintenance without negative funding.
    @Test func oneTimesShortOnMarkIsNeverLiquidated() throws {
        var s = Scenario()
        s.paths = 4_000
        s.vol = 2.5
        s.jumpIntensity = 50
        s.jumpMean = 0.2
        s.fundingVol = 0
        s.leverages = [1]
        s.hedgeRatios = [0.5, 0.99]
        let result = try TestScenarios.run(s)
        #expect(result.cells.allSatisfy { $0.liquidation.probability == 0 })
    }

    /// Constant price and a constant funding rate `f`: the short receives exactly `f·N` USD per payment
    /// (`f > 0`: longs pay shorts), or pays it when `f < 0`; both interval layouts give 90 payments.
    @Test(arguments: [0.001, -0.001], [24.0, 1.0])
    func fundingSignAndAmount(rate: Double, stepsPerDay: Double) throws {
        var s = TestScenarios.quiet(paths: 300, ratios: [1])
        s.vol = 0
        s.fundingMean = rate
        s.stepsPerDay = stepsPerDay
        s.leverages = [1]
        let cell = try TestScenarios.run(s).cells[0]
        let expected = 90 * abs(rate) * cell.notionalUSD
        if rate > 0 {
            #expect(abs(cell.cost.fundingReceivedUSD - expected) < 1e-9 * expected && cell.cost.fundingPaidUSD == 0)
            #expect(abs(cell.cost.fundingUSD + expected) < 1e-9 * expected)
        } else {
            #expect(abs(cell.cost.fundingPaidUSD - expected) < 1e-9 * expected && cell.cost.fundingReceivedUSD == 0)
            #expect(abs(cell.cost.fundingUSD - expected) < 1e-9 * expected)
        }
        let coin = s.holding + (rate > 0 ? 1 : -1) * 90 * abs(rate) * cell.notionalUSD / s.price
        #expect(abs(cell.netValueCoin.mean - coin) < 1e-12 * coin)
    }

    /// Funding beyond the venue cap is clamped to it.
    @Test func fundingIsClampedAtTheCap() throws {
        var s = TestScenarios.quiet(paths: 100, ratios: [1])
        s.vol = 0
        s.fundingMean = 0.01
        s.fundingCap = 0.00375
        s.leverages = [1]
        let cell = try TestScenarios.run(s).cells[0]
        let expected = 90 * 0.00375 * cell.notionalUSD
        #expect(abs(cell.cost.fundingReceivedUSD - expected) < 1e-9 * expected)
    }

    /// A dated future held to expiry with a constant price: the short earns the contango
    /// `N(1 − P_0/E)` with `E = P_0·e^{bτ}`, booked as negative basis cost; fees are the entry and
    /// settlement fees.
    @Test func datedFutureEarnsContangoAtExpiry() throws {
        var s = TestScenarios.quiet(paths: 200, ratios: [1])
        s.instrument = .dated
        s.vol = 0
        s.basis = 0.12
        s.basisVol = 0
        s.leverages = [2]
        s.fee = 0.0005
        s.settlementFee = 0.0002
        let cell = try TestScenarios.run(s).cells[0]
        let entry = s.price * exp(s.basis * 30 / 365)
        let notional = (s.holding * entry).rounded()
        #expect(cell.notionalUSD == notional)
        let income = notional * (1 - s.price / entry)
        #expect(abs(cell.cost.basisUSD + income) < 1e-9 * income)
        let fees = s.price * (0.0005 * notional / entry + 0.0002 * notional / s.price)
        #expect(abs(cell.cost.feesUSD - fees) < 1e-9 * fees)
        #expect(cell.cost.fundingUSD == 0)
        #expect(abs(cell.netValueUSD.mean - (s.holding * s.price + income - fees)) < 1e-6)
    }

    /// The cost components add up to the gap to a frictionless synthetic dollar:
    /// `E[S·P_T + N(1 − P_T/P_0)] − E[W_h] = totalUSD`, with liquidations, funding and fees all active.
    @Test func costComponentsDecomposeTheGapToTheIdealHedge() throws {
        var s = Scenario()
        s.paths = 6_000
        s.leverages = [2, 5]
        s.hedgeRatios = [0, 0.5, 1]
        let result = try TestScenarios.run(s)
        let unhedged = result.cells[0].netValueUSD.mean
        let start = s.holding * s.price
        for cell in result.cells {
            let ideal = unhedged + cell.notionalUSD * (1 - unhedged / start)
            let c = cell.cost
            #expect(abs(ideal - cell.netValueUSD.mean - c.totalUSD) < 1e-8 * start)
            #expect(abs(c.fundingUSD + c.feesUSD + c.basisUSD + c.liquidationLossUSD - c.totalUSD) < 1e-8 * start)
            #expect(abs(c.fundingUSD - (c.fundingPaidUSD - c.fundingReceivedUSD)) < 1e-8 * start)
        }
        #expect(result.cells.contains { $0.liquidation.probability > 0 && $0.cost.liquidationLossUSD > 0 })
    }
}

extension Scenario {
    /// A copy with changes applied, for compact test set-ups.
    func with(_ change: (inout Scenario) -> Void) -> Scenario {
        var copy = self
        change(&copy)
        return copy
    }
}

/// Funding summed over a horizon with the AR(1) `x_k = φx_{k−1} + σε_k` (x_0 = 0) has
/// `Var(Σ_{k≤n} x_k) = σ²·Σ_j c_j²`, `c_j = (1 − φ^{n−j+1})/(1 − φ)`, however the payments are laid
/// on steps: one per 8-hour step, or three per daily step (drawn jointly). With a constant price the
/// coin value is `S + N·Σ f_k/P`, so its stdev is `N/P·σ·√(Σc_j²)`; checked within 4 standard
/// errors of a sample stdev (`≈ stdev/√(2n)`).
@Suite struct FundingAggregationTests {
    @Test(arguments: [3.0, 1.0])
    func summedFundingHasTheAR1Variance(stepsPerDay: Double) throws {
        var s = TestScenarios.quiet(paths: 20_000, ratios: [1])
        s.vol = 0
        s.fundingMean = 0.0001
        s.fundingVol = 0.0002
        s.fundingPersistence = 0.8
        s.stepsPerDay = stepsPerDay
        s.leverages = [1]
        let cell = try TestScenarios.run(s).cells[0]
        let n = 90
        let phi = s.fundingPersistence
        let sumOfSquares = (1...n).reduce(0.0) { total, j in
            let c = (1 - pow(phi, Double(n - j + 1))) / (1 - phi)
            return total + c * c
        }
        let expected = cell.notionalUSD / s.price * s.fundingVol * sumOfSquares.squareRoot()
        let measured = cell.netValueCoin.stdev
        #expect(abs(measured - expected) <= 4 * expected / (2 * Double(s.paths)).squareRoot(), "stdev \(measured) vs \(expected)")
        let mean = s.holding + cell.notionalUSD / s.price * Double(n) * s.fundingMean
        #expect(abs(cell.netValueCoin.mean - mean) <= 4 * cell.netValueCoin.meanStandardError)
    }
}

/// The venue funding formulas through the dead zone `w`: the rate is the mean while the premium
/// deviation stays within `±w`, and `mean + sign(x)(|x| − w)` beyond.
@Suite struct FundingDeadZoneTests {
    @Test func rateIsSoftThresholdedThenCapped() {
        var s = Scenario()
        s.fundingMean = 0.0001
        s.fundingDeadZone = 0.0005
        s.fundingCap = 0.00375
        // The reference model's formula, which the path kernel matches bit for bit (PathKernelTests).
        let plan = ReferenceKernel(plan: SimulationPlan(scenario: s), seed: 1)
        #expect(plan.fundingRate(deviation: 0.0004) == 0.0001)
        #expect(plan.fundingRate(deviation: -0.0005) == 0.0001)
        #expect(abs(plan.fundingRate(deviation: 0.0008) - 0.0004) < 1e-18)
        #expect(abs(plan.fundingRate(deviation: -0.0009) - -0.0003) < 1e-18)
        #expect(plan.fundingRate(deviation: 0.01) == 0.00375)
    }

    /// With premium swings that never leave the zone, every payment is exactly the neutral rate:
    /// the BitMEX case of +0.01 % per 8 h to the short, 90 payments in 30 days.
    @Test func premiumsInsideTheZonePayTheNeutralRate() throws {
        var s = TestScenarios.quiet(paths: 500, ratios: [1])
        s.vol = 0
        s.venue = nil
        s.fundingMean = 0.0001
        s.fundingVol = 0.00001
        s.fundingDeadZone = 0.0005
        s.leverages = [1]
        let cell = try TestScenarios.run(s).cells[0]
        let expected = 90 * 0.0001 * cell.notionalUSD
        #expect(abs(cell.cost.fundingReceivedUSD - expected) < 1e-9 * expected)
        #expect(cell.netValueCoin.stdev < 1e-12)
    }

    @Test func bitmexPresetUsesItsClampBand() throws {
        var s = Scenario()
        try ScenarioFields.apply(key: "venue", value: .text("bitmex"), to: &s)
        #expect(s.fundingDeadZone == 0.0005 && s.fundingMean == 0.0001)
        try ScenarioFields.apply(key: "venue", value: .text("deribit"), to: &s)
        #expect(s.fundingDeadZone == 0.00025 && s.fundingMean == 0)
    }
}
