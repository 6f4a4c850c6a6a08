import Foundation
import HedgeSimCalibration
import Testing

/// Every quirk of the shared data (`../shared/data/README.md`), as small inline files.
@Suite struct CSVReaderTests {
    static func prices(_ text: String, _ options: HistoryReadOptions = HistoryReadOptions()) throws -> PriceHistory {
        try PriceHistory(csv: Data(text.utf8), source: "prices.csv", options: options)
    }

    static func funding(_ text: String, _ options: HistoryReadOptions = HistoryReadOptions()) throws -> FundingHistory {
        try FundingHistory(csv: Data(text.utf8), source: "funding.csv", options: options)
    }

    /// The one-line description of the `CSVError` that reading `data` throws.
    static func error(_ data: Data, file: String = "prices.csv") -> String {
        do {
            _ = try PriceHistory(csv: data, source: file)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    static func error(_ text: String) -> String { error(Data(text.utf8)) }

    /// CryptoDataDownload layout: URL banner, header, newest first, candle-open `unix`, volumes.
    static let bitstamp = """
        https://www.CryptoDataDownload.com
        unix,date,symbol,open,high,low,close,Volume BTC,Volume USD
        1674097200,2023-01-19 03:00:00,BTC/USD,20700,20720,20690,20710,6.2,128403.4
        1674093600,2023-01-19 02:00:00,BTC/USD,20690,20720,20678,20700,6.2,128403.4
        1674090000,2023-01-19 01:00:00,BTC/USD,20680,20720,20678,20690,6.2,128403.4
        1674086400.0,2023-01-19 00:00:00,BTC/USD,20678,20720,20678,20001,6.2,128403.4
        1674086400,2023-01-19 00:00:00,BTC/USD,20678,20720,20678,20680,6.2,128403.4
        1674082800,2023-01-18 23:00:00,BTC/USD,20660,20720,20650,20678,1589362.32,139.7
        """

    @Test func bannerNewestFirstPartialDuplicateAndCandleShift() throws {
        let history = try Self.prices(Self.bitstamp)
        let report = history.quality
        #expect(report.headerLine == 2 && report.skippedLines == 1)
        #expect(report.rowOrder == "newest first")
        #expect(report.rows == 6 && report.duplicates == 1 && report.observations == 5)
        #expect(report.duplicateExamples == [.init(time: "2023-01-19T00:00Z", keptLine: 7, droppedLine: 6)])
        #expect(history.prices == [20678, 20680, 20690, 20700, 20710], "oldest first, the `.0` partial row dropped")
        #expect(history.step == 3600)
        let first = try #require(history.times.first)
        #expect(first == 1_674_086_400, "candle opens (23:00) move one step later, to the close (00:00)")
        #expect(report.notes.contains { $0.contains("candle opens") })
        #expect(report.timeColumn == "unix (column 1)" && report.valueColumn == "close (column 7)")
        #expect(report.gaps == 0 && report.irregularIntervals == 0)
    }

    @Test func integerEpochRowWinsWhateverTheOrder() throws {
        let text = """
            unix,close
            1674082800,1
            1674086400,2
            1674086400.0,3
            1674090000,4
            """
        let history = try Self.prices(text, HistoryReadOptions(candleTimes: .end))
        #expect(history.prices == [1, 2, 4])
        #expect(history.quality.duplicateExamples.first?.droppedLine == 4)
        let sameKind = try Self.prices("time,price\n10,1\n10,2\n20,3\n")
        #expect(sameKind.prices == [1, 3], "among equals the first row wins")
    }

    @Test func epochMillisecondsAndMicrosecondsByMagnitudeOrExplicitly() throws {
        let deribit = """
            time_dt,timestamp,prev_index_price,interest_8h,interest_1h,index_price,time_dt
            2019-04-30 11:00:00,1556618400000,,-0.00045,0.0,5150.94,2019-04-30 11:00:00
            2019-04-30 12:00:00,1556622000000,5150.94,-0.00040,-2.3e-05,5185.14,2019-04-30 12:00:00
            """
        let funding = try Self.funding(deribit)
        #expect(funding.times == [1_556_618_400, 1_556_622_000])
        #expect(funding.rates == [0, -2.3e-05])
        #expect(funding.quality.timeFormat == "epoch milliseconds")
        #expect(funding.quality.timeColumn == "timestamp (column 2)", "the UTC epoch column, not the local-time text")
        #expect(funding.quality.valueColumn == "interest_1h (column 5)")
        #expect(funding.quality.notes.contains { $0.contains("time_dt (columns 1 and 7)") })
        let index = try Self.prices(deribit)
        #expect(index.prices == [5150.94, 5185.14], "index_price is a price column")

        let micro = try Self.prices("timestamp,price\n1528084807109045,7694\n1528113610577924,7513.5\n")
        #expect(micro.quality.timeFormat == "epoch microseconds")
        #expect(abs(micro.times[0] - 1_528_084_807.109045) < 1e-6)
        let explicit = try Self.prices("time,price\n1000,1\n2000,2\n", HistoryReadOptions(timeFormat: .milliseconds))
        #expect(explicit.times == [1, 2])
    }

    @Test func isoTextWithZoneWithoutZoneWithOffsetFractionsAndDatesOnly() throws {
        let text = """
            timestamp,price
            2018-06-04T04:00:07.109045Z,1
            2018-06-04 12:00:00,2
            2018-06-04T21:00:00+01:00,3
            2018-06-05,4
            """
        let history = try Self.prices(text)
        let base = 1_528_070_400.0  // 2018-06-04T00:00Z
        #expect(abs(history.times[0] - (base + 4 * 3600 + 7.109045)) < 1e-6)
        #expect(Array(history.times.dropFirst()) == [base + 12 * 3600, base + 20 * 3600, base + 86_400])
        #expect(history.quality.timeFormat == "ISO-8601 UTC + ISO-8601 without zone (read as UTC) + ISO-8601 with UTC offset + ISO-8601 date")
    }

    @Test func rowsOutOfOrderAreSortedAndCounted() throws {
        // Deribit's export is sorted by London time, so the October DST change swaps two UTC hours.
        let text = """
            time_dt,timestamp,interest_1h
            2019-10-27 00:00:00,1572130800000,1e-6
            2019-10-27 01:00:00,1572138000000,3e-6
            2019-10-27 01:00:00,1572134400000,2e-6
            2019-10-27 02:00:00,1572141600000,4e-6
            """
        let funding = try Self.funding(text)
        #expect(funding.rates == [1e-6, 2e-6, 3e-6, 4e-6])
        #expect(funding.quality.rowOrder == "oldest first except 1 row out of order (sorted)")
        #expect(funding.quality.gaps == 0)
    }

    @Test func missingHoursAreReportedAsAGap() throws {
        let text = "timestamp,price\n" + [0, 1, 2, 5, 6].map { "2020-08-27T0\($0):00:00Z,\(100 + $0)" }.joined(separator: "\n")
        let report = try Self.prices(text).quality
        #expect(report.gaps == 1 && report.missingPoints == 2)
        #expect(report.gapExamples == [.init(from: "2020-08-27T02:00Z", to: "2020-08-27T05:00Z", missingPoints: 2)])
    }

    @Test func irregularIntervalsAreReportedAndNotUsedForReturns() throws {
        let history = try Self.prices("time,price\n0,1\n3600,2\n7200,3\n9000,4\n12600,5\n")
        #expect(history.quality.irregularIntervals == 1)
        let series = try ReturnSeries(prices: history)
        #expect(series.returns.count == 3 && series.runStarts == [0, 2])
    }

    @Test func dailyFundingBeforeAnEightHourRegimeIsAGapNotAStep() throws {
        let text = """
            timestamp,symbol,fundingInterval,fundingRate,fundingRateDaily
            2016-06-03T12:00:00Z,XBTUSD,2000-01-02T00:00:00Z,3e-4,3e-4
            2016-06-04T12:00:00Z,XBTUSD,2000-01-02T00:00:00Z,2e-4,2e-4
            2016-06-04T20:00:00Z,XBTUSD,2000-01-01T08:00:00Z,1e-4,3e-4
            2016-06-05T04:00:00Z,XBTUSD,2000-01-01T08:00:00Z,1e-4,3e-4
            2016-06-05T12:00:00Z,XBTUSD,2000-01-01T08:00:00Z,1e-4,3e-4
            """
        let funding = try Self.funding(text)
        #expect(funding.step == 28_800)
        #expect(funding.quality.valueColumn == "fundingRate (column 4)")
        #expect(funding.quality.gaps == 1 && funding.quality.missingPoints == 2)
        let window = try Self.funding(text, HistoryReadOptions(from: HistoryReadOptions.windowBound("2016-06-04T20:00Z", endOfDay: false)))
        #expect(window.quality.gaps == 0 && window.quality.observations == 3 && window.quality.outsideWindow == 2)
    }

    @Test func quotedFieldsCRLFAndByteOrderMark() throws {
        let text = "\u{FEFF}\"time\",\"price\",\"note\"\r\n\"2020-01-01\",\"7,200.5\",x\r\n"
        #expect(Self.error(text) == "prices.csv:2: price \"7,200.5\" is not a number")
        let history = try Self.prices("\u{FEFF}\"time\",\"price\",\"note\"\r\n\"2020-01-01\",\"7200.5\",\"a, \"\"b\"\"\"\r\n2020-01-02,7300,\r\n")
        #expect(history.prices == [7200.5, 7300])
        #expect(Self.error("time,price\n2020-01-01,\"1\n") == "prices.csv:2: a quoted field is not closed on its line")
    }

    @Test func columnsByNameOrNumber() throws {
        let text = "date,open,close,volume\n2020-01-01,1,2,100\n2020-01-02,3,4,100\n"
        #expect(try Self.prices(text, HistoryReadOptions(valueColumn: ColumnSelector("2"))).prices == [1, 3])
        #expect(try Self.prices(text, HistoryReadOptions(valueColumn: ColumnSelector(" OPEN "))).prices == [1, 3])
        #expect(try Self.prices(text, HistoryReadOptions(candleTimes: .end)).times == [1_577_836_800, 1_577_923_200])
        #expect(
            Self.errorReading(text, HistoryReadOptions(valueColumn: ColumnSelector("last")))
                == "prices.csv:1: no price column named 'last' (columns: date, open, close, volume)")
        #expect(
            Self.errorReading(text, HistoryReadOptions(valueColumn: ColumnSelector("9")))
                == "prices.csv:1: no column 9 for the price: the header has 4 (columns: date, open, close, volume)")
        #expect(
            Self.error("when,value\n1,2\n")
                == "prices.csv:1: no time column found (looked for unix, timestamp, time, datetime, date, open_time, open time, time_dt); "
                + "choose one with --time-column NAME|N (columns: when, value)")
    }

    static func errorReading(_ text: String, _ options: HistoryReadOptions) -> String {
        do {
            _ = try prices(text, options)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func badRowsNameTheFileLineAndReason() {
        let header = "https://www.CryptoDataDownload.com\nunix,close\n1000,1\n"
        #expect(Self.error(header + "2000,abc\n") == "prices.csv:4: price \"abc\" is not a number")
        #expect(Self.error(header + "2000,\n") == "prices.csv:4: price is empty")
        #expect(Self.error(header + "2000,-5\n") == "prices.csv:4: price \"-5\" is not positive")
        #expect(Self.error(header + "2000,nan\n") == "prices.csv:4: price \"nan\" is not a number")
        #expect(Self.error(header + "2000\n") == "prices.csv:4: 1 field, but the price is in column 2 (close)")
        #expect(
            Self.error(header + "2021-02-29,5\n")
                == "prices.csv:4: time \"2021-02-29\" is not a time (ISO-8601 such as 2020-03-12T23:00:00Z, or an epoch number)")
        let badFunding: String
        do {
            _ = try Self.funding("timestamp,fundingRate\n2020-01-01T00:00Z,0.01\n2020-01-01T08:00Z,1.5\n")
            badFunding = "no error"
        } catch {
            badFunding = "\(error)"
        }
        #expect(badFunding == "funding.csv:3: funding rate \"1.5\" is not a funding rate (a fraction per interval: 1e-4 = 0.01 %)")
    }

    @Test func unreadableFilesGiveClearErrors() {
        #expect(Self.error(Data()) == "prices.csv: the file is empty")
        #expect(Self.error("\n  \n") == "prices.csv: the file holds only blank lines")
        #expect(Self.error("unix,close\n") == "prices.csv:1: no data rows below the header")
        #expect(Self.error("https://www.CryptoDataDownload.com\nunix,close\n\n") == "prices.csv:2: no data rows below the header")
        #expect(Self.error(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x0A, 0xFF])) == "prices.csv:1: binary data (a NUL byte), not CSV text")
        #expect(Self.error(Data("time,price\n2020-01-01,1\n2020-01-02,".utf8) + Data([0xE9, 0x0A])) == "prices.csv:3: not UTF-8 text; save the file as UTF-8 CSV")
        #expect(Self.error("1000,1\n2000,2\n") == "prices.csv:1: expected a header row naming the columns (e.g. time,price) above the data")
        #expect(Self.error("just some text\nmore text\n").hasPrefix("prices.csv: no header row found"))
    }

    @Test func missingFileIsAnError() {
        #expect(throws: CSVError(file: "/no/such/prices.csv", line: nil, reason: "no such file")) {
            try PriceHistory(contentsOfFile: "/no/such/prices.csv")
        }
    }
}
