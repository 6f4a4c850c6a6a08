import Foundation
import HedgeSimCalibration
import HedgeSimCore
import Testing

/// Price files that are coarse or short: calendar-month bars (months of 28–31 days) make one monthly
/// grid; a file too short for a model leaves that model out with the number of returns it needs and
/// still fits the others; a GARCH fit on weekly bars writes a fragment whose horizon is whole steps.
@Suite struct CoarseAndShortDataTests {
    /// Closes on the first day of each month from January 1980, GBM with σ over the mean month.
    static func monthlyCSV(months: Int, vol: Double, seed: UInt64) -> Data {
        let dt = 365.2425 / 12 / 365
        let returns = SyntheticSeries.gbm(count: months - 1, drift: 0, vol: vol, dt: dt, seed: seed)
        var price = 1_000.0
        var lines = ["date,close"]
        for month in 0..<months {
            if month > 0 { price *= exp(returns[month - 1]) }
            lines.append(String(format: "%04d-%02d-01,%.10g", 1980 + month / 12, month % 12 + 1, price))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// σ̂ within 3 standard errors of σ: every month, 28 to 31 days long, is one step of the mean month.
    @Test func calendarMonthsMakeOneMonthlyGrid() throws {
        let prices = try PriceHistory(csv: Self.monthlyCSV(months: 400, vol: 0.7, seed: 3), source: "monthly.csv")
        let calibration = try Calibration(prices: prices, funding: nil, models: .gbm)
        #expect(TimeGrid.describe(step: calibration.stepSeconds) == "1 month")
        #expect(calibration.returns == 399 && calibration.returnRuns == 1, "no month is a gap or irregular")
        let vol = try #require(calibration.gbm).vol
        let error = try #require(vol.standardError)
        #expect(abs(vol.value - 0.7) <= 3 * error, "σ̂ \(vol.value) ± \(error)")
        let fragment = ScenarioFragment(calibration)
        #expect(!fragment.text.contains("stepsPerDay"), "GBM keeps the simulation's own step")
        _ = try fragment.scenario()
    }

    @Test func tooShortForAModelFitsTheOthersAndSaysWhatItNeeds() throws {
        let returns = SyntheticSeries.gbm(count: 59, drift: 0, vol: 0.6, dt: 1 / 365.0, seed: 4)
        let path = SyntheticSeries.prices(from: returns, step: 86_400)
        let prices = PriceHistory(times: path.times, prices: path.prices, source: "short.csv")
        let calibration = try Calibration(prices: prices, funding: nil, models: .all)
        #expect(calibration.gbm != nil && calibration.jump == nil && calibration.garch == nil)
        #expect(calibration.notFitted.map(\.model) == [.jump, .garch])
        #expect(calibration.notFitted.allSatisfy { $0.reason.contains("59 returns") && $0.reason.contains("at least 200") })
        #expect(ScenarioFragment(calibration).text.contains("# Not fitted: jump (59 returns"))
        #expect(throws: CalibrationError.self) { try Calibration(prices: prices, funding: nil, models: .jump) }
    }

    @Test func garchOnWeeklyBarsWritesWholeSteps() throws {
        let dt = 7 / 365.0
        let returns = SyntheticSeries.garch(
            count: 600, drift: 0, omega: 0.7 * 0.7 * dt * 0.1, alpha: 0.1, beta: 0.8, dof: 6, dt: dt, seed: 5)
        let path = SyntheticSeries.prices(from: returns, step: 7 * 86_400)
        let prices = PriceHistory(times: path.times, prices: path.prices, source: "weekly.csv")
        let calibration = try Calibration(prices: prices, funding: nil, models: .garch)
        let scenario = try ScenarioFragment(calibration).scenario()
        #expect(scenario.model == .garch)
        #expect(abs(scenario.stepsPerDay - 1 / 7.0) <= 1e-15)
        #expect(scenario.stepCount == 4 && abs(scenario.horizonDays - 28) <= 1e-12, "the whole number of weeks nearest 30 days")
        try scenario.validate()
    }
}
