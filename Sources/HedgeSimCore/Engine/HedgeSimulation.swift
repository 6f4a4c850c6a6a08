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
    /// Simulates `scenario` (validated first) with `seed` on `threads` workers (nil = all cores);
    /// `history` feeds the bootstrap and replay models.
    ///
    /// With automatic leverage the paths are simulated twice: a first pass without cells gives each
    /// path's lowest account and horizon outcome, from which `LeverageSearch` chooses every ratio's
    /// leverage; the second pass runs the chosen cells on the same paths.
    public static func run(
        _ scenario: Scenario, seed: UInt64, threads: Int? = nil, history: MarketHistory? = nil
    ) throws -> SimulationResult {
        try run(scenario, seed: seed, threads: threads, history: history, workerSetup: nil)
    }

    /// `run` for `hedgesim bench`: each simulation worker first calls `workerSetup` with its index
    /// (`0 ..< workers`) on the thread that runs it, before it takes a block (the bench binds the
    /// thread to a core there, or notes which threads did the work). Results do not depend on it.
    @_spi(Bench) public static func run(
        _ scenario: Scenario, seed: UInt64, threads: Int? = nil, history: MarketHistory? = nil,
        workerSetup: (@Sendable (Int) -> Void)?
    ) throws -> SimulationResult {
        try validate(scenario, history: history)
        guard scenario.untilSettled else {
            return try runOnce(scenario, seed: seed, threads: threads, history: history, workerSetup: workerSetup)
        }
        // Counter-addressed paths: the run with 2n paths holds the run with n as its first n paths.
        var current = scenario
        var rounds = 1
        var seconds = 0.0
        while true {
            var result = try runOnce(current, seed: seed, threads: threads, history: history, workerSetup: workerSetup)
            seconds += result.timing.simulationSeconds
            let recommendation = result.recommendation
            let settled = recommendation.feasible && (recommendation.runnerUp?.separated ?? true)
            let stopped: Precision.Stop? = settled ? .settled : current.paths * 2 > scenario.maxPaths ? .pathBudget : nil
            if let stopped {
                result.precision = Precision(pathsUsed: current.paths, rounds: rounds, stoppedBecause: stopped)
                result.timing = SimulationTiming(
                    threads: result.timing.threads, simulationSeconds: seconds, summarySeconds: result.timing.summarySeconds,
                    pathSteps: result.timing.pathSteps)
                return result
            }
            current.paths *= 2
            rounds += 1
        }
    }

    /// One run at the scenario's path count (see `run`); `inspect` reads the plan and the per-path
    /// outputs before they are summarised.
    static func runOnce(
        _ scenario: Scenario, seed: UInt64, threads: Int?, history: MarketHistory?,
        workerSetup: (@Sendable (Int) -> Void)? = nil, inspect: ((SimulationPlan, SimulationSink) -> Void)? = nil
    ) throws -> SimulationResult {
        let started = DispatchTime.now().uptimeNanoseconds
        var scenario = scenario
        var probe: SimulationSink?
        var profile: LeverageProfile?
        if scenario.searchesLeverage && scenario.chosenLeverages == nil {
            let first = probePass(scenario, seed: seed, threads: threads, history: history, workerSetup: workerSetup)
            scenario.chosenLeverages = first.leverages
            (probe, profile) = (first.sink, first.profile)
        }
        let plan = SimulationPlan(scenario: scenario, history: history)
        let workers = workerCount(threads, plan: plan)
        let sink = simulate(
            plan: plan, seed: seed, blocks: 0..<plan.blockCount, workers: workers, probe: probe, workerSetup: workerSetup)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        inspect?(plan, sink)
        return try summarize(
            plan: plan, sink: sink, seed: seed, workers: workers, simulationSeconds: seconds, profile: profile)
    }

    /// The first pass of automatic leverage: the paths without cells (keeping each path's horizon
    /// state), then `LeverageSearch`.
    static func probePass(
        _ scenario: Scenario, seed: UInt64, threads: Int?, history: MarketHistory?,
        workerSetup: (@Sendable (Int) -> Void)? = nil
    ) -> (leverages: [Double], sink: SimulationSink, profile: LeverageProfile) {
        let probe = SimulationPlan(scenario: scenario, history: history, cells: [])
        let sink = simulate(
            plan: probe, seed: seed, blocks: 0..<probe.blockCount, workers: workerCount(threads, plan: probe), keepsPathState: true,
            workerSetup: workerSetup)
        let profile = LeverageProfile(lowestAccount: sink.lowestAccount, paths: sink.paths, entryPrice: probe.entryPrice)
        let leverages = LeverageSearch(
            scenario: scenario, profile: profile, terminalIndex: sink.terminalIndex,
            horizonUnitCoin: sink.horizonUnitCoin, lowestAccount: sink.lowestAccount
        ).leverages()
        return (leverages, sink, profile)
    }

    /// Validates the scenario and, for the history models, that a history long enough was given.
    static func validate(_ scenario: Scenario, history: MarketHistory?) throws {
        try scenario.validate()
        guard scenario.model.needsHistory else { return }
        guard let history else {
            throw InputError(field: "history", value: "none", allowed: "a price history (CSV) for the \(scenario.model.rawValue) model")
        }
        if scenario.model == .replay && history.logReturns.count < scenario.stepCount {
            throw InputError(
                field: "history", value: "\(history.logReturns.count) steps",
                allowed: "at least the \(scenario.stepCount) steps of the horizon for a replay")
        }
    }

    static func workerCount(_ threads: Int?, plan: SimulationPlan) -> Int {
        max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, plan.blockCount))
    }

    /// Generates and settles the paths of `blocks` (a contiguous range of the plan's blocks) on
    /// `workers` threads; worker `w` takes blocks `w, w + workers, …` of the range. With `probe` (a
    /// first pass over the same paths that kept their horizon state) only the paths some cell
    /// liquidates are simulated again (`PathBlockKernel.runReusing`). Each worker first calls
    /// `workerSetup` with its index (see the bench's `run`).
    static func simulate(
        plan: SimulationPlan, seed: UInt64, blocks: Range<Int>, workers: Int, probe: SimulationSink? = nil,
        keepsPathState: Bool = false, workerSetup: (@Sendable (Int) -> Void)? = nil
    ) -> SimulationSink {
        let total = plan.scenario.paths
        let firstPath = blocks.lowerBound * SimulationPlan.blockSize
        let endPath = min(total, blocks.upperBound * SimulationPlan.blockSize)
        let sink = SimulationSink(
            paths: max(0, endPath - firstPath), cellCount: plan.cells.count, blockCount: blocks.count,
            firstPath: firstPath, firstBlock: blocks.lowerBound, bandPaths: plan.bands.paths, bandPoints: plan.bands.steps.count,
            keepsPathState: keepsPathState, keepsMovedCoin: !plan.policyCells.isEmpty)
        guard !blocks.isEmpty else { return sink }
        let kernel = PathBlockKernel(plan: plan, random: CounterRandomSource(seed: seed))
        let stride = max(1, min(workers, blocks.count))
        BLAS.useSingleThread()
        DispatchQueue.concurrentPerform(iterations: stride) { worker in
            workerSetup?(worker)
            let scratch = BlockScratch(
                paths: SimulationPlan.blockSize, groups: plan.thresholds.count,
                bandPoints: plan.bands.steps.count, policyCells: plan.policyCells.count, fundingWindow: plan.fundingWindow)
            let spare = probe.map { _ in
                BlockScratch(
                    paths: PathBlockKernel.granule, groups: plan.thresholds.count,
                    bandPoints: plan.bands.steps.count, policyCells: plan.policyCells.count, fundingWindow: plan.fundingWindow)
            }
            var block = blocks.lowerBound + worker
            while block < blocks.upperBound {
                let first = block * SimulationPlan.blockSize
                let count = min(SimulationPlan.blockSize, total - first)
                if let probe, let spare {
                    kernel.runReusing(probe, firstPath: first, count: count, scratch: scratch, spare: spare)
                } else {
                    kernel.run(firstPath: first, count: count, scratch: scratch)
                }
                kernel.settleBlock(firstPath: first, count: count, scratch: scratch, sink: sink, block: block)
                block += stride
            }
        }
        return sink
    }

    /// Summarises a sink that holds every path of the plan, checks every number is finite, and
    /// picks the recommendation. `profile`: the liquidation profile of these paths when the leverage
    /// search already built it (it is built from the sink otherwise, on isolated margin).
    static func summarize(
        plan: SimulationPlan, sink: SimulationSink, seed: UInt64, workers: Int, simulationSeconds: Double,
        profile: LeverageProfile? = nil
    ) throws -> SimulationResult {
        let started = DispatchTime.now().uptimeNanoseconds
        let output = RiskSummarizer(plan: plan, sink: sink).cellSummaries(workers: workers)
        let summaries = output.cells
        let summarySeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if let cell = summaries.first(where: { !$0.isFinite }) {
            throw NumericalError(
                description: "the simulation overflowed at hedge ratio \(cell.hedgeRatio), leverage \(cell.leverage): "
                    + "the scenario is too extreme for its step size; lower vol or jumps, or use more steps per day")
        }
        let scenario = plan.scenario
        let profile = profile ?? (scenario.margin == .isolated && scenario.collateral == nil
            ? LeverageProfile(lowestAccount: sink.lowestAccount, paths: sink.paths, entryPrice: plan.entryPrice) : nil)
        let recommendation = Recommender(
            scenario: scenario, batches: output.batches, unhedgedVariance: output.unhedgedVariance, profile: profile
        ).recommend(summaries)
        var result = SimulationResult(
            scenario: scenario, seed: seed, cells: summaries, priceBands: PriceBands(plan: plan, sink: sink),
            recommendation: recommendation,
            timing: SimulationTiming(
                threads: workers, simulationSeconds: simulationSeconds, summarySeconds: summarySeconds,
                pathSteps: Double(scenario.paths) * Double(plan.steps)))
        // The recommended cell by its index: cells of several policies share a ratio and leverage.
        let chosen = summaries[recommendation.cell]
        result.recommendedBatches = output.batches[recommendation.cell]
        if let profile, chosen.notionalUSD > 0 {
            let lowest = LeverageSearch.smallestLeverage(scenario: scenario, ratio: chosen.hedgeRatio)
            result.leverageCurve = LeverageCurve(
                hedgeRatio: chosen.hedgeRatio, limit: scenario.maxLiquidationProbability,
                points: profile.curve(at: LeverageCurve.ladder(from: lowest, to: scenario.maxLeverage, including: chosen.leverage)))
        }
        return result
    }
}

/// A run whose numbers overflowed: reported instead of letting NaN or infinity reach a report.
public struct NumericalError: Error, CustomStringConvertible {
    public let description: String
}

extension CellSummary {
    /// Whether every number of the cell is finite.
    var isFinite: Bool {
        var numbers: [Double] = netValueUSD.allNumbers + netValueCoin.allNumbers + liquidation.ci95
        numbers += [liquidation.probability, liquidation.meanTimeDays ?? 0, hedgeEffectiveness ?? 0, hedgeEffectivenessStandardError ?? 0]
        if let m = management {
            numbers += [m.probability, m.meanActions, m.meanCoinsMoved, m.meanLiquidations, m.meanHedgeLeft]
            numbers += Array(m.coinsMovedQuantiles.values)
        }
        numbers += [cost.fundingUSD, cost.fundingReceivedUSD, cost.fundingPaidUSD, cost.feesUSD, cost.basisUSD]
        numbers += [cost.liquidationLossUSD, cost.forfeitedMarginUSD, cost.exposureAfterLiquidationUSD, cost.hedgeCutUSD]
        numbers += [cost.rollUSD, cost.marginSaleUSD, cost.totalUSD, cost.annualisedPercent] + (cost.standardErrors?.allNumbers ?? [])
        return numbers.allSatisfy(\.isFinite)
    }
}
