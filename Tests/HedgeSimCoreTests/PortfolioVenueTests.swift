import Foundation
import Testing
@testable import HedgeSimCore

/// Venue accounts in portfolios: a hedge's venue is its fee and maintenance, contracts are per (coin,
/// venue) on one price path and one bridge maximum, cross accounts per (venue, coin) with their own
/// collateral, thread and shard invariance, and the refusals of a file.
@Suite struct PortfolioVenueTests {
    /// BTC and ETH (correlation 0.8) at 4 steps a day for 30 days, no hedges yet.
    static func coins(paths: Int = 4_000) -> PortfolioScenario {
        var s = PortfolioScenario(
            assets: [
                PortfolioAsset(name: "BTC", holding: 10, price: 70_000, vol: 0.8),
                PortfolioAsset(name: "ETH", holding: 100, price: 3_500, vol: 0.9),
            ],
            correlations: [[1, 0.8], [0.8, 1]], hedges: [])
        s.paths = paths
        s.stepsPerDay = 4
        return s
    }

    static func hedge(
        _ asset: String, contract: String? = nil, ratios: [Double], leverage: Double? = nil, venue: String?, collateral: Double? = nil
    ) -> PortfolioHedge {
        var hedge = PortfolioHedge(
            asset: asset, contract: contract, ratios: ratios, margin: leverage.map { .isolated(leverage: $0) } ?? .cross)
        hedge.venue = venue
        hedge.collateral = collateral
        return hedge
    }

    /// A result's cells as sorted JSON: every number of every cell.
    static func cells(_ result: PortfolioResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(result.cells), as: UTF8.self)
    }

    /// `venue: deribit` is exactly the hedge without a venue with `fee` and `maintenanceRate` set to
    /// Deribit's taker fee (0.05 %) and its maintenance for the grid's largest position, 10 BTC at ratio 1
    /// (`1 % + 0.005 % × 10` = 1.05 %, on the mark): every number of every cell is equal, bit for bit.
    /// The venue's rate is used, not the file's default 0.5 %: with the default the 5x hedge is
    /// liquidated on fewer paths (a higher threshold, same paths).
    @Test func aVenueIsItsTakerFeeAndTheTierOfItsLargestPosition() throws {
        var venue = Self.coins()
        venue.hedges = [Self.hedge("BTC", ratios: [0.5, 1], leverage: 5, venue: "deribit")]
        var plain = venue
        plain.hedges[0].venue = nil
        plain.fee = Venue.deribit.takerFee.value
        plain.maintenanceRate = try #require(
            Venue.deribit.maintenance.value.requirement(for: PositionSize(contracts: 70_000, coin: 10, usd: 700_000))).rate
        #expect(Venue.deribit.maintenanceConvention.value == .mark && plain.fee == 0.0005 && abs(plain.maintenanceRate - 0.0105) < 1e-15)
        let withVenue = try venue.run(seed: 3, threads: 2)
        #expect(try Self.cells(withVenue) == (try Self.cells(try plain.run(seed: 3, threads: 2))))
        let probability = try #require(withVenue.cells[1].liquidation[0]).probability
        #expect(probability > 0.05 && probability < 0.95, "a P(liq) that can differ: \(probability)")
        var defaults = plain
        defaults.fee = 0.0005
        defaults.maintenanceRate = 0.005
        let lower = try #require(try defaults.run(seed: 3, threads: 2).cells[1].liquidation[0]).probability
        #expect(lower < probability, "maintenance 0.5 %: \(lower) against 1 %: \(probability)")
    }

    /// BitMEX measures maintenance on the entry value: the account per USD of notional is
    /// `1/F − (1 + m)/E` (no funding), liquidated at `−M/N = −1/(E·L)`, i.e. when
    /// `ln(F/E) ≥ −ln(1 + m − 1/L)`. With one step of 7 days and the between-step check off, the
    /// liquidated paths are exactly those above that threshold, and P(liq) matches the lognormal's
    /// `1 − Φ((b + σ²T/2)/(σ√T))`, `b = −ln(1 + m − 1/L)`, within 3 binomial standard errors
    /// `√(p(1 − p)/n)` (n = 40,000: about 0.0015). The mark convention's threshold,
    /// `ln((1 − m)/(1 − 1/L))`, is higher: some paths lie between the two.
    @Test func anEntryConventionVenueLiquidatesAtItsClosedForm() throws {
        var s = PortfolioScenario(assets: [PortfolioAsset(name: "BTC", holding: 10, price: 70_000, vol: 0.8)], hedges: [])
        s.hedges = [Self.hedge("BTC", ratios: [1], leverage: 10, venue: "bitmex")]
        s.horizonDays = 7
        s.stepsPerDay = 1.0 / 7
        s.betweenStepCheck = false
        s.paths = 40_000
        #expect(s.stepCount == 1)
        let m = Venue.bitmex.maintenance.value.firstTier.rate, leverage = 10.0, entry = 70_000.0
        #expect(Venue.bitmex.maintenanceConvention.value == .entry && m == 0.005)
        let threshold = -log(1 + m - 1 / leverage), markThreshold = log((1 - m) / (1 - 1 / leverage))
        let sink = PortfolioEngine.simulate(s, factor: try CorrelationFactor(s.correlations), seed: 9, threads: 2)
        let n = s.paths
        var above = 0, between = 0, disagreeing = 0
        for p in 0..<n {
            let move = sink.logPrice[p] - log(entry)
            let account = exp(-sink.logPrice[p]) - (1 + m) / entry
            #expect(abs(sink.lowest[p] - account) <= 1e-15 / entry, "path \(p): the account 1/F − (1 + m)/E")
            let liquidated = sink.lowest[p] <= -1 / (entry * leverage)
            if move >= threshold { above += 1 }
            if move >= threshold && move < markThreshold { between += 1 }
            if liquidated != (move >= threshold) && abs(move - threshold) > 1e-9 { disagreeing += 1 }
        }
        #expect(disagreeing == 0)
        #expect(between > 0, "paths liquidated on the entry value but not on the mark")
        let probability = try #require(try s.run(seed: 9, threads: 2).cells[0].liquidation[0]).probability
        #expect(probability == Double(above) / Double(n))
        let t = s.horizonDays / 365, sigma = 0.8
        let expected = 0.5 * erfc((threshold + 0.5 * sigma * sigma * t) / (sigma * t.squareRoot()) / 2.0.squareRoot())
        let error = (expected * (1 - expected) / Double(n)).squareRoot()
        #expect(abs(probability - expected) <= 3 * error, "P(liq) \(probability) against \(expected) ± \(error)")
    }

    /// OKX's terms (taker 0.05 %, tier-1 maintenance 0.5 % on the mark) equal the file's defaults: a hedge
    /// at OKX and one without a venue on the same coin are two contracts with bit-identical accounts on
    /// every path (one price path, one bridge uniform per coin and step), hence identical liquidations;
    /// a third at Deribit (1 %, on the mark) has the same path with a lower account everywhere.
    @Test func twoVenuesOnOneCoinShareThePricePathAndTheBridge() throws {
        var s = Self.coins(paths: 3_000)
        // 0.1 of 10 BTC is 70,000 USD, 700 OKX contracts of 100 USD: OKX's first tier (up to 999).
        s.hedges = [
            Self.hedge("BTC", ratios: [0.1], leverage: 4, venue: "okx"), Self.hedge("BTC", ratios: [0.1], leverage: 4, venue: nil),
            Self.hedge("BTC", ratios: [0.1], leverage: 4, venue: "deribit"),
        ]
        #expect(s.terms(venue: "okx") == s.terms(venue: nil))
        #expect(PortfolioEngine.contracts(s).map(\.label) == ["BTC @ okx", "BTC", "BTC @ deribit"])
        let sink = PortfolioEngine.simulate(s, factor: try CorrelationFactor(s.correlations), seed: 4, threads: 2)
        let n = s.paths
        for p in 0..<n {
            #expect(sink.lowest[p].bitPattern == sink.lowest[n + p].bitPattern && sink.inverseMark[p] == sink.inverseMark[n + p])
            #expect(sink.lowest[2 * n + p] < sink.lowest[p])
        }
        let cell = try s.run(seed: 4, threads: 2).cells[0]
        let okx = try #require(cell.liquidation[0]).probability, deribit = try #require(cell.liquidation[2]).probability
        #expect(okx == (try #require(cell.liquidation[1])).probability)
        #expect(okx > 0.05 && okx < deribit, "OKX \(okx), Deribit \(deribit)")
    }

    /// A BTC contract at a venue takes the tier of the grid's largest position on it: at OKX 0.5 of 10 BTC
    /// is 350,000 USD, 3,500 contracts of 100 USD, the second tier (1 %), and the run equals one without a
    /// venue at 1 %, bit for bit; an ETH contract of the same size at OKX keeps tier 1 (the presets'
    /// tables are their BTC contracts'); a hedge's own `maintenanceRate` overrides the tier; a tier of 0.5
    /// or more (BitMEX, 20,000 BTC: 0.5 % + 0.5 % per 150 BTC over 200) is refused naming the key.
    @Test func btcContractsTakeTheTierOfTheirLargestPosition() throws {
        var s = Self.coins(paths: 2_000)
        s.hedges = [
            Self.hedge("BTC", ratios: [0.1, 0.5], leverage: 4, venue: "okx"), Self.hedge("ETH", ratios: [1], leverage: 4, venue: "okx"),
        ]
        let result = try s.run(seed: 5, threads: 2)
        #expect(result.scenario.hedges.map(\.maintenanceRate) == [0.01, nil])
        #expect(result.scenario.terms(of: result.scenario.hedges[1].account).maintenanceRate == 0.005)
        var plain = s
        plain.hedges[0].venue = nil
        plain.hedges[0].maintenanceRate = 0.01
        let plainResult = try plain.run(seed: 5, threads: 2)
        for (a, b) in zip(result.cells, plainResult.cells) {
            #expect(a.netValueUSD == b.netValueUSD && a.liquidation[0] == b.liquidation[0])
        }
        var given = s
        given.hedges[0].maintenanceRate = 0.007
        #expect(try given.run(seed: 5, threads: 2).scenario.hedges[0].maintenanceRate == 0.007)
        var whale = Self.coins(paths: 1_000)
        whale.assets[0].holding = 20_000
        whale.hedges = [Self.hedge("BTC", ratios: [1], leverage: 2, venue: "bitmex")]
        let error = try #require(throws: InputError.self) { try whale.run(seed: 1, threads: 1) }
        #expect(error.field == "hedges[0].maintenanceRate" && error.description.contains("bitmex"), "\(error)")
    }

    /// Two cross accounts on BTC, at Deribit (an ETH cross-hedge, collateral 0.4 BTC) and at BitMEX (a BTC
    /// hedge, 1.5 BTC): each account's P(liq) equals that of a run with that account alone (same
    /// collateral, same hedge, same paths), exactly; and a liquidation takes its account's collateral
    /// only, so the hedged value less the unhedged is the sum of the two single-account runs' (means
    /// to rounding, 1e-9 relative).
    @Test func crossAccountsAtTwoVenuesAreEachTheirOwn() throws {
        var both = Self.coins()
        both.hedges = [
            Self.hedge("ETH", contract: "BTC", ratios: [0.3], venue: "deribit", collateral: 0.4),
            Self.hedge("BTC", ratios: [0.5], venue: "bitmex", collateral: 1.5),
        ]
        let result = try both.run(seed: 7, threads: 2)
        #expect(result.cells[0].marginsCoin == [0.4, 1.5])
        let unhedged = result.unhedged.mean
        var gain = result.cells[0].netValueUSD.mean - unhedged
        for h in 0..<2 {
            var alone = both
            alone.hedges = [both.hedges[h]]
            let single = try alone.run(seed: 7, threads: 2)
            let probability = try #require(result.cells[0].liquidation[h]).probability
            #expect(probability == (try #require(single.cells[0].liquidation[0])).probability)
            #expect(probability > 0.02 && probability < 0.98, "hedge \(h): \(probability)")
            #expect(single.cells[0].marginsCoin == [both.hedges[h].collateral ?? 0])
            gain -= single.cells[0].netValueUSD.mean - unhedged
        }
        #expect(abs(gain) <= 1e-9 * unhedged, "left over: \(gain) USD")
    }

    /// A portfolio with cross and isolated accounts at three venues and one without a venue gives the
    /// same report on 1, 2, 3 and 7 threads, and as merged shards (2, 3 and 7 of 6 blocks).
    @Test func venueAccountsDoNotDependOnThreadsOrShards() throws {
        var s = Self.coins(paths: 3_000)
        s.hedges = [
            Self.hedge("BTC", ratios: [0.3, 0.6], venue: "deribit", collateral: 2),
            Self.hedge("BTC", ratios: [0.3], leverage: 3, venue: "bitmex"),
            Self.hedge("ETH", ratios: [0.5, 1], leverage: 2, venue: "okx"),
            Self.hedge("ETH", contract: "BTC", ratios: [0.2], venue: "bybit", collateral: 1),
        ]
        try s.expectSameReportOnThreadsAndShards(seed: 2)
    }

    /// A file's venues and collaterals are read (and survive JSON); each refusal is one line naming the
    /// field path: an unknown or USD-margined venue, collateral on isolated margin, missing where two
    /// venues hold cross accounts on a coin, disagreeing within an account, ≤ 0, more than the holding
    /// leaves, and two fundings on one (coin, venue) contract (one at another venue is its own).
    @Test func venuesInAFileAndTheirRefusals() throws {
        let text = """
            paths: 1000
            assets:
              - {name: BTC, holding: 10, price: 70000, vol: 0.6}
              - {name: ETH, holding: 100, price: 3500, vol: 0.7}
            hedges:
              - {asset: BTC, ratios: [0.5], margin: cross, venue: deribit, collateral: 2}
              - {asset: ETH, contract: BTC, ratios: [0.3], margin: cross, venue: bitmex, collateral: 1}
              - {asset: ETH, ratios: [0.5], leverage: 3, venue: okx}
            """
        let (scenario, _) = try PortfolioScenario.parse(text: text, source: "v.yaml")
        try scenario.validate()
        #expect(scenario.hedges.map(\.label) == ["BTC @ deribit", "ETH with BTC @ bitmex", "ETH @ okx"])
        #expect(scenario.hedges.map(\.collateral) == [2, 1, nil])
        #expect(try JSONDecoder().decode(PortfolioScenario.self, from: try JSONEncoder().encode(scenario)) == scenario)
        func refused(_ field: String, _ phrase: String, _ change: (String) -> String) throws {
            try PortfolioScenario.expectRefused(text, field: field, phrase: phrase, change: change)
        }
        try refused("hedges[2].venue", "deribit") { $0.replacingOccurrences(of: "venue: okx", with: "venue: kraken") }
        try refused("hedges[2].venue", "USD-margined") { $0.replacingOccurrences(of: "venue: okx", with: "venue: binance-usdm") }
        try refused("hedges[2].collateral", "none on isolated margin") {
            $0.replacingOccurrences(of: "venue: okx", with: "venue: okx, collateral: 5")
        }
        try refused("hedges[1].collateral", "cross accounts at 2 venues") { $0.replacingOccurrences(of: ", collateral: 1}", with: "}") }
        try refused("hedges[3].collateral", "one account, one deposit") {
            $0 + "\n  - {asset: BTC, ratios: [0.2], margin: cross, venue: deribit, collateral: 3}"
        }
        try refused("hedges[0].collateral", "> 0") { $0.replacingOccurrences(of: "collateral: 2", with: "collateral: 0") }
        try refused("hedges[0].collateral", "> 0") { $0.replacingOccurrences(of: "collateral: 2", with: "collateral: -1") }
        try refused("hedges", "collateral, margin and fees") { $0.replacingOccurrences(of: "collateral: 2", with: "collateral: 9") }
        try refused("hedges[3].fundingRate", "one contract, one funding") {
            $0 + "\n  - {asset: ETH, ratios: [0.2], leverage: 2, venue: okx, fundingRate: 0.1}"
        }
        try refused("hedges[2].maintenanceRate", "from 0 to 0.5") { $0.replacingOccurrences(of: "venue: okx}", with: "venue: okx, maintenanceRate: 0.5}") }
        try refused("hedges[3].maintenanceRate", "one contract, one maintenance") {
            $0 + "\n  - {asset: ETH, ratios: [0.2], leverage: 2, venue: okx, maintenanceRate: 0.02}"
        }
        let otherVenue = text + "\n  - {asset: ETH, ratios: [0.2], leverage: 2, fundingRate: 0.1}"
        try PortfolioScenario.parse(text: otherVenue, source: "v.yaml").scenario.validate()
    }
}
