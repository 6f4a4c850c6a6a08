import Foundation
import HedgeSimCore
import Testing

@testable import HedgeSimCalibration

/// Deribit's transaction-log export read as a journal: the documented columns, newest row first.
@Suite struct DeribitTransactionLogTests {
    static let header = "ID,UserSeq,Date,Instrument,Type,Side,Amount,Base Amount,Position,Price,Mark Price,Index Price,Cash Flow,"
        + "Funding,Fee Rate,Fee Charged,Fee Balance,Change,Balance,Equity,Trade ID,Order ID,Info,Note"

    /// Newest first, as Deribit writes it: a close, a daily settlement with funding, a deposit, an option
    /// trade, the open.
    static let log = [
        header,
        "5,105,11/05/24 09:00:00,BTC-PERPETUAL,trade,close buy,10000,10000,0,40000,40010,40100,0.05,0.00001,0.0005,0.00012,0,0.04989,1.05,1.05,t2,o2,,",
        "4,104,10/05/24 08:00:00,BTC-PERPETUAL,settlement,short,-,-,-10000,45000,45000,-,0.02,0.0002,-,-,-,0.02,1.0,1.0,,,,",
        "3,103,05/05/24 12:00:00,BTC-27DEC24-50000-C,trade,open buy,1,1,1,0.05,0.05,-,-0.05,0,0.0003,0.0003,0,-0.0503,0.9,0.9,t9,o9,,",
        "2,102,02/05/24 10:00:00,-,deposit,-,-,-,-,-,-,-,-,0,-,-,-,0.5,0.95,0.95,,,,",
        "1,101,01/05/24 00:00:00,BTC-PERPETUAL,trade,open sell,10000,10000,-10000,50000,50000,49900,0,0,0.0005,0.0001,0,-0.0001,0.45,0.45,t1,o1,,",
    ].joined(separator: "\n") + "\n"

    @Test func readsTradesFundingAndOrderOfALog() throws {
        let entries = try DeribitTransactionLog.read(data: Data(Self.log.utf8), source: "deribit.csv")
        #expect(entries.map(\.kind) == [.trade, .funding, .trade, .funding])
        #expect(entries[0] == JournalEntry(
            time: 1_714_521_600, line: 6, instrument: .perpetual, kind: .trade, side: .sell, quantity: 10_000, price: 50_000,
            index: 49_900, fee: 0.0001))
        #expect(entries[1].amount == 0.0002 && entries[1].price == 45_000 && entries[1].line == 3)
        #expect(entries[2].side == .buy && entries[2].price == 40_000 && entries[2].index == 40_100 && entries[2].fee == 0.00012)
        #expect(entries[3].amount == 0.00001 && entries[3].line == 2)
        let (hedges, _) = try JournalLedger.hedges(of: entries, source: "deribit.csv")
        #expect(hedges.count == 1 && hedges[0].fundingPayments == 2 && hedges[0].closed == "2024-05-11T09:00Z")
    }

    @Test func aLongTradeOrADisorderedLogIsRefused() throws {
        let long = Self.log.replacingOccurrences(of: "open sell", with: "open buy")
        let error = try #require(throws: CSVError.self) { try DeribitTransactionLog.read(data: Data(long.utf8), source: "d.csv") }
        #expect(error.description == "d.csv:6: side \"open buy\": expected open sell or close buy (a hedge journal records shorts)")
        var lines = Self.log.split(separator: "\n").map(String.init)
        lines.swapAt(1, 2)
        let shuffled = lines.joined(separator: "\n") + "\n"
        let disorder = try #require(throws: CSVError.self) { try DeribitTransactionLog.read(data: Data(shuffled.utf8), source: "d.csv") }
        #expect(disorder.description.contains("date out of order"))
        let missing = "Date,Instrument,Type\n01/05/24 00:00:00,BTC-PERPETUAL,trade\n"
        let columns = try #require(throws: CSVError.self) { try DeribitTransactionLog.read(data: Data(missing.utf8), source: "d.csv") }
        #expect(columns.description.hasPrefix("d.csv:1: no \"side\" column"))
    }
}
