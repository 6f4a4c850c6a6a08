import Foundation
import HedgeSimCore
import Testing

@testable import HedgeSimCalibration

/// The journal's totals on hand-built records against sums worked out by hand, term by term.
@Suite struct JournalLedgerTests {
    static func read(_ text: String) throws -> (hedges: [JournalHedge], years: [JournalYear]) {
        let entries = try JournalReader.read(data: Data(text.utf8), source: "journal.csv")
        return try JournalLedger.hedges(of: entries, source: "journal.csv")
    }

    /// An inverse short of 10,000 USD sold at 50,000 (index 49,900), two funding payments, bought back at
    /// 40,000 (index 40,100). Every flow valued at its own row's index (or price).
    @Test func inverseHedgeTotalsEqualTheHandSums() throws {
        let (hedges, years) = try Self.read("""
            time,type,side,quantity,price,index,fee,amount
            2024-05-01T00:00:00Z,trade,sell,10000,50000,49900,0.0001,
            2024-05-02T00:00:00Z,funding,,,51000,,,0.0002
            2024-05-03T00:00:00Z,funding,,,52000,,,-0.00005
            2024-05-11T00:00:00Z,trade,buy,10000,40000,40100,0.00012,

            """)
        let hedge = try #require(hedges.first)
        #expect(hedges.count == 1 && hedge.label == "hedge 1" && hedge.closed == "2024-05-11T00:00Z" && hedge.days == 10)
        let c = hedge.cost
        #expect(c.fees.coin == 0.0001 + 0.00012)
        #expect(abs(c.fees.usd - (0.0001 * 49_900 + 0.00012 * 40_100)) < 1e-12)
        #expect(c.fundingReceived == CoinAndUSD(coin: 0.0002, usd: 0.0002 * 51_000))
        #expect(c.fundingPaid == CoinAndUSD(coin: 0.00005, usd: 0.00005 * 52_000))
        // PnL at contract prices 10,000/40,000 − 10,000/50,000 = 0.05 coin; at index prices
        // 10,000/40,100 − 10,000/49,900; the basis cost is minus their difference, valued at 40,100.
        let atIndex = 10_000 / 40_100.0 - 10_000 / 49_900.0
        let basisCoin = -(0.05 - atIndex)
        #expect(abs(hedge.pnl.coin - 0.05) < 1e-15)
        #expect(abs(c.basis.coin - basisCoin) < 1e-15 && abs(c.basis.usd - basisCoin * 40_100) < 1e-10)
        #expect(c.liquidation == .zero)
        let totalCoin = 0.00022 + 0.00005 - 0.0002 + basisCoin
        #expect(abs(c.total.coin - totalCoin) < 1e-15)
        let totalUSD = 0.0001 * 49_900 + 0.00012 * 40_100 + 0.00005 * 52_000 - 0.0002 * 51_000 + basisCoin * 40_100
        #expect(abs(c.total.usd - totalUSD) < 1e-10)
        #expect(hedge.entryPrice == 50_000 && hedge.exitPrice == 40_000 && hedge.peakNotionalUSD == 10_000)
        #expect(abs((hedge.annualisedPercent ?? 0) - totalUSD / 10_000 / (10 / 365.0) * 100) < 1e-9)
        #expect(years.map(\.year) == [2024] && years[0].cost == c)
    }

    /// A linear short of 0.5 coin sold at 60,000 (index 59,950), reduced twice; realised PnL and basis
    /// against the coin-weighted average entry, each valued at its reducing trade.
    @Test func linearHedgeRealisesPnLAndBasisAtEachReduction() throws {
        let (hedges, _) = try Self.read("""
            time,type,side,quantity,price,index,fee,amount,instrument
            2024-01-01T00:00:00Z,trade,sell,0.5,60000,59950,15,,linear-perpetual
            2024-01-02T00:00:00Z,funding,,,,,,3,linear-perpetual
            2024-01-10T00:00:00Z,trade,buy,0.2,55000,55020,5.5,,linear-perpetual
            2024-01-20T00:00:00Z,trade,buy,0.3,50000,49990,7.5,,linear-perpetual

            """)
        let hedge = try #require(hedges.first)
        // PnL at prices 0.2·(60,000 − 55,000) + 0.3·(60,000 − 50,000) = 4,000 USD; at the index
        // 0.2·(59,950 − 55,020) + 0.3·(59,950 − 49,990) = 3,974; basis −14 at 55,020 and −12 at 49,990.
        #expect(abs(hedge.pnl.usd - 4_000) < 1e-9)
        #expect(abs(hedge.cost.basis.usd - -26) < 1e-9)
        #expect(abs(hedge.cost.basis.coin - (-14 / 55_020.0 - 12 / 49_990.0)) < 1e-15)
        #expect(hedge.cost.fees.usd == 15 + 5.5 + 7.5)
        #expect(abs(hedge.cost.fees.coin - (15 / 59_950.0 + 5.5 / 55_020.0 + 7.5 / 49_990.0)) < 1e-15)
        // The funding row has no price: it is valued at the hedge's last price (the opening index).
        #expect(hedge.cost.fundingReceived == CoinAndUSD(coin: 3 / 59_950.0, usd: 3))
        #expect(hedge.peakNotionalUSD == 0.5 * 60_000 && hedge.exitPrice == 0.2 * 55_000 / 0.5 + 0.3 * 50_000 / 0.5)
        #expect(abs(hedge.cost.total.usd - (28 - 3 - 26)) < 1e-9)
    }

    /// Without labels, a hedge runs from flat to flat; a funding row booked after the close belongs to it;
    /// each row counts in its own calendar year, a liquidation's fee as the liquidation cost.
    @Test func unlabelledRowsSplitIntoHedgesAndYears() throws {
        let (hedges, years) = try Self.read("""
            time,type,side,quantity,price,fee,amount
            2023-12-30T00:00:00Z,trade,sell,1000,40000,0.00001,
            2024-01-02T00:00:00Z,trade,buy,1000,41000,0.00001,
            2024-01-02T00:00:00Z,funding,,,41000,,0.00002
            2024-02-01T00:00:00Z,trade,sell,2000,50000,0.00002,
            2024-02-03T00:00:00Z,liquidation,,2000,60000,0.0004,

            """)
        #expect(hedges.map(\.label) == ["hedge 1", "hedge 2"])
        #expect(hedges[0].fundingPayments == 1 && hedges[0].cost.fundingReceived.coin == 0.00002)
        #expect(hedges[1].liquidated && hedges[1].cost.liquidation == CoinAndUSD(coin: 0.0004, usd: 0.0004 * 60_000))
        #expect(hedges[1].cost.fees.coin == 0.00002 && !hedges[1].basisSeparated && hedges[1].cost.basis == .zero)
        #expect(years.map(\.year) == [2023, 2024] && years[0].hedges == ["hedge 1"] && years[1].hedges == ["hedge 1", "hedge 2"])
        #expect(years[0].cost.fees == CoinAndUSD(coin: 0.00001, usd: 0.00001 * 40_000))
        var whole = RealisedCost()
        for year in years { whole.add(year.cost) }
        var byHedge = RealisedCost()
        for hedge in hedges { byHedge.add(hedge.cost) }
        #expect(abs(whole.total.usd - byHedge.total.usd) < 1e-9 && abs(whole.total.coin - byHedge.total.coin) < 1e-15)
    }

    /// An open hedge at the end of the journal: no closing time, its size left, no basis realised yet.
    @Test func anOpenHedgeIsReportedOpen() throws {
        let (hedges, _) = try Self.read("""
            time,type,side,quantity,price,index,hedge
            2024-03-01T00:00:00Z,trade,sell,3000,60000,59900,a
            2024-03-05T00:00:00Z,trade,buy,1000,62000,61950,a

            """)
        let hedge = try #require(hedges.first)
        #expect(hedge.closed == nil && hedge.openQuantity == 2000 && hedge.days == 4 && hedge.label == "a")
        #expect(abs(hedge.cost.basis.coin - -(1000 / 62_000.0 - 1000 / 61_950.0 - (1000 / 60_000.0 - 1000 / 59_900.0))) < 1e-15)
    }

    @Test(arguments: [
        ("time,type,side,quantity,price,colour\n2024-01-01,trade,sell,1,1,red\n", "journal.csv:1: unknown column \"colour\""),
        ("type,side\ntrade,sell\n", "journal.csv:1: no \"time\" column"),
        ("time,type,side,quantity,price\n2024-01-02,trade,sell,1,1\n2024-01-01,trade,buy,1,1\n", "journal.csv:3: time 2024-01-01 is before the previous row's (line 2)"),
        ("time,type,side,quantity,price\n2024-01-01,swap,sell,1,1\n", "journal.csv:2: type \"swap\": expected trade | funding | liquidation | settlement"),
        ("time,type,side,quantity,price\n2024-01-01,trade,short,1,1\n", "journal.csv:2: side \"short\": expected sell | buy"),
        ("time,type,side,quantity,price\n2024-01-01,trade,sell,-1,1\n", "journal.csv:2: quantity \"-1\": expected a positive number"),
        ("time,type,side,quantity,price\nyesterday,trade,sell,1,1\n", "journal.csv:2: time \"yesterday\""),
        ("time,type,side,quantity,price,amount\n2024-01-01,trade,sell,1,1,5\n", "journal.csv:2: amount \"5\": expected empty on a trade row"),
        ("time,type,amount\n2024-01-01,funding,nan\n", "journal.csv:2: amount \"nan\": expected a finite number"),
        ("time,type,side,quantity,price\n", "journal.csv: the journal has a header but no rows"),
    ])
    func badRowsAreRefusedInOneLine(text: String, message: String) throws {
        let error = try #require(throws: CSVError.self) { try JournalReader.read(data: Data(text.utf8), source: "journal.csv") }
        #expect(error.description.hasPrefix(message), "\(error.description)")
        #expect(!error.description.contains("\n"))
    }

    @Test(arguments: [
        ("time,type,side,quantity,price\n2024-01-01,trade,sell,1,1\n2024-01-02,trade,buy,2,1\n", "journal.csv:3: quantity 2: expected at most the open short of hedge 1 (1)"),
        ("time,type,amount\n2024-01-01,funding,1\n", "journal.csv:2: type \"funding\": expected a short open before the first funding row"),
        ("time,type,side,quantity,price,hedge\n2024-01-01,trade,sell,1,1,a\n2024-01-02,trade,buy,1,1,\n", "journal.csv:3: hedge \"\": expected a label on every row"),
        ("time,type,side,quantity,price,hedge\n2024-01-01,trade,buy,1,1,a\n", "journal.csv:2: side \"buy\": expected a sell to open a"),
        ("time,type,side,quantity,price,instrument\n2024-01-01,trade,sell,1,1,perpetual\n2024-01-02,trade,buy,1,1,linear-perpetual\n", "journal.csv:3: instrument \"linear-perpetual\": expected perpetual like the rest of hedge 1"),
    ])
    func rowsThatAreNoShortHedgeAreRefused(text: String, message: String) throws {
        let error = try #require(throws: CSVError.self) { try Self.read(text) }
        #expect(error.description.hasPrefix(message), "\(error.description)")
    }
}
