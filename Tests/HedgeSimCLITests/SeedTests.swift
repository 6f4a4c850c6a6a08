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

    /// One rule on every command: the given seed, else the file's, else 1; so a command repeats its
    /// numbers, and every report prints the seed it used.
    @Test func withoutSeedTheSeedIsOneAndReported() throws {
        let first = try BinaryRunner.run(["run", "--paths", "500", "--format", "json"])
        let second = try BinaryRunner.run(["run", "--paths", "500", "--seed", "1", "--format", "json"])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr) \(second.stderr)")
        #expect(Self.seedText(first.stdout) == "1")
        #expect(Self.means(try ReportJSON.parse(first.stdout)) == Self.means(try ReportJSON.parse(second.stdout)))

        let table = try BinaryRunner.run(["run", "--paths", "500"])
        #expect(table.status == 0)
        #expect(table.stdout.range(of: #"seed 1\b"#, options: .regularExpression) != nil, "the table prints the seed")
        let monitor = try BinaryRunner.run(["monitor", "--entry", "70000", "--notional", "350000", "--margin", "1.7",
                                            "--mark", "80000", "--maintenance-rate", "0.005", "--convention", "mark", "--paths", "500"])
        #expect(monitor.stdout.contains("seed 1"), "\(monitor.stdout)")
    }
}
