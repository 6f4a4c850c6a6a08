import Foundation
import Testing

/// `hedgesim init`: a commented starter scenario that runs as is, never overwriting a file unasked.
@Suite struct InitCommandTests {
    @Test func starterScenarioRunsAsIs() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let written = try BinaryRunner.run(["init", "scenario.yaml"], in: scratch.url)
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        let text = try String(contentsOfFile: scratch.path("scenario.yaml"), encoding: .utf8)
        #expect(text.hasPrefix("# HedgeSim scenario"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("#") }.count >= 10, "the starter explains itself in comments")
        let run = try BinaryRunner.run(["run", "--config", "scenario.yaml"], in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Recommendation"))
        #expect(run.stdout.contains("Stress scenarios"), "the starter's stress list runs")
        let printed = try BinaryRunner.run(["init"], in: scratch.url)
        #expect(printed.status == 0 && printed.stdout == text, "without FILE the same scenario goes to standard output")
    }

    @Test func existingFileIsKeptUnlessForced() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("holding: 1\n", to: "mine.yaml")
        let refused = try BinaryRunner.run(["init", "mine.yaml"], in: scratch.url)
        #expect(refused.status != 0)
        #expect(refused.stderrLines.count == 1 && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "holding: 1\n")
        let forced = try BinaryRunner.run(["init", "mine.yaml", "--force"], in: scratch.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# HedgeSim scenario"))
        #expect(try scratch.contents() == ["mine.yaml"], "no temporary file is left behind")
    }
}
