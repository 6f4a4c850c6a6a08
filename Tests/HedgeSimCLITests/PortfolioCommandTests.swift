import Foundation
import Testing

/// `hedgesim portfolio` end to end: the example in JSON and HTML, and bad files giving one line, exit 64
/// and nothing written.
@Suite struct PortfolioCommandTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/portfolio/three-coins.yaml").path

    @Test func reportsTheExampleAsJSONAndHTML() throws {
        let json = try BinaryRunner.run(["portfolio", Self.example, "--paths", "2000", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["cells"] as? [Any])?.count == 27 && (document["assets"] as? [Any])?.count == 3)
        let minimum = try #require(document["minimumVariance"] as? [String: Any])
        #expect((minimum["contracts"] as? [[String: Any]])?.compactMap { $0["contract"] as? String } == ["BTC", "ETH"])
        #expect(document["recommendedCell"] is Int)
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let page = scratch.path("p.html")
        let html = try BinaryRunner.run(["portfolio", Self.example, "--paths", "2000", "--format", "html", "--output", page])
        #expect(html.status == 0 && html.stdout.isEmpty, "\(html.stderr)")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.contains("correlation heat map") && text.contains("class=\"chosen\""))
    }

    /// OpenBLAS picks a dgemm kernel for the CPU, and kernels round differently (measured before the
    /// normals and the factor were rounded to multiples of 2⁻²²: SkylakeX, Haswell, Sandybridge and
    /// Prescott gave four different reports). Forcing the SSE3 (Prescott) and SSE4.2 (Nehalem) kernels
    /// of a dynamic-architecture OpenBLAS, the report of a GARCH portfolio with a dated contract and
    /// the three-coin example is the same as with the CPU's own kernel, byte for byte, except the
    /// minimum-variance vector (LAPACK's and BLAS's sums of the regression, a summary) and the timing.
    @Test func theReportDoesNotDependOnTheBLASKernel() throws {
        #if arch(x86_64)
        let examples = URL(fileURLWithPath: Self.example).deletingLastPathComponent()
        for file in ["garch.yaml", "dated.yaml", "three-coins.yaml"] {
            func report(_ core: String?) throws -> String {
                let outcome = try BinaryRunner.run(
                    ["portfolio", examples.appendingPathComponent(file).path, "--paths", "1500", "--format", "json"],
                    environment: core.map { ["OPENBLAS_CORETYPE": $0, "OPENBLAS_VERBOSE": "2"] } ?? [:])
                #expect(outcome.status == 0, "\(outcome.stderr)")
                if let core { #expect(outcome.stderr.contains("Core: \(core)"), "OpenBLAS ran its \(core) kernels: \(outcome.stderr)") }
                var document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
                document["timing"] = nil
                document["minimumVariance"] = nil
                return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
            }
            let own = try report(nil)
            for core in ["Prescott", "Nehalem"] { #expect(try report(core) == own, "\(file) with the \(core) kernels") }
        }
        #endif
    }

    @Test(arguments: [
        ("correlations: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]", "not positive semi-definite"),
        ("hedges:\n  - {asset: BTC, contract: DOGE, ratios: [1], leverage: 3}", "invalid hedges[0].contract: DOGE"),
        ("hedges:\n  - {asset: BTC, ratios: [1], leverage: 3, colour: red}", "invalid hedges[0].colour"),
    ])
    func badFilesAreOneLineAndWriteNothing(replacement: String, needle: String) throws {
        let original = try String(contentsOfFile: Self.example, encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        let key = replacement.hasPrefix("correlations") ? "correlations:" : "hedges:"
        let start = try #require(lines.firstIndex(of: key))
        var end = start + 1
        while end < lines.count, lines[end].hasPrefix("  ") { end += 1 }
        lines.replaceSubrange(start..<end, with: [replacement])
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let file = try scratch.write(Data(lines.joined(separator: "\n").utf8), to: "bad.yaml")
        let output = scratch.path("out.txt")
        let outcome = try BinaryRunner.run(["portfolio", file, "--output", output])
        #expect(outcome.status == 64)
        #expect(outcome.stderrLines.count == 1 && outcome.stderr.contains(needle), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// The GARCH example's table names each coin's model and the shared ν; a jump key on one of its
    /// GARCH coins is one line naming the key, exit 64.
    @Test func theGarchExampleNamesItsModelAndRefusesJumps() throws {
        let example = Self.example.replacingOccurrences(of: "three-coins.yaml", with: "garch.yaml")
        let table = try BinaryRunner.run(["portfolio", example, "--paths", "1000"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("400 SOL at 150 USD (GARCH-t, long-run vol 96%, α 0.06, β 0.92)"), "\(table.stdout)")
        #expect(table.stdout.contains("GARCH-t shocks with ν 4, one mixing variable"), "\(table.stdout)")
        let original = try String(contentsOfFile: example, encoding: .utf8)
        let jumping = original.replacingOccurrences(of: "garchBeta: 0.92}", with: "garchBeta: 0.92, jumpIntensity: 5}")
        #expect(jumping != original)
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let outcome = try BinaryRunner.run(["portfolio", try scratch.write(Data(jumping.utf8), to: "bad.yaml")])
        #expect(outcome.status == 64)
        #expect(outcome.stderrLines.count == 1 && outcome.stderr.contains("assets[2].jumpIntensity"), "\(outcome.stderr)")
    }

    /// `--shard I/N --partial F` on three shards, then `hedgesim merge`, prints the single run's JSON
    /// report, number for number (timing aside).
    @Test func shardsMergeIntoTheSingleRunsReport() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let common = ["portfolio", Self.example, "--paths", "1500", "--seed", "3"]
        let single = try BinaryRunner.run(common + ["--format", "json"])
        #expect(single.status == 0, "\(single.stderr)")
        var parts: [String] = []
        for index in 0..<3 {
            let part = scratch.path("p\(index).part")
            let outcome = try BinaryRunner.run(common + ["--shard", "\(index)/3", "--partial", part, "--threads", "\(index + 1)"])
            #expect(outcome.status == 0 && outcome.stdout.isEmpty, "\(outcome.stderr)")
            parts.append(part)
        }
        let merged = try BinaryRunner.run(["merge"] + parts.reversed() + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        func withoutTiming(_ text: String) throws -> NSDictionary {
            var document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            document["timing"] = nil
            return document as NSDictionary
        }
        #expect(try withoutTiming(merged.stdout) == withoutTiming(single.stdout))
        let csv = try BinaryRunner.run(["merge"] + parts + ["--format", "csv"])
        #expect(csv.status == 64 && csv.stderrLines.count == 1 && csv.stderr.contains("table | json | html for a portfolio"), "\(csv.stderr)")
        let complete = try BinaryRunner.run(["merge", "--missing", scratch.path("")])
        #expect(complete.status == 0 && complete.stdout == "missing: none\n", "\(complete.stdout)\(complete.stderr)")
        try FileManager.default.removeItem(atPath: parts[1])
        let gap = try BinaryRunner.run(["merge", "--missing", scratch.path("")])
        #expect(gap.status == 0 && gap.stdout == "missing: 1\n", "\(gap.stdout)\(gap.stderr)")
    }

    /// Flags a shard run would ignore, and a partial without a shard, are refused with one line.
    @Test(arguments: [
        (["--shard", "0/2", "--partial", "p.part", "--format", "json"], "none with --shard"),
        (["--shard", "0/2", "--partial", "p.part", "--output", "r.txt"], "none with --shard"),
        (["--shard", "0/2"], "together with --partial FILE"),
        (["--partial", "p.part"], "only together with --shard I/N"),
        (["--shard", "2/2", "--partial", "p.part"], "I/N with N from 1"),
    ])
    func shardFlagsThatCannotApplyAreRefused(flags: [String], needle: String) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let arguments = ["portfolio", Self.example, "--paths", "600", "--seed", "1"]
            + flags.map { $0.hasSuffix(".part") || $0.hasSuffix(".txt") ? scratch.path($0) : $0 }
        let outcome = try BinaryRunner.run(arguments)
        #expect(outcome.status == 64 && outcome.stderrLines.count == 1 && outcome.stderr.contains(needle), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("p.part")))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("r.txt")))
    }
}
