import Testing

/// Subcommands are matched before options: a mistyped one gets "did you mean" with the closest name,
/// never an option error from `run`; a bare word that is no subcommand is refused with the list.
@Suite struct SubcommandMatchingTests {
    @Test(arguments: [
        (["calibrat", "--prices", "x.csv"], "calibrate"),
        (["venue"], "venues"),
        (["compar", "a.yaml", "b.yaml"], "compare"),
        (["bechn"], "bench"),
    ])
    func mistypedSubcommandSuggestsTheClosest(_ arguments: [String], _ meant: String) throws {
        let outcome = try BinaryRunner.run(arguments)
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("unknown subcommand '\(arguments[0])'") && outcome.stderr.contains("did you mean '\(meant)'"))
        #expect(!outcome.stderr.contains("--price'"), "no option error from run")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }

    @Test func aWordFarFromEverySubcommandListsThem() throws {
        let outcome = try BinaryRunner.run(["frobnicate"])
        #expect(outcome.status == 64 && outcome.stderr.contains("unknown subcommand 'frobnicate'"))
        #expect(outcome.stderr.contains("run | compare") && !outcome.stderr.contains("did you mean"))
    }

    @Test func optionsAloneStillRunTheDefaultSubcommand() throws {
        let outcome = try BinaryRunner.run(["--paths", "300", "--seed", "1"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Recommendation"))
    }
}
