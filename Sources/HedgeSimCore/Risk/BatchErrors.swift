import Foundation

/// Monte Carlo standard errors by batch means: the paths are cut into `B` batches of consecutive
/// paths (`⌊b·n/B⌋ ..< ⌊(b+1)·n/B⌋`, fixed by the path count alone, so the errors are the same for
/// any thread count or shard split), every statistic is computed on each batch, and
/// `SE(θ) = sd(θ_b)/√B`. The same per-batch values give paired errors between two cells on the same
/// paths: `SE(θ_a − θ_c) = sd(θ_{a,b} − θ_{c,b})/√B`, which common random numbers make much smaller
/// than either error alone.
public struct BatchStatistics: Sendable, Equatable {
    /// Batches used (32, or fewer for small runs; below 2 no error is given).
    public static let batchCount = 32

    /// Per batch: mean, stdev, VaR and ES at 95/99 % against `initial`, and the report's quantiles.
    var mean: [Double] = [], stdev: [Double] = [], var95: [Double] = [], var99: [Double] = []
    var es95: [Double] = [], es99: [Double] = []
    var quantiles: [String: [Double]] = [:]

    /// No batches: no errors.
    init() {}

    /// Batches for `n` paths: 32, or `n/16` when fewer than 512 paths (none below 32 paths).
    static func batches(paths n: Int) -> Int { min(batchCount, n / 16) }

    /// Computes every statistic per batch of `values` (path order) against `initial`, each batch
    /// summarised by `ValueDistribution` itself (the same definitions, the same linear passes);
    /// antithetic pairs stay in one batch (batch bounds are rounded to even paths).
    init(values: UnsafeBufferPointer<Double>, initial: Double) {
        let n = values.count
        let count = BatchStatistics.batches(paths: n)
        guard count >= 2, let base = values.baseAddress else { return }
        for b in 0..<count {
            let lower = (b * n / count) & ~1, upper = b == count - 1 ? n : ((b + 1) * n / count) & ~1
            let batch = ValueDistribution(
                values: UnsafeBufferPointer(start: base + lower, count: upper - lower), initial: initial,
                batches: BatchStatistics(), measuresExtremes: false)
            mean.append(batch.mean)
            stdev.append(batch.stdev)
            var95.append(batch.var95)
            var99.append(batch.var99)
            es95.append(batch.es95)
            es99.append(batch.es99)
            for level in ValueDistribution.levels { quantiles[level.key, default: []].append(batch.quantiles[level.key] ?? 0) }
        }
    }

    /// `sd(x_b)/√B` (sample sd, B − 1 in the denominator).
    static func standardError(_ x: [Double]) -> Double {
        let count = Double(x.count)
        guard x.count > 1 else { return 0 }
        let mean = x.reduce(0, +) / count
        let squares = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / (count - 1)).squareRoot() / count.squareRoot()
    }

    /// The paired error of a statistic between two cells: `SE(θ_a − θ_c)` from the batch differences.
    static func pairedError(_ a: [Double], _ c: [Double]) -> Double {
        standardError(zip(a, c).map { $0 - $1 })
    }

    /// The standard errors of every statistic; nil without batches.
    var errors: DistributionErrors? {
        guard mean.count >= 2 else { return nil }
        return DistributionErrors(
            mean: Self.standardError(mean), stdev: Self.standardError(stdev),
            var95: Self.standardError(var95), var99: Self.standardError(var99),
            es95: Self.standardError(es95), es99: Self.standardError(es99),
            quantiles: quantiles.mapValues(Self.standardError))
    }
}

/// Batch-means standard errors of a `ValueDistribution`'s statistics, with the same keys.
public struct DistributionErrors: Codable, Sendable, Equatable {
    public var mean: Double
    public var stdev: Double
    public var var95: Double
    public var var99: Double
    public var es95: Double
    public var es99: Double
    public var quantiles: [String: Double]

    var allNumbers: [Double] { [mean, stdev, var95, var99, es95, es99] + quantiles.values }
}

/// Standard errors of the expected cost components, with `HedgeCost`'s keys: each component is a mean
/// over paths, its error the cluster (block) estimate `√(K/(K−1)·Σ_k (s_k − n_k·μ)²)/n` over the
/// `K` blocks of 256 paths with sums `s_k`.
public struct CostErrors: Codable, Sendable, Equatable {
    public var fundingUSD: Double
    public var fundingReceivedUSD: Double
    public var fundingPaidUSD: Double
    public var feesUSD: Double
    public var basisUSD: Double
    public var liquidationLossUSD: Double
    public var forfeitedMarginUSD: Double
    public var exposureAfterLiquidationUSD: Double
    public var hedgeCutUSD: Double
    public var rollUSD: Double
    public var marginSaleUSD: Double
    public var totalUSD: Double
    public var annualisedPercent: Double

    var allNumbers: [Double] {
        [fundingUSD, fundingReceivedUSD, fundingPaidUSD, feesUSD, basisUSD, liquidationLossUSD, forfeitedMarginUSD,
         exposureAfterLiquidationUSD, hedgeCutUSD, rollUSD, marginSaleUSD, totalUSD, annualisedPercent]
    }

    /// The cluster error of a mean from per-block sums and block sizes.
    static func clusterError(sums: [Double], sizes: [Double]) -> Double {
        let n = sizes.reduce(0, +)
        let k = Double(sums.count)
        guard sums.count > 1, n > 0 else { return 0 }
        let mean = sums.reduce(0, +) / n
        let squares = zip(sums, sizes).reduce(0.0) { total, pair in
            let deviation = pair.0 - pair.1 * mean
            return total + deviation * deviation
        }
        return (k / (k - 1) * squares).squareRoot() / n
    }
}
