import ArgumentParser
import Foundation
import HedgeSimCore
import HedgeSimReport

/// `hedgesim compare`: several scenario files (or the variants of one) on the same random numbers,
/// their recommended plans side by side with paired differences.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the plans of several scenarios (files or variants) on the same random numbers.",
        discussion: "Each file is one scenario, or one scenario per variant when it has 'variants:'. Every scenario runs "
            + "with the same seed, so the differences against the first are paired: perpetual against dated, venue "
            + "against venue, model against model. Flags apply to every scenario. Example: "
            + "hedgesim compare perpetual.yaml dated.yaml --seed 7 --format html --output compare.html")

    @Argument(help: "Scenario files (YAML or JSON); the first is the reference.") var files: [String]
    @Option(parsing: .unconditional, help: "Built-in scenario each file starts from: default | w1.") var scenario: String = "default"
    @OptionGroup var fields: ScenarioOptions
    @Option(parsing: .unconditional, help: "Random seed shared by every scenario (default 1).", transform: Seed.init(parsing:))
    var seed: Seed?
    @Option(parsing: .unconditional, help: "Output format: table | json | markdown | html.", transform: ReportFormat.parser([.table, .json, .markdown, .html]))
    var format: ReportFormat = .table
    @Option(parsing: .unconditional, help: "Write the comparison to this file (atomically) instead of standard output.") var output: String?

    func run() throws {
        do {
            guard let base = Scenario.builtIn[scenario] else {
                throw InputError(field: "scenario", value: scenario, allowed: Scenario.builtIn.keys.sorted().joined(separator: " | "))
            }
            let seed = Seed.resolve(self.seed)
            var jobs: [(String, ScenarioJob)] = []
            for file in files {
                guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                    throw InputError(field: "files", value: file, allowed: "a readable YAML or JSON scenario file")
                }
                let document = try ScenarioDocument(text: text, source: file)
                let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                for run in try document.runs() {
                    let label = run.variant.map { "\(name):\($0)" } ?? name
                    do {
                        let job = try ScenarioJob(run, base: base, flags: fields.overrides, seed: seed, stress: [], strict: fields.strict)
                        job.report(label: label)
                        jobs.append((label, job))
                    } catch let error as InputError {
                        throw ValidationError("\(label): \(error.description)")
                    }
                }
            }
            guard jobs.count >= 2 else {
                throw InputError(
                    field: "files", value: "\(jobs.count) scenario", allowed: "at least two scenarios (files, or one file with variants)")
            }
            let results = try jobs.map { label, job in (label, try job.simulate(seed: seed, threads: job.scenario.threads)) }
            let comparison = PlanComparison(seed: seed, results: results.map { (name: $0.0, result: $0.1) })
            try OutputFile.emit(try ComparisonReport.render(comparison, as: format), to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
        }
    }
}
