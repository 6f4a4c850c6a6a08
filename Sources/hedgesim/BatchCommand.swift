import ArgumentParser
import Foundation
import HedgeSimCore

/// `hedgesim batch`: run many scenarios, a report folder each, plus `index.html` and `summary.csv`.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run every scenario of a folder (or every variant of a file) into a folder of reports.",
        discussion: """
            Writes REPORTS/NAME/ per scenario (report.html, report.json, a copy of the scenario file, inputs.hash; error.txt \
            for a failure), then REPORTS/index.html and REPORTS/summary.csv. A failing scenario is listed with \
            its error and the others still run; the exit status is 0 only when all passed. A rerun reuses every \
            folder whose inputs (scenario text, variant, seed, paths, version) are unchanged, unless --force; an \
            interrupted batch resumes where it stopped. Without a seed in the file or --seed, seed 1 is used so \
            that reruns reproduce.
            """)

    /// The seed of scenarios that name none, so a batch reproduces (and can be reused) run after run.
    static let defaultSeed: UInt64 = 1

    @Argument(help: "A folder of scenario files (*.yaml, *.yml, *.json), or one scenario file whose variants are run.")
    var input: String
    @Option(name: .customLong("out"), parsing: .unconditional, help: "Folder for the reports (created when missing).") var out: String
    @Flag(help: "Run every scenario again, even those whose inputs did not change.") var force = false
    @Option(parsing: .unconditional, help: "Paths per scenario, overriding the files.") var paths: String?
    @Option(parsing: .unconditional, help: "Seed of every scenario (default: the file's seed, else 1).") var seed: String?
    @Option(parsing: .unconditional, help: "Worker threads (results do not depend on it; default: all cores).") var threads: String?

    /// A batch in which some scenario failed: one line on standard error, exit status 1.
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    func run() throws {
        let rows: [BatchRow]
        let index: URL
        do {
            let seed = try self.seed.map { text in
                guard let value = UInt64(text) else {
                    throw InputError(field: "seed", value: text, allowed: "a whole number from 0 to 18446744073709551615")
                }
                return value
            }
            var flags: [(key: String, value: FieldValue)] = []
            if let paths { flags.append(("paths", .text(paths))) }
            if let threads { flags.append(("threads", .text(threads))) }
            // The flags checked on their own (a one-cell grid, so only their own limits apply).
            var probe = Scenario()
            probe.hedgeRatios = [0]
            try ScenarioFields.apply(flags, to: &probe)
            try probe.validate()
            let items = try BatchInputs.items(at: input)
            let reports = URL(fileURLWithPath: out, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
            } catch {
                throw InputError(field: "out", value: out, allowed: "a folder that can be created and written")
            }
            rows = try runAll(items, reports: reports, flags: flags, seed: seed)
            index = reports.appendingPathComponent("index.html")
            try OutputFile.writeAtomically(BatchIndexPage.render(rows), to: index.path)
            try OutputFile.writeAtomically(BatchSummaryCSV.render(rows), to: reports.appendingPathComponent("summary.csv").path)
        } catch let error as InputError {
            throw ValidationError(error.description)
        }
        let failed = rows.filter { !$0.passed }
        let reused = rows.filter(\.reused).count
        guard failed.isEmpty else {
            let names = failed.prefix(3).map(\.name).joined(separator: ", ") + (failed.count > 3 ? ", …" : "")
            throw Failed(description: "\(failed.count) of \(rows.count) scenarios failed (\(names)); see \(index.path)")
        }
        print("All \(rows.count) scenarios passed (\(reused) reused from an earlier run); see \(index.path)")
    }

    /// One scenario resolved for the batch: its job (or why it cannot run) and the digest of its inputs.
    private struct Planned {
        let item: BatchItem
        let job: Result<ScenarioJob, BatchItemError>
        let digest: String
        /// Whether an earlier scenario of the batch has the same name (and so the same folder).
        let duplicate: Bool
    }

    /// Runs (or reuses) every item in order and returns their rows.
    private func runAll(_ items: [BatchItem], reports: URL, flags: [(key: String, value: FieldValue)], seed: UInt64?) throws -> [BatchRow] {
        var seen: Set<String> = []
        let planned = items.map { item -> Planned in
            let run = try? item.run.get()
            let digest = InputDigest.hex([
                HedgeSimVersion.current, item.name, run?.variant ?? "", item.text, String(seed ?? run?.seed ?? Self.defaultSeed),
                paths ?? "", BatchFolder.report,
            ])
            let job = Result { try ScenarioJob(try item.run.get(), base: Scenario(), flags: flags, seed: seed, stress: nil) }
                .mapError { BatchItemError(description: Self.oneLine($0)) }
            return Planned(item: item, job: job, digest: digest, duplicate: !seen.insert(item.name).inserted)
        }
        // A duplicate name fails without touching the folder of the first scenario of that name.
        var rows: [BatchRow?] = planned.map { entry in
            if entry.duplicate {
                return BatchRow(entry.item, error: "another scenario of the batch is also named \(entry.item.name); rename the file or the variant", reused: false)
            }
            return force ? nil : BatchFolder(reports: reports, item: entry.item).previousRow(digest: entry.digest)
        }
        let pending = planned.indices.filter { rows[$0] == nil }
        let totalPaths = pending.reduce(0.0) { $0 + Double((try? planned[$1].job.get().scenario.paths) ?? 0) }
        var progress = BatchProgress(scenarios: pending.count, totalPaths: totalPaths)
        defer { progress.clear() }
        for index in pending {
            let entry = planned[index]
            let folder = BatchFolder(reports: reports, item: entry.item)
            progress.starting(entry.item.name)
            try folder.prepare()
            switch entry.job {
            case .failure(let error):
                rows[index] = try folder.write(error: error.description, digest: entry.digest)
                progress.finished(paths: 0)
            case .success(let job):
                switch Result(catching: { try job.simulate(seed: job.seed ?? Self.defaultSeed, threads: job.scenario.threads) }) {
                case .success(let result): rows[index] = try folder.write(result, digest: entry.digest)
                case .failure(let error): rows[index] = try folder.write(error: Self.oneLine(error), digest: entry.digest)
                }
                progress.finished(paths: Double(job.scenario.paths))
            }
        }
        return rows.compactMap { $0 }
    }

    /// The first line of an error's description.
    private static func oneLine(_ error: Error) -> String {
        "\(error)".split(separator: "\n").first.map(String.init) ?? "failed"
    }
}
