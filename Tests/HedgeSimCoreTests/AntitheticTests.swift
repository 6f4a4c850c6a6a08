import Foundation
import Testing
@testable import HedgeSimCore

/// Antithetic variates: the estimate stays unbiased, its standard error (from pair means) shrinks,
/// and determinism across threads and shards is kept (pairs never straddle a block).
@Suite struct AntitheticTests {
    private func scenario() -> Scenario {
        var s = TestScenarios.quiet(paths: 20_000, ratios: [0, 0.5])
        s.vol = 0.8
        s.drift = 0.3
        s.antithetic = true
        return s
    }

    @Test func unbiasedWithSmallerStandardError() throws {
        let s = scenario()
        let result = try TestScenarios.run(s)
        let usd = result.cells[0].netValueUSD
        let expected = s.holding * s.price * exp(s.drift * s.horizonDays / 365)
        #expect(abs(usd.mean - expected) <= 4 * usd.meanStandardError)
        // S·P_T is monotone in the shock, so pairing must cut the error well below the plain one.
        #expect(usd.standardErrorReduction > 2, "reduction \(usd.standardErrorReduction)")
        var plain = s
        plain.antithetic = false
        let reference = try TestScenarios.run(plain).cells[0].netValueUSD
        #expect(reference.standardErrorReduction == 1)
        #expect(usd.meanStandardError < reference.meanStandardError / 2)
    }

    @Test func deterministicAcrossThreadsAndShards() throws {
        var s = scenario()
        s.paths = 1_777
        s.leverages = [3]
        let single = try TestScenarios.run(s, seed: 4, threads: 1)
        #expect(try TestScenarios.run(s, seed: 4, threads: 3).cells == single.cells)
        let partials = try (0..<3).map { try HedgeSimulation.runShard(s, seed: 4, shard: ShardSpec(index: $0, count: 3)) }
        #expect(try HedgeSimulation.merge(partials).cells == single.cells)
    }
}
