import Foundation
import HedgeSimCore
import Testing

/// Scenario files with `variants:` (and `stress:`): each variant runs on its own, unknown keys name
/// their path with a "did you mean" hint.
@Suite struct VariantTests {
    static let file = """
        holding: 5
        paths: 1000
        seed: 11
        hedgeRatios: [0, 0.5, 1]
        leverages: [2]
        stress: [crash]
        variants:
          perpetual-3x: {leverages: [3]}
          dated-90d:
            instrument: dated
            expiryDays: 90
            stress: [basis-inversion, replay:prices.csv]
        """

    /// 60 hourly prices rising 0.1 % an hour, for a replay stress.
    static let prices = "time,price\n" + (0..<60).map { "\(1_600_000_000 + 3600 * $0),\(70_000 * exp(0.001 * Double($0)))" }.joined(separator: "\n") + "\n"

    @Test func documentResolvesVariantsOverTheBase() throws {
        let document = try ScenarioDocument(text: Self.file, source: "test.yaml")
        let runs = try document.runs()
        #expect(runs.map(\.variant) == ["perpetual-3x", "dated-90d"])
        #expect(runs.allSatisfy { $0.seed == 11 })
        #expect(runs[0].stress.map(\.name) == ["crash"], "a variant without stress: keeps the base's list")
        #expect(runs[1].stress.map(\.name) == ["basis-inversion", "replay:prices.csv"])
        var scenario = Scenario()
        try ScenarioFields.apply(runs[0].entries, to: &scenario)
        #expect(scenario.leverages == [3] && scenario.holding == 5, "the variant's keys win over the base's")
        #expect(try document.runs(named: "dated-90d").map(\.variant) == ["dated-90d"])
        let plain = try ScenarioDocument(text: "holding: 2\nstress: crash,squeeze\n", source: "plain.yaml")
        #expect(try plain.runs().map(\.variant) == [nil] && plain.variants.isEmpty)
        #expect(try plain.runs()[0].stress.map(\.name) == ["crash", "squeeze"])
    }

    @Test func runReportsEveryVariantWithItsStress() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write(Self.file, to: "variants.yaml")
        try scratch.write(Self.prices, to: "prices.csv")
        let table = try BinaryRunner.run(["run", "--config", "variants.yaml"], in: scratch.url)
        #expect(table.status == 0, "\(table.stderr)")
        let first = try #require(table.stdout.range(of: "Variant perpetual-3x"))
        let second = try #require(table.stdout.range(of: "Variant dated-90d"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(table.stdout.contains("replay:prices.csv"), "the stress section names each stress")

        let json = try BinaryRunner.run(["run", "--config", "variants.yaml", "--format", "json"], in: scratch.url)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: [String: Any]])
        #expect(Set(object.keys) == ["perpetual-3x", "dated-90d"])
        let dated = try #require(object["dated-90d"])
        #expect(ReportJSON.scenario(dated)["instrument"] as? String == "dated")
        #expect((ReportJSON.scenario(try #require(object["perpetual-3x"]))["leverages"] as? [NSNumber])?.map(\.doubleValue) == [3])
        let stress = try #require(dated["stress"] as? [[String: Any]])
        #expect(stress.map { $0["name"] as? String } == ["basis-inversion", "replay:prices.csv"])
        let replayDays = try #require(stress[1]["days"] as? [NSNumber])
        #expect(abs((replayDays.last?.doubleValue ?? 0) - 59.0 / 24) < 1e-9, "a 59-step stretch cuts the horizon")

        let one = try BinaryRunner.run(["run", "--config", "variants.yaml", "--variant", "dated-90d", "--format", "json"], in: scratch.url)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try ReportJSON.canonical(try ReportJSON.parse(one.stdout)) == ReportJSON.canonical(dated))
    }

    @Test(arguments: [
        ("variants:\n  dated-90d: {instrument: dated, expiry: 90}\n", "'variants.dated-90d.expiry'", "did you mean 'expiryDays'?"),
        ("levrage: 3\n", "'levrage'", "did you mean 'leverages'?"),
        ("variants:\n  a: {variants: {b: {}}}\n", "'variants.a.variants'", "no variants inside a variant"),
        ("stres: [crash]\n", "'stres'", "did you mean 'stress'?"),
        ("stress: [crahs]\n", "crahs", "did you mean 'crash'?"),
    ])
    func unknownKeysNameTheirPath(_ text: String, _ path: String, _ hint: String) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write(text, to: "bad.yaml")
        let outcome = try BinaryRunner.run(["run", "--config", "bad.yaml"], in: scratch.url)
        #expect(outcome.status != 0 && outcome.stdout.isEmpty)
        #expect(outcome.stderrLines.count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(path) && outcome.stderr.contains(hint), "\(outcome.stderr)")
    }

    @Test func unknownVariantIsRefusedWithAHint() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write(Self.file, to: "variants.yaml")
        let outcome = try BinaryRunner.run(["run", "--config", "variants.yaml", "--variant", "dated-90"], in: scratch.url)
        #expect(outcome.status != 0)
        #expect(outcome.stderrLines.count == 1 && outcome.stderr.contains("did you mean 'dated-90d'?"), "\(outcome.stderr)")
    }
}
