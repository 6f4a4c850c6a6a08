import Foundation
import Testing
@testable import HedgeSimCore

/// Applying a preset to a scenario: the fields it sets, explicit values overriding it in any order,
/// the maintenance tier of the grid's largest position, and refusals.
@Suite struct VenueScenarioTests {
    static func resolved(_ entries: [(key: String, value: FieldValue)], base: Scenario = Scenario()) throws -> Scenario {
        var scenario = base
        try ScenarioFields.apply(entries, to: &scenario)
        return scenario
    }

    @Test func presetSetsTheEngineFields() throws {
        let s = try Self.resolved([("venue", .text("bitmex"))])
        #expect(s.venue == "bitmex")
        #expect(s.faceValue == 1 && s.fee == 0.0005 && s.settlementFee == 0.0005)
        #expect(s.maintenanceRate == 0.005 && s.maintenanceConvention == .entry)
        #expect(s.fundingIntervalHours == 8 && s.fundingCap == 0.00375 && s.fundingMean == 0.0001)

        let deribit = try Self.resolved([("venue", .text("deribit"))])
        #expect(deribit.faceValue == 10 && deribit.fundingMean == 0, "Deribit's neutral funding is 0 (no interest term)")
        #expect(deribit.fundingCap == Scenario().fundingCap, "no sourced cap: the scenario keeps its own")
        // 5 BTC at 70,000, ratio 1: 35,000 contracts of 10 USD = 5 BTC → 1 % + 5 × 0.005 %.
        #expect(abs(deribit.maintenanceRate - 0.01025) < 1e-15)
        #expect(try Self.resolved([("venue", .text("okx"))]).fundingMean == 0)
    }

    /// Every preset gives a valid default scenario (a USD-margined one with a linear perpetual at 3x).
    @Test(arguments: Venue.names)
    func everyPresetValidates(_ name: String) throws {
        let linear: [(key: String, value: FieldValue)] = Venue.named(name)?.contract == .linear
            ? [("instrument", .text("linear-perpetual")), ("leverages", .number(3))] : []
        try Self.resolved(linear + [("venue", .text(name))]).validate()
    }

    /// An explicit value wins over the preset whether it comes before or after `venue`, from a config
    /// or from flags.
    @Test func explicitValuesOverrideThePresetInAnyOrder() throws {
        for entries: [(key: String, value: FieldValue)] in [
            [("fee", .number(0.001)), ("venue", .text("okx"))],
            [("venue", .text("okx")), ("fee", .text("0.001"))],
        ] {
            let s = try Self.resolved(entries)
            #expect(s.fee == 0.001 && s.faceValue == 100 && s.venue == "okx")
        }
        let document = try ScenarioDocument(text: "fee: 0.001\nvenue: okx\nfaceValue: 50\n", source: "test.yaml")
        var fromFile = Scenario()
        try document.apply(to: &fromFile)
        #expect(fromFile.fee == 0.001 && fromFile.faceValue == 50 && fromFile.maintenanceConvention == .mark && fromFile.maintenanceRate == 0.01)
        // A flag's venue (after the config's entries) replaces the config's venue; the config's values stay.
        let combined = try Self.resolved(document.entries + [("venue", .text("bitmex"))])
        #expect(combined.venue == "bitmex" && combined.fee == 0.001 && combined.faceValue == 50)
        #expect(combined.maintenanceConvention == .entry)
    }

    /// The tier fits the position at the largest hedge ratio; an explicit rate is never replaced.
    @Test func maintenanceTierFollowsTheLargestPosition() throws {
        // OKX, 5 BTC at 70,000: ratio 1 → 3,500 contracts (1.0 %), ratio 0.2 → 700 contracts (0.5 %).
        #expect(try Self.resolved([("venue", .text("okx"))]).maintenanceRate == 0.01)
        #expect(try Self.resolved([("venue", .text("okx")), ("hedgeRatios", .text("0,0.2"))]).maintenanceRate == 0.005)
        #expect(try Self.resolved([("maintenanceRate", .number(0.007)), ("venue", .text("okx"))]).maintenanceRate == 0.007)
        // BitMEX, 300 BTC hedged 1:1 → 1.0 % (200 ≤ size < 350 XBT).
        #expect(try Self.resolved([("venue", .text("bitmex")), ("holding", .number(300))]).maintenanceRate == 0.01)
    }

    @Test func sizesOutsideTheSourcedTiersTakeAConservativeTier() throws {
        // Binance: 10 BTC falls between the sourced rows (the next row up is used); 300 BTC's row has a
        // deduction the engine does not model (dropped: more maintenance). An explicit rate still wins.
        for holding in [10.0, 300] {
            let resolved = try Self.resolved([("venue", .text("binance-coinm")), ("holding", .number(holding))])
            #expect(resolved.maintenanceRate > (try #require(Venue.named("binance-coinm"))).maintenance.value.firstTier.rate)
            let explicit = try Self.resolved([("venue", .text("binance-coinm")), ("holding", .number(holding)), ("maintenanceRate", .number(0.02))])
            #expect(explicit.maintenanceRate == 0.02)
        }
    }

    @Test func unknownVenueSuggestsTheClosestName() {
        for (name, hint) in [("binance", "binance-coinm"), ("BitMEX", "bitmex"), ("okex", "okx"), ("derbit", "deribit")] {
            #expect {
                try Self.resolved([("venue", .text(name))])
            } throws: { error in
                "\(error)".contains("did you mean '\(hint)'") && (error as? InputError)?.field == "venue"
            }
        }
        #expect(throws: InputError.self) { try Self.resolved([("venue", .number(3))]) }
    }

    @Test func venueIsRecordedInTheScenarioJSON() throws {
        let s = try Self.resolved([("venue", .text("deribit"))])
        let data = try JSONEncoder().encode(s)
        #expect(String(decoding: data, as: UTF8.self).contains("\"venue\":\"deribit\""))
        #expect(try JSONDecoder().decode(Scenario.self, from: data) == s)
        #expect(try JSONDecoder().decode(Scenario.self, from: JSONEncoder().encode(Scenario())).venue == nil)
    }
}
