import Foundation
import Testing

/// One refused input: the arguments (and optionally a config file's bytes, passed as `--config
/// scenario.yaml`) and the texts the one-line error must contain (the field or flag, the bad value).
struct BadInput: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let config: [UInt8]?
    let mentions: [String]
    let label: String?

    init(_ arguments: [String], config: String? = nil, configBytes: [UInt8]? = nil, mentions: [String], label: String? = nil) {
        self.arguments = arguments
        self.config = configBytes ?? config.map { Array($0.utf8) }
        self.mentions = mentions
        self.label = label
    }

    var testDescription: String { label ?? arguments.map { $0.isEmpty ? "''" : $0 }.joined(separator: " ") }

    static let configFile = "scenario.yaml"

    static let corpus: [BadInput] = [
        BadInput(["--price", "0"], mentions: ["--price", "0"]),
        BadInput(["--price", "-5"], mentions: ["--price", "-5"]),
        BadInput(["--price=-5"], mentions: ["--price", "-5"]),
        BadInput(["--price", "nan"], mentions: ["--price", "nan"]),
        BadInput(["--price", "inf"], mentions: ["--price", "inf"]),
        BadInput(["--holding", "0"], mentions: ["--holding", "0"]),
        BadInput(["--paths", "0"], mentions: ["--paths", "0"]),
        BadInput(["--paths", "-3"], mentions: ["--paths", "-3"]),
        BadInput(["--paths", "2.5"], mentions: ["--paths", "2.5"]),
        BadInput(["--paths", "abc"], mentions: ["--paths", "abc"]),
        BadInput(["--ratios", "0,2.5"], mentions: ["--ratios", "2.5"]),
        BadInput(["--ratios", "-0.1"], mentions: ["--ratios", "-0.1"]),
        BadInput(["--ratios", "1:0:0.1"], mentions: ["--ratios", "1:0:0.1"]),
        BadInput(["--ratios", ""], mentions: ["--ratios", "\"\""]),
        BadInput(["--leverage", "0.5"], mentions: ["--leverage", "0.5"]),
        BadInput(["--leverage", "automatic"], mentions: ["--leverage", "automatic", "auto"]),
        BadInput(["--max-leverage", "500"], mentions: ["--max-leverage", "500"]),
        BadInput(["--objective", "max-profit"], mentions: ["--objective", "max-profit", "least-margin"]),
        BadInput(["--max-liquidation-probability", "0"], mentions: ["--max-liquidation-probability", "0"]),
        BadInput(["--max-liquidation-probability", "1"], mentions: ["--max-liquidation-probability", "1"]),
        BadInput(["--max-liquidation-probability", "1.5"], mentions: ["--max-liquidation-probability", "1.5"]),
        BadInput(["--until-settled", "--paths", "5000", "--max-paths", "1000"], mentions: ["--max-paths", "1000", "5000"]),
        BadInput(["--seed", "1", "--shard", "0/2", "--partial", "x.part"], mentions: ["--leverage", "auto", "--shard"]),
        BadInput(["--horizon-days", "0.01"], mentions: ["--horizon-days", "0.01"]),
        BadInput(["--instrument", "dated", "--expiry-days", "10"], mentions: ["--expiry-days", "10"]),
        BadInput(["--model", "heston"], mentions: ["--model", "heston"]),
        BadInput(["--margin", "portfolio"], mentions: ["--margin", "portfolio"]),
        BadInput(["--format", "xml"], mentions: ["--format", "xml"]),
        BadInput(["--seed", "-1"], mentions: ["--seed", "-1"]),
        BadInput(["--seed", "1.5"], mentions: ["--seed", "1.5"]),
        BadInput(["--vol", "-0.1"], mentions: ["--vol", "-0.1"]),
        BadInput(["--funding-persistence", "1.5"], mentions: ["--funding-persistence", "1.5"]),
        BadInput(["--garch-degrees-of-freedom", "2.5", "--model", "garch"], mentions: ["--garch-degrees-of-freedom", "2.5"]),
        BadInput(["--threads", "0"], mentions: ["--threads", "0"]),
        BadInput(["--scenario", "w2"], mentions: ["--scenario", "w2"]),
        BadInput(["--config", "missing.yaml"], mentions: ["--config", "missing.yaml"]),
        BadInput([], config: "holding: [1, 2\nprice: 3\n", mentions: ["--config", configFile], label: "config: malformed YAML"),
        BadInput([], config: "volatility: 0.5\n", mentions: ["volatility", "'vol'"], label: "config: unknown key volatility"),
        BadInput([], config: "price: \"abc\"\n", mentions: ["price", "abc"], label: "config: price \"abc\""),
        BadInput([], config: "price: .nan\n", mentions: ["price", "nan"], label: "config: price .nan"),
        BadInput([], config: "", mentions: ["--config", configFile], label: "config: empty file"),
        BadInput([], config: "- holding\n- 5\n", mentions: ["--config", configFile], label: "config: a list"),
        BadInput([], configBytes: [0x00, 0x01, 0xFF, 0xFE, 0x80, 0xC3, 0x28, 0x0A], mentions: ["--config", configFile], label: "config: binary junk"),
        BadInput([], config: "seed: -1\n", mentions: ["seed", "-1"], label: "config: seed -1"),
        BadInput([], config: "holding:\n  coins: 5\n", mentions: ["holding"], label: "config: nested mapping"),
        BadInput(["--colour", "red"], mentions: ["--colour"]),
    ]
}

/// Every refused input fails with one line on standard error naming the field and the value, and
/// never creates or touches the output file.
@Suite struct BadInputTests {
    static func checkRefusal(_ outcome: RunOutcome, _ input: BadInput, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!outcome.timedOut, sourceLocation: sourceLocation)
        #expect(outcome.status != 0, "accepted; stdout: \(outcome.stdout.prefix(200))", sourceLocation: sourceLocation)
        #expect(outcome.stdout.isEmpty, "stdout: \(outcome.stdout.prefix(200))", sourceLocation: sourceLocation)
        let lines = outcome.stderrLines
        #expect(lines.count == 1 && outcome.stderr.hasSuffix("\n"), "stderr is not one line: \(outcome.stderr)", sourceLocation: sourceLocation)
        for banned in ["USAGE", "Usage:", "Fatal error", "Stack dump", "Backtrace"] {
            #expect(!outcome.stderr.contains(banned), "stderr has '\(banned)': \(outcome.stderr)", sourceLocation: sourceLocation)
        }
        for text in input.mentions {
            #expect(outcome.stderr.contains(text), "stderr does not name '\(text)': \(outcome.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: BadInput.corpus)
    func refusedWithOneLineAndNoOutputFile(_ input: BadInput) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        var arguments = ["run", "--paths", "200"] + input.arguments
        var expectedFiles: [String] = []
        if let config = input.config {
            try scratch.write(Data(config), to: BadInput.configFile)
            arguments += ["--config", BadInput.configFile]
            expectedFiles.append(BadInput.configFile)
        }

        let fresh = try BinaryRunner.run(arguments + ["--output", "fresh.json"], in: scratch.url, timeout: 30)
        Self.checkRefusal(fresh, input)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("fresh.json")), "a refused run created its output file")

        let previous = "{\"previous\": \"report\"}\n"
        try scratch.write(previous, to: "existing.json")
        let again = try BinaryRunner.run(arguments + ["--output", "existing.json"], in: scratch.url, timeout: 30)
        Self.checkRefusal(again, input)
        #expect(try String(contentsOfFile: scratch.path("existing.json"), encoding: .utf8) == previous, "a refused run changed the existing output file")
        #expect(try scratch.contents() == (expectedFiles + ["existing.json"]).sorted(), "no stray files")
    }

    @Test func outputInAMissingFolderIsRefused() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let target = scratch.path("nonexistent-dir/x.json")
        let outcome = try BinaryRunner.run(["run", "--paths", "200", "--output", target])
        Self.checkRefusal(outcome, BadInput(["--output", target], mentions: ["--output", target]))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("nonexistent-dir")))

        let root = try BinaryRunner.run(["run", "--paths", "200", "--output", "/nonexistent-dir/x.json"])
        Self.checkRefusal(root, BadInput(["--output", "/nonexistent-dir/x.json"], mentions: ["--output", "/nonexistent-dir/x.json"]))
    }
}
