import ArgumentParser
import Foundation
import HedgeSimCore
import HedgeSimReport

/// `hedgesim run`: simulate a scenario and report every hedge cell and a recommendation.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate price and funding paths and report every hedge ratio × leverage.",
        discussion: "Without arguments it runs the built-in default scenario (5 BTC at 70,000 USD, 30 days, hourly steps). "
            + "A scenario file with 'variants:' runs every variant (or --variant NAME) and reports them one after another "
            + "(table, csv) or as one JSON object keyed by variant." + "\n\nExample: hedgesim run --holding 5 --price 70000 --ratios 0,0.5,1 --seed 7 --format html --output report.html")

    @Option(parsing: .unconditional, help: "Built-in scenario to start from: default | w1.") var scenario: String = "default"
    @Option(parsing: .unconditional, help: "Scenario file (YAML or JSON); flags override its values.") var config: String?
    @OptionGroup var fields: ScenarioOptions
    @Option(parsing: .unconditional, help: "Random seed (0…18446744073709551615); default: the file's seed, else 1.", transform: Seed.init(parsing:))
    var seed: Seed?
    @Option(parsing: .unconditional, help: "Output format: table | json | csv | html | markdown.", transform: ReportFormat.parser([.table, .json, .csv, .html, .markdown]))
    var format: ReportFormat = .table
    @Option(parsing: .unconditional, help: "Write the report to this file (atomically) instead of standard output.") var output: String?
    @Option(parsing: .unconditional, help: "Run only this variant of the scenario file (default: every variant).") var variant: String?
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Stress scenarios replayed beside the random paths, comma-separated: crash[:DROP[:DAYS]], squeeze[:RISE[:FALL]], "
                + "funding-cap[:DAYS], basis-inversion[:TO[:DAYS]], replay:PRICES[+FUNDING][:FROM:TO]; replaces the file's list."))
    var stress: String?
    @Option(parsing: .unconditional, help: "Simulate only shard I of N (0-based, e.g. 0/4) and write a partial file.") var shard: String?
    @Option(parsing: .unconditional, help: "The partial file a --shard run writes, for `hedgesim merge`.") var partial: String?

    func run() throws {
        do {
            let jobs = try resolveJobs()
            for job in jobs { job.report(label: job.variant) }
            if let shard {
                guard jobs.count == 1, let job = jobs.first else {
                    throw InputError(field: "variant", value: "none", allowed: "one variant (--variant NAME) for a shard run")
                }
                guard let seed = job.seed else {
                    throw InputError(field: "seed", value: "none", allowed: "an explicit seed for a shard run, shared by every shard")
                }
                guard job.stress.isEmpty else {
                    throw InputError(field: "stress", value: job.stress.map(\.name).joined(separator: ","), allowed: "none in a shard run: run the stresses without --shard, or clear them with --stress \"\"")
                }
                try runShard(job.scenario, seed: seed, shard: try ShardSpec(parsing: shard))
                return
            }
            if partial != nil {
                throw InputError(field: "partial", value: partial ?? "", allowed: "only together with --shard I/N")
            }
            let reports = try jobs.map { job in
                try Self.inVariant(job.variant, of: jobs.count) {
                    let result = try job.simulate(seed: Seed.resolve(nil, file: job.seed), threads: job.scenario.threads)
                    return (job.variant ?? "", try ReportRenderer.render(result, as: format))
                }
            }
            let report = reports.count == 1 ? reports[0].1 : try VariantReports.combine(reports, format: format)
            try OutputFile.emit(report, to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
        }
    }

    /// The scenarios to run: the built-in base with the config (each variant, or the one named by
    /// --variant) and the flags applied.
    private func resolveJobs() throws -> [ScenarioJob] {
        let base = try baseScenario()
        let document = try config.map { try ScenarioDocument(text: try readConfig($0), source: $0) }
        if document == nil, let variant {
            throw InputError(field: "variant", value: variant, allowed: "a variant of a scenario file given with --config")
        }
        let runs = try document?.runs(named: variant) ?? [ScenarioDocument.Run(variant: nil, entries: [], seed: nil, stress: [])]
        let seed = self.seed?.value
        let stress = try self.stress.map { try StressSpec.list(.text($0)) }
        return try runs.map { run in
            try Self.inVariant(run.variant, of: runs.count) {
                try ScenarioJob(run, base: base, flags: fields.overrides, seed: seed, stress: stress, strict: fields.strict)
            }
        }
    }

    /// Runs `body`, naming the variant in its error when the file has several.
    private static func inVariant<T>(_ variant: String?, of count: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as InputError where count > 1 {
            throw ValidationError("variant \(variant ?? ""): \(error.description)")
        } catch let error as NumericalError where count > 1 {
            throw ValidationError("variant \(variant ?? ""): \(error.description)")
        }
    }

    /// A shard run: needs an explicit seed (all shards must share it) and writes only the partial file.
    private func runShard(_ scenario: Scenario, seed: UInt64, shard: ShardSpec) throws {
        guard let partial else {
            throw InputError(field: "shard", value: "\(shard.index)/\(shard.count)", allowed: "together with --partial FILE")
        }
        let result = try HedgeSimulation.runShard(
            scenario, seed: seed, shard: shard, threads: scenario.threads, history: try HistoryLoader.load(for: scenario))
        try OutputFile.writeAtomically(try result.encoded(), to: partial)
    }

    private func baseScenario() throws -> Scenario {
        guard let base = Scenario.builtIn[scenario] else {
            throw InputError(field: "scenario", value: scenario, allowed: Scenario.builtIn.keys.sorted().joined(separator: " | "))
        }
        return base
    }

    private func readConfig(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(field: "config", value: path, allowed: "a readable YAML or JSON file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(field: "config", value: path, allowed: "UTF-8 text")
        }
        return text
    }
}
