import Foundation

/// A likelihood-ratio statistic with its asymptotic chi-square p-value `P(χ²_k > LR)`.
public struct LikelihoodRatio: Codable, Sendable, Equatable {
    public let statistic: Double
    public let degreesOfFreedom: Int
    public let pValue: Double

    init(statistic: Double, degreesOfFreedom: Int) {
        // A statistic of 0 can come out as −1e-15 from rounding; the ratio is ≥ 0 by construction.
        let value = max(0, statistic)
        self.statistic = value
        self.degreesOfFreedom = degreesOfFreedom
        pValue = ChiSquare.survival(value, degreesOfFreedom: degreesOfFreedom)
    }

    /// `count · ln p`, with `0 · ln 0 = 0` (the convention of the Bernoulli likelihoods).
    static func countLog(_ count: Int, _ p: Double) -> Double {
        count == 0 ? 0 : Double(count) * log(p)
    }
}
