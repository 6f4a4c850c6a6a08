import Foundation
import Testing
@testable import HedgeSimCore

/// The per-path cost a journal is placed in: each path's gap to the synthetic dollar, whose mean is the
/// summed cost components of the cell, for every instrument, margin and policy the engine has.
@Suite struct CostSampleTests {
    /// The mean of the per-path costs equals the cell's `cost.totalUSD` (the components' sum) up to the
    /// rounding of two summation orders, relative 1e-9 of the notional; the sample is sorted and one per path.
    @Test(arguments: ["perpetual", "dated", "linear", "policies"])
    func meanIsTheCellsTotalCost(name: String) throws {
        var s = Scenario()
        s.paths = 3_000
        s.hedgeRatios = [0, 0.5, 1]
        switch name {
        case "dated": (s.instrument, s.leverages) = (.dated, [3])
        case "linear": (s.instrument, s.leverages) = (.linearPerpetual, [3])
        case "policies": (s.leverages, s.policies) = ([8], [.none, .topUp, .deleverage, .rehedge])
        default: s.leverages = [2, 10]
        }
        let (result, costs) = try HedgeSimulation.runKeepingCosts(s, seed: 11, threads: 2)
        #expect(costs.count == result.cells.count, "\(name)")
        for (cell, sample) in zip(result.cells, costs) {
            #expect(sample.sortedUSD.count == s.paths && sample.sortedUSD == sample.sortedUSD.sorted())
            #expect(sample.hedgeRatio == cell.hedgeRatio && sample.leverage == cell.leverage && sample.policy == cell.policy)
            #expect(abs(sample.meanUSD - cell.cost.totalUSD) <= 1e-9 * max(1, cell.notionalUSD), "\(name) \(cell.hedgeRatio) \(cell.leverage)")
            #expect(abs(sample.annualisedPercent(sample.meanUSD) - cell.cost.annualisedPercent) <= 1e-9 * max(1, abs(cell.cost.annualisedPercent)))
        }
        // Same run, same summaries: keeping the costs changes nothing else.
        let plain = try HedgeSimulation.run(s, seed: 11, threads: 1)
        #expect(plain.cells == result.cells)
    }

    /// Percentiles are mid-ranks: below every value 0, above every value 1, at a value shared by half of
    /// the paths the middle of that half.
    @Test func percentileCountsTiesAsHalf() {
        let sample = CostSample(hedgeRatio: 1, leverage: 1, policy: .none, notionalUSD: 36_500, horizonDays: 10, costsUSD: [3, 1, 2, 2])
        // 1 % per year of 36,500 USD over 10 days is 10 USD; so x % per year is 10·x USD.
        #expect(sample.percentile(ofAnnualisedPercent: 0) == 0)
        #expect(sample.percentile(ofAnnualisedPercent: 0.4) == 1)
        #expect(sample.percentile(ofAnnualisedPercent: 0.2) == 0.5)
        #expect(sample.percentile(ofAnnualisedPercent: 0.15) == 0.25)
        #expect(sample.quantileUSD(0.5) == 2 && sample.quantileUSD(1) == 3 && sample.meanUSD == 2)
        #expect(abs(sample.annualisedPercent(10) - 1) < 1e-12)
    }
}
