import HedgeSimCalibration
import HedgeSimCore

/// Builds the paths of `--stress` / `stress:`: the shapes in the core, the replays from their CSV
/// files with the calibrate command's reader (the core does no file I/O).
enum StressLoader {
    static func paths(_ specs: [StressSpec], scenario: Scenario) throws -> [StressPath] {
        try specs.map { spec in
            switch spec.kind {
            case .shape(let shape): return try StressPath(shape: shape, name: spec.name, scenario: scenario)
            case .replay(let replay): return try path(replay, name: spec.name, scenario: scenario)
            }
        }
    }

    /// A stretch of a price (and funding) CSV on the scenario's step grid; without a funding file the
    /// perpetual pays the scenario's mean funding.
    private static func path(_ replay: StressSpec.Replay, name: String, scenario: Scenario) throws -> StressPath {
        func bound(_ text: String?, endOfDay: Bool) throws -> Double? {
            guard let text else { return nil }
            guard let seconds = HistoryReadOptions.windowBound(text, endOfDay: endOfDay) else {
                throw InputError(field: "stress", value: name, allowed: "window bounds as ISO-8601 dates (2020-03-01) or epoch seconds")
            }
            return seconds
        }
        let options = HistoryReadOptions(from: try bound(replay.from, endOfDay: false), to: try bound(replay.to, endOfDay: true))
        do {
            let prices = try PriceHistory(contentsOfFile: replay.pricesFile, options: options)
            let fundingOptions = HistoryReadOptions(candleTimes: .end, from: options.from, to: options.to)
            let funding = try replay.fundingFile.map { try FundingHistory(contentsOfFile: $0, options: fundingOptions) }
            let history = try MarketHistory(prices: prices, funding: funding, stepHours: 24 / scenario.stepsPerDay)
            let window = replay.from.map { " from \($0) to \(replay.to ?? "")" } ?? ""
            return try StressPath(
                name: name,
                summary: "Replay of \(replay.pricesFile)\(replay.fundingFile.map { " with funding from \($0)" } ?? "")\(window) "
                    + "(\(history.logReturns.count) steps, cut to the horizon).",
                logReturns: history.logReturns, fundingRates: funding == nil ? nil : history.fundingRates, scenario: scenario)
        } catch let error as CSVError {
            throw InputError(field: "stress", value: name, allowed: "a readable price/funding CSV (\(error))")
        }
    }
}
