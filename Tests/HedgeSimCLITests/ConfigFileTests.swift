import Foundation
import Testing

/// `--config FILE` (YAML or JSON) and `--scenario`: the same results as the equivalent flags, flags win.
@Suite struct ConfigFileTests {
    static let flags = [
        "--holding", "3", "--price", "50000", "--horizon-days", "10", "--paths", "2000", "--ratios", "0,0.5,1",
        "--leverage", "2,4", "--model", "gbm", "--vol", "0.7", "--between-step-check", "false", "--seed", "5",
    ]
    static let yaml = """
        # the same scenario as `flags`
        holding: 3
        price: 50000
        horizonDays: 10
        paths: 2000
        hedgeRatios: [0, 0.5, 1]
        leverages:
          - 2
          - 4
        model: gbm
        vol: 0.7
        betweenStepCheck: false
        seed: 5
        """
    static let json = """
        {"holding": 3, "price": 50000, "horizonDays": 10, "paths": 2000, "hedgeRatios": [0, 0.5, 1],
         "leverages": [2, 4], "model": "gbm", "vol": 0.7, "betweenStepCheck": false, "seed": 5}
        """

    @Test(arguments: [("yaml", yaml), ("json", json)])
    func configGivesTheSameResultAsFlags(_ kind: String, _ text: String) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let config = try scratch.write(text, to: "scenario.\(kind)")
        let fromFlags = try ReportJSON.run(Self.flags)
        let fromConfig = try ReportJSON.run(["--config", config])
        #expect(ReportJSON.number(fromConfig, "seed") == 5, "seed: in the config is used")
        #expect(ReportJSON.number(ReportJSON.scenario(fromConfig), "holding") == 3)
        #expect(ReportJSON.cells(fromConfig).count == 6)
        #expect(try ReportJSON.canonical(fromConfig) == ReportJSON.canonical(fromFlags))
    }

    @Test func flagsOverrideConfigValues() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let config = try scratch.write(Self.yaml, to: "scenario.yaml")
        let overridden = try ReportJSON.run(["--config", config, "--price", "60000", "--ratios", "0.25", "--seed", "9"])
        let scenario = ReportJSON.scenario(overridden)
        #expect(ReportJSON.number(scenario, "price") == 60000)
        #expect(ReportJSON.number(scenario, "holding") == 3, "values the flags leave alone come from the config")
        #expect((scenario["hedgeRatios"] as? [NSNumber])?.map(\.doubleValue) == [0.25])
        #expect(ReportJSON.number(overridden, "seed") == 9, "--seed overrides seed: in the config")

        var equivalent = Self.flags
        equivalent += ["--price", "60000", "--ratios", "0.25", "--seed", "9"]
        #expect(try ReportJSON.canonical(overridden) == ReportJSON.canonical(try ReportJSON.run(equivalent)))
    }

    @Test func builtInScenarioW1ChecksLiquidationAtStepsOnly() throws {
        let report = try ReportJSON.run(["--scenario", "w1", "--paths", "2000", "--seed", "3"])
        let scenario = ReportJSON.scenario(report)
        #expect(scenario["betweenStepCheck"] as? Bool == false)
        #expect(ReportJSON.number(scenario, "fundingIntervalHours") == 1)
        #expect(ReportJSON.cells(report).count == 11)
        let standard = try ReportJSON.run(["--paths", "2000", "--seed", "3"])
        #expect(ReportJSON.scenario(standard)["betweenStepCheck"] as? Bool == true)
    }
}
