import Foundation
import Testing

/// The traps of the way-in issue: a flag the chosen instrument or model does not use is refused with
/// the reason; a config key that is not used is a note; a value that looks like a percent where a
/// fraction is meant is a warning with the fraction probably meant, and `--strict` refuses it.
@Suite struct IgnoredInputTests {
    @Test(arguments: [
        (["--basis", "0.2", "--expiry-days", "90"], "--instrument dated"),
        (["--basis", "0.2"], "--basis"),
        (["--model", "bootstrap", "--vol", "0.3", "--drift", "0"], "--model gbm, jump or garch"),
        (["--instrument", "dated", "--funding-mean", "0.001"], "--instrument perpetual"),
        (["--model", "gbm", "--jump-intensity", "5"], "--model jump"),
        (["--max-paths", "40000"], "--until-settled"),
        (["--model", "bootstrap", "--funding-price-correlation", "0.5"], "no normal shock to correlate with"),
        (["--model", "replay", "--instrument", "dated", "--expiry-days", "90", "--basis-price-correlation", "0.5"], "no normal shock to correlate with"),
    ])
    func aFlagTheSetupDoesNotUseIsRefused(_ arguments: [String], _ mention: String) throws {
        let outcome = try BinaryRunner.run(arguments + ["--paths", "200", "--seed", "1"])
        #expect(outcome.status != 0, "accepted: \(outcome.stdout.prefix(120))")
        #expect(outcome.stderr.contains(mention) && outcome.stderr.contains("remove it or change the setup"), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }

    @Test func aConfigKeyTheSetupDoesNotUseIsANote() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let file = scratch.path("perpetual.yaml")
        try "paths: 200\nbasis: 0.1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["--config", file, "--seed", "1"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("hedgesim: note: basis 0.1 is not used: it applies to --instrument dated"))
    }

    @Test(arguments: [
        (["--fee", "0.04"], "0.0004"),
        (["--funding-mean", "0.01"], "0.0001"),
        (["--max-liquidation-probability", "0.5"], "0.005"),
        (["--vol", "6"], "0.06"),
    ])
    func percentLikeValuesWarnAndStrictRefuses(_ arguments: [String], _ meant: String) throws {
        let warned = try BinaryRunner.run(arguments + ["--paths", "200", "--seed", "1"])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.contains("hedgesim: warning: \(arguments[0]) \(arguments[1])") && warned.stderr.contains("give \(meant)"))
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let output = scratch.path("report.json")
        let strict = try BinaryRunner.run(arguments + ["--paths", "200", "--seed", "1", "--strict", "--format", "json", "--output", output])
        #expect(strict.status != 0 && strict.stderr.contains("give \(meant)"))
        #expect(!FileManager.default.fileExists(atPath: output), "nothing written")
    }

    @Test func ordinaryValuesGiveNoWarning() throws {
        let outcome = try BinaryRunner.run(["--fee", "0.0005", "--vol", "0.8", "--paths", "200", "--seed", "1", "--strict"])
        #expect(outcome.status == 0 && !outcome.stderr.contains("warning"), "\(outcome.stderr)")
    }
}
