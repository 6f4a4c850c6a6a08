import Foundation

/// `hedgesim bench --compare`: saved runs (from different hosts, or pinned against unpinned on one)
/// side by side: a table of throughput, efficiency and noise per thread count and run, each run's
/// model, and a page with throughput and efficiency against threads, one line per run.
public struct ScalingComparison: Codable, Sendable, BenchDocument {
    /// The comparison's own JSON schema (it embeds each run in its bench schema).
    public static let currentSchemaVersion = 1

    public var schemaVersion = ScalingComparison.currentSchemaVersion
    public var benchSchemaVersion = ScalingReport.currentSchemaVersion
    public var runs: [ScalingReport]
    public var notes: [String]

    /// Compares `runs` (at least two).
    public init(runs: [ScalingReport]) {
        self.runs = runs
        var notes: [String] = []
        let workloads = Set(runs.map { "\($0.workload) \($0.paths)×\($0.steps)×\($0.cells)" })
        if workloads.count > 1 {
            notes.append("The runs measured different workloads (\(workloads.sorted().joined(separator: "; "))): compare efficiencies, not throughput.")
        }
        let tools = Set(runs.map(\.tool))
        if tools.count > 1 { notes.append("Different versions: \(tools.sorted().joined(separator: ", ")).") }
        let hosts = Set(runs.map(\.machine.hostName))
        if hosts.count == 1 && runs.count > 1 {
            notes.append("All runs come from one host (\(hosts.first!)): this compares settings on one machine, not machines.")
        }
        self.notes = notes
    }

    /// Letters that name the runs in the table: A, B, C, …
    static func letter(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < letters.count ? String(letters[index]) : "R\(index + 1)"
    }

    /// The comparison as `table`, `json`, `csv` or `html`.
    public func render(as format: ReportFormat) throws -> String { try rendered(as: format) }

    private var threadCounts: [Int] { Set(runs.flatMap { $0.points.map(\.threads) }).sorted() }

    private func describe(_ run: ScalingReport, index: Int) -> String {
        let m = run.machine
        return "\(ScalingComparison.letter(index)): \(run.label) — \(m.cpuModel), \(m.physicalCores) physical / \(m.logicalCores) logical, "
            + "\(m.vectorLevel), \(run.settings.pinned ? "pinned" : "unpinned"), \(run.settings.repeats) repeats · \(run.workload) "
            + "\(NumberFormatting.grouped(Double(run.paths))) paths × \(run.steps) steps · \(run.recordedAt)"
    }

    /// Rows by thread count; per run: throughput, efficiency, others' CPU, flags.
    private var rows: [[String]] {
        threadCounts.map { threads in
            [String(threads)] + runs.flatMap { run -> [String] in
                guard let p = run.points.first(where: { $0.threads == threads }) else { return ["—", "—", "—", ""] }
                return [p.rateText, p.efficiencyText, p.othersText, p.flags.isEmpty ? "ok" : p.flags.map(\.rawValue).joined(separator: ",")]
            }
        }
    }

    private var header: [String] {
        ["threads"] + runs.indices.flatMap { index -> [String] in
            let name = ScalingComparison.letter(index)
            return ["\(name) M path·steps/s", "\(name) efficiency", "\(name) others", "\(name) flags"]
        }
    }

    private func modelLine(_ run: ScalingReport, index: Int) -> String {
        guard let model = run.model, let headline = run.modelHeadline else { return "\(ScalingComparison.letter(index)): no model" }
        let predictions = model.predictions.map { "\($0.cores) cores \($0.efficiencyText) (\($0.intervalText))" }
        return "\(ScalingComparison.letter(index)): \(headline) → " + predictions.joined(separator: ", ")
    }

    func table() -> String {
        var lines = ["hedgesim bench --compare: \(runs.count) runs"] + runs.enumerated().map { describe($1, index: $0) } + [""]
        lines += TextColumns.render(header: header, rows: rows, leftAligned: Set(runs.indices.map { 4 + 4 * $0 }))
        lines += ["", "Scaling models (efficiency predicted from each run's own points)"]
        lines += runs.enumerated().map { modelLine($1, index: $0) }
        let warnings = runs.enumerated().flatMap { index, run in run.warnings.map { "\(ScalingComparison.letter(index)): \($0)" } }
        if !(notes + warnings).isEmpty {
            lines += ["", "Notes"] + (notes + warnings).map { "- " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func csv() -> String {
        var lines = ["run,label,host,pinned,threads,medianPathStepsPerSecond,parallelEfficiency,othersCPUFraction,usable,flags"]
        for (index, run) in runs.enumerated() {
            for p in run.points {
                let efficiency = p.flags.contains(.impossibleSpeedUp) ? "" : "\(p.parallelEfficiency)"
                lines.append([
                    ScalingComparison.letter(index), CSVField.quoted(run.label), CSVField.quoted(run.machine.hostName),
                    String(run.settings.pinned), String(p.threads), "\(p.medianPathStepsPerSecond)", efficiency,
                    p.noise.map { "\($0.othersCPUFraction)" } ?? "", String(p.usable), p.flags.map(\.rawValue).joined(separator: ";"),
                ].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func html() -> String {
        let series = runs.enumerated().map { index, run in
            ScalingCharts.Series(
                label: "\(ScalingComparison.letter(index)): \(run.label)", colour: ChartPalette.series(index), points: run.points)
        }
        var sections = [
            HTMLFragments.section(id: "runs", title: "Runs", body: [
                "<ul>" + runs.enumerated().map { "<li>\(describe($1, index: $0).htmlEscaped)</li>" }.joined() + "</ul>",
            ]),
            HTMLFragments.section(id: "scaling", title: "Throughput and efficiency", body: [
                HTMLFragments.figures([ScalingCharts.throughput(series), ScalingCharts.efficiency(series)]),
                ScalingCharts.legend(series),
                HTMLFragments.table(ReportTable(caption: "Per thread count and run", header: header, rows: rows, labelColumns: 1)),
            ]),
            HTMLFragments.section(id: "models", title: "Scaling models", body: [
                "<ul>" + runs.enumerated().map { "<li>\(modelLine($1, index: $0).htmlEscaped)</li>" }.joined() + "</ul>",
            ]),
        ]
        let warnings = runs.enumerated().flatMap { index, run in run.warnings.map { "\(ScalingComparison.letter(index)): \($0)" } }
        if !(notes + warnings).isEmpty {
            sections.append(HTMLFragments.section(
                id: "notes", title: "Notes", body: ["<ul>" + (notes + warnings).map { "<li>\($0.htmlEscaped)</li>" }.joined() + "</ul>"]))
        }
        return HTMLFragments.page(
            title: "hedgesim bench --compare", heading: "Hosts compared",
            subject: runs.map(\.label).joined(separator: " · "), sections: sections, footer: runs.first?.tool)
    }
}
