import Testing
@testable import HedgeSimCore

/// Shards are fixed block ranges, so their partial results merge into exactly the single run.
@Suite struct ShardMergeCoreTests {
    @Test(arguments: [1, 3, 5, 40])
    func mergedShardsEqualTheSingleRun(count: Int) throws {
        var s = Scenario()
        s.paths = 2_600
        s.leverages = [2, 3]
        let single = try TestScenarios.run(s, seed: 8)
        let partials = try (0..<count).map {
            try HedgeSimulation.runShard(s, seed: 8, shard: ShardSpec(index: $0, count: count))
        }
        let decoded = try partials.reversed().map { try PartialResult(data: try $0.encoded(), source: "test") }
        let merged = try HedgeSimulation.merge(decoded)
        #expect(merged.cells == single.cells)
        #expect(merged.priceBands == single.priceBands)
        #expect(merged.recommendation == single.recommendation)
    }

    @Test func shardsCoverEveryBlockOnce() {
        for blocks in [1, 7, 79, 1000] {
            for count in [1, 2, 3, 8, 100] {
                let ranges = (0..<count).map { ShardSpec(index: $0, count: count).blocks(of: blocks) }
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == blocks)
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            }
        }
    }

    @Test func differentScenariosAreRefused() throws {
        var s = Scenario()
        s.paths = 600
        s.leverages = [3]
        let a = try HedgeSimulation.runShard(s, seed: 1, shard: ShardSpec(index: 0, count: 2))
        s.vol = 0.7
        let b = try HedgeSimulation.runShard(s, seed: 1, shard: ShardSpec(index: 1, count: 2))
        #expect(throws: InputError.self) { try HedgeSimulation.merge([a, b]) }
    }
}
