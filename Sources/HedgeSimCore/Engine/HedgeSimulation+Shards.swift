import Dispatch
import Foundation

extension HedgeSimulation {
    /// Simulates one shard of `scenario` and returns its partial result (no summary).
    public static func runShard(
        _ scenario: Scenario, seed: UInt64, shard: ShardSpec, threads: Int? = nil, history: MarketHistory? = nil
    ) throws -> PartialResult {
        try validate(scenario, history: history)
        if scenario.searchesLeverage && scenario.chosenLeverages == nil {
            throw InputError(
                field: "leverages", value: "auto",
                allowed: "a fixed leverage list with --shard (the automatic choice needs every path; pin the leverages "
                    + "a whole run chose, e.g. --leverage 1.01)")
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let plan = SimulationPlan(scenario: scenario, history: history)
        let blocks = shard.blocks(of: plan.blockCount)
        let sink = simulate(plan: plan, seed: seed, blocks: blocks, workers: workerCount(threads, plan: plan))
        let header = PartialResult.Header(
            seed: seed, scenario: scenario, shard: shard, firstPath: sink.firstPath, pathCount: sink.paths,
            firstBlock: blocks.lowerBound, blockCount: blocks.count, cellCount: plan.cells.count,
            bandPathCount: sink.bandPathCount, bandPoints: sink.bandPoints,
            simulationSeconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        return PartialResult(header: header, sink: sink)
    }

    /// Combines the partial results of every shard of one run into the report a single run gives,
    /// number for number (only timing differs).
    /// - Throws: `InputError` when partials come from different scenarios, seeds, versions or shard
    ///   counts, or when a shard is missing or given twice.
    public static func merge(_ partials: [PartialResult], threads: Int? = nil) throws -> SimulationResult {
        guard let first = partials.first else {
            throw InputError(flag: "", field: "partials", value: "none", allowed: "the partial files of every shard of one run")
        }
        try ShardSpec.requireOneRun(partials.map(\.header))
        let reference = first.header.setup
        let ordered = partials.sorted { $0.header.shard.index < $1.header.shard.index }
        let plan = SimulationPlan(scenario: reference)
        let sink = SimulationSink(
            paths: reference.paths, cellCount: plan.cells.count, blockCount: plan.blockCount,
            bandPaths: plan.bands.paths, bandPoints: plan.bands.steps.count, keepsMovedCoin: !plan.policyCells.isEmpty)
        for partial in ordered {
            let h = partial.header
            guard h.cellCount == plan.cells.count, h.blockCount == h.shard.blocks(of: plan.blockCount).count,
                h.bandPoints == sink.bandPoints
            else {
                throw InputError(flag: "", field: "partials", value: "shard \(h.shard.index)", allowed: "a partial consistent with its scenario")
            }
            for cell in 0..<plan.cells.count {
                for path in 0..<h.pathCount {
                    let slot = sink.slot(cell: cell, globalPath: h.firstPath + path)
                    sink.netCoin[slot] = partial.netCoin[cell * h.pathCount + path]
                    sink.movedCoin?[slot] = partial.movedCoin[cell * h.pathCount + path]
                }
            }
            for path in 0..<h.pathCount {
                sink.terminalIndex[h.firstPath + path] = partial.terminalIndex[path]
                sink.lowestAccount[h.firstPath + path] = partial.lowestAccount[path]
                sink.horizonUnitCoin[h.firstPath + path] = partial.horizonUnitCoin[path]
            }
            let bandOffset = h.firstPath * sink.bandPoints
            for (i, value) in partial.bandLogIndex.enumerated() { sink.bandLogIndex[bandOffset + i] = value }
            let fields = CellSums.fields.count
            for row in 0..<partial.blockSums.count / fields {
                sink.blockSums[h.firstBlock * plan.cells.count + row] = CellSums(partial.blockSums[row * fields ..< (row + 1) * fields])
            }
        }
        let seconds = ordered.reduce(0) { $0 + $1.header.simulationSeconds }
        return try summarize(
            plan: plan, sink: sink, seed: first.header.seed, workers: workerCount(threads, plan: plan),
            simulationSeconds: seconds)
    }
}

extension PartialResult.Header: ShardHeader {
    /// The scenario without its thread count.
    var setup: Scenario {
        var scenario = scenario
        scenario.threads = nil
        return scenario
    }
}
