import Foundation
import HedgeSimCalibration
import HedgeSimCore
import Testing

/// The realised outcome of a squeeze followed by a crash: the 5x short is liquidated in the squeeze,
/// at the first hourly price at or above `E(1 − m)/(1 − 1/L)`, and the holding then takes the crash
/// unhedged; the 2x short survives and keeps the value.
@Suite struct BacktestReplayTests {
    /// Hourly prices from 2020-01-01: 40 days wobbling around 10,000 (±1 %), ending at exactly 10,000 at
    /// t = 2020-02-10T00:00Z; then `10,000·(1 + 0.3k/120)` for hours k ≤ 120 (+30 % on day 5), a fall to
    /// 5,000 by hour 288 (day 12) and 5,000 to the end of the 30-day horizon.
    static func squeezeThenCrash() -> PriceHistory {
        let start = 1_577_836_800.0
        let windowEnd = 40 * 24
        let prices = (0...(windowEnd + 30 * 24)).map { hour -> Double in
            let k = Double(hour - windowEnd)
            if k <= 0 { return 10_000 * exp(0.01 * sin(k)) }
            if k <= 120 { return 10_000 * (1 + 0.3 * k / 120) }
            if k <= 288 { return 13_000 - 8_000 * (k - 120) / 168 }
            return 5_000
        }
        return PriceHistory(times: prices.indices.map { start + Double($0) * 3600 }, prices: prices, source: "squeeze")
    }

    @Test func theFiveTimesShortIsLiquidatedInTheSqueeze() throws {
        let settings = BacktestSettings(
            horizonDays: 30, windowDays: 40, models: [.gbm], paths: 200, seed: 1, hedgeRatios: [1], leverages: [2, 5])
        let report = try Backtest.run(prices: Self.squeezeThenCrash(), funding: nil, settings: settings)
        #expect(report.windows.count == 1)
        let window = try #require(report.windows.first)
        #expect(window.end == "2020-02-10T00:00Z" && window.price == 10_000 && window.horizonPrice == 5_000)
        #expect(report.cells.map(\.label) == ["unhedged", "h 1 · 2x", "h 1 · 5x"])
        let (unhedged, twoTimes, fiveTimes) = (window.realised[0], window.realised[1], window.realised[2])
        #expect(abs(unhedged.lossUSD - 5_000) < 1e-6)
        // Liquidation price 10,000·0.995/0.8 = 12,437.5: hour 97 is at 12,425, hour 98 at 12,450.
        #expect(fiveTimes.liquidatedAt == "2020-02-14T02:00Z")
        #expect(twoTimes.liquidatedAt == nil, "the 2x short would need 19,900")
        // After the liquidation only the spot is left: 1 − fee 0.0005 − margin 0.2 coin at 5,000.
        #expect(abs(fiveTimes.lossUSD - (10_000 - 5_000 * 0.7995)) < 1e-6)
        #expect(twoTimes.lossUSD > 0 && twoTimes.lossUSD < 10, "the 2x hedge loses only its fees")
        #expect(twoTimes.fundingReceivedUSD == 0 && twoTimes.fundingPaidUSD == 0, "no funding history, no funding")
        let outcome = try #require(report.hedgeOutcomes.first { $0.cell.leverage == 5 && !$0.cell.isUnhedged })
        #expect(outcome.liquidations == 1 && outcome.worst.liquidatedAt == "2020-02-14T02:00Z")
        #expect(abs(outcome.worst.peakRise - 0.3) < 1e-9 && abs(outcome.worst.priceChange - -0.5) < 1e-9)
    }
}
