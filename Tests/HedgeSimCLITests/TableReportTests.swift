import Foundation
import Testing

/// The terminal table: within 100 columns, with the seed and the recommendation.
@Suite struct TableReportTests {
    static let scenarios: [[String]] = [
        [],
        ["--model", "garch", "--instrument", "dated", "--basis", "0.12", "--leverage", "2,3,5", "--ratios", "0:1.5:0.25"],
        ["--margin", "cross", "--leverage", "1", "--model", "gbm", "--objective", "min-es"],
        // A large holding (10,000 coins at 100,000 USD = 1e9 USD) makes every USD column wide.
        ["--holding", "10000", "--price", "100000"],
    ]

    @Test(arguments: scenarios)
    func everyLineFitsIn100Columns(_ extra: [String]) throws {
        let outcome = try BinaryRunner.run(["run", "--paths", "2000", "--seed", "7"] + extra)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 10)
        for line in lines {
            #expect(line.count <= 100, "\(line.count) characters: \(line)")
        }
    }

    @Test func showsTheSeedAndTheRecommendation() throws {
        let arguments = ["--paths", "2000", "--seed", "7"]
        let outcome = try BinaryRunner.run(["run"] + arguments)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
        #expect(outcome.stdout.contains("seed 7"))
        let report = try ReportJSON.run(arguments)
        let reason = try #require((report["recommendation"] as? [String: Any])?["reason"] as? String)
        // The table wraps the reason over lines; compare with runs of white space collapsed.
        func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        #expect(words(outcome.stdout).contains(words(reason)), "the table lacks the recommendation: \(reason)")
        #expect(outcome.stdout.contains("Recommendation"))
    }
}
