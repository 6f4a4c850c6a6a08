import Foundation

/// The result of `hedgesim bench`: the machine, the settings, one point per thread count, the
/// Amdahl model fitted to them and the warnings a reader must see. Saved as JSON (schema version
/// `currentSchemaVersion`), it is what `hedgesim bench --compare` reads back.
public struct ScalingReport: Codable, Sendable {
    /// Version 2 added the topology, noise, intervals, flags, limits and the model; version 1 files
    /// (min/max only) are refused by `--compare`.
    public static let currentSchemaVersion = 2

    /// How a point's threads sit on the machine.
    public enum Placement: String, Codable, Sendable {
        /// At most one thread per physical core.
        case cores
        /// More threads than physical cores: some share a core with an SMT sibling.
        case smtSiblings = "smt-siblings"
        /// More threads than logical CPUs: threads wait for each other.
        case oversubscribed
    }

    /// Why a point's figures are not a result.
    public enum Flag: String, Codable, Sendable {
        /// Others used more than the threshold of the CPUs' time during the point, even after reruns.
        case noisy
        /// The 1-thread baseline was noisy, so this point's speed-up and efficiency are uncertain.
        case noisyBaseline = "noisy-baseline"
        /// Speed-up above the thread count (or the usable CPUs), beyond the interval: noise, not scaling.
        case impossibleSpeedUp = "impossible-speed-up"
        /// More threads than logical CPUs.
        case oversubscribed
        /// Speed-up above the thread count, but within its interval: consistent with ideal scaling,
        /// not evidence of better (the point stays usable).
        case aboveIdealWithinInterval = "above-ideal-within-interval"
    }

    /// The CPU time others used during a point's kept runs.
    public struct Noise: Codable, Sendable {
        /// Others' CPU seconds over the capacity (`wall × usable CPUs`) of all kept runs together.
        public var othersCPUFraction: Double
        /// The noisiest kept run's fraction.
        public var worstRunFraction: Double
        /// Each kept run's fraction, in the order of `Point.seconds`.
        public var runFractions: [Double]
        /// Mean clock frequency of the usable CPUs after the runs, MHz; nil where unreadable.
        public var meanMHz: Double?
    }

    /// How close a point gets to what the hardware allows.
    public struct Limits: Codable, Sendable {
        /// Path·steps per second of drawing only the normals, on the point's threads.
        public var randomFloorPathStepsPerSecond: Double?
        /// The point's throughput over that floor.
        public var fractionOfRandomFloor: Double?
        /// Bytes a run moves to and from memory at the least (its per-path output).
        public var memoryBytesPerRun: Double?
        /// Whether that output exceeds the last-level cache (only then does bandwidth matter).
        public var exceedsLastLevelCache: Bool?
        /// The bandwidth the point needs, bytes per second (`memoryBytesPerRun / medianSeconds`).
        public var neededBytesPerSecond: Double?
        /// Triad bandwidth measured on the point's threads, bytes per second.
        public var measuredBytesPerSecond: Double?
        /// `neededBytesPerSecond / measuredBytesPerSecond`.
        public var fractionOfBandwidth: Double?

        public init() {}
    }

    /// One thread count. Throughput is path·steps per second of the simulation (summaries excluded);
    /// speed-up and efficiency compare medians with the 1-thread median.
    public struct Point: Codable, Sendable {
        public var threads: Int
        public var placement: Placement
        /// The CPU each worker was bound to (`--pin`), by worker; nil when not pinned.
        public var pinnedCPUs: [Int]?
        /// Runs kept (the repeats).
        public var repeats: Int
        /// Noisy runs measured again and dropped.
        public var discardedRuns: Int
        /// Simulation seconds of the kept runs, in the order measured.
        public var seconds: [Double]
        public var medianSeconds: Double
        /// Distribution-free interval of the median (order statistics) and its coverage.
        public var medianInterval: [Double]
        public var intervalLevel: Double
        public var minSeconds: Double
        public var maxSeconds: Double
        public var medianPathStepsPerSecond: Double
        public var speedUp: Double
        /// From the two medians' intervals: `[T₁ low / Tₚ high, T₁ high / Tₚ low]`.
        public var speedUpInterval: [Double]
        public var parallelEfficiency: Double
        public var noise: Noise?
        public var limits: Limits
        public var flags: [Flag]
        /// Whether the speed-up and efficiency may be read as results (no noise flag, possible values).
        public var usable: Bool
        /// Peak resident memory of the process after this point, MB (monotone across points).
        public var peakMemoryMB: Double
    }

    /// The measurement settings.
    public struct Settings: Codable, Sendable {
        public var repeats: Int
        /// A run is noisy when others use more than this fraction of the usable CPUs' time.
        public var noiseThreshold: Double
        /// Noisy runs measured again per point at most.
        public var maxReruns: Int
        public var pinned: Bool
        public var firstSeed: UInt64
    }

    /// Amdahl's law fitted to the points on physical cores, and what it predicts.
    public struct Model: Codable, Sendable {
        public struct Prediction: Codable, Sendable {
            public var cores: Int
            public var efficiency: Double
            /// 95 % interval from the serial fraction's error; nil without one.
            public var efficiencyInterval: [Double]?
            public var speedUp: Double
        }

        public var serialFraction: Double
        public var standardError: Double?
        public var oneThreadSeconds: Double
        public var reducedChiSquare: Double?
        /// The thread counts fitted.
        public var threadsFitted: [Int]
        /// Whether every fitted point was usable; when not, the model is shown as not a result.
        public var usable: Bool
        /// Where the prediction comes from, in words.
        public var basis: String
        public var predictions: [Prediction]
    }

    public var schemaVersion = ScalingReport.currentSchemaVersion
    public var tool: String
    /// A name for this run in comparisons (default: host name, pinned or not).
    public var label: String
    /// When the run finished, ISO 8601.
    public var recordedAt: String
    public var machine: HostTopology
    public var workload: String
    public var paths: Int
    public var steps: Int
    public var cells: Int
    public var settings: Settings
    public var points: [Point]
    public var model: Model?
    public var warnings: [String]
}
