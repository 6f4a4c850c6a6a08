/// Christoffersen's (1998) tests on the sequence of VaR exceedances `I_t` (1 when the loss exceeds the
/// VaR). With `n_ij` the number of days with `I_{t−1} = i` followed by `I_t = j`,
/// `π₀₁ = n₀₁/(n₀₀+n₀₁)`, `π₁₁ = n₁₁/(n₁₀+n₁₁)` and `π = (n₀₁+n₁₁)/(n₀₀+n₀₁+n₁₀+n₁₁)`:
///
///     LR_ind = −2 ln[(1−π)^{n₀₀+n₁₀} π^{n₀₁+n₁₁}]
///              + 2 ln[(1−π₀₁)^{n₀₀} π₀₁^{n₀₁} (1−π₁₁)^{n₁₀} π₁₁^{n₁₁}]   ~  χ²(1)
///     LR_cc  = LR_uc + LR_ind                                           ~  χ²(2)
///
/// `LR_ind` tests that an exceedance does not make the next one more (or less) likely (first-order
/// Markov alternative); `LR_cc` tests correct coverage and independence jointly, with `LR_uc` the
/// Kupiec statistic over all `n` windows (the usual practical form). `0·ln 0 = 0` throughout.
public struct ChristoffersenTest: Codable, Sendable, Equatable {
    /// Transition counts `n₀₀, n₀₁, n₁₀, n₁₁` over consecutive windows.
    public let n00: Int
    public let n01: Int
    public let n10: Int
    public let n11: Int
    public let independence: LikelihoodRatio
    public let conditionalCoverage: LikelihoodRatio

    /// - Parameters:
    ///   - hits: the exceedance indicators in time order.
    ///   - kupiec: the unconditional-coverage test of the same `hits`.
    public init(hits: [Bool], kupiec: KupiecTest) {
        var counts = [[0, 0], [0, 0]]
        for (previous, current) in zip(hits, hits.dropFirst()) {
            counts[previous ? 1 : 0][current ? 1 : 0] += 1
        }
        n00 = counts[0][0]
        n01 = counts[0][1]
        n10 = counts[1][0]
        n11 = counts[1][1]
        let fromZero = n00 + n01, fromOne = n10 + n11
        let total = fromZero + fromOne
        let pi = total > 0 ? Double(n01 + n11) / Double(total) : 0
        let pi01 = fromZero > 0 ? Double(n01) / Double(fromZero) : 0
        let pi11 = fromOne > 0 ? Double(n11) / Double(fromOne) : 0
        let restricted = LikelihoodRatio.countLog(n00 + n10, 1 - pi) + LikelihoodRatio.countLog(n01 + n11, pi)
        let markov = LikelihoodRatio.countLog(n00, 1 - pi01) + LikelihoodRatio.countLog(n01, pi01)
            + LikelihoodRatio.countLog(n10, 1 - pi11) + LikelihoodRatio.countLog(n11, pi11)
        independence = LikelihoodRatio(statistic: -2 * restricted + 2 * markov, degreesOfFreedom: 1)
        conditionalCoverage = LikelihoodRatio(
            statistic: kupiec.ratio.statistic + independence.statistic, degreesOfFreedom: 2)
    }
}
