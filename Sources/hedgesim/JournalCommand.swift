import ArgumentParser
import Foundation
import HedgeSimCalibration
import HedgeSimCore
import HedgeSimReport

/// `hedgesim journal`: what a documented hedge really cost (fees, funding, basis, liquidations) per
/// hedge and per year, in coin and USD; with the scenario that chose the hedge, where that cost falls in
/// the simulated distribution.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "The realised cost of documented hedges, per hedge and per year, against the simulated cost.",
        discussion: "The journal is a CSV of trades, funding payments, liquidations and settlements in time order "
            + "(columns time,type,side,quantity,price,index,fee,amount,hedge,instrument; docs/journal.md), or a venue's "
            + "export (--layout deribit: Deribit's transaction log). With --config (or --scenario) the scenario that chose "
            + "the hedge is simulated and each hedge's realised cost, as a share of its notional per year, is placed in the "
            + "distribution of the advised cell's cost."
            + "\n\nExample: hedgesim journal Examples/journal/hedges.csv --config Examples/journal/chosen.yaml")

    @Argument(help: "The journal CSV file.") var file: String
    @Option(parsing: .unconditional, help: "Layout of the file: hedgesim | deribit.", transform: choice(JournalLayout.self))
    var layout: JournalLayout = .hedgesim
    @Option(parsing: .unconditional, help: "The scenario file (YAML or JSON) that chose the hedge; flags override its values.")
    var config: String?
    @Option(parsing: .unconditional, help: "Built-in scenario to compare with, or to start the file from: default | w1.")
    var scenario: String?
    @Option(parsing: .unconditional, help: "The variant of the scenario file to compare with.") var variant: String?
    @OptionGroup var fields: ScenarioOptions
    @Option(parsing: .unconditional, help: "Random seed (default: the file's seed, else 1).", transform: Seed.init(parsing:))
    var seed: Seed?
    @Option(parsing: .unconditional, help: "Output format: table | json | html.", transform: ReportFormat.parser([.table, .json, .html]))
    var format: ReportFormat = .table
    @Option(parsing: .unconditional, help: "Write the report to this file (atomically) instead of standard output.") var output: String?

    func run() throws {
        do {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw InputError(field: "file", value: file, allowed: "a readable journal CSV")
            }
            let entries = try layout.read(data: data, source: file)
            guard !entries.isEmpty else {
                throw InputError(field: "file", value: file, allowed: "a journal with at least one trade of an inverse perpetual or future")
            }
            let (hedges, years) = try JournalLedger.hedges(of: entries, source: file)
            let comparison = try compare(hedges)
            let report = JournalReport(source: file, layout: layout, hedges: hedges, years: years, comparison: comparison)
            let text: String
            switch format {
            case .json: text = try CalculatorOutput.json(report)
            case .html: text = report.html()
            default: text = report.table()
            }
            try OutputFile.emit(text, to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as CSVError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
        }
    }

    /// The comparison with the scenario's advised cell, or nil without `--config`/`--scenario`.
    private func compare(_ hedges: [JournalHedge]) throws -> JournalComparison? {
        guard config != nil || scenario != nil else {
            if let (key, _) = fields.overrides.first {
                throw InputError(field: key, value: "given", allowed: "only with --config or --scenario (the scenario that chose the hedge)")
            }
            if let variant { throw InputError(field: "variant", value: variant, allowed: "only with --config") }
            if let seed { throw InputError(field: "seed", value: "\(seed.value)", allowed: "only with --config or --scenario") }
            return nil
        }
        let name = scenario ?? "default"
        guard let base = Scenario.builtIn[name] else {
            throw InputError(field: "scenario", value: name, allowed: Scenario.builtIn.keys.sorted().joined(separator: " | "))
        }
        var run = ScenarioDocument.Run(variant: nil, entries: [], seed: nil, stress: [])
        if let config {
            guard let data = FileManager.default.contents(atPath: config), let text = String(data: data, encoding: .utf8) else {
                throw InputError(field: "config", value: config, allowed: "a readable YAML or JSON scenario file")
            }
            let runs = try ScenarioDocument(text: text, source: config).runs(named: variant)
            guard runs.count == 1, let only = runs.first else {
                throw InputError(
                    field: "variant", value: "none", allowed: "one of the file's variants: " + runs.compactMap(\.variant).joined(separator: " | "))
            }
            run = only
        } else if let variant {
            throw InputError(field: "variant", value: variant, allowed: "a variant of a scenario file given with --config")
        }
        let job = try ScenarioJob(run, base: base, flags: fields.overrides, seed: seed?.value, stress: [], strict: fields.strict)
        job.report()
        let seed = Seed.resolve(nil, file: job.seed)
        let (result, costs) = try HedgeSimulation.runKeepingCosts(
            job.scenario, seed: seed, threads: job.scenario.threads, history: try HistoryLoader.load(for: job.scenario))
        let sample = costs[result.recommendation.cell]
        guard sample.notionalUSD > 0 else {
            throw InputError(
                field: "config", value: "\(config ?? name) advises no hedge",
                allowed: "a scenario whose advice is a hedge: narrow it to the hedge you chose, e.g. --ratios 1 --leverage 3")
        }
        return JournalComparison(sample: sample, hedges: hedges, scenario: config ?? name, seed: seed)
    }
}
