import Foundation
import HedgeSimCalibration
import HedgeSimCore
import Testing

/// A GBM backtest on a synthetic GBM history: the right model covers at 95 % and 99 %, a model whose
/// volatility is halved is rejected.
@Suite struct BacktestSyntheticTests {
    /// 850 daily GBM prices (σ = 80 %, zero drift, E[P_T] = P_0): 600 one-day windows after a
    /// 250-day calibration window.
    static let history: PriceHistory = {
        let returns = SyntheticSeries.gbm(count: 850, drift: 0, vol: 0.8, dt: 1 / 365.0, seed: 2024)
        let path = SyntheticSeries.prices(from: returns, start: 20_000, firstTime: 1_577_836_800, step: 86_400)
        return PriceHistory(times: path.times, prices: path.prices, source: "synthetic GBM")
    }()

    static func settings(volScale: Double) -> BacktestSettings {
        BacktestSettings(
            horizonDays: 1, windowDays: 250, everyDays: 1, models: [.gbm], paths: 2000, seed: 7, hedgeRatios: [1], leverages: [2],
            volScale: volScale)
    }

    @Test func theRightModelCoversAtBothLevels() throws {
        let report = try Backtest.run(prices: Self.history, funding: nil, settings: Self.settings(volScale: 1))
        #expect(report.windows.count == 600)
        #expect(report.cells.map(\.label) == ["unhedged", "h 1 · 2x"])
        for level in VaRBacktest.levels {
            let test = try #require(report.varBacktests.first { $0.cell.isUnhedged && $0.level == level })
            let rate = Double(test.kupiec.exceedances) / Double(test.kupiec.observations)
            #expect(abs(rate - (1 - level)) < 3 * ((1 - level) * level / 600).squareRoot(), "rate \(rate) at \(level)")
            #expect(test.kupiec.ratio.pValue > 0.01, "Kupiec p \(test.kupiec.ratio.pValue) at \(level)")
            #expect(test.christoffersen.conditionalCoverage.pValue > 0.01)
            #expect(test.effectiveObservations == 600, "daily windows of a one-day horizon do not overlap")
        }
        // The full hedge at 2x removes nearly all the price risk (what is left: fees and whole contracts).
        let unhedged = report.windows.map { $0.forecasts[0].cells[0].var95 }.reduce(0, +)
        let hedged = report.windows.map { $0.forecasts[0].cells[1].var95 }.reduce(0, +)
        #expect(hedged < 0.05 * unhedged)
    }

    @Test func aModelWithHalfTheVolatilityIsRejected() throws {
        let report = try Backtest.run(prices: Self.history, funding: nil, settings: Self.settings(volScale: 0.5))
        for level in VaRBacktest.levels {
            let test = try #require(report.varBacktests.first { $0.cell.isUnhedged && $0.level == level })
            #expect(Double(test.kupiec.exceedances) > 4 * test.kupiec.expectedExceedances)
            #expect(test.kupiec.ratio.pValue < 1e-6 && test.christoffersen.conditionalCoverage.pValue < 1e-6)
        }
        #expect(report.method.contains { $0.contains("multiplied by 0.5") })
    }
}
