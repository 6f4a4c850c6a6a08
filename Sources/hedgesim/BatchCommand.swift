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

            On a cluster, each task of a scheduler's array runs `--shard I/N`: the scenarios at positions I, I+N, \
            I+2N, … of the batch's sorted list, into the same REPORTS folder, writing no index; its exit status is 0 \
            once each of its scenarios has a report or a recorded error, so the scheduler retries only tasks that \
            could not finish. When every task has ended, `--index-only` (with the same INPUT, --out, --paths and \
            --seed) runs nothing and writes index.html and summary.csv from the finished folders, listing a \
            scenario that has none as failed (not run); its exit status is 0 only when all passed.
            
            Example: hedgesim batch Examples/batch --out reports --paths 20000 (its 22-broken.yaml fails on purpose: exit status 1)
            """)


    @Argument(help: "A folder of scenario files (*.yaml, *.yml, *.json), or one scenario file whose variants are run.")
    var input: String
    @Option(name: .customLong("out"), parsing: .unconditional, help: "Folder for the reports (created when missing).") var out: String
    @Flag(help: "Run every scenario again, even those whose inputs did not change.") var force = false
    @Option(parsing: .unconditional, help: "Paths per scenario, overriding the files.") var paths: String?
    @Option(parsing: .unconditional, help: "Seed of every scenario (default: the file's seed, else 1).", transform: Seed.init(parsing:))
    var seed: Seed?
    @Option(parsing: .unconditional, help: "Worker threads (results do not depend on it; default: all cores).") var threads: String?
    @Option(
        parsing: .unconditional,
        help: "Run only the scenarios at positions I, I+N, … of the sorted list (0-based, e.g. 0/4) and write no index: one task of an array.")
    var shard: String?
    @Flag(name: .customLong("index-only"), help: "Run nothing: write index.html and summary.csv from the folders the --shard tasks finished.")
    var indexOnly = false

    /// What one invocation does with the batch's scenarios.
    enum Mode {
        /// Run (or reuse) every scenario, then write the index and the summary.
        case all
        /// Run (or reuse) one shard's scenarios and write no index.
        case shard(ShardSpec)
        /// Run nothing; index the finished folders.
        case indexOnly
    }

    /// A batch in which some scenario failed: one line on standard error, exit status 1.
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    func run() throws {
        let rows: [BatchRow]
        let index: URL
        do {
            let mode = try parseMode()
            let seed = self.seed?.value
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
            rows = try runAll(items, reports: reports, flags: flags, seed: seed, mode: mode)
            index = reports.appendingPathComponent("index.html")
            if case .shard(let shard) = mode {
                print(Self.shardSummary(rows, shard: shard, of: items.count))
                return
            }
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

    /// The mode the flags ask for.
    private func parseMode() throws -> Mode {
        if indexOnly {
            if let shard {
                throw InputError(flag: "--shard", field: "shard", value: shard, allowed: "none with --index-only (it runs nothing)")
            }
            if force {
                throw InputError(flag: "--force", field: "force", value: "true", allowed: "not with --index-only (it runs nothing)")
            }
            return .indexOnly
        }
        return try shard.map { .shard(try ShardSpec(parsing: $0)) } ?? .all
    }

    /// The line a `--shard` task prints: what it ran, and what comes next.
    static func shardSummary(_ rows: [BatchRow], shard: ShardSpec, of total: Int) -> String {
        let name = "Shard \(shard.index)/\(shard.count)"
        guard !rows.isEmpty else { return "\(name): no scenarios (the batch has \(total), fewer than \(shard.count) shards)" }
        let failed = rows.filter { !$0.passed }
        var line = "\(name): \(rows.count) of \(total) scenarios, \(rows.count - failed.count) passed, \(failed.count) failed"
        if !failed.isEmpty {
            line += " (" + failed.prefix(3).map(\.name).joined(separator: ", ") + (failed.count > 3 ? ", …" : "") + ")"
        }
        line += ", \(rows.filter(\.reused).count) reused; when every shard has ended, write the index with --index-only"
        return line
    }

    /// The error of a scenario that `--index-only` finds without a finished folder.
    static let notRun = "not run: no finished report folder for these inputs (run its --shard task again or the whole batch)"

    /// One scenario resolved for the batch: its job (or why it cannot run) and the digest of its inputs.
    private struct Planned {
        let item: BatchItem
        let job: Result<ScenarioJob, BatchItemError>
        let digest: String
        /// Whether an earlier scenario of the batch has the same name (and so the same folder).
        let duplicate: Bool
    }

    /// Runs (or reuses) the items that `mode` selects, in order, and returns their rows (every item's
    /// for `.all` and `.indexOnly`, the shard's for `.shard`).
    private func runAll(
        _ items: [BatchItem], reports: URL, flags: [(key: String, value: FieldValue)], seed: UInt64?, mode: Mode
    ) throws -> [BatchRow] {
        var seen: Set<String> = []
        let planned = items.map { item -> Planned in
            let run = try? item.run.get()
            let digest = InputDigest.hex([
                HedgeSimVersion.current, item.name, run?.variant ?? "", item.text, String(Seed.resolve(self.seed, file: run?.seed)),
                paths ?? "", BatchFolder.report,
            ])
            let job = Result { try ScenarioJob(try item.run.get(), base: Scenario(), flags: flags, seed: seed, stress: nil) }
                .mapError { BatchItemError(description: Self.oneLine($0)) }
            return Planned(item: item, job: job, digest: digest, duplicate: !seen.insert(item.name).inserted)
        }
        let selected: [Int]
        switch mode {
        case .all, .indexOnly: selected = Array(planned.indices)
        case .shard(let shard): selected = planned.indices.filter { $0 % shard.count == shard.index }
        }
        // A duplicate name fails without touching the folder of the first scenario of that name; only
        // the selected scenarios' folders are read.
        var rows = [BatchRow?](repeating: nil, count: planned.count)
        for index in selected {
            let entry = planned[index]
            if entry.duplicate {
                rows[index] = BatchRow(
                    entry.item, error: "another scenario of the batch is also named \(entry.item.name); rename the file or the variant",
                    reused: false)
            } else if !force {
                rows[index] = BatchFolder(reports: reports, item: entry.item).previousRow(digest: entry.digest)
            }
        }
        if case .indexOnly = mode {
            for index in selected where rows[index] == nil {
                rows[index] = BatchRow(planned[index].item, error: Self.notRun, reused: false)
            }
            return rows.compactMap { $0 }
        }
        let pending = selected.filter { rows[$0] == nil }
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
                switch Result(catching: { try job.simulate(seed: Seed.resolve(nil, file: job.seed), threads: job.scenario.threads) }) {
                case .success(let result): rows[index] = try folder.write(result, digest: entry.digest)
                case .failure(let error): rows[index] = try folder.write(error: Self.oneLine(error), digest: entry.digest)
                }
                progress.finished(paths: Double(job.scenario.paths))
            }
        }
        return selected.compactMap { rows[$0] }
    }

    /// The first line of an error's description.
    private static func oneLine(_ error: Error) -> String {
        "\(error)".split(separator: "\n").first.map(String.init) ?? "failed"
    }
}
