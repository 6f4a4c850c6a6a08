import ArgumentParser
import Foundation
import HedgeSimCalibration
import HedgeSimCore
import HedgeSimReport

/// `hedgesim portfolio`: several coins with correlated prices, hedged with inverse perpetuals of any of
/// them (cross-hedges included); every combination of ratios on the same paths, the minimum-variance
/// hedge vector and the choice.
struct PortfolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract: "Hedge several coins at once: correlated prices, cross-hedges, the minimum-variance hedge vector.",
        discussion: "The file lists assets: (name, holding, price, vol, drift; jump keys, or garchAlpha and garchBeta for GARCH-t), "
            + "correlations: (a K×K matrix) and hedges: (asset, contract, ratios, leverage or margin: cross, fundingRate); a contract is "
            + "margined in its own coin, taken from its holding. See docs/portfolio.md." + "\n\nExample: hedgesim portfolio Examples/portfolio/three-coins.yaml --seed 7")

    @Argument(help: "The portfolio file (YAML or JSON).") var file: String
    @Option(parsing: .unconditional, help: "Simulated paths (default: the file's, else 20,000).") var paths: Int?
    @Option(parsing: .unconditional, help: "Random seed (default: the file's seed, else 1).", transform: Seed.init(parsing:))
    var seed: Seed?
    @Option(parsing: .unconditional, help: "Worker threads (results do not depend on it).") var threads: Int?
    @Option(parsing: .unconditional, help: "Output format: table | json | html (default table).", transform: ReportFormat.parser([.table, .json, .html]))
    var format: ReportFormat?
    @Option(parsing: .unconditional, help: "Write the report to this file (atomically) instead of standard output.") var output: String?
    @Option(parsing: .unconditional, help: "Simulate only shard I of N (0-based, e.g. 0/4) and write a partial file for `hedgesim merge`.")
    var shard: String?
    @Option(parsing: .unconditional, help: "The partial file a --shard run writes.") var partial: String?

    func run() throws {
        do {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw InputError(field: "file", value: file, allowed: "a readable YAML or JSON portfolio file")
            }
            var (scenario, fileSeed) = try PortfolioScenario.parse(text: text, source: file)
            scenario.override(paths: paths, threads: threads)
            let history = try Self.loadHistory(for: &scenario, file: file)
            if let shard {
                try runShard(scenario, seed: seed?.value ?? fileSeed, shard: try ShardSpec(parsing: shard), history: history)
                return
            }
            if let partial {
                throw InputError(flag: "--partial", field: "partial", value: partial, allowed: "only together with --shard I/N")
            }
            let result = try scenario.run(seed: Seed.resolve(seed, file: fileSeed), history: history)
            try OutputFile.emit(Self.render(result, as: format ?? .table), to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
        }
    }

    /// A shard run: an explicit seed (the flag's or the file's, shared by every shard), and only the
    /// partial file is written.
    private func runShard(_ scenario: PortfolioScenario, seed: UInt64?, shard: ShardSpec, history: PortfolioHistory?) throws {
        guard let seed else {
            throw InputError(flag: "--seed", field: "seed", value: "none", allowed: "an explicit seed (--seed or the file's seed:) for a shard run, shared by every shard")
        }
        guard let partial else {
            throw InputError(flag: "--shard", field: "shard", value: "\(shard.index)/\(shard.count)", allowed: "together with --partial FILE")
        }
        if let format {
            throw InputError(flag: "--format", field: "format", value: format.rawValue, allowed: "none with --shard (it writes a partial file; `hedgesim merge` makes the report)")
        }
        if let output {
            throw InputError(flag: "--output", field: "output", value: output, allowed: "none with --shard (the partial goes to --partial FILE)")
        }
        let result = try scenario.runShard(seed: seed, shard: shard, history: history)
        try OutputFile.writeAtomically(try result.encoded(), to: partial)
    }

    /// The joint bootstrap's history: each asset's `history:` CSV (a path relative to the portfolio
    /// file's folder), read with the calibrate command's reader and aligned on the common times; it is
    /// attached to the scenario (vols and correlations become the history's). nil without a bootstrap.
    static func loadHistory(for scenario: inout PortfolioScenario, file: String) throws -> PortfolioHistory? {
        guard scenario.usesHistory else { return nil }
        try scenario.validate()
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let histories = try scenario.assets.enumerated().map { i, asset -> (source: String, prices: PriceHistory) in
            let name = asset.history ?? ""
            let path = name.hasPrefix("/") ? name : folder.appendingPathComponent(name).path
            do {
                return (source: name, prices: try PriceHistory(contentsOfFile: path))
            } catch let error as CSVError {
                throw InputError(flag: "", field: "assets[\(i)].history", value: name, allowed: "a readable price CSV (\(error))")
            }
        }
        do {
            let common = try CommonReturns(histories)
            let history = try PortfolioHistory(returns: common.series, stepSeconds: common.step)
            try scenario.attach(history)
            return history
        } catch let error as CalibrationError {
            throw InputError(flag: "", field: "history", value: histories.map(\.source).joined(separator: ", "), allowed: "price histories that share a time grid (\(error))")
        }
    }

    /// The report of a portfolio run (or of its merged shards) in `format`: table, JSON or HTML.
    static func render(_ result: PortfolioResult, as format: ReportFormat) throws -> String {
        switch format {
        case .json: try CalculatorOutput.json(result)
        case .html: PortfolioReport.html(result)
        case .table: PortfolioReport.table(result)
        default:
            throw InputError(flag: "--format", field: "format", value: format.rawValue, allowed: "table | json | html for a portfolio")
        }
    }
}
