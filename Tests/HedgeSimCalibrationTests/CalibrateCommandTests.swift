import Foundation
import HedgeSimCalibration
import HedgeSimCore
import Testing

/// `hedgesim calibrate` end to end: the fragment it writes is accepted by `hedgesim run --config`, and
/// bad input gives one line on standard error, a non-zero exit and no file.
@Suite struct CalibrateCommandTests {
    /// `count` + 1 hourly GBM prices as a CryptoDataDownload-style file (banner, newest first, candle opens).
    static func pricesCSV(returns count: Int = 400) -> String {
        let returns = SyntheticSeries.gbm(count: count, drift: 0, vol: 0.7, dt: SyntheticSeries.hourYears, seed: 31)
        let path = SyntheticSeries.prices(from: returns, step: 3600)
        let rows = zip(path.times, path.prices).reversed().map { time, price in
            "\(Int(time)),x,BTC/USD,\(price),\(price),\(price),\(price),1,2"
        }
        return "https://www.CryptoDataDownload.com\nunix,date,symbol,open,high,low,close,Volume BTC,Volume USD\n"
            + rows.joined(separator: "\n") + "\n"
    }

    @Test func writesAFragmentThatRunAccepts() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let prices = try folder.write(Self.pricesCSV(), to: "prices.csv")
        let fragment = folder.path("fragment.yaml")
        let calibrate = try Hedgesim.run(["calibrate", "--prices", prices, "--model", "gbm", "--output", fragment])
        #expect(calibrate.status == 0, "\(calibrate.stderr)")
        #expect(calibrate.stdout.contains("GBM") && calibrate.stdout.contains("AIC"))
        let text = try String(contentsOfFile: fragment, encoding: .utf8)
        #expect(text.contains("model: gbm") && text.contains("stepsPerDay: 24"))
        #expect(try folder.contents() == ["fragment.yaml", "prices.csv"], "no temporary file is left behind")
        let run = try Hedgesim.run(["run", "--config", fragment, "--paths", "200", "--horizon-days", "1", "--seed", "1", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func jsonFormatCarriesTheFitAndTheFragment() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let prices = try folder.write(Self.pricesCSV(), to: "prices.csv")
        let outcome = try Hedgesim.run(["calibrate", "--prices", prices, "--model", "gbm", "--format", "json", "--to", "2030-01-01"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect((object?["scenarioFragment"] as? String)?.contains("model: gbm") == true)
    }

    @Test(arguments: [
        (["--model", "heston"], "hedgesim: error: invalid model (--model): heston; allowed: gbm | jump | garch | all"),
        (["--from", "yesterday"], "hedgesim: error: invalid from (--from): yesterday; allowed: an ISO-8601 date or time"),
        (["--price-column", "nope"], "hedgesim: error: PRICES:2: no price column named 'nope' (columns: unix, date, symbol"),
        (["--from", "2031-01-01"], "hedgesim: error: PRICES: fewer than two prices in the chosen window; nothing to fit"),
        (["--model", "jump"], "hedgesim: error: 100 returns on the 1 h grid; the jump model needs at least 200"),
    ])
    func badInputIsOneLineAndWritesNothing(_ extra: [String], _ expected: String) throws {
        let folder = try Folder()
        defer { folder.remove() }
        let prices = try folder.write(Self.pricesCSV(returns: 100), to: "prices.csv")
        let output = folder.path("fragment.yaml")
        let outcome = try Hedgesim.run(["calibrate", "--prices", prices, "--output", output] + extra)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.replacingOccurrences(of: prices, with: "PRICES").hasPrefix(expected), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func badRowIsOneLineWithFileAndLine() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let prices = try folder.write("time,price\n2020-01-01,1\n2020-01-02,abc\n", to: "prices.csv")
        let output = folder.path("fragment.yaml")
        let outcome = try Hedgesim.run(["calibrate", "--prices", prices, "--output", output])
        #expect(outcome.status != 0)
        #expect(outcome.stderr == "hedgesim: error: \(prices):3: price \"abc\" is not a number\n")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}

/// Runs the built `hedgesim` executable (next to the test bundle, or in `.build/debug`).
enum Hedgesim {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    struct NotBuilt: Error, CustomStringConvertible {
        var description: String { "hedgesim executable not found; run `swift build --build-tests` first" }
    }

    static func executable() throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hedgesim"),
            root.appendingPathComponent(".build/debug/hedgesim"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else { throw NotBuilt() }
        return found
    }

    static func run(_ arguments: [String]) throws -> Outcome {
        let folder = try Folder()
        defer { folder.remove() }
        let out = URL(fileURLWithPath: folder.path("stdout")), err = URL(fileURLWithPath: folder.path("stderr"))
        try Data().write(to: out)
        try Data().write(to: err)
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }
}

/// A fresh temporary folder; call `remove()` when done.
struct Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hedgesim-calibration-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ text: String, to name: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
