import Foundation
@_spi(Bench) import HedgeSimCore

/// What `hedgesim bench` times: one coin's scenario (W1, the default, a file) or a portfolio of K
/// coins (`--assets K`). A path·step of a portfolio moves all K coins.
public enum BenchWorkload: Sendable {
    case coin(Scenario)
    case portfolio(PortfolioScenario)

    /// K equicorrelated coins (0.5) at 100 USD and vol 0.6, each hedged with its own inverse perpetual at
    /// ratio 1 and 3x, 30 hourly days: the workload of `--assets K`, of `Scripts/portfolio-scaling.sh`
    /// and of the benchmark package's `Portfolio.K=<k>`.
    public static func portfolio(assets k: Int, paths: Int) -> BenchWorkload {
        var scenario = PortfolioScenario(
            assets: (1...k).map { PortfolioAsset(name: "C\($0)", holding: 10, price: 100, vol: 0.6) },
            correlations: (0..<k).map { i in (0..<k).map { $0 == i ? 1 : 0.5 } },
            hedges: (1...k).map { PortfolioHedge(asset: "C\($0)", ratios: [1], leverage: 3) })
        scenario.paths = paths
        return .portfolio(scenario)
    }

    var paths: Int {
        switch self {
        case .coin(let s): return s.paths
        case .portfolio(let s): return s.paths
        }
    }

    var steps: Int {
        switch self {
        case .coin(let s): return s.stepCount
        case .portfolio(let s): return s.stepCount
        }
    }

    /// Hedge cells of the grid.
    var cells: Int {
        switch self {
        case .coin(let s): return s.hedgeRatios.count * s.leverages.count
        case .portfolio(let s): return s.cells.count
        }
    }

    /// Normal pairs drawn per path·step: one for a coin, one per two coins of a portfolio.
    var normalPairsPerStep: Int {
        switch self {
        case .coin: return 1
        case .portfolio(let s): return (s.assets.count + 1) / 2
        }
    }

    /// The bytes a run moves to and from memory at the least (see `MemoryBandwidth.bytesPerRun`); a
    /// portfolio keeps per path the K log prices and three values per contract, written and read once.
    var memoryBytesPerRun: Double {
        switch self {
        case .coin(let s):
            return MemoryBandwidth.bytesPerRun(
                paths: s.paths, cells: s.hedgeRatios.count * s.leverages.count, searchesLeverage: s.searchesLeverage && s.chosenLeverages == nil)
        case .portfolio(let s):
            return Double(s.paths) * Double(s.assets.count + 3 * s.hedges.count) * 8 * 2
        }
    }

    /// Runs once and returns the simulation seconds; `workerSetup` as `HedgeSimulation.run`'s.
    func simulationSeconds(seed: UInt64, threads: Int, workerSetup: @escaping @Sendable (Int) -> Void) throws -> Double {
        switch self {
        case .coin(let s):
            return try HedgeSimulation.run(s, seed: seed, threads: threads, workerSetup: workerSetup).timing.simulationSeconds
        case .portfolio(let s):
            return try s.run(seed: seed, threads: threads, workerSetup: workerSetup).timing.simulationSeconds
        }
    }
}
