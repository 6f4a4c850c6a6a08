import Foundation
import Testing

/// `hedgesim monitor` as a cron job sees it: exit 0 and the report, exit 3 with an alert line when the
/// upper bound of P(liq) exceeds `--alert-above`, 64 and one line on bad input with nothing written.
@Suite struct MonitorCommandTests {
    static let position = ["monitor", "--venue", "bitmex", "--entry", "60000", "--contracts", "300000", "--margin", "1.2",
                           "--mark", "70000", "--days", "7", "--paths", "4000"]

    @Test func reportsAndAlerts() throws {
        let quiet = try BinaryRunner.run(Self.position + ["--format", "json", "--alert-above", "0.9"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(quiet.stdout.utf8)) as? [String: Any])
        let liquidation = try #require(json["liquidation"] as? [String: Any])
        #expect(liquidation["probability"] is Double)
        #expect((liquidation["ci95"] as? [Double])?.count == 2)
        #expect(json["liquidationPrice"] is Double)
        #expect(json["topUpCoin"] is Double)

        let loud = try BinaryRunner.run(Self.position + ["--alert-above", "0.05"])
        #expect(loud.status == 3)
        #expect(loud.stdout.contains("P(liq) 7 d"))
        #expect(loud.stderrLines.count == 1 && loud.stderr.contains("alert"), "\(loud.stderr)")
    }

    @Test func positionFileGivesTheSameReport() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let file = try scratch.write(Data("venue: bitmex\nentry: 60000\ncontracts: 300000\nmargin: 1.2\nmark: 70000\n".utf8), to: "p.yaml")
        let fromFile = try BinaryRunner.run(["monitor", "--position", file, "--days", "7", "--paths", "4000"])
        let fromFlags = try BinaryRunner.run(Self.position)
        #expect(fromFile.status == 0 && fromFile.stdout == fromFlags.stdout)
    }

    @Test(arguments: [
        (["--mark", "0"], "mark"),
        (["--mark", "90000"], "margin"),
        (["--days", "-1"], "days"),
        (["--alert-above", "5"], "alertAbove"),
        (["--model", "replay"], "history"),
    ])
    func badInputIsOneLine(change: [String], field: String) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let outcome = try BinaryRunner.run(Self.position + change + ["--output", scratch.path("out.txt")])
        #expect(outcome.status == 64, "\(change): \(outcome.stderr)")
        #expect(outcome.stderrLines.count == 1 && outcome.stderr.contains(field), "\(outcome.stderr)")
        #expect(try scratch.contents().isEmpty)
    }

    @Test func unknownPositionKeyIsNamed() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let file = try scratch.write(Data("entry: 60000\nmargn: 1\n".utf8), to: "p.yaml")
        let outcome = try BinaryRunner.run(["monitor", "--position", file])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("margn") && outcome.stderr.contains("did you mean 'margin'"), "\(outcome.stderr)")
    }
}
