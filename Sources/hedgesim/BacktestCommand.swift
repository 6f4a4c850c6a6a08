import ArgumentParser
import Foundation
import HedgeSimCalibration
import HedgeSimCore
import HedgeSimReport

/// `hedgesim backtest`: rolling-window VaR backtests of the fitted models on a price (and funding)
/// history, and the realised outcome of every hedge cell.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest the models' VaR forecasts and the hedge grid on real history (Kupiec, Christoffersen).",
        discussion: """
            At every window end t (every --every-days days) each model is fitted to the trailing --window-days of prices \
            (resampled to --steps-per-day) and simulates the --horizon-days loss of one coin, unhedged and for every ratio × \
            leverage; the data over (t, t+D] are replayed through the same engine for the realised loss, funding and \
            liquidation. Reports exceedances of the 95 % and 99 % VaR with the Kupiec and Christoffersen tests, and the \
            realised hedge outcomes. The CSV files are read as by `hedgesim calibrate`; with --funding, windows outside \
            the funding history are skipped and counted.
            
            Example: hedgesim backtest --prices Examples/data/btcusd_daily_2019-04_2020-04.csv --horizon-days 7 --window-days 60 --models gbm,bootstrap
            """)

    @OptionGroup var history: HistoryFileOptions
    @Option(parsing: .unconditional, help: "First window end (ISO-8601 or epoch; UTC); the trailing window may reach before it.") var from: String?
    @Option(parsing: .unconditional, help: "Last horizon end; a date alone includes that whole day.") var to: String?
    @Option(name: .customLong("horizon-days"), parsing: .unconditional, help: "Forecast horizon D in whole days (e.g. 1 or 30).")
    var horizonDays: String
    @Option(name: .customLong("window-days"), parsing: .unconditional, help: "Trailing calibration window W in days.")
    var windowDays: String = "365"
    @Option(name: .customLong("every-days"), parsing: .unconditional, help: "Days between window ends (default: the horizon, no overlap).")
    var everyDays: String?
    @Option(parsing: .unconditional, help: "Models: a list of gbm, jump, garch, bootstrap.") var models: String = "gbm,jump,garch,bootstrap"
    @Option(parsing: .unconditional, help: "Simulated paths per window and model.") var paths: String = "10000"
    @Option(parsing: .unconditional, help: "Random seed; window i uses seed + i (default 1).", transform: Seed.init(parsing:))
    var seed: Seed?
    @Option(parsing: .unconditional, help: "Worker threads (results do not depend on it; default: all cores).", transform: Threads.init(parsing:))
    var threads: Threads?
    @Option(parsing: .unconditional, help: "Hedge ratios of the short, e.g. 0.5,1 (the unhedged holding is always included).")
    var ratios: String = "0.5,1"
    @Option(parsing: .unconditional, help: "Leverages of the isolated-margin short, e.g. 2,5.") var leverage: String = "2,5"
    @Option(parsing: .unconditional, help: "Margin policies replayed for every hedged cell, a list: none | top-up | deleverage | rehedge.") var policy: String = "none"
    @OptionGroup var management: ManagementOptions
    @Option(name: .customLong("steps-per-day"), parsing: .unconditional, help: "Forecast steps a day (a divisor of 24); prices are resampled to it.")
    var stepsPerDay: String = "1"
    @Option(name: .customLong("refit-every-days"), parsing: .unconditional, help: "Days between re-estimates of the jump, GARCH and funding models.")
    var refitEveryDays: String = "7"
    @Option(name: .customLong("bootstrap-block-days"), parsing: .unconditional, help: "Mean block length of the bootstrap in days.")
    var bootstrapBlockDays: String = "7"
    @Option(name: .customLong("vol-scale"), parsing: .unconditional, help: "Multiply every forecast volatility by this (stress the models).")
    var volScale: String = "1"
    @Option(parsing: .unconditional, help: "Report format: table | json | html.", transform: ReportFormat.parser([.table, .json, .html]))
    var format: ReportFormat = .table
    @Option(parsing: .unconditional, help: "Write the report to this file (atomically) instead of standard output.") var output: String?

    func run() throws {
        do {
            let settings = try self.settings()
            try settings.validate()
            let (priceHistory, fundingHistory) = try history.read()
            let report = try Backtest.run(prices: priceHistory, funding: fundingHistory, settings: settings)
            let text: String
            switch format {
            case .json: text = try report.json()
            case .html: text = report.html()
            case .table, .csv, .markdown: text = report.table()
            }
            try OutputFile.emit(text, to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as CSVError {
            throw ValidationError(error.description)
        } catch let error as CalibrationError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
        }
    }

    /// The settings from the flags; each number is checked for its form here and for its range by
    /// `BacktestSettings.validate`.
    private func settings() throws -> BacktestSettings {
        var grid = Scenario()
        try ScenarioFields.apply(key: "hedgeRatios", value: .text(ratios), to: &grid)
        try ScenarioFields.apply(key: "leverages", value: .text(leverage), to: &grid)
        let horizon = try whole(horizonDays, field: "horizonDays")
        let chosenModels = try models.split(separator: ",", omittingEmptySubsequences: false).map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let model = PriceModelKind(rawValue: trimmed), BacktestSettings.models.contains(model) else {
                throw InputError(field: "models", value: trimmed, allowed: "a list of gbm, jump, garch, bootstrap")
            }
            return model
        }
        let chosenSeed = Seed.resolve(seed)
        var settings = BacktestSettings(
            horizonDays: horizon, windowDays: try whole(windowDays, field: "windowDays"),
            everyDays: try everyDays.map { try whole($0, field: "everyDays") } ?? horizon,
            models: chosenModels, paths: try whole(paths, field: "paths"), seed: chosenSeed,
            hedgeRatios: grid.hedgeRatios, leverages: grid.leverages, stepsPerDay: try whole(stepsPerDay, field: "stepsPerDay"),
            refitEveryDays: try whole(refitEveryDays, field: "refitEveryDays"),
            bootstrapBlockDays: try number(bootstrapBlockDays, field: "bootstrapBlockDays"),
            volScale: try number(volScale, field: "volScale"),
            from: try CommandParsing.time(from, field: "from", endOfDay: false), to: try CommandParsing.time(to, field: "to", endOfDay: true),
            threads: threads?.count)
        try ScenarioFields.apply(key: "policies", value: .text(policy), to: &grid)
        let given = management.given.compactMap { key, text in text.map { (key: key, value: FieldValue.text($0)) } }
        if let unused = ScenarioFields.unusedError(given, in: grid) { throw unused }
        for entry in given { try ScenarioFields.apply(key: entry.key, value: entry.value, to: &grid) }
        settings.policies = grid.policies
        settings.management = grid.management
        return settings
    }

    private func whole(_ text: String, field: String) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw InputError(field: field, value: text, allowed: "a whole number")
        }
        return value
    }

    private func number(_ text: String, field: String) throws -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw InputError(field: field, value: text, allowed: "a finite number")
        }
        return value
    }
}
