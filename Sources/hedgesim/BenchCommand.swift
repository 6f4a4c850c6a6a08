import ArgumentParser
import Foundation
import HedgeSimCore
import HedgeSimReport

/// `hedgesim bench`: measures how the simulation scales with threads on this host.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark this host: run W1 (or a scenario) at 1, 2, 4, … threads up to all cores.",
        discussion: "Reports path·steps per second (median of the repeats, with min and max), speed-up and "
            + "parallel efficiency against 1 thread, and the process's peak memory.")

    @Option(parsing: .unconditional, help: "Built-in scenario: w1 | default.") var scenario: String = "w1"
    @Option(parsing: .unconditional, help: "Scenario file instead of a built-in one.") var config: String?
    @Option(parsing: .unconditional, help: "Paths per run.") var paths: Int = 100_000
    @Option(parsing: .unconditional, help: "Runs per thread count (the median is reported).") var repeats: Int = 3
    @Option(parsing: .unconditional, help: "Largest thread count (default: all logical cores).") var maxThreads: Int?
    @Option(parsing: .unconditional, help: "Output format: table | json | csv | html.") var format: String = "table"
    @Option(parsing: .unconditional, help: "Write the report to this file (atomically).") var output: String?

    func run() throws {
        do {
            guard ["table", "json", "csv", "html"].contains(format) else {
                throw InputError(field: "format", value: format, allowed: "table | json | csv | html")
            }
            guard (1...100).contains(repeats) else {
                throw InputError(field: "repeats", value: String(repeats), allowed: "1 to 100")
            }
            guard var workload = Scenario.builtIn[scenario] else {
                throw InputError(field: "scenario", value: scenario, allowed: Scenario.builtIn.keys.sorted().joined(separator: " | "))
            }
            if let config {
                guard let data = FileManager.default.contents(atPath: config), let text = String(data: data, encoding: .utf8) else {
                    throw InputError(field: "config", value: config, allowed: "a readable UTF-8 YAML or JSON file")
                }
                try ScenarioDocument(text: text, source: config).apply(to: &workload)
            }
            workload.paths = paths
            try workload.validate()
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let top = maxThreads ?? cores
            guard top >= 1 && top <= 1024 else {
                throw InputError(field: "maxThreads", value: String(top), allowed: "1 to 1024")
            }
            var counts: [Int] = []
            var threads = 1
            while threads < top {
                counts.append(threads)
                threads *= 2
            }
            counts.append(top)
            var points: [ScalingReport.Point] = []
            var baseline = 0.0
            for count in counts {
                var seconds: [Double] = []
                for repeatIndex in 0..<repeats {
                    let result = try HedgeSimulation.run(workload, seed: UInt64(repeatIndex + 1), threads: count)
                    seconds.append(result.timing.simulationSeconds)
                }
                seconds.sort()
                let median = seconds[seconds.count / 2]
                let rate = Double(workload.paths) * Double(workload.stepCount) / median
                if count == 1 { baseline = rate }
                let speedUp = baseline > 0 ? rate / baseline : 1
                points.append(ScalingReport.Point(
                    threads: count, repeats: repeats, medianSeconds: median, minSeconds: seconds[0],
                    maxSeconds: seconds[seconds.count - 1], medianPathStepsPerSecond: rate, speedUp: speedUp,
                    parallelEfficiency: speedUp / Double(count), peakMemoryMB: BenchCommand.peakMemoryMB()))
            }
            let report = ScalingReport(
                tool: "hedgesim " + HedgeSimVersion.current,
                machine: .init(
                    cpuModel: BenchCommand.cpuModel(), logicalCores: cores, vectorLevel: EngineInfo.vectorLevel,
                    blas: EngineInfo.blas),
                workload: config ?? scenario, paths: workload.paths, steps: workload.stepCount,
                cells: workload.hedgeRatios.count * workload.leverages.count, points: points)
            let text = try report.render(as: format)
            try OutputFile.emit(text, to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
        }
    }

    /// The "model name" line of /proc/cpuinfo, or "unknown".
    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }

    /// Peak resident set size of this process in MB (`getrusage` reports KiB on Linux).
    static func peakMemoryMB() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
