import Foundation
import Testing
@testable import HedgeSimCore

/// The fan-chart bands: under GBM each band quantile at time `t` is the lognormal quantile
/// `P_0·exp((μ − σ²/2)t + σ√t·z_p)` within the Bahadur standard error `√(p(1−p)/n)` on the
/// probability scale (4 standard errors, n = 4,096 band paths).
@Suite struct PriceBandTests {
    @Test func gbmBandsAreLognormalQuantiles() throws {
        var s = TestScenarios.quiet(paths: 6_000, ratios: [0])
        s.vol = 0.9
        s.drift = 0.1
        let bands = try TestScenarios.run(s).priceBands
        #expect(bands.paths == BandPlan.maxPaths)
        #expect(bands.days.count == BandPlan.maxPoints && bands.days.first == 0 && bands.days.last == 30)
        let n = Double(bands.paths)
        for (index, day) in bands.days.enumerated().dropFirst() {
            let years = day / 365
            for level in PriceBands.levels {
                let value = try #require(bands.quantiles[level.key]?[index])
                let z = (log(value / s.price) - (s.drift - 0.5 * s.vol * s.vol) * years) / (s.vol * years.squareRoot())
                let error = (level.p * (1 - level.p) / n).squareRoot()
                #expect(abs(TestScenarios.normalCDF(z) - level.p) <= 4 * error, "day \(day), level \(level.key)")
            }
            let ordered = PriceBands.levels.compactMap { bands.quantiles[$0.key]?[index] }
            #expect(ordered == ordered.sorted())
        }
    }
}
