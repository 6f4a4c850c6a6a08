import Foundation
import HedgeSimCalibration
import HedgeSimCore
import Testing

/// The traps of the "way in" issue: a fitted drift forecast as a trend, one model's vol carried into
/// another, pandas' unnamed index column, and semicolon- or tab-separated files.
@Suite struct CalibrationTrapsTests {
    /// The value of `key` on the comment line `# model: key value, …`, or nil when there is none.
    static func commented(_ model: String, _ key: String, in text: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# \(model): ") }) else { return nil }
        for pair in line.dropFirst("# \(model): ".count).split(separator: ",") {
            let parts = pair.split(separator: " ")
            if parts.count == 2, parts[0] == key { return Double(parts[1]) }
        }
        return nil
    }

    // MARK: 1. drift 0 unless --keep-drift

    @Test func fragmentDriftIsZeroUnlessKept() throws {
        let calibration = try ScenarioFragmentTests.calibration(models: .all)
        let fitted = try #require(calibration.garchVarianceTargeted ?? calibration.garch).drift.value
        #expect(fitted != 0)
        let fragment = ScenarioFragment(calibration)
        #expect(try fragment.scenario().drift == 0)
        #expect(fragment.text.contains("\ndrift: 0\n"))
        #expect(fragment.text.contains("# Drift 0: the fitted μ = ") && fragment.text.contains("not a forecast"))
        #expect(fragment.text.contains("--keep-drift"), "the comment says how to keep the fitted drift")
        let kept = ScenarioFragment(calibration, keepDrift: true)
        #expect(abs(try kept.scenario().drift - fitted) <= 1e-5 * abs(fitted))
        #expect(kept.text.contains("as fitted (--keep-drift)"))
    }

    // MARK: 2. only the chosen model's keys

    @Test func fragmentCarriesOnlyTheChosenModelsKeysAndListsTheOthers() throws {
        let calibration = try ScenarioFragmentTests.calibration(models: .all)
        let fragment = ScenarioFragment(calibration)
        let document = try ScenarioDocument(text: fragment.text, source: "fragment.yaml")
        let keys = Set(document.entries.map(\.key))
        let scenario = try fragment.scenario()
        #expect(ScenarioFields.unusedNotes(document.entries, in: scenario).isEmpty, "run prints no unused-key notes")
        let jump = try #require(calibration.jump)
        let garch = try #require(calibration.garchVarianceTargeted ?? calibration.garch)
        let gbm = try #require(calibration.gbm)
        switch calibration.bestModel {
        case .garch:
            #expect(keys.isDisjoint(with: ["jumpIntensity", "jumpMean", "jumpStdev"]))
            #expect(abs(scenario.vol - garch.longRunVol.value) <= 1e-5 * garch.longRunVol.value)
        case .jump:
            #expect(keys.isDisjoint(with: ["garchAlpha", "garchBeta", "garchDegreesOfFreedom"]))
        default:
            #expect(keys.isDisjoint(with: ["jumpIntensity", "jumpMean", "jumpStdev", "garchAlpha", "garchBeta", "garchDegreesOfFreedom"]))
        }
        // The other models, as comments with their own vol, to switch deliberately.
        let others: [(String, Double)] = [("gbm", gbm.vol.value), ("jump", jump.vol.value), ("garch", garch.longRunVol.value)]
        for (model, vol) in others where model != calibration.bestModel.rawValue {
            let listed = try #require(Self.commented(model, "vol", in: fragment.text), "no comment line for \(model)")
            #expect(abs(listed - vol) <= 1e-5 * vol)
        }
        #expect(Self.commented(calibration.bestModel.rawValue, "vol", in: fragment.text) == nil)
        if calibration.bestModel != .jump {
            let intensity = try #require(Self.commented("jump", "jumpIntensity", in: fragment.text))
            #expect(abs(intensity - jump.jumpIntensity.value) <= 1e-5 * jump.jumpIntensity.value)
            #expect(Self.commented("jump", "drift", in: fragment.text) == nil, "drift stays 0 when switching")
        }
    }

    @Test func aSingleModelFragmentListsNoOthers() throws {
        let calibration = try ScenarioFragmentTests.calibration(models: .gbm)
        let text = ScenarioFragment(calibration).text
        #expect(!text.contains("other fitted models"))
        #expect(!text.contains("jumpIntensity") && !text.contains("garchAlpha"))
    }

    // MARK: 3. pandas' unnamed index column

    @Test func pandasUnnamedDateIndexIsTheTimeColumn() throws {
        let text = ",open,high,low,close\n2020-01-01,1,2,0.5,1.5\n2020-01-02,1.5,2,1,1.8\n2020-01-03,1.8,2,1,1.9\n"
        let history = try CSVReaderTests.prices(text, HistoryReadOptions(candleTimes: .end))
        #expect(history.prices == [1.5, 1.8, 1.9])
        #expect(history.times == [1_577_836_800, 1_577_923_200, 1_578_009_600])
        #expect(history.quality.timeColumn == "(unnamed) (column 1)")
        let zoned = try CSVReaderTests.prices(",close\n2020-01-01 00:00:00+00:00,5\n2020-01-01 01:00:00+00:00,6\n")
        #expect(zoned.times == [1_577_836_800, 1_577_840_400])
    }

    @Test func pandasRowNumbersAreNotTimes() {
        #expect(
            CSVReaderTests.error(",close\n0,5\n1,6\n")
                == "prices.csv:1: no time column found (looked for unix, timestamp, time, datetime, date, open_time, open time, time_dt); "
                + "choose one with --time-column NAME|N (columns: , close)")
        // A named time column wins over an unnamed row index.
        #expect((try? CSVReaderTests.prices(",date,close\n0,2020-01-01,5\n1,2020-01-02,6\n"))?.prices == [5, 6])
    }

    // MARK: 4. semicolon and tab delimiters

    @Test func semicolonAndTabAreDetectedWhenTheHeaderHasNoComma() throws {
        let semicolon = try CSVReaderTests.prices("Exported, 2020\ntime;price\n2020-01-01;7200.5\n2020-01-02;7300\n")
        #expect(semicolon.prices == [7200.5, 7300])
        #expect(semicolon.quality.skippedLines == 1)
        let tab = try CSVReaderTests.prices("time\tprice\n2020-01-01\t7200.5\n2020-01-02\t7300\n")
        #expect(tab.prices == [7200.5, 7300])
        let quoted = try CSVReaderTests.prices("\"time\";\"price\"\n\"2020-01-01\";\"7200.5\"\n\"2020-01-02\";\"7300\"\n")
        #expect(quoted.prices == [7200.5, 7300])
        #expect(CSVReaderTests.error("time;price\n2020-01-01;7200,5\n") == "prices.csv:2: price \"7200,5\" is not a number")
    }

    @Test func anExplicitDelimiterIsUsed() throws {
        let text = "time;price\n2020-01-01;7200.5\n2020-01-02;7300\n"
        #expect(try CSVReaderTests.prices(text, HistoryReadOptions(delimiter: .semicolon)).prices == [7200.5, 7300])
        #expect(CSVReaderTests.errorReading(text, HistoryReadOptions(delimiter: .comma)).hasPrefix(
            "prices.csv: no header row found in the first 50 lines (a comma-separated row"))
        let tabbed = "date\tnote\tclose\n2020-01-01\ta;b\t5\n2020-01-02\tc\t6\n"
        #expect(try CSVReaderTests.prices(tabbed, HistoryReadOptions(delimiter: .tab)).prices == [5, 6])
    }

    // MARK: the command line

    @Test func calibrateWritesDriftZeroUnlessKeepDrift() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let prices = try folder.write(CalibrateCommandTests.pricesCSV(), to: "prices.csv")
        let fragment = folder.path("fragment.yaml")
        let plain = try Hedgesim.run(["calibrate", "--prices", prices, "--model", "gbm", "--output", fragment])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try String(contentsOfFile: fragment, encoding: .utf8).contains("\ndrift: 0\n"))
        let kept = try Hedgesim.run(["calibrate", "--prices", prices, "--model", "gbm", "--keep-drift", "--output", fragment])
        #expect(kept.status == 0, "\(kept.stderr)")
        let text = try String(contentsOfFile: fragment, encoding: .utf8)
        #expect(!text.contains("\ndrift: 0\n") && text.contains("\ndrift: "))
    }

    @Test func calibrateReadsSemicolonFilesAndRefusesAnUnknownDelimiter() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let semicolon = CalibrateCommandTests.pricesCSV().replacingOccurrences(of: ",", with: ";")
        let prices = try folder.write(semicolon, to: "prices.csv")
        for extra in [[], ["--delimiter", ";"]] {
            let outcome = try Hedgesim.run(["calibrate", "--prices", prices, "--model", "gbm"] + extra)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("model: gbm"))
        }
        let bad = try Hedgesim.run(["calibrate", "--prices", prices, "--delimiter", "|"])
        #expect(bad.status != 0)
        #expect(bad.stderr == "hedgesim: error: invalid delimiter (--delimiter): |; allowed: , | ; | tab\n")
    }
}
