/// What `BenchRunner` measured at one thread count, before the report compares it with the others.
struct PointMeasurement: Sendable {
    var threads: Int
    /// Simulation seconds of the kept runs, in the order measured.
    var seconds: [Double]
    /// The noise of each kept run (empty where it cannot be measured).
    var noise: [NoiseReading]
    /// Noisy runs measured again and dropped.
    var discardedRuns: Int
    var meanMHz: Double?
    /// The CPU each worker was bound to, by worker; nil when not pinned.
    var pinnedCPUs: [Int]?
    var randomFloorPathStepsPerSecond: Double?
    var triadBytesPerSecond: Double?
    var peakMemoryMB: Double
}
