import Foundation
import HedgeSimCalibration
import Testing

/// `hedgesim backtest` end to end: the three formats, and bad input giving one line on standard error,
/// a non-zero exit and no file.
@Suite struct BacktestCommandTests {
    /// 120 daily GBM prices as a plain `time,price` file.
    static func pricesCSV() -> String {
        let returns = SyntheticSeries.gbm(count: 120, drift: 0, vol: 0.7, dt: 1 / 365.0, seed: 5)
        let path = SyntheticSeries.prices(from: returns, firstTime: 1_577_836_800, step: 86_400)
        return "time,price\n" + zip(path.times, path.prices).map { "\(Int($0)),\($1)" }.joined(separator: "\n") + "\n"
    }

    static let arguments = ["--horizon-days", "5", "--window-days", "60", "--models", "gbm,bootstrap", "--paths", "500", "--seed", "3"]

    @Test func writesTableJSONAndSelfContainedHTML() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let prices = try folder.write(Self.pricesCSV(), to: "prices.csv")
        let table = try Hedgesim.run(["backtest", "--prices", prices] + Self.arguments)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("VaR backtests") && table.stdout.contains("Realised hedge outcomes"))
        #expect(table.stdout.contains("bootstrap") && table.stdout.contains("h 0.5 · 5x"))
        let json = try Hedgesim.run(["backtest", "--prices", prices, "--format", "json"] + Self.arguments)
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["windows"] as? [Any])?.count == 12, "window ends every 5 days from day 60 to day 115")
        #expect((document["varBacktests"] as? [Any])?.count == 2 * 5 * 2)
        let page = folder.path("backtest.html")
        let html = try Hedgesim.run(["backtest", "--prices", prices, "--format", "html", "--output", page] + Self.arguments)
        #expect(html.status == 0 && html.stdout.isEmpty, "\(html.stderr)")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>") && text.components(separatedBy: "<svg").count == 3, "one chart per model")
        #expect(!text.contains("<script") && !text.contains("src=") && !text.contains("href="), "no external assets")
    }

    /// `--policy none,top-up` replays each hedged cell with and without top-ups through the same
    /// history: the top-up cell's realised liquidations are never more (the replay path is the same and a
    /// top-up only adds margin), and the report says how often it acted and how much it moved.
    @Test func replaysEachPolicy() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let prices = try folder.write(Self.pricesCSV(), to: "prices.csv")
        let arguments = ["backtest", "--prices", prices, "--format", "json", "--leverage", "10", "--ratios", "1",
                         "--policy", "none,top-up", "--top-up-at", "0.3"] + Self.arguments
        let run = try Hedgesim.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let outcomes = try #require(document["hedgeOutcomes"] as? [[String: Any]])
        let cells = outcomes.compactMap { $0["cell"] as? [String: Any] }
        #expect(cells.compactMap { $0["policy"] as? String } == ["none", "none", "top-up"], "unhedged, then 10x without and with top-ups")
        let alone = try #require(outcomes[1]["liquidations"] as? Int)
        let managed = try #require(outcomes[2]["liquidations"] as? Int)
        #expect(managed <= alone)
        #expect(outcomes[2]["windowsWithActions"] is Int && outcomes[2]["meanCoinsMoved"] is Double)
        #expect(outcomes[1]["windowsWithActions"] == nil || outcomes[1]["windowsWithActions"] is NSNull)
        let table = try Hedgesim.run(Array(arguments.filter { $0 != "json" && $0 != "--format" }))
        #expect(table.stdout.contains("h 1 · 10x · top-up: topped up in "), "\(table.stdout)")
    }

    @Test(arguments: [
        (["--horizon-days", "1", "--top-up-at", "0.5"], "topUpAt"),
        (["--horizon-days", "1", "--policy", "top-up", "--top-up-at", "2"], "topUpAt"),
        (["--horizon-days", "1", "--policy", "sometimes"], "policies"),
        (["--horizon-days", "0"], "horizonDays"),
        (["--horizon-days", "1.5"], "horizonDays"),
        (["--horizon-days", "1", "--models", "gbm,replay"], "models"),
        (["--horizon-days", "1", "--models", "gbm,gbm"], "models"),
        (["--horizon-days", "1", "--format", "pdf"], "format"),
        (["--horizon-days", "1", "--window-days", "100", "--models", "garch"], "windowDays"),
        (["--horizon-days", "1", "--window-days", "400"], "windowDays"),
        (["--horizon-days", "1", "--ratios", "3"], "hedgeRatios"),
        (["--horizon-days", "1", "--leverage", "1"], "leverages"),
        (["--horizon-days", "1", "--steps-per-day", "5"], "stepsPerDay"),
        (["--horizon-days", "1", "--from", "2020-03-01", "--to", "2020-02-01"], "to"),
        (["--horizon-days", "1", "--vol-scale", "0"], "volScale"),
        (["--horizon-days", "1", "--seed", "-1"], "seed"),
    ])
    func badInputIsOneLineAndWritesNothing(arguments: [String], field: String) throws {
        let folder = try Folder()
        defer { folder.remove() }
        let prices = try folder.write(Self.pricesCSV(), to: "prices.csv")
        let outcome = try Hedgesim.run(["backtest", "--prices", prices, "--models", "gbm", "--window-days", "60", "--output", folder.path("out.txt")] + arguments)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.hasPrefix("hedgesim: error: ") && outcome.stderr.contains(field), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(try folder.contents() == ["prices.csv"], "nothing written")
    }

    @Test func aMissingOrBrokenPriceFileIsOneLine() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let broken = try folder.write("time,price\n1577836800,abc\n", to: "broken.csv")
        for file in [folder.path("absent.csv"), broken] {
            let outcome = try Hedgesim.run(["backtest", "--prices", file, "--horizon-days", "1"])
            #expect(outcome.status != 0 && outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
            #expect(outcome.stderr.contains(file))
        }
    }
}
