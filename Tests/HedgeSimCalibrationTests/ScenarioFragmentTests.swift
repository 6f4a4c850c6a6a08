import Foundation
import HedgeSimCalibration
import HedgeSimCore
import Testing

/// The fragment `hedgesim calibrate` writes is read by `ScenarioDocument` (as `hedgesim run --config`
/// reads it), validates, and carries the fitted values.
@Suite struct ScenarioFragmentTests {
    /// A small synthetic calibration: 3,000 hourly GARCH-t returns and 8 h funding.
    static func calibration(models: ModelChoice) throws -> Calibration {
        let dt = SyntheticSeries.hourYears
        let returns = SyntheticSeries.garch(
            count: 3000, drift: 0, omega: 0.6 * 0.6 * dt * 0.05, alpha: 0.1, beta: 0.85, dof: 5, dt: dt, seed: 21)
        let path = SyntheticSeries.prices(from: returns, step: 3600)
        let prices = PriceHistory(times: path.times, prices: path.prices, source: "synthetic.csv")
        let simulated = SyntheticSeries.funding(
            count: 370, mean: 1e-4, persistence: 0.7, innovationStdev: 3e-4, correlation: 0.2, returnStdev: 0.01, seed: 22)
        let fundingTimes = (0..<370).map { path.times[0] + 8 * 3600 * Double($0 + 1) }
        let funding = FundingHistory(times: fundingTimes, rates: simulated.rates, source: "funding.csv")
        return try Calibration(prices: prices, funding: funding, models: models)
    }

    @Test func fragmentParsesValidatesAndCarriesTheFit() throws {
        let calibration = try Self.calibration(models: .all)
        let fragment = ScenarioFragment(calibration)
        let document = try ScenarioDocument(text: fragment.text, source: "fragment.yaml")
        let keys = document.entries.map(\.key)
        // Only the chosen model's keys (the synthetic GARCH series picks garch); the others are comments.
        #expect(calibration.bestModel == .garch)
        #expect(keys == [
            "model", "stepsPerDay", "vol", "drift", "garchAlpha", "garchBeta",
            "garchDegreesOfFreedom", "fundingIntervalHours", "fundingMean", "fundingVol", "fundingPersistence", "fundingPriceCorrelation",
        ])
        let scenario = try fragment.scenario()
        #expect(scenario.model == calibration.bestModel)
        #expect(scenario.stepsPerDay == 24, "the data step")
        let garch = try #require(calibration.garchVarianceTargeted ?? calibration.garch)
        #expect(abs(scenario.garchAlpha - garch.alpha.value) <= 1e-5 * garch.alpha.value)
        let dof = min(60, max(3, garch.degreesOfFreedom.value))
        #expect(abs(scenario.garchDegreesOfFreedom - dof) <= 1e-5 * dof, "written with six significant digits")
        #expect(fragment.text.contains("garchDegreesOfFreedom: "))
        let jump = try #require(calibration.jump)
        let jumpIntensity = try #require(CalibrationTrapsTests.commented("jump", "jumpIntensity", in: fragment.text))
        #expect(abs(jumpIntensity - jump.jumpIntensity.value) <= 1e-5 * jump.jumpIntensity.value)
        #expect(scenario.jumpIntensity == Scenario().jumpIntensity, "the jump keys are comments only")
        let funding = try #require(calibration.fundingAR1)
        #expect(scenario.fundingIntervalHours == 8)
        #expect(abs(scenario.fundingPersistence - funding.persistence.value) <= 1e-5)
        #expect(abs(scenario.fundingPriceCorrelation - (funding.priceCorrelation?.value ?? .nan)) <= 1e-5)
        #expect(abs(scenario.fundingVol - funding.innovationStdev.value) <= 1e-5 * funding.innovationStdev.value)
        #expect(scenario.holding == Scenario().holding, "keys the fragment does not set keep their values")
    }

    @Test func volAndDriftComeFromTheChosenModel() throws {
        let calibration = try Self.calibration(models: .gbm)
        let scenario = try ScenarioFragment(calibration).scenario()
        let gbm = try #require(calibration.gbm)
        #expect(scenario.model == .gbm)
        #expect(abs(scenario.vol - gbm.vol.value) <= 1e-5 * gbm.vol.value)
        #expect(scenario.drift == 0, "a fitted drift is not a forecast")
        let kept = try ScenarioFragment(calibration, keepDrift: true).scenario()
        #expect(abs(kept.vol - gbm.vol.value) <= 1e-5 * gbm.vol.value)
        #expect(abs(kept.drift - gbm.drift.value) <= 1e-5 * abs(gbm.drift.value))
        #expect(calibration.jump == nil && calibration.garch == nil)
        #expect(!ScenarioFragment(calibration).text.contains("garchAlpha"))
    }

    @Test func reportsShowEveryParameterAndParseAsJSON() throws {
        let calibration = try Self.calibration(models: .all)
        let table = CalibrationReport.table(calibration)
        for label in ["GBM", "Merton", "GARCH", "Funding AR(1)", "log-likelihood", "AIC", "std. error", "persistence φ", "ν (degrees"] {
            #expect(table.contains(label), "table lacks \(label)")
        }
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 100 }, "table within 100 columns")
        let json = try CalibrationReport.json(calibration, fragment: ScenarioFragment(calibration))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let fits = try #require(object["calibration"] as? [String: Any])
        let gbm = try #require(fits["gbm"] as? [String: Any])
        #expect((gbm["vol"] as? [String: Any])?["standardError"] is NSNumber)
        #expect((object["scenarioFragment"] as? String)?.contains("model:") == true)
    }
}
