import Foundation
import Testing
@testable import HedgeSimCore

@Suite struct ValueDistributionTests {
    private func summary(_ values: [Double], initial: Double) -> ValueDistribution {
        values.withUnsafeBufferPointer { ValueDistribution(values: $0, initial: initial) }
    }

    @Test func integerTailHasExactVaRAndES() {
        // 1…100 shuffled, W0 = 100: the 5 worst values are 1…5 (VaR95 at the 6th, VaR99 at the 2nd).
        let values = (1...100).map(Double.init).shuffled()
        let d = summary(values, initial: 100)
        #expect(d.var95 == 94)
        #expect(d.es95 == 97)
        #expect(d.var99 == 98)
        #expect(d.es99 == 99)
        #expect(d.quantiles["0.5"] == 50)
        #expect(d.quantiles["0.01"] == 1)
        #expect(d.quantiles["0.99"] == 99)
        #expect(d.mean == 50.5)
        #expect(abs(d.stdev - 29.011491975882016) < 1e-12)
        #expect(abs(d.meanStandardError - 2.9011491975882016) < 1e-12)
    }

    /// Against an independent reference: ES as the integral of the empirical quantile function
    /// over the worst `1 − α`, evaluated by fine midpoint sums.
    @Test(arguments: [7, 33, 101, 999])
    func fractionalTailMatchesQuantileIntegral(n: Int) {
        var generator = SplitMix(seed: UInt64(n))
        let values = (0..<n).map { _ in Double(generator.next() % 10_000) / 7 }
        let d = summary(values, initial: 1_000)
        let sorted = values.sorted()
        for (alpha, es) in [(0.95, d.es95), (0.99, d.es99)] {
            let slices = 200_000
            var integral = 0.0
            for i in 0..<slices {
                let u = (Double(i) + 0.5) / Double(slices) * (1 - alpha)
                integral += sorted[min(n - 1, Int((u * Double(n)).rounded(.down)))]
            }
            let reference = 1_000 - integral / Double(slices)
            #expect(abs(es - reference) < 1e-3 * max(1, abs(reference)))
        }
        #expect(d.es95 >= d.var95 && d.es99 >= d.var99)
    }

    @Test func singleValue() {
        let d = summary([5], initial: 5)
        #expect(d.stdev == 0 && d.var99 == 0 && d.es99 == 0 && d.quantiles["0.01"] == 5)
    }

    @Test func wilsonIntervalKnownValues() {
        // 0 of 100: [0, 0.0370]; 50 of 100: [0.4038, 0.5962].
        let zero = LiquidationSummary.wilsonInterval(successes: 0, trials: 100)
        #expect(abs(zero[0]) < 1e-12 && abs(zero[1] - 0.036995) < 1e-5)
        let half = LiquidationSummary.wilsonInterval(successes: 50, trials: 100)
        #expect(abs(half[0] - 0.403832) < 1e-5 && abs(half[1] - 0.596168) < 1e-5)
    }
}

/// A tiny deterministic generator for test data (Steele, Lea & Flood 2014).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Order statistics and the sums below them against the standard library's full sort on awkward
/// inputs: random values, signed zeros and extremes, long runs of equal values, a few huge
/// outliers among concentrated values, already sorted and reversed input.
@Suite struct OrderStatisticsTests {
    static func inputs(_ n: Int) -> [(String, [Double])] {
        var generator = SplitMix(seed: UInt64(n) + 1)
        var random = (0..<n).map { _ in Double(Int64(bitPattern: generator.next())) / 1e9 }
        random += [0, -0.0, .leastNonzeroMagnitude, -.leastNormalMagnitude, 1e300, -1e300, 42, 42].prefix(n)
        let runs = (0..<n).map { Double($0 % 3 == 0 ? 7 : ($0 % 5)) }
        let outliers = (0..<n).map { (i: Int) -> Double in
            i % 997 == 5 ? 1e12 : 350_000 + Double(i % 101) * 1e-6
        }
        return [("random", random), ("runs", runs), ("outliers", outliers), ("ascending", random.sorted()),
                ("descending", random.sorted(by: >))]
    }

    @Test(arguments: [1, 2, 3, 17, 1_000, 65_537])
    func statisticsMatchAFullSort(n: Int) {
        for (name, values) in Self.inputs(n) {
            let count = values.count
            let ranks = [count / 2, 0, count / 100, count / 20, count / 4, 3 * count / 4, count - 1, count / 20]
            let found = values.withUnsafeBufferPointer { OrderStatistics.select($0, ranks: ranks) }
            let sums = values.withUnsafeBufferPointer { buffer in
                OrderStatistics.sumsBelow(buffer, limits: zip(found, ranks).map { ($0, $1) })
            }
            let sorted = values.sorted()
            for (k, rank) in ranks.enumerated() {
                #expect(found[k] == sorted[rank], "\(name) n \(count) rank \(rank)")
                let below = sorted[..<rank]
                let exact = below.reduce(0, +)
                let scale = below.reduce(0) { $0 + abs($1) }
                #expect(abs(sums[k] - exact) <= 1e-12 * scale, "\(name) n \(count) rank \(rank): sum below")
            }
        }
    }

    @Test func nonFiniteValuesGiveNaN() {
        let values = [1.0, .nan, 3, 4]
        let found = values.withUnsafeBufferPointer { OrderStatistics.select($0, ranks: [0, 3]) }
        #expect(found.allSatisfy { $0.isNaN })
    }
}

/// `extremeShare`: the share of `Σ(x − x̄)²` carried by the `k = max(1, ⌊n/1000⌋)` lowest and highest
/// values, exactly, ties at the cut counted once each.
@Suite struct ExtremeShareTests {
    func share(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { ValueDistribution(values: $0, initial: 0).extremeShare }
    }

    @Test func oneOutlierPairCarriesEverything() {
        let values = [Double](repeating: 0, count: 998) + [10, -10]
        #expect(share(values) == 1)
    }

    @Test func tiesAtTheCutCountOnce() {
        let values = [Double](repeating: -1, count: 1_000) + [Double](repeating: 1, count: 1_000)
        #expect(share(values) == 4.0 / 2_000, "k = 2 at each end of 2,000 values of ±1")
    }

    @Test func aNormalSampleIsFarBelowTheWarning() {
        var generator = SplitMix(seed: 9)
        let values = (0..<20_000).map { _ -> Double in
            let u = (Double(generator.next() >> 11) + 0.5) * 0x1p-53, v = Double(generator.next() >> 11) * 0x1p-53
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        let s = share(values)
        #expect(s > 0.01 && s < 0.05, "the 0.2 % extremes of a normal sample carry about 2.5 %: \(s)")
        #expect(share([Double](repeating: 3, count: 5_000)) == 0)
    }
}
