import Foundation
import Testing

/// Scale-out through existing schedulers: four `--shard I/4` runs as separate processes, merged by
/// `hedgesim merge`, give the single-process report number for number (timing aside); a merge with
/// a missing shard, a shard from another run, or a damaged file is refused with one line.
@Suite struct ShardMergeTests {
    private let common = ["--seed", "31", "--paths", "2900", "--leverage", "2,5"]

    private func shards(into scratch: ScratchDirectory, seed: String = "31") throws -> [String] {
        var files: [String] = []
        for index in 0..<4 {
            let file = scratch.path("shard\(index).part")
            var arguments = ["run"] + common + ["--shard", "\(index)/4", "--partial", file]
            arguments[2] = seed
            let outcome = try BinaryRunner.run(arguments)
            #expect(outcome.status == 0, "shard \(index): \(outcome.stderr)")
            files.append(file)
        }
        return files
    }

    @Test func fourSeparateShardsMergeToTheSingleRun() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let files = try shards(into: scratch)
        let merged = try BinaryRunner.run(["merge"] + files.reversed() + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let single = try ReportJSON.run(common)
        #expect(try ReportJSON.canonical(try ReportJSON.parse(merged.stdout)) == (try ReportJSON.canonical(single)))
    }

    @Test func missingForeignAndDamagedShardsAreRefused() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let files = try shards(into: scratch)
        let foreign = scratch.path("foreign.part")
        let other = try BinaryRunner.run(
            ["run", "--seed", "32", "--paths", "2900", "--leverage", "2,5", "--shard", "3/4", "--partial", foreign])
        #expect(other.status == 0)
        let damaged = try scratch.write(try Data(contentsOf: URL(fileURLWithPath: files[0])).prefix(500), to: "damaged.part")
        let cases: [([String], String)] = [
            (Array(files.prefix(3)), "missing shard(s) 3 of 4"),
            (Array(files.prefix(3)) + [foreign], "seeds 31 and 32"),
            (files + [files[1]], "shard(s) 1 given twice"),
            ([damaged] + files.dropFirst(), "truncated or altered"),
        ]
        for (arguments, expected) in cases {
            let output = scratch.path("merged.json")
            let outcome = try BinaryRunner.run(["merge"] + arguments + ["--output", output])
            #expect(outcome.status != 0)
            #expect(outcome.stderrLines.count == 1 && outcome.stderr.contains(expected), "\(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test func shardRunsNeedASeedAndAPartialFile() throws {
        let noSeed = try BinaryRunner.run(["run", "--paths", "500", "--shard", "0/2", "--partial", "/tmp/unused.part"])
        #expect(noSeed.status != 0 && noSeed.stderr.contains("seed"))
        let noFile = try BinaryRunner.run(["run", "--seed", "1", "--paths", "500", "--shard", "0/2"])
        #expect(noFile.status != 0 && noFile.stderr.contains("--partial"))
        let badShard = try BinaryRunner.run(["run", "--seed", "1", "--shard", "4/4", "--partial", "/tmp/unused.part"])
        #expect(badShard.status != 0 && badShard.stderr.contains("4/4"))
    }
}
