import ArgumentParser
import Foundation
import HedgeSimCore
import HedgeSimReport

/// `hedgesim bench`: measures how the simulation scales with threads on this host, or compares saved
/// runs (`--compare`).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark this host: run W1 (or a scenario) at 1, 2, 4, … threads up to the physical cores, then the SMT siblings.",
        discussion: "Reports each thread count's median with a distribution-free interval, speed-up and efficiency against "
            + "1 thread, the CPU time other processes used during the runs (noisy runs are measured again; still-noisy "
            + "points and impossible speed-ups are flagged), the distance to the normals-only random-number floor and "
            + "the memory bandwidth, and an Amdahl model with predictions at 16–128 cores. "
            + "`hedgesim bench --compare a.json b.json` puts saved runs (--format json) side by side.")

    @Option(parsing: .unconditional, help: "Built-in scenario: w1 | default.") var scenario: String = "w1"
    @Option(parsing: .unconditional, help: "Scenario file instead of a built-in one.") var config: String?
    @Option(parsing: .unconditional, help: "Paths per run.") var paths: Int = 100_000
    @Option(parsing: .unconditional, help: "Time a portfolio of this many coins (1…20; equicorrelated 0.5, each hedged with its own perpetual) instead of a scenario.")
    var assets: Int?
    @Option(parsing: .unconditional, help: "Kept runs per thread count (6 or more give 95 % intervals of the median).")
    var repeats: Int = 6
    @Option(
        parsing: .unconditional,
        help: "Largest thread count (default: all logical CPUs; more than those is measured, marked and warned about).")
    var maxThreads: Int?
    @Flag(help: "Bind each worker thread to its own physical core (Linux affinity).") var pin = false
    @Option(parsing: .unconditional, help: "A run is noisy when others use more than this fraction of the CPUs' time.")
    var noiseThreshold: Double = 0.10
    @Option(parsing: .unconditional, help: "Noisy runs measured again per thread count at most (default: --repeats).")
    var maxReruns: Int?
    @Flag(help: "Skip the random-number floor and memory-bandwidth measurements.") var noLimits = false
    @Option(parsing: .unconditional, help: "Name of this run in comparisons (default: host name and pinning).") var label: String?
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Compare saved runs (JSON from --format json) instead of measuring.", valueName: "file.json"))
    var compare: [String] = []
    @Option(parsing: .unconditional, help: "Output format: table | json | csv | html.", transform: ReportFormat.parser([.table, .json, .csv, .html]))
    var format: ReportFormat = .table
    @Option(parsing: .unconditional, help: "Write the report to this file (atomically).") var output: String?

    func run() throws {
        do {
            if !compare.isEmpty {
                try OutputFile.emit(try comparison().render(as: format), to: output)
                return
            }
            try OutputFile.emit(try measure().render(as: format), to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
        } catch let error as ScalingFileError {
            throw ValidationError(error.description)
        }
    }

    /// Measures this host.
    private func measure() throws -> ScalingReport {
        guard (1...100).contains(repeats) else {
            throw InputError(field: "repeats", value: String(repeats), allowed: "1 to 100")
        }
        guard noiseThreshold > 0 && noiseThreshold <= 1 else {
            throw InputError(field: "noiseThreshold", value: String(noiseThreshold), allowed: "a fraction above 0, at most 1")
        }
        if let maxReruns, !(0...1000).contains(maxReruns) {
            throw InputError(field: "maxReruns", value: String(maxReruns), allowed: "0 to 1000")
        }
        if let assets {
            guard (1...PortfolioScenario.maxAssets).contains(assets) else {
                throw InputError(field: "assets", value: String(assets), allowed: "1 to \(PortfolioScenario.maxAssets) coins")
            }
            if let config { throw InputError(field: "config", value: config, allowed: "none with --assets (the portfolio is built in)") }
            if scenario != "w1" { throw InputError(field: "scenario", value: scenario, allowed: "none with --assets (the portfolio is built in)") }
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
        let topology = HostTopology.inspect()
        if let maxThreads, !(1...1024).contains(maxThreads) {
            throw InputError(field: "maxThreads", value: String(maxThreads), allowed: "1 to 1024")
        }
        var settings = BenchRunner.Settings()
        settings.repeats = repeats
        settings.noiseThreshold = noiseThreshold
        settings.maxReruns = maxReruns
        settings.pinned = pin
        settings.measuresLimits = !noLimits
        settings.label = label
        let runner = assets.map { k in
            BenchRunner(
                workload: BenchWorkload.portfolio(assets: k, paths: paths), workloadName: "portfolio of \(k) coin\(k == 1 ? "" : "s")",
                topology: topology, settings: settings)
        } ?? BenchRunner(workload: workload, workloadName: config ?? scenario, topology: topology, settings: settings)
        let interactive = isatty(STDERR_FILENO) != 0
        return try runner.run(threadCounts: topology.threadCounts(upTo: maxThreads)) { line in
            if interactive { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
    }

    /// Reads the saved runs of `--compare`.
    private func comparison() throws -> ScalingComparison {
        guard compare.count >= 2 else {
            throw InputError(field: "compare", value: compare.joined(separator: " "), allowed: "at least two saved runs (JSON)")
        }
        let runs = try compare.map { path -> ScalingReport in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputError(field: "compare", value: path, allowed: "a readable bench JSON file")
            }
            return try ScalingReport.decode(data, source: path)
        }
        return ScalingComparison(runs: runs)
    }
}
