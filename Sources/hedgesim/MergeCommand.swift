import ArgumentParser
import Foundation
import HedgeSimCore
import HedgeSimReport

/// `hedgesim merge`: combine the partial files of a sharded run into its report.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the partial files of `hedgesim run --shard I/N` into the full report.",
        discussion: "The merged report equals the single-process run number for number (timing aside). "
            + "Partials from different scenarios, seeds or versions, and missing or repeated shards, are refused.")

    @Argument(help: "Partial files, one per shard, in any order.") var partials: [String] = []
    @Option(parsing: .unconditional, help: "Output format: table | json | csv | html | markdown.") var format: String = "table"
    @Option(parsing: .unconditional, help: "Write the report to this file (atomically) instead of standard output.") var output: String?

    func run() throws {
        do {
            let format = try ReportFormat.parse(format)
            let loaded = try partials.map { path -> PartialResult in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw InputError(flag: "", field: "partial", value: path, allowed: "a readable partial file")
                }
                return try PartialResult(data: data, source: path)
            }
            let result = try HedgeSimulation.merge(loaded)
            let report = try ReportRenderer.render(result, as: format)
            try OutputFile.emit(report, to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
        }
    }
}
