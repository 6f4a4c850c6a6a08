import Foundation

/// Runs stress paths through every hedge cell of a scenario and records the net value path per cell.
///
/// Each stress is one deterministic path replayed with the `replay` model on the scenario's step grid
/// and hedge grid (paths 1, no antithetic pair). Liquidation is checked at the steps only
/// (`betweenStepCheck` false): the bridge between steps would add random excursions with the history's
/// return variance — for a stress path that is the variance of the crash itself — so the stress would
/// depend on the seed and overstate the moves it prescribes.
///
/// The value "if closed at time t" is the cell's net value of a run whose horizon is cut at `t` (the
/// dated contract keeps its expiry, so closing early pays the taker fee, not the settlement fee); the
/// liquidation time comes from the run over the whole stress.
public enum StressRunner {
    /// Evenly spaced time points of a value path, besides day 0, the shape's turning points and the
    /// liquidation steps.
    public static let gridPoints = 48

    /// Replays `path` on `scenario` (validated first). The horizon is the scenario's, cut to the
    /// path's length when the path is shorter.
    /// - Throws: `InputError` for an invalid scenario, `NumericalError` when a value overflows.
    public static func run(_ path: StressPath, scenario: Scenario, seed: UInt64) throws -> StressOutcome {
        try scenario.validate()
        var base = scenario
        base.model = .replay
        base.paths = 1
        base.untilSettled = false
        base.antithetic = false
        base.betweenStepCheck = false
        base.threads = 1
        if scenario.instrument.isDated { base.expiryDays = scenario.resolvedExpiryDays }
        let steps = min(scenario.stepCount, path.history.logReturns.count)
        func closed(after step: Int) throws -> SimulationResult {
            var cut = base
            cut.horizonDays = Double(step) / scenario.stepsPerDay
            return try HedgeSimulation.run(cut, seed: seed, threads: 1, history: path.history)
        }
        let full = try closed(after: steps)
        let liquidationDays = full.cells.map(\.liquidation.meanTimeDays)
        var points = Set((1...gridPoints).map { ($0 * steps + gridPoints - 1) / gridPoints })
        points.formUnion(path.keySteps.filter { $0 >= 1 && $0 <= steps })
        points.formUnion(liquidationDays.compactMap { $0.map { Int(($0 * scenario.stepsPerDay).rounded()) } })
        let ordered = points.sorted()
        var values = scenario.cells.map { [openingValue(of: $0, scenario: scenario)] }
        for step in ordered {
            let result = step == steps ? full : try closed(after: step)
            for index in values.indices { values[index].append(result.cells[index].netValueUSD.mean) }
        }
        var logPrice = log(scenario.price)
        var prices = [scenario.price]
        var done = 0
        for step in ordered {
            while done < step {
                logPrice += path.history.logReturns[done]
                done += 1
            }
            prices.append(exp(logPrice))
        }
        let cells = zip(scenario.cells, values).enumerated().map { index, pair in
            StressOutcome.CellPath(
                cell: index, hedgeRatio: pair.0.hedgeRatio, leverage: full.cells[index].leverage, netValueUSD: pair.1,
                liquidatedAtDays: liquidationDays[index])
        }
        return StressOutcome(
            name: path.name, summary: path.summary, days: [0] + ordered.map { Double($0) / scenario.stepsPerDay },
            priceUSD: prices, cells: cells)
    }

    /// Net value in USD of closing a cell at once: the holding less the entry and exit taker fees
    /// (the mark is still the entry price, so the short has no PnL yet).
    static func openingValue(of cell: HedgeCell, scenario: Scenario) -> Double {
        let exitFee = cell.notional > 0 ? scenario.fee * cell.notional / scenario.entryPrice : 0
        return scenario.price * (cell.spotCoin + cell.marginCoin - exitFee) + cell.cashUSD
    }
}
