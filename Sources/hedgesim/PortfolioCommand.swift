import ArgumentParser
import Foundation
import HedgeSimCore
import HedgeSimReport

/// `hedgesim portfolio`: several coins with correlated prices, hedged with inverse perpetuals of any of
/// them (cross-hedges included); every combination of ratios on the same paths, the minimum-variance
/// hedge vector and the choice.
struct PortfolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract: "Hedge several coins at once: correlated prices, cross-hedges, the minimum-variance hedge vector.",
        discussion: "The file lists assets: (name, holding, price, vol, drift), correlations: (a K×K matrix) and hedges: "
            + "(asset, contract, ratios, leverage, fundingRate); a contract is margined in its own coin, taken from its "
            + "holding. See docs/portfolio.md." + "\n\nExample: hedgesim portfolio Examples/portfolio/three-coins.yaml --seed 7")

    @Argument(help: "The portfolio file (YAML or JSON).") var file: String
    @Option(parsing: .unconditional, help: "Simulated paths (default: the file's, else 20,000).") var paths: Int?
    @Option(parsing: .unconditional, help: "Random seed (default: the file's seed, else 1).", transform: Seed.init(parsing:))
    var seed: Seed?
    @Option(parsing: .unconditional, help: "Worker threads (results do not depend on it).") var threads: Int?
    @Option(parsing: .unconditional, help: "Output format: table | json | html.", transform: ReportFormat.parser([.table, .json, .html]))
    var format: ReportFormat = .table
    @Option(parsing: .unconditional, help: "Write the report to this file (atomically) instead of standard output.") var output: String?

    func run() throws {
        do {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw InputError(field: "file", value: file, allowed: "a readable YAML or JSON portfolio file")
            }
            var (scenario, fileSeed) = try PortfolioScenario.parse(text: text, source: file)
            scenario.override(paths: paths, threads: threads)
            let result = try scenario.run(seed: Seed.resolve(seed, file: fileSeed))
            let report: String
            switch format {
            case .json: report = try CalculatorOutput.json(result)
            case .html: report = PortfolioReport.html(result)
            default: report = PortfolioReport.table(result)
            }
            try OutputFile.emit(report, to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
        }
    }
}
