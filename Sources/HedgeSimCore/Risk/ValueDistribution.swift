import Foundation

/// Summary of a simulated distribution of net portfolio value (USD or coin).
///
/// Losses are measured against the starting value `W_0` and reported as positive numbers:
/// `L = W_0 − W`. With the sorted values `x_(1) ≤ … ≤ x_(n)` and `k = n(1−α)`, `j = ⌊k⌋`:
/// ```
/// quantile p      = x_(⌈n·p⌉)                                  (empirical inverse CDF)
/// VaR_α           = W_0 − x_(j+1)
/// ES_α            = W_0 − (Σ_{i≤j} x_(i) + (k − j)·x_(j+1)) / k   (Acerbi–Tasche tail mean)
/// ```
/// so `ES_α ≥ VaR_α` (enforced against rounding in the tail sum). The order statistics come from
/// `OrderStatistics` (bucket histograms), not from a full sort, and the tail sums from one pass
/// that adds the values below `x_(j+1)`.
///
/// `meanStandardError` is the Monte Carlo error of the mean: `stdev/√n` for independent paths; with
/// antithetic pairs `(2k, 2k+1)` it is `stdev(pair means)/√(pairs)`, and `standardErrorReduction`
/// is `(stdev/√n) / meanStandardError`, the factor by which the pairing shrank the error.
///
/// `extremeShare` says whether the mean and stdev rest on a handful of paths: with `k = max(1, ⌊n/1000⌋)`,
/// the share of `Σ(x − x̄)²` carried by the `k` lowest and the `k` highest values (0.2 % of the paths).
/// About 2–3 % for a normal sample; above `ValueDistribution.dominatedShare` the reports warn.
public struct ValueDistribution: Codable, Sendable, Equatable {
    public var mean: Double
    /// Sample standard deviation (n − 1 in the denominator; 0 for one path).
    public var stdev: Double
    /// Quantiles of the value keyed "0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99".
    public var quantiles: [String: Double]
    public var var95: Double
    public var var99: Double
    public var es95: Double
    public var es99: Double
    public var meanStandardError: Double
    /// `(stdev/√n) / meanStandardError`: 1 for independent paths, above 1 when antithetic pairs help.
    public var standardErrorReduction: Double
    /// The mean estimated with the horizon price as a control variate (`ControlVariate`); nil when
    /// no control applies (history and GARCH models, coin values).
    public var controlVariateMean: Double?
    /// The standard error of `controlVariateMean` (0 when the control explains the value exactly).
    public var controlVariateStandardError: Double?
    /// `meanStandardError / controlVariateStandardError`: how much the control shrank the error
    /// (nil when the control explains the value exactly, as for the unhedged holding).
    public var controlVariateReduction: Double?
    /// Batch-means standard errors of the statistics above (`BatchStatistics`); nil below 32 paths.
    public var standardErrors: DistributionErrors?
    /// The share of the squared deviations carried by the 0.1 % most extreme paths at each end (see
    /// above); 0 when every value is the same.
    public var extremeShare: Double

    /// The `extremeShare` above which a handful of paths dominate the mean and stdev.
    public static let dominatedShare = 0.25

    /// The quantile levels every report carries.
    public static let levels: [(key: String, p: Double)] = [
        ("0.01", 0.01), ("0.05", 0.05), ("0.25", 0.25), ("0.5", 0.5), ("0.75", 0.75), ("0.95", 0.95), ("0.99", 0.99),
    ]

    /// Summarises `values` (in path order) against the starting value `initial`; `antitheticPairs`
    /// says that paths `2k` and `2k+1` are antithetic partners; `control`, when given, adds the
    /// control-variate estimate of the mean; `batches`, the per-batch statistics of the same values
    /// when the caller already has them (computed here otherwise); `measuresExtremes: false` leaves
    /// `extremeShare` at 0 (the batches of `BatchStatistics` do not need it).
    public init(
        values: UnsafeBufferPointer<Double>, initial: Double, antitheticPairs: Bool = false, control: ControlVariate? = nil,
        batches: BatchStatistics? = nil, measuresExtremes: Bool = true
    ) {
        let n = values.count
        precondition(n > 0, "a distribution needs at least one value")
        let (total, range) = ValueDistribution.sumAndRange(values)
        let mean = total / Double(n)
        let squares = ValueDistribution.squaredDeviations(values, mean: mean)
        let stdev = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
        let levels = ValueDistribution.levels
        let tails = [0.95, 0.99].map { ValueDistribution.tailPosition(count: n, confidence: $0) }
        let extremes = max(1, n / 1000)
        let ranks = levels.map { ValueDistribution.quantileRank(count: n, $0.p) } + tails.map(\.whole)
            + (measuresExtremes ? [extremes - 1, n - extremes] : [])
        let statistics = OrderStatistics.select(values, ranks: ranks, range: range)
        let tailValues = Array(statistics[levels.count..<(levels.count + 2)])
        let tailSums = range.finite
            ? OrderStatistics.sumsBelow(values, limits: zip(tailValues, tails.map(\.whole)).map { ($0, $1) })
            : [Double.nan, .nan]
        self.mean = mean
        self.stdev = stdev
        let independentError = stdev / Double(n).squareRoot()
        let pairedError = antitheticPairs && n >= 4 ? ValueDistribution.pairedStandardError(values) : independentError
        meanStandardError = pairedError
        standardErrorReduction = pairedError > 0 ? independentError / pairedError : 1
        var quantiles: [String: Double] = [:]
        for (level, value) in zip(levels, statistics) { quantiles[level.key] = value }
        self.quantiles = quantiles
        (var95, es95) = ValueDistribution.tailRisk(
            value: tailValues[0], sumBelow: tailSums[0], position: tails[0], initial: initial)
        (var99, es99) = ValueDistribution.tailRisk(
            value: tailValues[1], sumBelow: tailSums[1], position: tails[1], initial: initial)
        standardErrors = (batches ?? BatchStatistics(values: values, initial: initial)).errors
        extremeShare = measuresExtremes && squares > 0 && range.finite
            ? ValueDistribution.extremeSquares(
                values, mean: mean, low: statistics[statistics.count - 2], high: statistics[statistics.count - 1], count: extremes)
                / squares
            : 0
        if let estimate = control?.estimate(values) {
            // A residual at rounding level (below 1e-9 of the plain error) means the control explains
            // the value exactly, as for the unhedged holding: the error is 0 and has no ratio.
            let exact = estimate.standardError <= 1e-9 * pairedError
            controlVariateMean = estimate.mean
            controlVariateStandardError = exact ? 0 : estimate.standardError
            controlVariateReduction = exact ? nil : pairedError / estimate.standardError
        }
    }

    /// `Σ (x − mean)²` over exactly the `count` lowest and the `count` highest values, given the
    /// `count`-th lowest `low` and `count`-th highest `high`: the values strictly beyond each cut, and
    /// the cut value for the rest of the `count` (ties at the cut count once each).
    static func extremeSquares(_ values: UnsafeBufferPointer<Double>, mean: Double, low: Double, high: Double, count: Int) -> Double {
        var below = 0, above = 0
        var sum = 0.0
        for x in values {
            if x < low {
                below += 1
                sum += (x - mean) * (x - mean)
            } else if x > high {
                above += 1
                sum += (x - mean) * (x - mean)
            }
        }
        sum += Double(count - below) * (low - mean) * (low - mean)
        sum += Double(count - above) * (high - mean) * (high - mean)
        return sum
    }

    /// `Σ (x − mean)²` with four running sums in one `SIMD4` — element `i` goes to lane `i mod 4`,
    /// the lanes are added as `(s₀ + s₁) + (s₂ + s₃)` and the last `n mod 4` elements after them: a
    /// fixed order, so the result is deterministic.
    static func squaredDeviations(_ values: UnsafeBufferPointer<Double>, mean: Double) -> Double {
        var lanes = SIMD4<Double>.zero
        let center = SIMD4<Double>(repeating: mean)
        let whole = values.count / 4 * 4
        var i = 0
        while i < whole {
            let d = SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3]) - center
            lanes += d * d
            i += 4
        }
        var total = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
        for j in whole..<values.count { total += (values[j] - mean) * (values[j] - mean) }
        return total
    }

    /// `Σ x` (added as `squaredDeviations` adds) and the range of the values, in one pass. A NaN or
    /// an infinity makes the sum non-finite, which marks the range as not finite.
    static func sumAndRange(_ values: UnsafeBufferPointer<Double>) -> (Double, OrderStatistics.ValueRange) {
        var lanes = SIMD4<Double>.zero
        var low = SIMD4<Double>(repeating: values[0]), high = low
        let whole = values.count / 4 * 4
        var i = 0
        while i < whole {
            let v = SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3])
            lanes += v
            low.replace(with: v, where: v .< low)
            high.replace(with: v, where: v .> high)
            i += 4
        }
        var total = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
        var lowest = Swift.min(Swift.min(low[0], low[1]), Swift.min(low[2], low[3]))
        var highest = Swift.max(Swift.max(high[0], high[1]), Swift.max(high[2], high[3]))
        for j in whole..<values.count {
            total += values[j]
            lowest = Swift.min(lowest, values[j])
            highest = Swift.max(highest, values[j])
        }
        return (total, OrderStatistics.ValueRange(low: lowest, high: highest, finite: total.isFinite))
    }

    /// `stdev(pair means)/√(pairs)` over the complete pairs `(2k, 2k+1)`.
    static func pairedStandardError(_ values: UnsafeBufferPointer<Double>) -> Double {
        let pairs = values.count / 2
        var sum = 0.0
        for k in 0..<pairs { sum += 0.5 * (values[2 * k] + values[2 * k + 1]) }
        let mean = sum / Double(pairs)
        var squares = 0.0
        for k in 0..<pairs {
            let deviation = 0.5 * (values[2 * k] + values[2 * k + 1]) - mean
            squares += deviation * deviation
        }
        return (squares / Double(pairs - 1)).squareRoot() / Double(pairs).squareRoot()
    }

    /// The 0-based position of `x_(⌈n·p⌉)` in an ascending order of `count` values.
    static func quantileRank(count n: Int, _ p: Double) -> Int {
        min(n - 1, max(0, Int((Double(n) * p).rounded(.up)) - 1))
    }

    /// For `count` values and confidence `α`: `k = n(1−α)` (snapped to a whole number within 1e-9),
    /// `j = ⌊k⌋` (at most n − 1) and `k − j`.
    static func tailPosition(count n: Int, confidence: Double) -> (tail: Double, whole: Int, fraction: Double) {
        var tail = Double(n) * (1 - confidence)
        if abs(tail - tail.rounded()) < 1e-9 * max(1, tail) { tail = tail.rounded() }
        let whole = min(n - 1, Int(tail.rounded(.down)))
        return (tail, whole, tail - Double(whole))
    }

    /// `(VaR_α, ES_α)` of the loss `initial − x` from the order statistic `x_(j+1)` and the sum of the
    /// `j` values below it, at the tail position `(k, j, k − j)` of `tailPosition`.
    static func tailRisk(
        value: Double, sumBelow: Double, position: (tail: Double, whole: Int, fraction: Double), initial: Double
    ) -> (Double, Double) {
        let tail = position.tail
        let tailSum = sumBelow + position.fraction * value
        let valueAtRisk = initial - value
        let shortfall = tail > 0 ? initial - tailSum / tail : valueAtRisk
        return (valueAtRisk, max(shortfall, valueAtRisk))
    }

    /// All numbers, for the finiteness check.
    var allNumbers: [Double] {
        [mean, stdev, var95, var99, es95, es99, meanStandardError, standardErrorReduction] + quantiles.values
            + [controlVariateMean, controlVariateStandardError, controlVariateReduction].compactMap { $0 }
            + (standardErrors?.allNumbers ?? [])
    }
}
