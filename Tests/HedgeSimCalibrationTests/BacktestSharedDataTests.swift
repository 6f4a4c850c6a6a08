import Foundation
import HedgeSimCalibration
import HedgeSimCore
import Testing

/// A small backtest on the shared hourly Bitstamp prices with the BitMEX funding history: four
/// non-overlapping 30-day windows in 2019, every model. Skipped when `../shared/data` is absent.
@Suite(.enabled(if: SharedData.available, "../shared/data is absent: the shared-data backtest is skipped"))
struct BacktestSharedDataTests {
    @Test func fourMonthlyWindowsOf2019WithRealFunding() throws {
        let prices = try PriceHistory(contentsOfFile: SharedData.path("btcusd_bitstamp_1h.csv"))
        let funding = try FundingHistory(contentsOfFile: SharedData.path("bitmex_xbtusd_funding_8h.csv"))
        let settings = BacktestSettings(
            horizonDays: 30, windowDays: 250, models: [.gbm, .jump, .garch, .bootstrap], paths: 1000, seed: 11,
            from: HistoryReadOptions.windowBound("2019-06-01", endOfDay: false), to: HistoryReadOptions.windowBound("2019-09-30", endOfDay: true))
        let report = try Backtest.run(prices: prices, funding: funding, settings: settings)
        #expect(report.windows.map(\.end) == ["2019-06-01T00:00Z", "2019-07-01T00:00Z", "2019-07-31T00:00Z", "2019-08-30T00:00Z"])
        #expect(report.data.dataStepSeconds == 3600 && report.data.forecastStepSeconds == 86_400)
        #expect(report.varBacktests.count == 4 * 5 * 2, "4 models × (unhedged + 2 ratios × 2 leverages) × 2 levels")
        for window in report.windows {
            for forecast in window.forecasts {
                #expect(forecast.cells.allSatisfy { $0.var99 >= $0.var95 && $0.var95.isFinite })
            }
        }
        let hedged = try #require(report.hedgeOutcomes.first { $0.cell.hedgeRatio == 1 && $0.cell.leverage == 2 })
        #expect(hedged.meanFundingReceivedUSD + hedged.meanFundingPaidUSD > 0, "BitMEX funding was paid in 2019")
        // June 2019: BTC rose from about 8,500 to 13,800 (+60 % at the peak on 26 June): the 5x short did not survive.
        let june = try #require(report.windows.first)
        #expect(june.peakPrice / june.price > 1.5)
        let fiveTimes = try #require(report.cells.firstIndex { $0.hedgeRatio == 1 && $0.leverage == 5 })
        #expect(june.realised[fiveTimes].liquidatedAt?.hasPrefix("2019-06") == true)
        #expect(try report.json().contains("\"schemaVersion\" : 1"))
        #expect(report.html().contains("<svg"))
    }
}
