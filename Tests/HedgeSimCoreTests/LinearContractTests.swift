import Foundation
import Testing
@testable import HedgeSimCore

/// Linear (USD-margined) contracts: a short of `Q` coins at `E` with a stablecoin margin `N/L` bought with
/// coins sold from the holding.
@Suite struct LinearContractTests {
    static func market(paths: Int, instrument: InstrumentKind = .linearPerpetual) -> Scenario {
        var s = TestScenarios.firstPassageMarket(paths: paths)
        s.instrument = instrument
        s.horizonDays = 10
        s.holding = 2
        s.price = 50_000
        return s
    }

    /// The synthetic dollar, linear version: selling `h·S/L` coins for the margin and shorting `h·S` coins
    /// leaves `S(1 − h − h/L)` coins exposed, none when `h = L/(L + 1)`; then with no fees or funding the
    /// USD value is `S·P₀` on every path (here 1x with ratio 0.5 and 3x with ratio 0.75, never liquidated
    /// at 20 % vol over 10 days), to rounding.
    @Test func theSyntheticDollarHoldsWhenTheSoldCoinsAreCounted() throws {
        for (leverage, ratio) in [(1.0, 0.5), (3.0, 0.75)] {
            var s = Self.market(paths: 2_000)
            s.vol = 0.2
            s.hedgeRatios = [ratio]
            s.leverages = [leverage]
            let result = try HedgeSimulation.run(s, seed: 3)
            let cell = try #require(result.cells.first { $0.notionalUSD > 0 })
            let start = s.holding * s.price
            #expect(cell.liquidation.probability == 0)
            #expect(abs(cell.netValueUSD.mean - start) <= 1e-9 * start && cell.netValueUSD.stdev <= 1e-9 * start,
                    "\(leverage)x: \(cell.netValueUSD.mean) ± \(cell.netValueUSD.stdev)")
        }
    }

    /// With a stablecoin balance `B` paying the margin, nothing is sold: a linear short of the whole
    /// holding (ratio 1) with no fees or funding keeps the USD value at `S·P₀ + B` on every path (to
    /// rounding), the unhedged cell holds `B` beside the coins, and the cost components still sum to 0.
    @Test func theSyntheticDollarHoldsWithAStablecoinMargin() throws {
        var s = Self.market(paths: 2_000)
        s.vol = 0.2
        s.hedgeRatios = [0, 1]
        s.leverages = [2]
        s.stablecoinBalance = 60_000
        let result = try HedgeSimulation.run(s, seed: 3)
        let start = s.holding * s.price + 60_000
        let hedged = try #require(result.cells.first { $0.notionalUSD > 0 })
        #expect(hedged.liquidation.probability == 0 && hedged.cost.marginSaleUSD == 0)
        #expect(abs(hedged.netValueUSD.mean - start) <= 1e-9 * start && hedged.netValueUSD.stdev <= 1e-9 * start,
                "\(hedged.netValueUSD.mean) ± \(hedged.netValueUSD.stdev)")
        #expect(abs(hedged.cost.totalUSD) <= 1e-9 * start)
        let unhedged = try #require(result.cells.first { $0.notionalUSD == 0 })
        let plain = try HedgeSimulation.run({ var t = s; t.stablecoinBalance = nil; return t }(), seed: 3)
        let alone = try #require(plain.cells.first { $0.notionalUSD == 0 })
        #expect(abs(unhedged.netValueUSD.mean - (alone.netValueUSD.mean + 60_000)) <= 1e-9 * start)
    }

    /// Bybit's published worked examples of the isolated USDT-contract liquidation price, maintenance on
    /// the entry value ("Liquidation Price (USDT Contract)", help.bybit.com/hc/en-us/articles/900000181046
    /// and testnet.bybit.com's copy): short 1 BTC at 8,000, 40x, MMR 0.5 % → 8,160; long 1 BTC at 10,000,
    /// 50x → 9,850; long 1 BTC at 20,000, 50x (IM 400, MM 100) → 19,700. The same long under Binance's
    /// convention (maintenance at the liquidation price) is `(20,000 − 400)/0.995` = 19,698.49.
    @Test func bybitsPublishedExamplesAndBinancesConvention() throws {
        func price(_ side: InverseContract.Side, _ entry: Double, _ leverage: Double, _ convention: MaintenanceConvention) -> Double? {
            LinearContract.liquidationPrice(
                side: side, quantity: 1, entry: entry, margin: entry / leverage, maintenanceRate: 0.005, convention: convention)
        }
        let short = try #require(price(.short, 8_000, 40, .entry))
        let long = try #require(price(.long, 10_000, 50, .entry))
        let third = try #require(price(.long, 20_000, 50, .entry))
        #expect(abs(short - 8_160) < 1e-9 && abs(long - 9_850) < 1e-9 && abs(third - 19_700) < 1e-9)
        let binance = try #require(price(.long, 20_000, 50, .mark))
        #expect((binance * 100).rounded() / 100 == 19_698.49)
    }

    /// Binance's liquidation price of an isolated USDⓈ-M short in one-way mode ("How to Calculate
    /// Liquidation Price of USDⓈ-M Futures Contracts", Binance FAQ, 2020-08-14), with no other positions
    /// and maintenance amount 0: `LP = (WB + Q·E)/(Q·(1 + MMR))`, WB the isolated wallet balance `N/L`.
    @Test func theLiquidationPriceIsTheVenueFormula() throws {
        for leverage in [2.0, 5.0, 20.0] {
            var s = Self.market(paths: 10)
            s.hedgeRatios = [1]
            s.leverages = [leverage]
            s.maintenanceRate = 0.004
            let plan = SimulationPlan(scenario: s)
            let index = try #require(plan.cells.firstIndex { $0.notional > 0 })
            let cell = plan.cells[index]
            let q = cell.notional / s.price
            let venue = (cell.linearMarginUSD + q * s.price) / (q * (1 + 0.004))
            let price = try #require(plan.liquidationPrice(of: index))
            #expect(abs(price - venue) <= 1e-9 * venue, "\(leverage)x: \(price) vs \(venue)")
        }
    }

    /// Under GBM with no funding or fees and the between-step check, a short is liquidated when the mark
    /// first rises by its threshold: linear `(1/L − m)/(1 + m)`, inverse `(1/L − m)/(1 − 1/L)`
    /// (research/prior-art.md: the inverse short has more room at the same leverage, 24.4 % against
    /// 19.4 % at 5x). P(liq) of each matches the first passage to its own barrier within 3 binomial
    /// standard errors, and the inverse short's is the smaller.
    @Test func liquidationIsTheFirstPassageToEachThreshold() throws {
        let leverage = 5.0, m = 0.005
        var results: [InstrumentKind: Double] = [:]
        for instrument in [InstrumentKind.linearPerpetual, .perpetual] {
            var s = Self.market(paths: 40_000, instrument: instrument)
            s.hedgeRatios = [1]
            s.leverages = [leverage]
            s.maintenanceRate = m
            let result = try HedgeSimulation.run(s, seed: 12)
            let cell = try #require(result.cells.first { $0.notionalUSD > 0 })
            let threshold = instrument.isLinear ? (1 / leverage - m) / (1 + m) : (1 / leverage - m) / (1 - 1 / leverage)
            let expected = TestScenarios.firstPassage(from: s.price, to: s.price * (1 + threshold), vol: s.vol, days: s.horizonDays)
            let se = (expected * (1 - expected) / Double(s.paths)).squareRoot()
            #expect(expected > 0.01, "a test with power: \(expected)")
            #expect(abs(cell.liquidation.probability - expected) <= 3 * se,
                    "\(instrument): P̂ \(cell.liquidation.probability), first passage \(expected) ± \(se)")
            results[instrument] = cell.liquidation.probability
        }
        #expect(try #require(results[.perpetual]) < #require(results[.linearPerpetual]), "the inverse short has more room")
    }

    /// The cost components (funding, fees, basis, liquidation, the coins sold for the margin) add up to
    /// the gap to the frictionless synthetic dollar `S·E[P_T] + N(1 − E[P_T]/E)` for linear perpetuals and
    /// dated futures, to rounding.
    @Test func costsAddUpForLinearContracts() throws {
        for instrument in [InstrumentKind.linearPerpetual, .linearDated] {
            var s = Scenario()
            s.paths = 3_000
            s.instrument = instrument
            s.hedgeRatios = [0, 0.5, 1]
            s.leverages = [3, 10]
            let result = try HedgeSimulation.run(s, seed: 9)
            let unhedged = try #require(result.cells.first { $0.notionalUSD == 0 })
            let meanPrice = unhedged.netValueUSD.mean / s.holding
            for cell in result.cells where cell.notionalUSD > 0 {
                let ideal = s.holding * meanPrice + cell.notionalUSD * (s.price - meanPrice) / s.entryPrice
                #expect(abs(cell.netValueUSD.mean + cell.cost.totalUSD - ideal) <= 1e-9 * ideal, "\(instrument) \(cell.leverage)x")
                #expect(cell.cost.marginSaleUSD != 0, "the coins sold for the margin are a cost component")
            }
        }
    }

    /// The closed forms put the balance exactly at the maintenance requirement, for both sides and
    /// conventions: `M ± Q(F − E) = m·Q·F` (mark) or `m·Q·E` (entry), and the bankruptcy price at zero.
    @Test func theClosedFormsBalanceTheMaintenance() throws {
        let q = 5.0, e = 70_000.0, m = 0.004, margin = 100_000.0
        for side in [InverseContract.Side.short, .long] {
            for convention in [MaintenanceConvention.mark, .entry] {
                let f = try #require(LinearContract.liquidationPrice(
                    side: side, quantity: q, entry: e, margin: margin, maintenanceRate: m, convention: convention))
                let balance = margin + (side == .short ? q * (e - f) : q * (f - e))
                let requirement = m * q * (convention == .mark ? f : e)
                #expect(abs(balance - requirement) <= 1e-9 * margin, "\(side) \(convention)")
                let b = try #require(LinearContract.bankruptcyPrice(side: side, quantity: q, entry: e, margin: margin))
                #expect(abs(margin + (side == .short ? q * (e - b) : q * (b - e))) <= 1e-9 * margin)
            }
        }
        #expect(LinearContract.liquidationPrice(side: .long, quantity: 1, entry: 100, margin: 200, maintenanceRate: 0.01, convention: .mark) == nil,
                "a long whose margin covers a fall to zero")
    }

    /// `hedgesim size` prices the engine's own cell: its liquidation price is the engine's rule, under
    /// both conventions.
    @Test func theSizeCalculatorAgreesWithTheEngine() throws {
        for convention in [MaintenanceConvention.mark, .entry] {
            for leverage in [2.0, 5.0, 20.0] {
                var s = Self.market(paths: 10)
                s.hedgeRatios = [0.8]
                s.leverages = [leverage]
                s.maintenanceConvention = convention
                let sizing = try HedgeSizing(scenario: s)
                let plan = SimulationPlan(scenario: s)
                let index = try #require(plan.cells.firstIndex { $0.notional > 0 })
                let engine = try #require(plan.liquidationPrice(of: index))
                let calculator = try #require(sizing.liquidationPrice)
                #expect(abs(engine - calculator) <= 1e-9 * engine, "\(convention) \(leverage)x: \(engine) vs \(calculator)")
            }
        }
    }

    @Test func linearSetupsThatDoNotApplyAreRefused() {
        TestScenarios.expectRefused([
            ("leverages", { $0.instrument = .linearPerpetual }),
            ("margin", { $0.instrument = .linearPerpetual; $0.leverages = [3]; $0.margin = .cross }),
            ("collateral", { $0.instrument = .linearPerpetual; $0.leverages = [3]; $0.collateral = 0.5 }),
            ("policies", { $0.instrument = .linearPerpetual; $0.leverages = [3]; $0.policies = [.topUp] }),
            ("venue", { $0.instrument = .linearDated; $0.leverages = [3]; $0.venue = "bitmex" }),
            ("stablecoinBalance", { $0.instrument = .linearPerpetual; $0.leverages = [3]; $0.stablecoinBalance = 116_000 }),
            ("stablecoinBalance", { $0.instrument = .linearPerpetual; $0.leverages = [3]; $0.stablecoinBalance = -1 }),
            ("stablecoinBalance", { $0.stablecoinBalance = 1_000_000 }),
            ("venue", { $0.venue = "binance-usdm" }),
        ])
    }

    /// A USD-margined preset sets the linear hedge's fee, funding and maintenance: for the default 5 BTC at
    /// 70,000 (350,000 USDT at ratio 1) Binance's third bracket, 1 % (its 1,300 USDT deduction dropped,
    /// which is conservative), maintenance at the mark; Bybit's 0.5 % on the entry value; the engine's lot
    /// stays the contract size.
    @Test func usdMarginedPresetsDriveALinearHedge() throws {
        for (name, rate, convention, fee) in [("binance-usdm", 0.01, MaintenanceConvention.mark, 0.0005), ("bybit-linear", 0.005, .entry, 0.00055)] {
            var s = Scenario()
            s.instrument = .linearPerpetual
            s.leverages = [3]
            try ScenarioFields.apply(key: "venue", value: .text(name), to: &s)
            let note = try s.applyVenueMaintenanceTier()
            #expect(s.maintenanceRate == rate && s.maintenanceConvention == convention && s.fee == fee, "\(name)")
            #expect(s.fundingMean == 0.0001 && s.fundingDeadZone == 0.0005 && s.faceValue == Scenario().faceValue)
            #expect((note != nil) == (name == "binance-usdm"), "\(name): \(note ?? "no note")")
            try s.validate()
        }
    }
}
