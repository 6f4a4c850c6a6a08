import Foundation
import HedgeSimCore

/// `hedgesim backtest`: rolling-window forecasts of the loss of a one-coin holding, unhedged and
/// hedged, compared with what happened.
///
/// For each window end t (`WindowSchedule`), each model forecasts the horizon from the price at t
/// (`ForecastScenario`, estimates from `WindowFits`) with `HedgeSimulation` on all cores, and the
/// data over `(t, t + D]` are replayed through the same engine (model `replay`, one path) for the
/// realised loss of every cell, its funding and its liquidation. The VaR backtests (`VaRBacktest`) and
/// the realised hedge outcomes (`HedgeOutcome`) summarise the windows.
public enum Backtest {
    /// - Throws: `InputError` for settings or data that cannot be backtested, `CalibrationError` when a
    ///   window cannot be fitted, `NumericalError` when a simulation overflows.
    public static func run(prices: PriceHistory, funding: FundingHistory?, settings: BacktestSettings) throws -> BacktestReport {
        try settings.validate()
        let data = try BacktestData(prices: prices, funding: funding, settings: settings)
        let scenarios = ForecastScenario(settings: settings)
        try scenarios.base.validate()
        let schedule = try WindowSchedule(data, settings: settings)
        let fits = try WindowFits.schedule(schedule.windows, data: data, settings: settings)
        let cells = cellIndices(scenarios.base)
        let windows = try schedule.windows.indices.map { index in
            try inWindow(schedule.windows[index]) {
                try backtest(
                    schedule.windows[index], seed: settings.seed &+ UInt64(index), fits: fits[index], cells: cells, data: data,
                    scenarios: scenarios, settings: settings)
            }
        }
        let dataStep = data.data.step ?? WindowSchedule.secondsPerDay
        var report = BacktestReport(
            settings: settings,
            data: BacktestDataSummary(
                prices: prices.quality.source, funding: funding?.quality.source, dataStepSeconds: dataStep,
                forecastStepSeconds: WindowSchedule.secondsPerDay / Double(settings.stepsPerDay),
                firstWindowEnd: windows.first?.end ?? "", lastWindowEnd: windows.last?.end ?? ""),
            cells: cells.map { index in
                let cell = scenarios.base.cells[index]
                return BacktestCell(hedgeRatio: cell.hedgeRatio, leverage: cell.leverage, policy: cell.policy)
            },
            windows: windows,
            skipped: schedule.skipped.sorted { $0.key < $1.key }.map { SkippedWindows(reason: $0.key, count: $0.value) },
            varBacktests: [], hedgeOutcomes: [],
            method: BacktestMethod.sentences(
                settings: settings, windows: windows.count, refits: Set(fits.map(\.estimatedOn)).count, dataStep: dataStep,
                hasFunding: funding != nil))
        report.varBacktests = VaRBacktest.all(report)
        report.hedgeOutcomes = HedgeOutcome.all(report)
        return report
    }

    /// One window: every model's forecast from the price at t, and the replay of `(t, t + D]`.
    private static func backtest(
        _ window: WindowSchedule.Window, seed: UInt64, fits: WindowFits, cells: [Int], data: BacktestData, scenarios: ForecastScenario,
        settings: BacktestSettings
    ) throws -> BacktestWindow {
        let price = data.grid.prices[window.gridEnd]
        let trailing = data.trailingPrices(window)
        let series = try ReturnSeries(prices: trailing)
        let forecasts = try settings.models.map { model in
            let (scenario, history) = try scenarios.forecast(
                model, price: price, series: series, fits: fits, lastFundingRate: data.lastFundingRate(window),
                window: try MarketHistory(prices: trailing, funding: data.trailingFunding(window), stepHours: 24 / Double(settings.stepsPerDay)),
                volScale: settings.volScale)
            let result = try HedgeSimulation.run(scenario, seed: seed, threads: settings.threads, history: history)
            return ModelForecast(model: model, cells: cells.map { forecast(result.cells[$0], price: price) })
        }
        let dataStep = data.data.step ?? WindowSchedule.secondsPerDay
        let replay = try HedgeSimulation.run(
            scenarios.replay(price: price, dataStep: dataStep), seed: seed, threads: settings.threads,
            history: try MarketHistory(prices: data.horizonPrices(window), funding: data.funding, stepHours: dataStep / 3600))
        return BacktestWindow(
            end: Timestamp.format(window.end), price: price, horizonPrice: data.data.prices[window.dataHorizonEnd],
            peakPrice: data.data.prices[(window.dataEnd + 1)...window.dataHorizonEnd].max() ?? price,
            realised: cells.map { realised(replay.cells[$0], price: price, start: window.end) },
            forecasts: forecasts)
    }

    /// Runs `body` for one window, naming the window end in a fitting error.
    private static func inWindow<T>(_ window: WindowSchedule.Window, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CalibrationError {
            throw CalibrationError("window ending \(Timestamp.format(window.end)): \(error.description)")
        }
    }

    /// The positions in the scenario's cells (ratios outer, leverages and policies inner; ratio 0
    /// first) of the unhedged holding (ratio 0 at the first leverage) and of every hedged cell.
    private static func cellIndices(_ scenario: Scenario) -> [Int] {
        let cells = scenario.cells
        return [0] + cells.indices.filter { cells[$0].hedgeRatio > 0 }
    }

    private static func forecast(_ cell: CellSummary, price: Double) -> ForecastCell {
        ForecastCell(
            meanLossUSD: price - cell.netValueUSD.mean, var95: cell.netValueUSD.var95, var99: cell.netValueUSD.var99,
            liquidationProbability: cell.liquidation.probability)
    }

    private static func realised(_ cell: CellSummary, price: Double, start: Double) -> RealisedCell {
        RealisedCell(
            lossUSD: price - cell.netValueUSD.mean, fundingReceivedUSD: cell.cost.fundingReceivedUSD,
            fundingPaidUSD: cell.cost.fundingPaidUSD, actions: cell.management?.meanActions, coinsMoved: cell.management?.meanCoinsMoved,
            liquidatedAt: cell.liquidation.meanTimeDays.map { Timestamp.format(start + $0 * WindowSchedule.secondsPerDay) })
    }
}
