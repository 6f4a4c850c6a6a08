import Foundation
import Testing

/// `hedgesim venues`, and `--venue` on `hedgesim run`: recorded in the report, overridden by flags
/// and config values wherever they appear.
@Suite struct CalculatorVenueTests {
    @Test func venuesListsEveryPresetWithSources() throws {
        let outcome = try BinaryRunner.run(["venues", "--format", "json"])
        #expect(outcome.status == 0)
        let listing = try ReportJSON.parse(outcome.stdout)
        #expect(listing["checked"] as? String == "2026-11-25 from research/exchange-mechanics.md")
        let venues = try #require(listing["venues"] as? [[String: Any]])
        #expect(venues.compactMap { $0["name"] as? String } == ["bitmex", "bybit", "deribit", "okx", "binance-coinm", "binance-usdm", "bybit-linear"])
        for venue in venues {
            let face = try #require(venue["faceValue"] as? [String: Any])
            #expect((face["source"] as? String)?.hasPrefix("https://") == true)
            #expect(face["checked"] as? String == (venue["contract"] as? String == "linear"
                ? "2026-12-06 from docs/research/usd-margined.md" : "2026-11-25 from research/exchange-mechanics.md"))
            #expect(face.keys.contains("note") && face.keys.contains("grade") && face.keys.contains("row"))
        }
        let table = try BinaryRunner.run(["venues"])
        #expect(table.status == 0 && table.stdout.contains("binance-coinm") && table.stdout.contains("[?]"))
        let one = try BinaryRunner.run(["venues", "okx"])
        #expect(one.status == 0 && one.stdout.contains("okx —") && !one.stdout.contains("bitmex —"))
    }

    @Test func presetAppliedThenOverriddenByAFlag() throws {
        let report = try ReportJSON.run(["--venue", "okx", "--fee", "0.001", "--paths", "200", "--horizon-days", "2", "--seed", "1"])
        let scenario = ReportJSON.scenario(report)
        #expect(scenario["venue"] as? String == "okx")
        #expect(ReportJSON.number(scenario, "fee") == 0.001, "the flag overrides the preset")
        #expect(ReportJSON.number(scenario, "faceValue") == 100, "the preset's other values stay")
        #expect(ReportJSON.number(scenario, "fundingMean") == 0)
        #expect(ReportJSON.number(scenario, "maintenanceRate") == 0.01, "OKX tier of 3,500 contracts")
    }

    /// A config value overrides a `--venue` flag, and a flag overrides a config `venue:`.
    @Test func configValuesOverrideTheFlagsVenue() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let config = try scratch.write("faceValue: 10\nmaintenanceRate: 0.02\nvenue: bybit\n", to: "scenario.yaml")
        let common = ["--config", config, "--paths", "200", "--horizon-days", "2", "--seed", "1"]
        let bybit = ReportJSON.scenario(try ReportJSON.run(common))
        #expect(bybit["venue"] as? String == "bybit" && ReportJSON.number(bybit, "faceValue") == 10)
        let bitmex = ReportJSON.scenario(try ReportJSON.run(common + ["--venue", "bitmex"]))
        #expect(bitmex["venue"] as? String == "bitmex" && bitmex["maintenanceConvention"] as? String == "entry")
        #expect(ReportJSON.number(bitmex, "faceValue") == 10 && ReportJSON.number(bitmex, "maintenanceRate") == 0.02)
    }
}
