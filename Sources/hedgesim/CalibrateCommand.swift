import ArgumentParser
import Foundation
import HedgeSimCalibration
import HedgeSimCore
import HedgeSimReport

/// `hedgesim calibrate`: fit the price models and the funding AR(1) to CSV histories, print the
/// estimates and write a scenario fragment for `hedgesim run --config`.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit GBM, Merton jumps, GARCH(1,1)-t and the funding AR(1) to CSV histories; write a scenario fragment.",
        discussion: """
            Reads a price history (and optionally a funding history) exported as CSV: banner lines above the \
            header, either row order, ISO-8601 or epoch s/ms/µs times, duplicate times (an integer epoch time \
            beats a fractional one, else the first row is kept) and gaps are handled and reported. Prints each \
            parameter with its standard error and each model's log-likelihood and AIC, and writes a YAML \
            fragment (lowest-AIC model and only its parameters, stepsPerDay = the data step, drift 0 unless \
            --keep-drift; the other fitted models as comments) to --output, or prints it after the table. Comma-, \
            semicolon- or tab-separated files are read (see --delimiter), and a first column without a name \
            (pandas' index) holding times is the time column.
            
            With several --prices (one per coin, on one time grid) it writes a portfolio fragment for \
            `hedgesim portfolio` instead: --model gbm (the default) or jump fits that model to every coin and \
            the correlation of their (diffusion) shocks; all keeps the lower AIC of gbm and jump per coin; \
            garch fits every coin's GARCH(1,1)-t, the correlation of the standardised shocks and one shared \
            degrees of freedom ν of their multivariate t.
            
            Example: hedgesim calibrate --prices Examples/data/btcusd_daily_2019-04_2020-04.csv --output fitted.yaml
            """)

    @OptionGroup var history: HistoryFileOptions
    @Option(parsing: .unconditional, help: "Keep times from this one (ISO-8601 or epoch; UTC).") var from: String?
    @Option(parsing: .unconditional, help: "Keep times up to this one; a date alone includes that whole day.") var to: String?
    @Option(parsing: .unconditional, help: "Price models to fit: gbm | jump | garch | all (default all; with several --prices gbm, and all picks gbm or jump per coin).", transform: choice(ModelChoice.self))
    var model: ModelChoice?
    @Option(parsing: .unconditional, help: "Write the scenario fragment (YAML) to this file, atomically.") var output: String?
    @Option(parsing: .unconditional, help: "Report format: table | json.", transform: ReportFormat.parser([.table, .json]))
    var format: ReportFormat = .table
    @Flag(name: .customLong("keep-drift"), help: "Write the fitted drift into the fragment (default: drift 0; a past trend is not a forecast).")
    var keepDrift = false
    @Option(parsing: .unconditional, help: "Several --prices: the coins' names, comma-separated (default: from the file names, btcusd_… → BTC).")
    var names: String?

    func run() throws {
        do {
            let window = (from: try CommandParsing.time(from, field: "from", endOfDay: false), to: try CommandParsing.time(to, field: "to", endOfDay: true))
            if let start = window.from, let end = window.to, start > end {
                throw InputError(field: "to", value: to ?? "", allowed: "a time at or after --from")
            }
            if history.prices.count > 1 {
                try calibratePortfolio(from: window.from, to: window.to)
                return
            }
            if let names { throw InputError(field: "names", value: names, allowed: "only with several --prices") }
            let (priceHistory, fundingHistory) = try history.read(from: window.from, to: window.to)
            let calibration = try Calibration(prices: priceHistory, funding: fundingHistory, models: model ?? .all)
            let fragment = ScenarioFragment(calibration, keepDrift: keepDrift)
            do {
                _ = try fragment.scenario()
            } catch let error as InputError {
                throw ValidationError("the fitted scenario fragment is not accepted by `hedgesim run`: \(error)")
            }
            var report = format == .json
                ? try CalibrationReport.json(calibration, fragment: fragment)
                : CalibrationReport.table(calibration)
            if let output {
                try OutputFile.writeAtomically(fragment.text, to: output)
                if format == .table { report += "\nScenario fragment written to \(output).\n" }
            } else if format == .table {
                report += "\n" + fragment.text
            }
            FileHandle.standardOutput.write(Data(report.utf8))
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as CSVError {
            throw ValidationError(error.description)
        } catch let error as CalibrationError {
            throw ValidationError(error.description)
        }
    }

    /// Several coins: each one's GBM (the default) or jump model (`--model jump`; `all` keeps the lower
    /// AIC of the two per coin), with a warning when independent jumps cannot reproduce the coins'
    /// co-movement, and the correlation of their diffusion shocks; or each one's GARCH(1,1)-t
    /// (`--model garch`), the correlation of the standardised shocks and one shared ν; and a portfolio
    /// fragment (`assets:`, `correlations:`, `hedges:`) for `hedgesim portfolio`.
    private func calibratePortfolio(from: Double?, to: Double?) throws {
        if let funding = history.funding {
            throw InputError(field: "funding", value: funding, allowed: "none with several --prices (a portfolio's funding is a rate per hedge)")
        }
        let models = model ?? .gbm
        if keepDrift { throw InputError(field: "keepDrift", value: "true", allowed: "none with several --prices (the portfolio keeps drift 0)") }
        let given = names.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if let given, given.count != history.prices.count || given.contains(where: \.isEmpty) {
            throw InputError(field: "names", value: names ?? "", allowed: "\(history.prices.count) names, one per --prices, comma-separated")
        }
        let coinNames = given ?? history.prices.map(MultiCoinCalibration.coinName(fromFile:))
        if let repeated = coinNames.enumerated().first(where: { i, name in coinNames.firstIndex(of: name) != i }) {
            throw InputError(field: "names", value: repeated.element, allowed: "a name per coin, each once: give --names")
        }
        let histories = try history.readPrices(from: from, to: to)
        let calibration = try MultiCoinCalibration(
            histories: zip(zip(coinNames, history.prices), histories).map { (name: $0.0, source: $0.1, prices: $1) }, models: models)
        for warning in calibration.comovementWarnings {
            FileHandle.standardError.write(Data("hedgesim: warning: \(warning)\n".utf8))
        }
        let fragment = calibration.portfolioFragment
        do {
            _ = try PortfolioScenario.parse(text: fragment, source: "fragment").scenario.validate()
        } catch let error as InputError {
            throw ValidationError("the fitted portfolio fragment is not accepted by `hedgesim portfolio`: \(error)")
        }
        var report = format == .json ? try CalculatorOutput.json(calibration) : calibration.table()
        if let output {
            try OutputFile.writeAtomically(fragment, to: output)
            if format == .table { report += "\nPortfolio fragment written to \(output).\n" }
        } else if format == .table {
            report += "\n" + fragment
        }
        FileHandle.standardOutput.write(Data(report.utf8))
    }
}
