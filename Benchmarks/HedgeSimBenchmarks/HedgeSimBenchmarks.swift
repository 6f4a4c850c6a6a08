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
}
