import ArgumentParser
import Foundation
import HedgeSimCore
import HedgeSimReport

/// `hedgesim merge`: combine the partial files of a sharded run into its report.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the partial files of `hedgesim run --shard I/N` (or `hedgesim portfolio --shard I/N`) into the full report.",
        discussion: "The merged report equals the single-process run number for number (timing aside). "
            + "Partials from different scenarios, seeds or versions, and missing or repeated shards, are refused. "
            + "With --missing DIR it merges nothing and prints the shards to run again, e.g. `missing: 1 3` or `missing: none` "
            + "(exit status 0 either way), counting a damaged *.part file as absent and naming it on standard error." + "\n\nExample: hedgesim merge run.0.part run.1.part run.2.part --format json --output run.json")

    @Argument(help: "Partial files, one per shard, in any order.") var partials: [String] = []
    @Option(parsing: .unconditional, help: "Output format: table | json | csv | html | markdown (a portfolio: table | json | html).", transform: ReportFormat.parser([.table, .json, .csv, .html, .markdown]))
    var format: ReportFormat = .table
    @Option(parsing: .unconditional, help: "Write the report to this file (atomically) instead of standard output.") var output: String?
    @Option(
        name: .customLong("missing"), parsing: .unconditional,
        help: ArgumentHelp(
            "List the shards without a complete partial file in this folder (its *.part files) instead of merging.",
            valueName: "dir"))
    var missingIn: String?

    func run() throws {
        do {
            if let missingIn {
                try listMissing(in: missingIn)
                return
            }
            let files = try partials.map { path -> (path: String, data: Data) in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw InputError(flag: "", field: "partial", value: path, allowed: "a readable partial file")
                }
                return (path, data)
            }
            // Partials of `hedgesim portfolio --shard` merge into a portfolio report.
            if let first = files.first, PortfolioPartial.isPortfolioPartial(first.data) {
                let loaded = try files.map { try PortfolioPartial(data: $0.data, source: $0.path) }
                try OutputFile.emit(PortfolioCommand.render(try PortfolioScenario.merge(loaded), as: format), to: output)
                return
            }
            let loaded = try files.map { try PartialResult(data: $0.data, source: $0.path) }
            let result = try HedgeSimulation.merge(loaded)
            let report = try ReportRenderer.render(result, as: format)
            try OutputFile.emit(report, to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        } catch let error as NumericalError {
            throw ValidationError(error.description)
        }
    }

    /// `--missing DIR`: one line on standard output, a warning per ignored or repeated file on standard error.
    private func listMissing(in folder: String) throws {
        if let first = partials.first {
            throw InputError(flag: "", field: "partial", value: first, allowed: "no partial files together with --missing DIR")
        }
        if let output {
            throw InputError(flag: "--output", field: "output", value: output, allowed: "none with --missing (it prints one line)")
        }
        let inventory = try ShardInventory(folder: folder)
        for ignored in inventory.ignored {
            FileHandle.standardError.write(Data("hedgesim: warning: ignored \(ignored.file) (\(ignored.reason))\n".utf8))
        }
        for index in inventory.repeated {
            let files = inventory.files[index, default: []].joined(separator: ", ")
            FileHandle.standardError.write(Data("hedgesim: warning: shard \(index) has several partial files (\(files)); merge takes one\n".utf8))
        }
        print(inventory.line)
    }
}
