import Foundation
import HedgeSimCore

/// The fixed small run behind the golden report files: a 10-day scenario with three ratios and two
/// leverages on 1,000 paths, simulated in-process with a fixed seed, its `timing` replaced by fixed
/// values and two stress outcomes attached so the stress sections are rendered too.
enum ReportGoldenFixture {
    static let seed: UInt64 = 20_240_601

    static var scenario: Scenario {
        var scenario = Scenario()
        scenario.paths = 1_000
        scenario.horizonDays = 10
        scenario.stepsPerDay = 6
        scenario.hedgeRatios = [0, 0.5, 1]
        scenario.leverages = [2, 5]
        return scenario
    }

    /// The run's result with fixed timing and the stress outcomes of `stress(for:)`.
    static func result() throws -> SimulationResult {
        var result = try HedgeSimulation.run(scenario, seed: seed, threads: 1)
        result.timing = SimulationTiming(threads: 2, simulationSeconds: 0.125, summarySeconds: 0.025, pathSteps: 60_000)
        result.stress = stress(for: result)
        return result
    }

    /// Two stress outcomes built from the cells' own numbers (the rendering is what is tested, not the
    /// stress engine): a squeeze (+60 % in three days, −40 % over the next seven) and a one-day crash.
    /// A hedge is liquidated on the first day the price reaches the cell's liquidation price; from then
    /// on the holder has the coins left outside the margin account.
    static func stress(for result: SimulationResult) -> [StressOutcome] {
        let start = result.scenario.price
        let days = (0...10).map(Double.init)
        let squeeze = days.map { day in day <= 3 ? start * (1 + 0.2 * day) : start * 1.6 * (1 - 0.4 * (day - 3) / 7) }
        let crash = days.map { day in day < 1 ? start : start * 0.5 }
        return [
            outcome("squeeze", "The index rises 60 % over 3 days, then falls 40 % over 7 days.", days, squeeze, result),
            outcome("crash:0.5:1", "The index falls 50 % in one day, then stays flat.", days, crash, result),
        ]
    }

    private static func outcome(
        _ name: String, _ summary: String, _ days: [Double], _ prices: [Double], _ result: SimulationResult
    ) -> StressOutcome {
        let holding = result.scenario.holding, start = result.scenario.price
        let cells = result.cells.map { cell -> StressOutcome.CellPath in
            let liquidation = cell.liquidationPriceUSD.flatMap { level in prices.firstIndex { $0 >= level } }
            let values = prices.indices.map { index -> Double in
                let price = prices[index]
                if let liquidation, index >= liquidation { return (holding - cell.marginCoin) * price }
                return holding * price + cell.notionalUSD * (1 - price / start)
            }
            return StressOutcome.CellPath(
                cell: cell.cell, hedgeRatio: cell.hedgeRatio, leverage: cell.leverage, netValueUSD: values,
                liquidatedAtDays: liquidation.map { days[$0] })
        }
        return StressOutcome(name: name, summary: summary, days: days, priceUSD: prices, cells: cells)
    }
}
