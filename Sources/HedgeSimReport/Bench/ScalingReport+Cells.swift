import Foundation

/// The text of each figure of a point, shared by the table, CSV, page and comparison, so that a
/// flagged figure reads the same everywhere.
extension ScalingReport.Point {
    /// "0.195".
    var medianText: String { String(format: "%.3f", medianSeconds) }

    /// "0.190–0.201", or "—" for a single run.
    var intervalText: String {
        intervalLevel > 0 ? String(format: "%.3f–%.3f", medianInterval[0], medianInterval[1]) : "—"
    }

    /// Million path·steps per second: "369.6".
    var rateText: String { String(format: "%.1f", medianPathStepsPerSecond / 1e6) }

    /// The speed-up, or "noise" where it cannot be true.
    var speedUpText: String { flags.contains(.impossibleSpeedUp) ? "noise" : String(format: "%.2f", speedUp) }

    /// The efficiency as a percent, or "noise" where it cannot be true.
    var efficiencyText: String {
        flags.contains(.impossibleSpeedUp) ? "noise" : NumberFormatting.percent(parallelEfficiency, decimals: 1)
    }

    /// Others' share of the CPUs' time: "3.2%", or "?" where it was not measured.
    var othersText: String { noise.map { NumberFormatting.percent($0.othersCPUFraction, decimals: 1) } ?? "?" }

    var mhzText: String { noise?.meanMHz.map { String(format: "%.0f", $0) } ?? "—" }

    /// "cores", "SMT", "oversubscribed".
    var placementText: String {
        switch placement {
        case .cores: "cores"
        case .smtSiblings: "SMT"
        case .oversubscribed: "oversubscribed"
        }
    }

    /// "3" or "0,1,2"; "—" unpinned.
    var pinnedText: String { pinnedCPUs.map { $0.map(String.init).joined(separator: ",") } ?? "—" }

    /// "noisy, oversubscribed", or "ok".
    var flagsText: String { flags.isEmpty ? "ok" : flags.map(\.rawValue).joined(separator: ", ") }

    /// The floor in million path·steps per second.
    var floorText: String { limits.randomFloorPathStepsPerSecond.map { String(format: "%.1f", $0 / 1e6) } ?? "—" }

    /// The share of the floor, or "noise" above 100 % (the floor's own measurement was disturbed).
    var ofFloorText: String {
        guard let fraction = limits.fractionOfRandomFloor else { return "—" }
        return fraction > 1 ? "noise" : NumberFormatting.percent(fraction, decimals: 1)
    }

    /// The bandwidth the point needs: "0.09 GB/s".
    var neededText: String { limits.neededBytesPerSecond.map { String(format: "%.2f GB/s", $0 / 1e9) } ?? "—" }

    var measuredBandwidthText: String { limits.measuredBytesPerSecond.map { String(format: "%.1f GB/s", $0 / 1e9) } ?? "—" }

    /// The share of the measured bandwidth, or "in cache" when the output fits the last-level cache.
    var ofBandwidthText: String {
        if let fraction = limits.fractionOfBandwidth { return NumberFormatting.percent(fraction, decimals: 2) }
        return limits.exceedsLastLevelCache == false ? "in cache" : "—"
    }
}

extension ScalingReport {
    /// "6 repeats, intervals cover the median with 96.9%" and the like.
    var intervalNote: String {
        let level = points.map(\.intervalLevel).min() ?? 0
        if level == 0 { return "1 run per point: no interval" }
        return "interval: distribution-free (order statistics) interval of the median, coverage "
            + NumberFormatting.percent(level, decimals: 1)
    }

    /// The one-line description of the noise measurement.
    var noiseNote: String {
        "others: CPU time other processes and threads used on the usable CPUs during the runs (/proc/stat minus this "
            + "run's threads); a run above \(NumberFormatting.percent(settings.noiseThreshold, decimals: 0)) is measured again, "
            + "up to \(settings.maxReruns) time\(settings.maxReruns == 1 ? "" : "s") per point"
    }

    /// "s = 0.031 ± 0.012" or "s = 0.031 (no error)".
    var modelHeadline: String? {
        guard let model else { return nil }
        let error = model.standardError.map { String(format: " ± %.4f", $0) } ?? " (no error)"
        return (model.usable ? "" : "NOT A RESULT (fitted to flagged points): ")
            + String(format: "serial fraction s = %.4f", model.serialFraction) + error
            + " (Amdahl, fitted to \(model.threadsFitted.map(String.init).joined(separator: ", ")) threads)"
    }
}

extension ScalingReport.Model.Prediction {
    var efficiencyText: String { NumberFormatting.percent(efficiency, decimals: 1) }

    var intervalText: String {
        efficiencyInterval.map {
            NumberFormatting.percent($0[0], decimals: 1) + "–" + NumberFormatting.percent($0[1], decimals: 1)
        } ?? "—"
    }
}
