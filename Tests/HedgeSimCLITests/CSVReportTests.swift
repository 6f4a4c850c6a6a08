import Foundation
import Testing

/// The CSV report: a header and one row per cell, the same number of columns everywhere, numbers that parse.
@Suite struct CSVReportTests {
    /// Columns that may be empty (absent values) and the one that holds true/false.
    /// Columns that are empty when their number does not exist: no liquidation, no variance to
    /// compare, no control variate (GARCH, history models) or an exact one (the unhedged cell).
    static let optionalColumns: Set<String> = [
        "liquidation.meanTimeDays", "hedgeEffectiveness", "netValueUSD.controlVariateMean",
        "netValueUSD.controlVariateStandardError", "netValueUSD.controlVariateReduction",
        // No liquidation price without a position.
        "liquidationPriceUSD",
        // Only cells with a margin policy.
        "management.probability", "management.meanActions", "management.meanCoinsMoved",
        "management.meanLiquidations", "management.meanHedgeLeft",
    ]

    @Test func oneRowPerCellWithNumbersThatParse() throws {
        let outcome = try BinaryRunner.run(["run", "--paths", "2000", "--seed", "7", "--format", "csv"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(outcome.stdout.hasSuffix("\n"))
        try #require(lines.count == 1 + 11, "header + 11 cells, got \(lines.count) lines")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(Set(header).count == header.count, "column names are unique")
        for key in ["hedgeRatio", "leverage", "netValueUSD.mean", "netValueUSD.es95", "liquidation.probability", "recommended", "seed"] {
            #expect(header.contains(key), "column \(key)")
        }
        var recommended = 0
        var ratios: [Double] = []
        for (number, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == header.count, "row \(number + 1) has \(fields.count) fields, header \(header.count)")
            for (column, field) in zip(header, fields) {
                switch column {
                case "recommended":
                    #expect(field == "true" || field == "false", "row \(number + 1) recommended: \(field)")
                    if field == "true" { recommended += 1 }
                case "seed":
                    #expect(UInt64(field) == 7)
                case "policy":
                    #expect(["none", "top-up"].contains(field), "row \(number + 1) policy: \(field)")
                default:
                    if field.isEmpty && Self.optionalColumns.contains(column) { continue }
                    let value = Double(field)
                    #expect(value?.isFinite == true, "row \(number + 1) \(column): '\(field)'")
                    if column == "hedgeRatio", let value { ratios.append(value) }
                }
            }
        }
        #expect(recommended == 1, "exactly one recommended cell")
        #expect(ratios == (0...10).map { Double($0) / 10 })
    }
}
