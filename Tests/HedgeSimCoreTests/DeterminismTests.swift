import Testing
@testable import HedgeSimCore

/// Same seed and scenario ⇒ bit-identical results for any number of worker threads: blocks have a
/// fixed size, every draw is addressed by (seed, purpose, path, step, index), and sums are reduced
/// in block order. 3,001 paths leave a short last block.
@Suite struct DeterminismTests {
    @Test(arguments: [PriceModelKind.jump, .garch, .gbm])
    func resultsDoNotDependOnThreads(model: PriceModelKind) throws {
        var s = Scenario()
        s.paths = 3_001
        s.model = model
        s.leverages = [2, 4]
        let reference = try TestScenarios.run(s, seed: 99, threads: 1)
        for threads in [2, 3, 7] {
            let other = try TestScenarios.run(s, seed: 99, threads: threads)
            #expect(other.cells == reference.cells, "threads \(threads)")
            #expect(other.priceBands == reference.priceBands)
            #expect(other.recommendation == reference.recommendation)
        }
    }

    @Test func datedInstrumentIsDeterministicToo() throws {
        var s = Scenario()
        s.paths = 1_000
        s.instrument = .dated
        s.expiryDays = 90
        let a = try TestScenarios.run(s, seed: 5, threads: 1)
        let b = try TestScenarios.run(s, seed: 5, threads: 3)
        #expect(a.cells == b.cells)
    }

    @Test func differentSeedsGiveDifferentPaths() throws {
        var s = Scenario()
        s.paths = 500
        let a = try TestScenarios.run(s, seed: 1)
        let b = try TestScenarios.run(s, seed: 2)
        #expect(a.cells[0].netValueUSD.mean != b.cells[0].netValueUSD.mean)
    }
}
