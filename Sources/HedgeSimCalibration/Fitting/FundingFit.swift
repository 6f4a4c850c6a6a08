import Foundation

/// The funding rate per interval as an AR(1), fitted by least squares over pairs of consecutive funding
/// times (the conditional Gaussian maximum likelihood), as the simulator models it:
///
///     f_t = c + φ·f_{t−1} + e_t,   mean f̄ = c/(1 − φ),   innovation stdev σ_e = √(Σe²/(n − 2)).
///
/// Standard errors: ordinary least squares for c and φ, the delta method for f̄
/// (gradient `(1/(1−φ), c/(1−φ)²)` of `c/(1−φ)`), `σ_e/√(2n)` for σ_e.
///
/// **Correlation with price:** the Pearson correlation ρ of the innovations `e_t` with the log return
/// over the same interval, `ln(P_t/P_{t−Δf})`, for every funding time t where the price history has a
/// price at both t and t − Δf (prices are matched to the second, so put candle closes at their end
/// times, see `CandleTimes`); standard error `(1 − ρ²)/√n`. Funding rates: positive when longs pay.
public struct FundingFit: Codable, Sendable, Equatable {
    /// f̄, rate per interval.
    public let mean: Estimate
    /// φ per interval.
    public let persistence: Estimate
    /// σ_e per interval.
    public let innovationStdev: Estimate
    /// ρ of innovations with same-interval log returns; nil without enough matching prices.
    public let priceCorrelation: Estimate?
    /// Correlation of the rate itself with the same-interval return, for comparison with published figures.
    public let levelCorrelation: Double?
    /// Funding times with a same-interval return.
    public let correlationObservations: Int
    /// The funding interval Δf in hours (the series' grid step).
    public let intervalHours: Double
    /// Pairs of consecutive funding times used.
    public let observations: Int

    public static let minimumPairs = 30

    /// - Throws: `CalibrationError` with fewer than `minimumPairs` consecutive pairs.
    public init(funding: FundingHistory, prices: PriceHistory?) throws {
        guard let interval = funding.step, funding.times.count >= 2 else {
            throw CalibrationError("\(funding.quality.source): fewer than two funding rates in the chosen window; nothing to fit")
        }
        var previous: [Double] = [], current: [Double] = [], times: [Double] = []
        for index in 1..<funding.times.count where TimeGrid.isOneStep(funding.times[index] - funding.times[index - 1], step: interval) {
            previous.append(funding.rates[index - 1])
            current.append(funding.rates[index])
            times.append(funding.times[index])
        }
        guard previous.count >= FundingFit.minimumPairs else {
            throw CalibrationError(
                "\(funding.quality.source): \(previous.count) pairs of consecutive funding times on the "
                    + "\(TimeGrid.describe(step: interval)) grid; the AR(1) needs at least \(FundingFit.minimumPairs)")
        }
        let n = Double(previous.count)
        let meanX = previous.reduce(0, +) / n
        let meanY = current.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for (x, y) in zip(previous, current) {
            sxx += (x - meanX) * (x - meanX)
            sxy += (x - meanX) * (y - meanY)
        }
        guard sxx > 0 else { throw CalibrationError("\(funding.quality.source): the funding rate never changes; no AR(1) to fit") }
        let phi = sxy / sxx
        let intercept = meanY - phi * meanX
        let residuals = zip(previous, current).map { $1 - intercept - phi * $0 }
        let residualVariance = residuals.reduce(0) { $0 + $1 * $1 } / (n - 2)
        let varianceIntercept = residualVariance * (1 / n + meanX * meanX / sxx)
        let variancePhi = residualVariance / sxx
        let covariance = -meanX * residualVariance / sxx
        let gradient = (1 / (1 - phi), intercept / ((1 - phi) * (1 - phi)))
        let varianceMean = gradient.0 * gradient.0 * varianceIntercept + 2 * gradient.0 * gradient.1 * covariance
            + gradient.1 * gradient.1 * variancePhi
        mean = Estimate(intercept / (1 - phi), standardError: varianceMean >= 0 ? varianceMean.squareRoot() : nil)
        persistence = Estimate(phi, standardError: variancePhi.squareRoot())
        let sigma = residualVariance.squareRoot()
        innovationStdev = Estimate(sigma, standardError: sigma / (2 * n).squareRoot())
        intervalHours = interval / 3600
        observations = previous.count

        var innovations: [Double] = [], levels: [Double] = [], returns: [Double] = []
        if let prices {
            var logPrice: [Int64: Double] = [:]
            for (time, price) in zip(prices.times, prices.prices) { logPrice[Int64(time.rounded())] = Foundation.log(price) }
            for (index, time) in times.enumerated() {
                guard let end = logPrice[Int64(time.rounded())], let start = logPrice[Int64((time - interval).rounded())] else { continue }
                innovations.append(residuals[index])
                levels.append(current[index])
                returns.append(end - start)
            }
        }
        correlationObservations = returns.count
        if returns.count >= FundingFit.minimumPairs, let rho = FundingFit.correlation(innovations, returns) {
            priceCorrelation = Estimate(rho, standardError: (1 - rho * rho) / Double(returns.count).squareRoot())
            levelCorrelation = FundingFit.correlation(levels, returns)
        } else {
            priceCorrelation = nil
            levelCorrelation = nil
        }
    }

    /// Pearson correlation; nil when either series is constant.
    static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for (a, b) in zip(x, y) {
            sxx += (a - meanX) * (a - meanX)
            syy += (b - meanY) * (b - meanY)
            sxy += (a - meanX) * (b - meanY)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}
