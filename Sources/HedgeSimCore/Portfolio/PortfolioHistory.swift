/// The coins' log returns on their common time grid, for a portfolio's joint bootstrap: every series
/// has one return per common step, `returns[k][t]` coin `k`'s between common times `t` and `t + 1`, so
/// that drawing one history step for all coins keeps how they move together.
public struct PortfolioHistory: Sendable, Equatable {
    public let returns: [[Double]]
    /// The grid step, seconds.
    public let stepSeconds: Double

    /// - Throws: `InputError` when the series differ in length, hold fewer than 2 returns or a
    ///   non-finite value.
    public init(returns: [[Double]], stepSeconds: Double) throws {
        let length = returns.first?.count ?? 0
        guard length >= 2, returns.allSatisfy({ $0.count == length }) else {
            throw InputError(
                flag: "", field: "history", value: returns.map { "\($0.count)" }.joined(separator: ", ") + " returns",
                allowed: "at least 2 common returns, as many for every coin")
        }
        for (k, series) in returns.enumerated() {
            if let bad = series.firstIndex(where: { !$0.isFinite }) {
                throw InputError(flag: "", field: "history", value: "coin \(k) return \(bad) is \(series[bad])", allowed: "finite log returns")
            }
        }
        guard stepSeconds > 0, stepSeconds.isFinite else {
            throw InputError(flag: "", field: "history", value: "a step of \(stepSeconds) s", allowed: "a positive grid step")
        }
        self.returns = returns
        self.stepSeconds = stepSeconds
    }

    /// The number of common returns.
    public var length: Int { returns[0].count }

    /// The sample variance of coin `k`'s returns per step.
    public func variance(of k: Int) -> Double { sampleVariance(returns[k]) }

    /// The sample correlation matrix of the returns.
    public var correlations: [[Double]] { Self.sampleCorrelations(returns) }

    /// The sample correlation matrix of equally long series, each value within [−1, 1] (0 off the
    /// diagonal for a constant series).
    public static func sampleCorrelations(_ series: [[Double]]) -> [[Double]] {
        let means = series.map { $0.reduce(0, +) / Double(max(1, $0.count)) }
        let deviations = series.indices.map { k in series[k].map { $0 - means[k] } }
        let norms = deviations.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        return series.indices.map { i in
            series.indices.map { j in
                if i == j { return 1 }
                let cross = zip(deviations[i], deviations[j]).reduce(0) { $0 + $1.0 * $1.1 }
                return norms[i] > 0 && norms[j] > 0 ? min(1, max(-1, cross / (norms[i] * norms[j]))) : 0
            }
        }
    }
}
