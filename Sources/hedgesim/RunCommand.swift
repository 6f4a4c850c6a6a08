import ArgumentParser
import Foundation
import HedgeSimCore
import HedgeSimReport

/// `hedgesim run`: simulate a scenario and report every hedge cell and a recommendation.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate price and funding paths and report every hedge ratio × leverage.",
        discussion: "Without arguments it runs the built-in default scenario (5 BTC at 70,000 USD, 30 days, hourly steps).")

    @Option(parsing: .unconditional, help: "Built-in scenario to start from: default | w1.") var scenario: String = "default"
    @Option(parsing: .unconditional, help: "Scenario file (YAML or JSON); flags override its values.") var config: String?
    @OptionGroup var fields: ScenarioOptions
    @Option(parsing: .unconditional, help: "Random seed (0…18446744073709551615); drawn and printed when absent.") var seed: String?
    @Option(parsing: .unconditional, help: "Output format: table | json | csv.") var format: String = "table"
    @Option(parsing: .unconditional, help: "Write the report to this file (atomically) instead of standard output.") var output: String?
    @Option(parsing: .unconditional, help: "Simulate only shard I of N (0-based, e.g. 0/4) and write a partial file.") var shard: String?
    @Option(parsing: .unconditional, help: "The partial file a --shard run writes, for `hedgesim merge`.") var partial: String?

    func run() throws {
        do {
            let format = try ReportFormat.parse(format)
            var resolved = try baseScenario()
            var chosenSeed: UInt64?
            var configEntries: [(key: String, value: FieldValue)] = []
            if let config {
                let document = try ScenarioDocument(text: try readConfig(config), source: config)
                configEntries = document.entries
                chosenSeed = document.seed
            }
            // One input: a venue preset (from the flags or the config) first, then the config, then the flags.
            try ScenarioFields.apply(configEntries + fields.overrides, to: &resolved)
            if let text = self.seed {
                guard let value = UInt64(text) else {
                    throw InputError(field: "seed", value: text, allowed: "a whole number from 0 to 18446744073709551615")
                }
                chosenSeed = value
            }
            try resolved.validate()
            if let shard {
                guard let chosenSeed else {
                    throw InputError(field: "seed", value: "none", allowed: "an explicit seed for a shard run, shared by every shard")
                }
                try runShard(resolved, seed: chosenSeed, shard: try ShardSpec(parsing: shard))
                return
            }
            let seed = chosenSeed ?? UInt64.random(in: 0...UInt64.max)
            if partial != nil {
                throw InputError(field: "partial", value: partial ?? "", allowed: "only together with --shard I/N")
            }
            let history = try HistoryLoader.load(for: resolved)
            let result = try HedgeSimulation.run(resolved, seed: seed, threads: resolved.threads, history: history)
            let report = try ReportRenderer.render(result, as: format)
            if let output {
                try OutputFile.writeAtomically(report, to: output)
            } else {
                FileHandle.standardOutput.write(Data(report.utf8))
            }
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
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
