import Foundation
import Testing

/// `hedgesim run --format json --output FILE` against the public contract (shared/checks/contract.sh).
@Suite struct JSONReportContractTests {
    static let statistics = ["mean", "stdev", "var95", "var99", "es95", "es99", "meanStandardError"]
    static let quantileKeys = ["0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99"]
    static let costKeys = ["fundingUSD", "feesUSD", "basisUSD", "liquidationLossUSD", "totalUSD", "annualisedPercent"]

    @Test func writesTheReportFileWithEveryContractField() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let file = scratch.path("report.json")
        let outcome = try BinaryRunner.run(["run", "--paths", "2000", "--seed", "7", "--format", "json", "--output", file])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!outcome.timedOut)
        #expect(outcome.stdout.isEmpty, "the report goes to the file, not to standard output")
        #expect(try scratch.contents() == ["report.json"], "no temporary file is left next to the report")

        let report = try ReportJSON.parse(try String(contentsOfFile: file, encoding: .utf8))
        #expect(report["schemaVersion"] as? Int == 1)
        #expect(ReportJSON.number(report, "seed") == 7)
        #expect(ReportJSON.scenario(report)["paths"] as? Int == 2000)

        let cells = ReportJSON.cells(report)
        try #require(cells.count == 11)
        let ratios = cells.compactMap { ReportJSON.number($0, "hedgeRatio") }
        #expect(ratios == (0...10).map { Double($0) / 10 })

        for cell in cells {
            let ratio = ReportJSON.number(cell, "hedgeRatio") ?? .nan
            for side in ["netValueUSD", "netValueCoin"] {
                for key in Self.statistics {
                    let value = ReportJSON.number(cell, side, key)
                    #expect(value?.isFinite == true, "\(side).\(key) at h=\(ratio): \(String(describing: value))")
                }
                for key in Self.quantileKeys {
                    #expect(ReportJSON.number(cell, side, "quantiles", key)?.isFinite == true, "\(side).quantiles[\(key)] at h=\(ratio)")
                }
                for level in ["95", "99"] {
                    let valueAtRisk = ReportJSON.number(cell, side, "var" + level) ?? .nan
                    let shortfall = ReportJSON.number(cell, side, "es" + level) ?? .nan
                    #expect(shortfall >= valueAtRisk - 1e-9, "\(side): ES\(level) \(shortfall) < VaR\(level) \(valueAtRisk) at h=\(ratio)")
                }
            }
            let liquidation = cell["liquidation"] as? [String: Any] ?? [:]
            let probability = ReportJSON.number(liquidation, "probability") ?? .nan
            #expect(probability >= 0 && probability <= 1, "liquidation.probability \(probability) at h=\(ratio)")
            let interval = (liquidation["ci95"] as? [NSNumber])?.map(\.doubleValue) ?? []
            #expect(interval.count == 2 && interval.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 }, "ci95 \(interval) at h=\(ratio)")
            #expect(liquidation.keys.contains("meanTimeDays"), "liquidation.meanTimeDays (null when none) at h=\(ratio)")
            for key in Self.costKeys {
                #expect(ReportJSON.number(cell, "cost", key)?.isFinite == true, "cost.\(key) at h=\(ratio)")
            }
            #expect(cell.keys.contains("hedgeEffectiveness"), "hedgeEffectiveness at h=\(ratio)")
            #expect(ReportJSON.number(cell, "leverage")?.isFinite == true, "leverage at h=\(ratio)")
        }

        let recommendation = try #require(report["recommendation"] as? [String: Any])
        #expect(ReportJSON.number(recommendation, "hedgeRatio").map { ratios.contains($0) } == true)
        #expect(ReportJSON.number(recommendation, "leverage").map { $0 >= 1 && $0 <= 100 } == true, "a chosen leverage")
        #expect((recommendation["objective"] as? String)?.isEmpty == false)
        #expect((recommendation["reason"] as? String)?.isEmpty == false)
    }

    /// The Wilson interval always contains the point estimate; with no liquidation its lower end is 0.
    @Test func liquidationIntervalContainsTheEstimate() throws {
        let report = try ReportJSON.run(["--paths", "2000", "--seed", "7"])
        for cell in ReportJSON.cells(report) {
            let liquidation = cell["liquidation"] as? [String: Any] ?? [:]
            let probability = ReportJSON.number(liquidation, "probability") ?? .nan
            let interval = (liquidation["ci95"] as? [NSNumber])?.map(\.doubleValue) ?? []
            try #require(interval.count == 2)
            #expect(
                interval[0] <= probability && probability <= interval[1],
                "h=\(ReportJSON.number(cell, "hedgeRatio") ?? .nan): p \(probability) outside ci95 \(interval)")
        }
    }
}
