import Foundation
import Testing

/// `hedgesim merge --missing DIR`: after a cluster run, which shards must run again. It reads the
/// shard count from the partial files, counts a damaged file as absent (naming it on standard
/// error), ignores hidden temporary files, and refuses with one line a folder that does not exist,
/// holds no partial file, or mixes runs.
@Suite struct MergeMissingTests {
    private let common = ["--seed", "41", "--paths", "1800", "--leverage", "3"]

    /// Writes the partials of `shards` (of 4) into `scratch/parts` and returns that folder.
    private func parts(_ shards: [Int], in scratch: ScratchDirectory, seed: String = "41") throws -> String {
        let folder = scratch.path("parts")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for index in shards {
            var arguments = ["run"] + common + ["--shard", "\(index)/4", "--partial", "\(folder)/run.\(index).part"]
            arguments[2] = seed
            let outcome = try BinaryRunner.run(arguments)
            #expect(outcome.status == 0, "shard \(index): \(outcome.stderr)")
        }
        return folder
    }

    private func missing(_ folder: String) throws -> RunOutcome {
        try BinaryRunner.run(["merge", "--missing", folder])
    }

    @Test func aCompleteRunMissesNothing() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let folder = try parts([0, 1, 2, 3], in: scratch)
        let outcome = try missing(folder)
        #expect(outcome.status == 0 && outcome.stdout == "missing: none\n" && outcome.stderr.isEmpty, "\(outcome)")
    }

    @Test func lostShardsAreListedInOrder() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let folder = try parts([2, 0], in: scratch)
        // What an interrupted shard may leave: its hidden temporary file, never taken for a partial.
        try scratch.write("half a partial", to: "parts/.run.1.part.4242.tmp")
        try scratch.write("a log, not a partial", to: "parts/slurm-7_3.log")
        let outcome = try missing(folder)
        #expect(outcome.status == 0 && outcome.stdout == "missing: 1 3\n" && outcome.stderr.isEmpty, "\(outcome)")
    }

    @Test func aDamagedPartialCountsAsMissingAndIsNamed() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let folder = try parts([0, 1, 2, 3], in: scratch)
        let damaged = "\(folder)/run.2.part"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: damaged))
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: damaged))
        let outcome = try missing(folder)
        #expect(outcome.status == 0 && outcome.stdout == "missing: 2\n", "\(outcome)")
        #expect(outcome.stderrLines.count == 1 && outcome.stderr.contains("run.2.part") && outcome.stderr.contains("truncated or altered"),
            "\(outcome.stderr)")
        // merge itself refuses the same folder's files, naming the damaged one.
        let files = (0..<4).map { "\(folder)/run.\($0).part" }
        let merged = try BinaryRunner.run(["merge"] + files)
        #expect(merged.status != 0 && merged.stderrLines.count == 1 && merged.stderr.contains("run.2.part"), "\(merged.stderr)")
    }

    @Test func aRepeatedShardIsNotMissingButIsReported() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let folder = try parts([0, 1, 3], in: scratch)
        try FileManager.default.copyItem(atPath: "\(folder)/run.1.part", toPath: "\(folder)/copy.part")
        let outcome = try missing(folder)
        #expect(outcome.status == 0 && outcome.stdout == "missing: 2\n", "\(outcome)")
        #expect(outcome.stderrLines.count == 1 && outcome.stderr.contains("shard 1 has several partial files"), "\(outcome.stderr)")
    }

    @Test func foldersThatCannotAnswerAreRefusedInOneLine() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let empty = scratch.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let garbage = scratch.path("garbage")
        try FileManager.default.createDirectory(atPath: garbage, withIntermediateDirectories: true)
        try scratch.write("not a partial", to: "garbage/run.0.part")
        let cases: [(String, String)] = [
            (scratch.path("does-not-exist"), "a readable folder of partial files"),
            (empty, "it holds no *.part file"),
            (garbage, "no readable one among 1 *.part files"),
            (scratch.path("garbage/run.0.part"), "a readable folder of partial files"),
        ]
        for (folder, expected) in cases {
            let outcome = try missing(folder)
            #expect(outcome.status != 0 && outcome.stdout.isEmpty, "\(folder): \(outcome)")
            #expect(outcome.stderrLines.count == 1 && outcome.stderr.contains("--missing") && outcome.stderr.contains(expected),
                "\(outcome.stderr)")
        }
    }

    @Test func partialsOfAnotherRunAreRefused() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let folder = try parts([0, 1], in: scratch)
        let foreign = try BinaryRunner.run(
            ["run", "--seed", "42", "--paths", "1800", "--leverage", "3", "--shard", "2/4", "--partial", "\(folder)/run.2.part"])
        #expect(foreign.status == 0)
        let outcome = try missing(folder)
        #expect(outcome.status != 0 && outcome.stderrLines.count == 1 && outcome.stderr.contains("seeds 41 and 42"), "\(outcome.stderr)")
    }

    @Test func missingTakesNoPartialFilesAndNoOutput() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let folder = try parts([0], in: scratch)
        let withFiles = try BinaryRunner.run(["merge", "\(folder)/run.0.part", "--missing", folder])
        #expect(withFiles.status != 0 && withFiles.stderrLines.count == 1 && withFiles.stderr.contains("--missing"), "\(withFiles.stderr)")
        let withOutput = try BinaryRunner.run(["merge", "--missing", folder, "--output", scratch.path("x.txt")])
        #expect(withOutput.status != 0 && withOutput.stderrLines.count == 1 && withOutput.stderr.contains("--output"), "\(withOutput.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("x.txt")))
    }
}
