/// Kupiec's (1995) proportion-of-failures test of unconditional coverage: with `x` VaR exceedances in
/// `n` windows and nominal exceedance rate `p` (0.05 for a 95 % VaR),
///
///     LR_uc = −2 ln[(1−p)^{n−x} p^x] + 2 ln[(1−x/n)^{n−x} (x/n)^x]  ~  χ²(1)
///
/// under the null that the exceedance rate is `p` (with `0·ln 0 = 0`). It assumes independent windows:
/// with overlapping horizons the p-value is too small (see `VaRBacktest`).
public struct KupiecTest: Codable, Sendable, Equatable {
    public let observations: Int
    public let exceedances: Int
    /// The nominal exceedance rate p.
    public let expectedRate: Double
    public let ratio: LikelihoodRatio

    /// - Precondition: `0 ≤ x ≤ n`, `n ≥ 1`, `0 < p < 1`.
    public init(exceedances x: Int, observations n: Int, expectedRate p: Double) {
        precondition(n >= 1 && x >= 0 && x <= n && p > 0 && p < 1, "Kupiec needs 0 ≤ x ≤ n, n ≥ 1 and 0 < p < 1")
        let observed = Double(x) / Double(n)
        let null = LikelihoodRatio.countLog(n - x, 1 - p) + LikelihoodRatio.countLog(x, p)
        let fitted = LikelihoodRatio.countLog(n - x, 1 - observed) + LikelihoodRatio.countLog(x, observed)
        observations = n
        exceedances = x
        expectedRate = p
        ratio = LikelihoodRatio(statistic: -2 * null + 2 * fitted, degreesOfFreedom: 1)
    }

    /// `n·p`, the exceedances a correct model expects.
    public var expectedExceedances: Double { Double(observations) * expectedRate }
}
