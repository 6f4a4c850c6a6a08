import Foundation
import Testing

/// A full hedge at 1x cross margin with no funding, fees or basis turns the holding into a synthetic
/// dollar: the USD value at the horizon is the same on every path.
@Suite struct SyntheticDollarTests {
    @Test(arguments: [1 as UInt64, 99])
    func fullyHedgedUSDValueIsConstant(_ seed: UInt64) throws {
        let report = try ReportJSON.run([
            "--model", "gbm", "--vol", "0.8", "--funding-mean", "0", "--funding-vol", "0", "--fee", "0",
            "--ratios", "1", "--leverage", "1", "--margin", "cross", "--paths", "2000", "--seed", String(seed),
        ])
        let cells = ReportJSON.cells(report)
        try #require(cells.count == 1)
        let mean = try #require(ReportJSON.number(cells[0], "netValueUSD", "mean"))
        let stdev = try #require(ReportJSON.number(cells[0], "netValueUSD", "stdev"))
        #expect(abs(mean - 5 * 70_000) < 1e-6 * 5 * 70_000, "mean \(mean)")
        #expect(abs(stdev / mean) < 1e-12, "stdev/mean = \(stdev / mean)")
        #expect(ReportJSON.number(cells[0], "liquidation", "probability") == 0)
    }
}
