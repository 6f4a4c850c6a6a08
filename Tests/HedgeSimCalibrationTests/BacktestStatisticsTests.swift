import Foundation
import HedgeSimCalibration
import Testing

/// The Kupiec and Christoffersen statistics against values worked by hand from their definitions,
/// and Kupiec's (1995) non-rejection regions for a 99 % VaR at 5 % significance as tabulated in
/// Jorion's *Value at Risk*: 1 < x < 11 exceedances in 510 days, 4 < x < 17 in 1,000 days.
@Suite struct BacktestStatisticsTests {
    /// n = 250, x = 5, p = 0.01:
    /// LR_uc = −2[245 ln 0.99 + 5 ln 0.01] + 2[245 ln 0.98 + 5 ln 0.02] = 1.956810, p = erfc(√(LR/2)) = 0.161855.
    @Test func kupiecFiveExceedancesIn250DaysAt99Percent() {
        let test = KupiecTest(exceedances: 5, observations: 250, expectedRate: 0.01)
        let byHand = -2 * (245 * log(0.99) + 5 * log(0.01)) + 2 * (245 * log(0.98) + 5 * log(0.02))
        #expect(abs(test.ratio.statistic - byHand) < 1e-12)
        #expect(abs(test.ratio.statistic - 1.956810) < 1e-6)
        #expect(abs(test.ratio.pValue - 0.161855) < 1e-6)
        #expect(test.expectedExceedances == 2.5 && test.ratio.degreesOfFreedom == 1)
    }

    /// No exceedance: the second term is 0 (0·ln 0 = 0), LR_uc = −2·250·ln 0.99 = 5.025168, p = 0.024982.
    @Test func kupiecWithoutExceedances() {
        let test = KupiecTest(exceedances: 0, observations: 250, expectedRate: 0.01)
        #expect(abs(test.ratio.statistic - -2 * 250 * log(0.99)) < 1e-12)
        #expect(abs(test.ratio.pValue - 0.024982) < 1e-6)
    }

    /// At T = 250, p = 1 %: 6 exceedances give LR = 3.555355 (p = 0.0594), 7 give 5.496990 (p = 0.0190).
    @Test func kupiecMatchesTheTextbookRejectionRegions() {
        let six = KupiecTest(exceedances: 6, observations: 250, expectedRate: 0.01)
        let seven = KupiecTest(exceedances: 7, observations: 250, expectedRate: 0.01)
        #expect(abs(six.ratio.statistic - 3.555355) < 1e-6 && six.ratio.pValue > 0.05)
        #expect(abs(seven.ratio.statistic - 5.496990) < 1e-6 && abs(seven.ratio.pValue - 0.019049) < 1e-6)
        for (days, region) in [(510, 2...10), (1000, 5...16)] {
            let accepted = (0...30).filter { KupiecTest(exceedances: $0, observations: days, expectedRate: 0.01).ratio.pValue >= 0.05 }
            #expect(accepted == Array(region), "\(days) days")
        }
    }

    /// The sequence 0011 0000 1000 0011 1000 (20 days, 6 exceedances, p = 0.05):
    /// n₀₀ = 10, n₀₁ = 3, n₁₀ = 3, n₁₁ = 3; π = 6/19, π₀₁ = 3/13, π₁₁ = 1/2;
    /// LR_ind = −2[13 ln(13/19) + 6 ln(6/19)] + 2[10 ln(10/13) + 3 ln(3/13) + 6 ln(1/2)] = 1.335810;
    /// LR_uc = −2[14 ln 0.95 + 6 ln 0.05] + 2[14 ln 0.7 + 6 ln 0.3] = 12.950427;
    /// LR_cc = 14.286238, p = e^{−LR_cc/2} = 0.000790.
    @Test func christoffersenOnAClusteredSequence() {
        let hits = "00110000100000111000".map { $0 == "1" }
        let kupiec = KupiecTest(exceedances: 6, observations: 20, expectedRate: 0.05)
        let test = ChristoffersenTest(hits: hits, kupiec: kupiec)
        #expect(test.n00 == 10 && test.n01 == 3 && test.n10 == 3 && test.n11 == 3)
        let independence = -2 * (13 * log(13.0 / 19) + 6 * log(6.0 / 19)) + 2 * (10 * log(10.0 / 13) + 3 * log(3.0 / 13) + 6 * log(0.5))
        #expect(abs(test.independence.statistic - independence) < 1e-12)
        #expect(abs(test.independence.statistic - 1.335810) < 1e-6)
        #expect(abs(test.independence.pValue - 0.247774) < 1e-6)
        #expect(abs(kupiec.ratio.statistic - 12.950427) < 1e-6)
        #expect(abs(test.conditionalCoverage.statistic - 14.286238) < 1e-6)
        #expect(abs(test.conditionalCoverage.pValue - exp(-14.286238 / 2)) < 1e-9)
        #expect(test.conditionalCoverage.degreesOfFreedom == 2)
    }

    /// Without two exceedances in a row π₁₁ = 0, and n₁₁ ln π₁₁ = 0·ln 0 = 0; a sequence with no
    /// exceedance at all has LR_ind = 0 and p = 1.
    @Test func christoffersenEdgeCases() {
        let none = [Bool](repeating: false, count: 50)
        let test = ChristoffersenTest(hits: none, kupiec: KupiecTest(exceedances: 0, observations: 50, expectedRate: 0.05))
        #expect(test.independence.statistic == 0 && test.independence.pValue == 1)
        let spread = (0..<100).map { $0 % 20 == 5 }
        let spaced = ChristoffersenTest(hits: spread, kupiec: KupiecTest(exceedances: 5, observations: 100, expectedRate: 0.05))
        #expect(spaced.n11 == 0 && spaced.independence.statistic.isFinite && spaced.independence.statistic > 0)
    }
}
