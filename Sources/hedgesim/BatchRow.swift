import HedgeSimCore

/// The line of one scenario in the batch index and `summary.csv`.
struct BatchRow {
    /// The recommendation and the numbers that decide it, for a scenario that ran.
    struct Numbers {
        let seed: UInt64
        let paths: Int
        let ratio: Double
        let leverage: Double
        let reason: String
        /// Of the recommended cell: mean net value, ES95 of the loss, liquidation probability and
        /// expected hedge cost, USD.
        let meanUSD: Double
        let es95USD: Double
        let liquidationProbability: Double
        let costUSD: Double
        /// ES95 of the unhedged holding (the ratio-0 cell), nil when the grid has none.
        let unhedgedES95USD: Double?
        /// The stress that leaves the recommended cell worst off, and its value change in % of the start.
        let worstStress: (name: String, changePercent: Double)?

        init(_ result: SimulationResult) {
            let chosen = result.recommendation
            let cell = result.recommendedCell
            seed = result.seed
            paths = result.scenario.paths
            ratio = chosen.hedgeRatio
            leverage = chosen.leverage
            reason = chosen.reason
            meanUSD = cell.netValueUSD.mean
            es95USD = cell.netValueUSD.es95
            liquidationProbability = cell.liquidation.probability
            costUSD = cell.cost.totalUSD
            unhedgedES95USD = result.cells.first { $0.notionalUSD == 0 }?.netValueUSD.es95
            let start = result.scenario.startValueUSD
            worstStress = result.stress.compactMap { stress -> (String, Double)? in
                let path = stress.cells.first { $0.cell == chosen.cell }
                return path?.netValueUSD.last.map { (stress.name, ($0 - start) / start * 100) }
            }.min { $0.1 < $1.1 }
        }
    }

    let name: String
    let file: String
    let variant: String?
    /// Whether the scenario ran to a report.
    let passed: Bool
    /// Whether the report of an earlier run with the same inputs was kept.
    let reused: Bool
    /// The one-line error of a failed scenario.
    let error: String?
    let numbers: Numbers?
    /// The report's file name inside the scenario's folder; nil for a failure.
    let report: String?
}

extension BatchRow {
    /// The row of a scenario that ran; `report` is its report's file name.
    init(_ item: BatchItem, result: SimulationResult, report: String, reused: Bool) {
        self.init(
            name: item.name, file: item.file, variant: (try? item.run.get())?.variant, passed: true, reused: reused, error: nil,
            numbers: Numbers(result), report: report)
    }

    /// The row of a scenario that failed with `error` (one line).
    init(_ item: BatchItem, error: String, reused: Bool) {
        self.init(
            name: item.name, file: item.file, variant: (try? item.run.get())?.variant, passed: false, reused: reused, error: error,
            numbers: nil, report: nil)
    }
}
