import Foundation
import Testing

/// The seed makes a run reproducible; without one a seed is drawn and reported.
@Suite struct SeedTests {
    static func means(_ report: [String: Any]) -> [Double] {
        ReportJSON.cells(report).compactMap { ReportJSON.number($0, "netValueUSD", "mean") }
    }

    @Test func sameSeedGivesTheSameReport() throws {
        let first = try ReportJSON.run(["--paths", "2000", "--seed", "123"])
        let second = try ReportJSON.run(["--paths", "2000", "--seed", "123"])
        #expect(try ReportJSON.canonical(first) == ReportJSON.canonical(second))
    }

    @Test func differentSeedsGiveDifferentMeans() throws {
        let first = try ReportJSON.run(["--paths", "2000", "--seed", "123"])
        let second = try ReportJSON.run(["--paths", "2000", "--seed", "124"])
        #expect(Self.means(first).count == 11)
        #expect(Self.means(first) != Self.means(second))
    }

    @Test func largestSeedIsAccepted() throws {
        let outcome = try BinaryRunner.run(["run", "--paths", "500", "--seed", "18446744073709551615", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.seedText(outcome.stdout) == "18446744073709551615")
    }

    /// The `"seed"` value as written, so that seeds above 2^53 keep every digit.
    static func seedText(_ json: String) -> String? {
        guard let range = json.range(of: #""seed"\s*:\s*[0-9]+"#, options: .regularExpression) else { return nil }
        return String(json[range].drop { !$0.isNumber })
    }

    @Test func withoutSeedOneIsDrawnAndReported() throws {
        let first = try BinaryRunner.run(["run", "--paths", "500", "--format", "json"])
        let second = try BinaryRunner.run(["run", "--paths", "500", "--format", "json"])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr) \(second.stderr)")
        let seeds = [Self.seedText(first.stdout), Self.seedText(second.stdout)]
        #expect(seeds.allSatisfy { $0.flatMap(UInt64.init) != nil }, "JSON seed present: \(seeds)")
        #expect(seeds[0] != seeds[1], "two runs without --seed drew the same seed")
        #expect(Self.means(try ReportJSON.parse(first.stdout)) != Self.means(try ReportJSON.parse(second.stdout)))

        let table = try BinaryRunner.run(["run", "--paths", "500"])
        #expect(table.status == 0)
        #expect(table.stdout.range(of: #"seed [0-9]+"#, options: .regularExpression) != nil, "the table prints the drawn seed")
    }
}
