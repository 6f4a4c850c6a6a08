import Foundation
@testable import HedgeSimReport

/// Machines and measurements made up for the bench tests.
enum BenchFixtures {
    /// A machine with `physical` cores of `siblings` logical CPUs each (CPU `c + k·physical` is sibling
    /// `k` of core `c`, as Linux numbers them).
    static func machine(physical: Int, siblings: Int = 1) -> HostTopology {
        HostTopology(
            hostName: "fixture", cpuModel: "Test CPU", logicalCores: physical * siblings, physicalCores: physical, sockets: 1,
            numaNodes: 1, caches: [.init(level: 3, type: "Unified", sizeBytes: 32 << 20, sharedByCPUs: physical * siblings)],
            memoryBytes: 16 << 30, cpuQuotaCores: nil, vectorLevel: "avx2", blas: "OpenBLAS (core Haswell)",
            coreCPUs: (0..<physical).map { core in (0..<siblings).map { core + $0 * physical } }, source: "fixture")
    }

    /// A point measured `repeats` times at `seconds` (each run scattered by a fixed ±0.5 % pattern) with
    /// others using `others` of the capacity.
    static func measurement(threads: Int, seconds: Double, repeats: Int = 6, others: Double = 0.01) -> PointMeasurement {
        let pattern = [0.0, 0.004, -0.003, 0.005, -0.005, 0.002, -0.001, 0.003, -0.002]
        let times = (0..<repeats).map { seconds * (1 + pattern[$0 % pattern.count]) }
        let noise = times.map { NoiseReading(wallSeconds: $0, othersCPUSeconds: others * $0 * 2, capacitySeconds: $0 * 2, fraction: others) }
        return PointMeasurement(
            threads: threads, seconds: times, noise: noise, discardedRuns: 0, meanMHz: 3000, pinnedCPUs: nil,
            randomFloorPathStepsPerSecond: 1e9, triadBytesPerSecond: nil, peakMemoryMB: 40)
    }

    static func context(machine: HostTopology, repeats: Int = 6, threshold: Double = 0.1) -> ScalingReport.Context {
        ScalingReport.Context(
            tool: "hedgesim test", label: "fixture run", recordedAt: "2026-01-01T00:00:00Z", machine: machine, workload: "w1",
            paths: 100_000, steps: 720, cells: 11,
            settings: .init(repeats: repeats, noiseThreshold: threshold, maxReruns: repeats, pinned: false, firstSeed: 1),
            memoryBytesPerRun: 22e6, noiseMeasured: true)
    }
}
