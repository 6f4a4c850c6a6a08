import HedgeSimCalibration
import HedgeSimCore

/// Reads the history files of the bootstrap and replay models: `history[0]` is the price CSV,
/// `history[1]` (optional) the funding CSV, both read with the calibrate command's CSV reader.
enum HistoryLoader {
    static func load(for scenario: Scenario) throws -> MarketHistory? {
        guard scenario.model.needsHistory else { return nil }
        guard let pricesFile = scenario.history.first, scenario.history.count <= 2 else {
            throw InputError(
                field: "history", value: scenario.history.isEmpty ? "none" : scenario.history.joined(separator: ","),
                allowed: "a price CSV, optionally followed by a funding CSV, for the \(scenario.model.rawValue) model")
        }
        do {
            let prices = try PriceHistory(contentsOfFile: pricesFile)
            let funding = try scenario.history.dropFirst().first.map { try FundingHistory(contentsOfFile: $0) }
            return try MarketHistory(prices: prices, funding: funding, stepHours: 24 / scenario.stepsPerDay)
        } catch let error as CSVError {
            throw InputError(field: "history", value: error.file, allowed: "a readable price/funding CSV (\(error))")
        }
    }
}
