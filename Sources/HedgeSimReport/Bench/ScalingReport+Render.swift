import Foundation
import HedgeSimCore

/// A bench document (one run, or saved runs compared) in the formats the bench writes: the one switch
/// over formats for both.
protocol BenchDocument: Encodable {
    func table() -> String
    func csv() -> String
    /// A self-contained page with inline SVG charts.
    func html() -> String
}

extension BenchDocument {
    /// The document as table, JSON, CSV or HTML; Markdown is refused with one line.
    func rendered(as format: ReportFormat) throws -> String {
        switch format {
        case .table: return table()
        case .json: return try ScalingReport.json(self)
        case .csv: return csv()
        case .html: return html()
        case .markdown: throw InputError(field: "format", value: format.rawValue, allowed: "table | json | csv | html for bench")
        }
    }
}

extension ScalingReport: BenchDocument {
    /// The report as `table`, `json`, `csv` or `html` (a self-contained page with inline SVG charts).
    public func render(as format: ReportFormat) throws -> String { try rendered(as: format) }

    /// Pretty, key-sorted JSON that refuses NaN and infinity.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .throw
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// A saved report, read back for `--compare`. Files of another schema version, or that are no
    /// bench report at all, are refused with a one-line message naming the file.
    public static func decode(_ data: Data, source: String) throws -> ScalingReport {
        struct Version: Decodable { var schemaVersion: Int? }
        let name = (source as NSString).lastPathComponent
        guard let version = try? JSONDecoder().decode(Version.self, from: data) else {
            throw ScalingFileError(description: "\(name) is not a hedgesim bench JSON report (save one with --format json)")
        }
        guard let found = version.schemaVersion else {
            throw ScalingFileError(description: "\(name) has no schemaVersion: not a hedgesim bench JSON report")
        }
        guard found == currentSchemaVersion else {
            throw ScalingFileError(
                description: "\(name) has bench schema version \(found); this hedgesim reads version \(currentSchemaVersion) "
                    + "(run hedgesim bench --format json again on that host)")
        }
        do {
            return try JSONDecoder().decode(ScalingReport.self, from: data)
        } catch {
            throw ScalingFileError(description: "\(name) claims bench schema version \(found) but does not match it")
        }
    }

    /// The header lines that say what ran where.
    var headerLines: [String] {
        ["\(tool) bench · \(workload): \(NumberFormatting.grouped(Double(paths))) paths × \(steps) steps × \(cells) cells",
         "Run \"\(label)\": " + (settings.pinned ? "pinned to physical cores" : "unpinned")
            + " · \(settings.repeats) repeat\(settings.repeats == 1 ? "" : "s") · \(recordedAt)"]
            + machine.summary
    }

    func table() -> String {
        var lines = headerLines + [""]
        lines += TextColumns.render(
            header: ["threads", "placement", "median s", "interval", "M path·steps/s", "speed-up", "efficiency", "others",
                     "reruns", "peak MB", "flags"],
            rows: points.map { p in
                [String(p.threads), p.placementText, p.medianText, p.intervalText, p.rateText, p.speedUpText, p.efficiencyText,
                 p.othersText, String(p.discardedRuns), String(format: "%.0f", p.peakMemoryMB), p.flagsText]
            }, leftAligned: [1, 10])
        lines += ["  " + intervalNote, "  " + noiseNote, ""]
        lines.append("Distance to the limits")
        lines += TextColumns.render(
            header: ["threads", "pinned CPUs", "normals-only floor M/s", "of floor", "memory needed", "bandwidth", "of bandwidth", "MHz"],
            rows: points.map { p in
                [String(p.threads), p.pinnedText, p.floorText, p.ofFloorText, p.neededText, p.measuredBandwidthText,
                 p.ofBandwidthText, p.mhzText]
            })
        lines += ["  " + limitsNote, ""]
        if let model, let headline = modelHeadline {
            lines.append("Scaling model: " + headline)
            lines += TextColumns.render(
                header: ["cores", "predicted efficiency", "95% interval", "speed-up"],
                rows: model.predictions.map { [String($0.cores), $0.efficiencyText, $0.intervalText, String(format: "%.1f", $0.speedUp)] })
            lines += ["  " + model.basis, ""]
        }
        if !warnings.isEmpty {
            lines.append("Warnings")
            lines += warnings.map { "- " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the limits columns mean.
    var limitsNote: String {
        let bytes = points.first?.limits.memoryBytesPerRun ?? 0
        let cache = machine.lastLevelCacheBytes.map { HostTopology.bytes($0) } ?? "unknown"
        return "floor: normals only (one Box–Muller pair per path·step, the engine's generator and blocks) on the same threads; "
            + "memory: the run's output, \(HostTopology.bytes(Int(bytes))) per run (last-level cache \(cache)); "
            + "bandwidth is measured (triad) only when the output exceeds the cache"
    }

    func csv() -> String {
        let header = [
            "label", "threads", "placement", "pinnedCPUs", "repeats", "discardedRuns", "medianSeconds", "intervalLow",
            "intervalHigh", "intervalLevel", "minSeconds", "maxSeconds", "medianPathStepsPerSecond", "speedUp", "speedUpLow",
            "speedUpHigh", "parallelEfficiency", "othersCPUFraction", "worstRunFraction", "meanMHz",
            "randomFloorPathStepsPerSecond", "fractionOfRandomFloor", "memoryBytesPerRun", "neededBytesPerSecond",
            "measuredBytesPerSecond", "fractionOfBandwidth", "peakMemoryMB", "usable", "flags",
        ]
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
        var lines = [header.joined(separator: ",")]
        for p in points {
            // A speed-up, or a fraction of the floor, that cannot be true is left empty: noise, not a result.
            let impossible = p.flags.contains(.impossibleSpeedUp)
            let cells: [String] = [
                CSVField.quoted(label), String(p.threads), p.placement.rawValue, p.pinnedCPUs.map { $0.map(String.init).joined(separator: " ") } ?? "",
                String(p.repeats), String(p.discardedRuns), number(p.medianSeconds), number(p.medianInterval[0]),
                number(p.medianInterval[1]), number(p.intervalLevel), number(p.minSeconds), number(p.maxSeconds),
                number(p.medianPathStepsPerSecond), impossible ? "" : number(p.speedUp),
                impossible ? "" : number(p.speedUpInterval[0]), impossible ? "" : number(p.speedUpInterval[1]),
                impossible ? "" : number(p.parallelEfficiency), number(p.noise?.othersCPUFraction), number(p.noise?.worstRunFraction),
                number(p.noise?.meanMHz), number(p.limits.randomFloorPathStepsPerSecond),
                number(p.limits.fractionOfRandomFloor.flatMap { $0 > 1 ? nil : $0 }),
                number(p.limits.memoryBytesPerRun), number(p.limits.neededBytesPerSecond), number(p.limits.measuredBytesPerSecond),
                number(p.limits.fractionOfBandwidth), number(p.peakMemoryMB), String(p.usable),
                p.flags.map(\.rawValue).joined(separator: ";"),
            ]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A saved bench report that `--compare` cannot read; its description is one line.
public struct ScalingFileError: Error, CustomStringConvertible {
    public let description: String
}

/// CSV quoting for free text.
enum CSVField {
    static func quoted(_ text: String) -> String {
        let needsQuotes = text.contains(",") || text.contains("\"") || text.contains("\n")
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
