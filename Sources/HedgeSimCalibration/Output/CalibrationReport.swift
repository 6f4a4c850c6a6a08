import Foundation

/// The printed forms of a `Calibration`: a table for people (within 100 columns) and JSON for programs.
public enum CalibrationReport {
    /// Each parameter with its standard error, each model's log-likelihood and AIC, the funding AR(1),
    /// and the data-quality reports.
    public static func table(_ calibration: Calibration) -> String {
        var lines = quality("Prices", calibration.prices)
        if let funding = calibration.funding { lines += [""] + quality("Funding", funding) }
        lines.append("")
        lines.append("Returns: \(NumberText.count(calibration.returns)) log returns on the \(TimeGrid.describe(step: calibration.stepSeconds)) grid "
            + "in \(NumberText.count(calibration.returnRuns)) run\(calibration.returnRuns == 1 ? "" : "s") of consecutive points.")
        lines.append("Rates and volatilities are annualised over a 365-day year.")
        let header = pad("parameter", 44) + pad("estimate", 14, right: true) + pad("std. error", 14, right: true)
        func rows(_ title: String, _ parameters: [(String, Estimate)], logLikelihood: Double, aic: Double) -> [String] {
            var block = ["", title, header]
            for (name, estimate) in parameters {
                block.append(pad("  " + name, 44) + pad(NumberText.value(estimate.value), 14, right: true)
                    + pad(NumberText.error(estimate.standardError), 14, right: true))
            }
            block.append("  log-likelihood \(NumberText.grouped(logLikelihood)), AIC \(NumberText.grouped(aic))")
            return block
        }
        if let gbm = calibration.gbm {
            lines += rows("GBM", [("drift μ (per year)", gbm.drift), ("vol σ (per year)", gbm.vol)], logLikelihood: gbm.logLikelihood, aic: gbm.aic)
        }
        if let jump = calibration.jump {
            lines += rows("Merton jump-diffusion (≤ \(JumpDiffusionFit.maxJumps) jumps per step)", [
                ("drift μ (per year)", jump.drift), ("diffusion vol σ (per year)", jump.vol),
                ("jump intensity λ (per year)", jump.jumpIntensity), ("jump mean μ_J (log)", jump.jumpMean),
                ("jump stdev σ_J (log)", jump.jumpStdev),
            ], logLikelihood: jump.logLikelihood, aic: jump.aic)
        }
        for garch in [calibration.garch, calibration.garchVarianceTargeted].compactMap({ $0 }) {
            let title = "GARCH(1,1), Student-t shocks (per \(TimeGrid.describe(step: calibration.stepSeconds)) step)"
                + (garch.varianceTargeted ? ", variance-targeted: ω = sample variance·(1−α−β)" : "")
            lines += rows(title, [
                ("drift μ (per year)", garch.drift), ("ω (variance per step)", garch.omega), ("α", garch.alpha), ("β", garch.beta),
                ("persistence α+β", garch.persistence), ("ν (degrees of freedom)", garch.degreesOfFreedom),
                ("long-run vol √(ω/(1−α−β)/Δt) (per year)", garch.longRunVol),
            ], logLikelihood: garch.logLikelihood, aic: garch.aic)
            if !garch.varianceTargeted && !garch.isStationary {
                lines.append("  α+β is not significantly below 1 (integrated GARCH): the long-run vol is not identified.")
            }
        }
        for skipped in calibration.notFitted {
            lines += ["", "Not fitted: \(skipped.model.rawValue) (\(skipped.reason))."]
        }
        if calibration.gbm != nil || calibration.jump != nil || calibration.garch != nil {
            lines.append("")
            lines.append("Lowest AIC: \(calibration.bestModel.rawValue).")
        }
        if let funding = calibration.fundingAR1 {
            lines += ["", "Funding AR(1) per \(NumberText.value(funding.intervalHours)) h interval, \(NumberText.count(funding.observations)) consecutive pairs", header]
            var parameters = [("mean f̄ (per interval)", funding.mean), ("persistence φ", funding.persistence),
                              ("innovation stdev σ_e (per interval)", funding.innovationStdev)]
            if let rho = funding.priceCorrelation { parameters.append(("corr(innovation, same-interval return)", rho)) }
            for (name, estimate) in parameters {
                lines.append(pad("  " + name, 44) + pad(NumberText.value(estimate.value), 14, right: true)
                    + pad(NumberText.error(estimate.standardError), 14, right: true))
            }
            if let level = funding.levelCorrelation {
                lines.append("  over \(NumberText.count(funding.correlationObservations)) intervals with prices; "
                    + "corr(rate, same-interval return) = \(String(format: "%.3f", level))")
            } else {
                lines.append("  correlation not estimated: \(funding.correlationObservations) funding times have prices at both interval ends")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The calibration and the fragment text as one JSON object (`schemaVersion` 1).
    public static func json(_ calibration: Calibration, fragment: ScenarioFragment) throws -> String {
        struct Document: Encodable {
            let schemaVersion = 1
            let calibration: Calibration
            let scenarioFragment: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(Document(calibration: calibration, scenarioFragment: fragment.text))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func quality(_ title: String, _ report: DataQualityReport) -> [String] {
        var lines = ["\(title): \(report.source)"]
        lines.append("  \(NumberText.count(report.rows)) rows below the header on line \(report.headerLine)"
            + (report.skippedLines > 0 ? " (\(report.skippedLines) line\(report.skippedLines == 1 ? "" : "s") above it skipped)" : "")
            + ", \(report.rowOrder)")
        lines.append("  time \(report.timeColumn) as \(report.timeFormat); value \(report.valueColumn)")
        let step = report.stepSeconds.map { TimeGrid.describe(step: $0) } ?? "none"
        lines.append("  kept \(NumberText.count(report.observations)) points, \(report.first) … \(report.last), step \(step)"
            + (report.outsideWindow > 0 ? ", \(NumberText.count(report.outsideWindow)) outside --from/--to" : ""))
        lines.append("  duplicate times dropped: \(report.duplicates)" + (report.duplicates > 0 ? " (kept: the integer epoch time, else the first row)" : ""))
        for duplicate in report.duplicateExamples {
            lines.append("    \(duplicate.time): kept line \(duplicate.keptLine), dropped line \(duplicate.droppedLine)")
        }
        lines.append("  gaps: \(report.gaps) (\(report.missingPoints) missing points); irregular intervals: \(report.irregularIntervals)")
        for gap in report.gapExamples {
            lines.append("    gap \(gap.from) → \(gap.to): \(gap.missingPoints) missing")
        }
        for interval in report.irregularExamples {
            lines.append("    irregular \(interval.from) → \(interval.to)")
        }
        lines += report.notes.map { "  note: \($0)" }
        return lines
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
