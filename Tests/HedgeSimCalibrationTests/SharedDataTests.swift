import Foundation
import HedgeSimCalibration
import Testing

/// The real market data in `../shared/data` (next to the package root), read with every quirk its
/// README lists, checked against the README's own counts and figures. Skipped when the folder is absent.
@Suite(.enabled(if: SharedData.available, "../shared/data is absent: the shared-data checks are skipped"))
struct SharedDataTests {
    @Test func bitstampHourlyHasEveryHourOnceAfterDroppingThePartialRows() throws {
        let history = try PriceHistory(contentsOfFile: SharedData.path("btcusd_bitstamp_1h.csv"))
        let report = history.quality
        #expect(report.rows == 41_212)
        #expect(report.skippedLines == 1 && report.headerLine == 2, "the URL banner")
        #expect(report.rowOrder == "newest first")
        #expect(report.duplicates == 9, "the 9 `.0` partial rows")
        #expect(report.duplicateExamples.allSatisfy { $0.time.hasPrefix("2023-01-1") && $0.time.hasSuffix("T00:00Z") })
        #expect(history.times.count == 41_203)
        #expect(report.gaps == 0 && report.missingPoints == 0 && report.irregularIntervals == 0)
        #expect(history.step == 3600)
        #expect(report.first == "2018-05-15T07:00Z" && report.last == "2023-01-26T01:00Z", "closes at candle ends")

        let gbm = try GBMFit(ReturnSeries(prices: history))
        #expect(gbm.observations == 41_202)
        #expect(abs(gbm.vol.value - 0.738) < 0.001, "README: annualised vol 73.8 %")
    }

    @Test func bitmexFundingIsEightHourlyAfterTheDailyStart() throws {
        let all = try FundingHistory(contentsOfFile: SharedData.path("bitmex_xbtusd_funding_8h.csv"))
        #expect(all.quality.rows == 4866 && all.quality.duplicates == 0)
        #expect(all.step == 28_800)
        #expect(all.quality.gaps == 21 && all.quality.missingPoints == 42, "the 22 daily rows of May 2016")
        let eightHourly = try FundingHistory(
            contentsOfFile: SharedData.path("bitmex_xbtusd_funding_8h.csv"),
            options: HistoryReadOptions(from: HistoryReadOptions.windowBound("2016-06-04T20:00Z", endOfDay: false)))
        #expect(eightHourly.times.count == 4844 && eightHourly.quality.gaps == 0)
    }

    @Test func deribitHourlyFundingMissesTwoHours() throws {
        let funding = try FundingHistory(contentsOfFile: SharedData.path("deribit_btc_perpetual_funding_1h.csv"))
        let report = funding.quality
        #expect(report.rows == 16_008 && report.duplicates == 0)
        #expect(report.rowOrder == "oldest first except 1 row out of order (sorted)", "two hours swapped at the 2019 DST change")
        #expect(report.timeColumn == "timestamp (column 2)" && report.timeFormat == "epoch milliseconds")
        #expect(report.valueColumn == "interest_1h (column 5)")
        #expect(report.gaps == 1 && report.missingPoints == 2)
        #expect(report.gapExamples.first == .init(from: "2020-08-27T05:00Z", to: "2020-08-27T08:00Z", missingPoints: 2))
        #expect(report.notes.contains { $0.contains("time_dt (columns 1 and 7)") })
    }

    @Test func bitmexFundingAR1AndItsCorrelationWithBitstampReturns() throws {
        let prices = try PriceHistory(contentsOfFile: SharedData.path("btcusd_bitstamp_1h.csv"))
        let funding = try FundingHistory(contentsOfFile: SharedData.path("bitmex_xbtusd_funding_8h.csv"))
        let fit = try FundingFit(funding: funding, prices: prices)
        #expect(fit.intervalHours == 8 && fit.observations == 4844)
        #expect(abs(fit.persistence.value - 0.755) < 0.001, "README: lag-1 autocorrelation 0.755")
        #expect(abs(fit.mean.value - 1.26e-4) < 0.1e-4, "README: mean 1.26e-4")
        #expect(fit.correlationObservations == 2714, "README: 2,714 funding times overlap the hourly spot")
        #expect(abs((fit.levelCorrelation ?? .nan) - -0.048) < 0.001, "README: same-8 h Pearson correlation −0.048")
    }
}

/// Where the shared data lives: `../shared/data` next to the package root.
enum SharedData {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    static var available: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("btcusd_bitstamp_1h.csv").path)
    }

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}
