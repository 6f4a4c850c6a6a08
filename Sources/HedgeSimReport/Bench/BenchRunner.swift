import Dispatch
import Foundation
@_spi(Bench) import HedgeSimCore

/// Runs `hedgesim bench`: the workload at each thread count, repeated, with the noise of every run
/// measured and noisy runs measured again, plus the random-number floor and (when the run's output
/// outgrows the last-level cache) the memory bandwidth on the same threads.
public struct BenchRunner {
    /// How to measure.
    public struct Settings: Sendable {
        /// Kept runs per thread count.
        public var repeats = 6
        /// A run is noisy when others use more than this fraction of the usable CPUs' time.
        public var noiseThreshold = 0.10
        /// Noisy runs measured again per thread count at most (nil: as many as `repeats`).
        public var maxReruns: Int?
        /// Bind each worker to its own physical core.
        public var pinned = false
        /// Seed of the first repeat; repeat `i` uses `firstSeed + i` at every thread count.
        public var firstSeed: UInt64 = 1
        /// Measure the random-number floor and memory bandwidth too.
        public var measuresLimits = true
        /// The run's name in comparisons (nil: host name and pinning).
        public var label: String?

        public init() {}
    }

    let workload: BenchWorkload
    let workloadName: String
    let topology: HostTopology
    let settings: Settings
    let workers: WorkerThreads
    let probe: CPUNoiseProbe?
    let usableCPUs: [Int]

    /// Times one coin's scenario.
    public init(workload: Scenario, workloadName: String, topology: HostTopology, settings: Settings) {
        self.init(workload: .coin(workload), workloadName: workloadName, topology: topology, settings: settings)
    }

    public init(workload: BenchWorkload, workloadName: String, topology: HostTopology, settings: Settings) {
        self.workload = workload
        self.workloadName = workloadName
        self.topology = topology
        self.settings = settings
        let pinned = settings.pinned && ThreadAffinity.isAvailable
        workers = WorkerThreads(topology: topology, pinned: pinned)
        usableCPUs = topology.coreCPUs.flatMap { $0 }.sorted()
        probe = CPUNoiseProbe(cpus: usableCPUs)
    }

    /// Measures every count of `threadCounts` (ascending, starting at 1 for the speed-ups); `progress`
    /// hears one line per point.
    public func run(threadCounts: [Int], progress: (String) -> Void = { _ in }) throws -> ScalingReport {
        var measurements: [PointMeasurement] = []
        for threads in threadCounts {
            let point = try measure(threads: threads)
            let median = MedianInterval(point.seconds).median
            let noise = point.noise.isEmpty ? "" : String(format: ", others %.1f %%", 100 * NoiseSummary.fraction(point.noise))
            progress("bench: \(threads) thread\(threads == 1 ? "" : "s"): median \(String(format: "%.3f", median)) s\(noise)")
            measurements.append(point)
        }
        let maxReruns = settings.maxReruns ?? settings.repeats
        let context = ScalingReport.Context(
            tool: "hedgesim " + HedgeSimVersion.current,
            label: settings.label ?? topology.hostName + (workers.pins ? " · pinned" : " · unpinned"),
            recordedAt: ISO8601DateFormatter().string(from: Date()), machine: topology, workload: workloadName,
            paths: workload.paths, steps: workload.steps, cells: workload.cells,
            settings: ScalingReport.Settings(
                repeats: settings.repeats, noiseThreshold: settings.noiseThreshold, maxReruns: maxReruns, pinned: workers.pins,
                firstSeed: settings.firstSeed),
            memoryBytesPerRun: memoryBytesPerRun, noiseMeasured: probe != nil,
            pinningUnavailable: settings.pinned && !workers.pins)
        return ScalingReport(context: context, measurements: measurements)
    }

    /// The bytes a run moves to and from memory at the least (see `MemoryBandwidth.bytesPerRun`).
    var memoryBytesPerRun: Double { workload.memoryBytesPerRun }

    /// One thread count: a warm-up run, then runs until `repeats` are kept; a noisy run is measured
    /// again (same seed) while reruns are left, after which noisy runs are kept (and the point flagged).
    func measure(threads: Int) throws -> PointMeasurement {
        _ = try simulate(threads: threads, seed: settings.firstSeed)
        let maxReruns = settings.maxReruns ?? settings.repeats
        var seconds: [Double] = []
        var noise: [NoiseReading] = []
        var discarded = 0
        while seconds.count < settings.repeats {
            let (time, reading) = try simulate(threads: threads, seed: settings.firstSeed + UInt64(seconds.count))
            if let reading, reading.fraction > settings.noiseThreshold, discarded < maxReruns {
                discarded += 1
                continue
            }
            seconds.append(time)
            if let reading { noise.append(reading) }
        }
        let mhz = CPUFrequency.meanMHz(cpus: usableCPUs)
        let pinnedCPUs = workers.pins ? pinnedCPUList() : nil
        var floor: Double?
        var triad: Double?
        if settings.measuresLimits {
            // A portfolio draws one normal pair per two coins per path·step: its floor is the pairs' rate
            // divided by the pairs per step.
            let pairs = workload.normalPairsPerStep
            floor = RandomFloor.pathStepsPerSecond(paths: workload.paths * pairs, steps: workload.steps, threads: threads, workers: workers)
                / Double(pairs)
            workers.release()
            if let lastLevel = topology.lastLevelCacheBytes, memoryBytesPerRun > Double(lastLevel) {
                triad = MemoryBandwidth.triadBytesPerSecond(
                    threads: threads, elements: MemoryBandwidth.elements(lastLevelCacheBytes: lastLevel), workers: workers)
                workers.release()
            }
        }
        return PointMeasurement(
            threads: threads, seconds: seconds, noise: noise, discardedRuns: discarded, meanMHz: mhz, pinnedCPUs: pinnedCPUs,
            randomFloorPathStepsPerSecond: floor, triadBytesPerSecond: triad, peakMemoryMB: BenchRunner.peakMemoryMB())
    }

    /// One run: its simulation seconds and the noise around it (nil where not measurable).
    func simulate(threads: Int, seed: UInt64) throws -> (seconds: Double, noise: NoiseReading?) {
        workers.reset()
        let caller = ThreadAffinity.currentThreadID()
        let start = probe?.snapshot()
        let hook = workers
        let seconds = try workload.simulationSeconds(seed: seed, threads: threads, workerSetup: { hook.setUp(worker: $0) })
        let end = probe?.snapshot()
        workers.release()
        var reading: NoiseReading?
        if let probe, let start, let end {
            var working = workers.workingThreads
            if let caller { working.insert(caller) }
            reading = probe.reading(from: start, to: end, working: working)
        }
        return (seconds, reading)
    }

    /// The CPUs the last run's workers were bound to, by worker.
    private func pinnedCPUList() -> [Int]? {
        let bound = workers.workerCPUs
        guard !bound.isEmpty else { return nil }
        return bound.keys.sorted().compactMap { bound[$0]?.count == 1 ? bound[$0]?.first : nil }
    }

    /// Peak resident set size of this process in MB (`getrusage` reports KiB on Linux).
    static func peakMemoryMB() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1024 / 1024
        #endif
    }
}

/// Others' share of the capacity over several runs together.
enum NoiseSummary {
    static func fraction(_ readings: [NoiseReading]) -> Double {
        let capacity = readings.map(\.capacitySeconds).reduce(0, +)
        return capacity > 0 ? readings.map(\.othersCPUSeconds).reduce(0, +) / capacity : 0
    }
}
