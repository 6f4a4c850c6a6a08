import Benchmark
import HedgeSimCore
import HedgeSimRandom

/// Benchmarks of the reference workload W1 (`Scenario.w1`) and of its parts:
/// - "Normals": normal pairs straight from Philox counters (`fillNormalRows`), the random-number
///   layer alone;
/// - "W1.<paths> x 720 x <ratios>": the whole run (path generation, liquidation monitor for every
///   cell, settlement, risk summaries) at 20,000 and 100,000 paths; 1 ratio is mostly path
///   generation, 101 ratios shows what the one-pass evaluator adds for a large grid;
/// - "W1.auto.100000 x 720 x 11": the same run with the leverage of every ratio chosen by the run
///   (`--leverage auto`: a first pass, the search, and a second pass that simulates again only the
///   paths a chosen cell liquidates), to compare with "W1.100000 x 720 x 11" (at most 1.5×).
/// - "Shape.<name>": W1 at 100,000 paths and one ratio with one switch changed — the between-step
///   check, a dated contract, GARCH-t, cross margin, several funding payments per step, the bootstrap
///   of a synthetic hourly history — each on the one C path kernel (issue target: ≥ 70 % of W1's
///   path·steps per second; see docs/performance.md for the measured table).
/// - "Portfolio.K=<k>.100000 x 720": `hedgesim portfolio` with K equicorrelated coins (0.5), each hedged
///   with its own inverse perpetual at ratio 1 (correlated shocks through BLAS dgemm, the C step);
///   issue target: the cost grows at most linearly in K (see docs/performance.md).
/// Throughput is counted in path·steps (or normals) per iteration.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(3),
        maxIterations: 20,
        thresholds: [
            .wallClock: .init(relative: [.p50: 25]),
            .mallocCountTotal: .init(relative: [.p50: 10]),
        ])

    let normalCount = 1 << 20
    Benchmark("Normals.1M", configuration: .init(scalingFactor: .one)) { benchmark in
        let source = CounterRandomSource(seed: 1)
        let z1 = UnsafeMutablePointer<Double>.allocate(capacity: normalCount / 2)
        let z2 = UnsafeMutablePointer<Double>.allocate(capacity: normalCount / 2)
        defer {
            z1.deallocate()
            z2.deallocate()
        }
        for iteration in benchmark.scaledIterations {
            source.fillNormalRows(
                purpose: 1, index: UInt32(truncatingIfNeeded: iteration), paths: 0..<512, steps: 0..<(normalCount / 1024),
                z1: z1, z2: z2, u3: nil)
            blackHole(z1[0] + z2[normalCount / 2 - 1])
        }
    }

    for (paths, ratios, auto) in [(20_000, 11, false), (100_000, 11, false), (100_000, 1, false), (100_000, 101, false), (100_000, 11, true)] {
        var scenario = Scenario.w1
        scenario.paths = paths
        scenario.hedgeRatios = (0..<ratios).map { ratios == 1 ? 1 : Double($0) / Double(ratios - 1) }
        if auto { scenario.leverageMode = .auto }
        let name = "W1.\(auto ? "auto." : "")\(paths) x 720 x \(ratios)"
        Benchmark(name, configuration: .init(scalingFactor: .one)) { benchmark in
            for _ in benchmark.scaledIterations {
                let result = try HedgeSimulation.run(scenario, seed: 7)
                blackHole(result.cells.count)
            }
        }
    }

    let hourlyHistory: MarketHistory = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let returns = (0..<8_760).map { _ -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return 0.008 * (Double(state >> 11) * 0x1p-53 - 0.5)
        }
        return try! MarketHistory(logReturns: returns)
    }()
    let shapes: [(String, (inout Scenario) -> Void, MarketHistory?)] = [
        ("between-step check", { $0.betweenStepCheck = true }, nil),
        ("dated", { $0.instrument = .dated; $0.expiryDays = 90 }, nil),
        ("GARCH-t", { $0.model = .garch }, nil),
        ("cross margin", { $0.margin = .cross }, nil),
        ("several payments per step", { $0.fundingIntervalHours = 0.25 }, nil),
        ("bootstrap", { $0.model = .bootstrap }, hourlyHistory),
    ]
    for (name, change, history) in shapes {
        var scenario = Scenario.w1
        scenario.paths = 100_000
        scenario.hedgeRatios = [1]
        change(&scenario)
        Benchmark("Shape.\(name).100000 x 720", configuration: .init(scalingFactor: .one)) { benchmark in
            for _ in benchmark.scaledIterations {
                let result = try HedgeSimulation.run(scenario, seed: 7, history: history)
                blackHole(result.cells.count)
            }
        }
    }

    for k in [1, 2, 5, 10, 20] {
        var portfolio = PortfolioScenario(
            assets: (1...k).map { PortfolioAsset(name: "C\($0)", holding: 10, price: 100, vol: 0.6) },
            correlations: (0..<k).map { i in (0..<k).map { $0 == i ? 1 : 0.5 } },
            hedges: (1...k).map { PortfolioHedge(asset: "C\($0)", ratios: [1], leverage: 3) })
        portfolio.paths = 100_000
        Benchmark("Portfolio.K=\(k).100000 x 720", configuration: .init(scalingFactor: .one)) { benchmark in
            for _ in benchmark.scaledIterations {
                let result = try portfolio.run(seed: 7)
                blackHole(result.cells.count)
            }
        }
    }
}
