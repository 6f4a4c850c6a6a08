import Dispatch
import Foundation
import HedgeSimRandom

/// Runs a scenario: generates the paths block by block on worker threads and evaluates every hedge
/// cell on the same paths (common random numbers), then summarises each cell.
///
/// Determinism: every random number is addressed by (seed, purpose, path, step, index); blocks have
/// a fixed size; each block writes disjoint output; sums are reduced in block order. Same seed and
/// scenario ⇒ bit-identical results for any `threads`.
public enum HedgeSimulation {
    /// Simulates `scenario` (validated first) with `seed` on `threads` workers (nil = all cores).
    public static func run(_ scenario: Scenario, seed: UInt64, threads: Int? = nil) throws -> SimulationResult {
        try scenario.validate()
        let started = DispatchTime.now().uptimeNanoseconds
        let plan = SimulationPlan(scenario: scenario)
        let sink = SimulationSink(paths: scenario.paths, cellCount: plan.cells.count, blockCount: plan.blockCount)
        let kernel = PathBlockKernel(plan: plan, random: CounterRandomSource(seed: seed))
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, plan.blockCount))
        BLAS.useSingleThread()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let scratch = BlockScratch(
                paths: SimulationPlan.blockSize, chunkSteps: SimulationPlan.chunkSteps, groups: plan.thresholds.count)
            var block = worker
            while block < plan.blockCount {
                let first = block * SimulationPlan.blockSize
                let count = min(SimulationPlan.blockSize, scenario.paths - first)
                kernel.run(firstPath: first, count: count, scratch: scratch)
                for path in 0..<count {
                    kernel.settle(path: path, globalPath: first + path, scratch: scratch, sink: sink, block: block)
                }
                block += workers
            }
        }
        let simulated = DispatchTime.now().uptimeNanoseconds
        let summaries = RiskSummarizer(plan: plan, sink: sink).cellSummaries(workers: workers)
        let finished = DispatchTime.now().uptimeNanoseconds
        if let cell = summaries.first(where: { !$0.isFinite }) {
            throw NumericalError(
                description: "the simulation overflowed at hedge ratio \(cell.hedgeRatio), leverage \(cell.leverage): "
                    + "the scenario is too extreme for its step size; lower vol or jumps, or use more steps per day")
        }
        let recommendation = Recommender(scenario: scenario).recommend(summaries)
        return SimulationResult(
            scenario: scenario, seed: seed, cells: summaries, recommendation: recommendation,
            timing: SimulationTiming(
                threads: workers,
                simulationSeconds: Double(simulated - started) / 1e9,
                summarySeconds: Double(finished - simulated) / 1e9,
                pathSteps: Double(scenario.paths) * Double(plan.steps)))
    }
}

/// A run whose numbers overflowed: reported instead of letting NaN or infinity reach a report.
public struct NumericalError: Error, CustomStringConvertible {
    public let description: String
}

extension CellSummary {
    /// Whether every number of the cell is finite.
    var isFinite: Bool {
        let numbers = netValueUSD.allNumbers + netValueCoin.allNumbers + liquidation.ci95
            + [liquidation.probability, liquidation.meanTimeDays ?? 0, hedgeEffectiveness ?? 0]
            + [cost.fundingUSD, cost.fundingReceivedUSD, cost.fundingPaidUSD, cost.feesUSD, cost.basisUSD]
            + [cost.liquidationLossUSD, cost.totalUSD, cost.annualisedPercent]
        return numbers.allSatisfy(\.isFinite)
    }
}
