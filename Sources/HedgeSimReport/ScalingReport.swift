import Foundation

/// The result of `hedgesim bench`: the machine, the workload, and one point per thread count with
/// the median and spread of repeated runs.
public struct ScalingReport: Codable, Sendable {
    public struct Machine: Codable, Sendable {
        public var cpuModel: String
        public var logicalCores: Int
        public var vectorLevel: String
        public var blas: String
        public init(cpuModel: String, logicalCores: Int, vectorLevel: String, blas: String) {
            self.cpuModel = cpuModel
            self.logicalCores = logicalCores
            self.vectorLevel = vectorLevel
            self.blas = blas
        }
    }

    /// One thread count. Throughput is path·steps per second of the simulation (summaries excluded);
    /// speed-up and efficiency compare medians with the 1-thread median.
    public struct Point: Codable, Sendable {
        public var threads: Int
        public var repeats: Int
        public var medianSeconds: Double
        public var minSeconds: Double
        public var maxSeconds: Double
        public var medianPathStepsPerSecond: Double
        public var speedUp: Double
        public var parallelEfficiency: Double
        /// Peak resident memory of the process after this point, MB (monotone across points).
        public var peakMemoryMB: Double
        public init(
            threads: Int, repeats: Int, medianSeconds: Double, minSeconds: Double, maxSeconds: Double,
            medianPathStepsPerSecond: Double, speedUp: Double, parallelEfficiency: Double, peakMemoryMB: Double
        ) {
            self.threads = threads
            self.repeats = repeats
            self.medianSeconds = medianSeconds
            self.minSeconds = minSeconds
            self.maxSeconds = maxSeconds
            self.medianPathStepsPerSecond = medianPathStepsPerSecond
            self.speedUp = speedUp
            self.parallelEfficiency = parallelEfficiency
            self.peakMemoryMB = peakMemoryMB
        }
    }

    public var schemaVersion = 1
    public var tool: String
    public var machine: Machine
    public var workload: String
    public var paths: Int
    public var steps: Int
    public var cells: Int
    public var points: [Point]

    public init(tool: String, machine: Machine, workload: String, paths: Int, steps: Int, cells: Int, points: [Point]) {
        self.tool = tool
        self.machine = machine
        self.workload = workload
        self.paths = paths
        self.steps = steps
        self.cells = cells
        self.points = points
    }
}
