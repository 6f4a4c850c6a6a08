import Foundation
import Testing

/// `--help` succeeds and names the main flags.
@Suite struct HelpTests {
    static let mainFlags = ["--holding", "--ratios", "--leverage", "--format", "--output", "--config", "--seed", "--threads"]

    @Test func runHelpListsTheMainFlags() throws {
        let outcome = try BinaryRunner.run(["run", "--help"])
        #expect(outcome.status == 0)
        for flag in Self.mainFlags {
            #expect(outcome.stdout.contains(flag), "run --help lacks \(flag)")
        }
    }

    @Test(arguments: [["--help"], ["-h"], ["help"], ["help", "run"]])
    func helpExitsZero(_ arguments: [String]) throws {
        let outcome = try BinaryRunner.run(arguments)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("run"))
        #expect(outcome.stdout.contains("USAGE"))
    }
}
