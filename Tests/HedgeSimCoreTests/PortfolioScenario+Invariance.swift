import Foundation
import Testing
@testable import HedgeSimCore

extension PortfolioScenario {
    /// Expects the report of `seed` on one thread to equal, number for number (`numbers()`), the reports
    /// on 2, 3 and 7 threads and the merge of shard splits of 2, 3 and 7 (at 3,000 paths, 7 shards of 6
    /// blocks: one is empty) run on 1, 7 and 3 threads, written to bytes and read back in reverse order.
    func expectSameReportOnThreadsAndShards(seed: UInt64) throws {
        let reference = try run(seed: seed, threads: 1).numbers()
        for threads in [2, 3, 7] { #expect(try run(seed: seed, threads: threads).numbers() == reference, "\(threads) threads") }
        for (count, threads) in [(2, 1), (3, 7), (7, 3)] {
            let partials = try (0..<count).reversed().map { index in
                let partial = try runShard(seed: seed, shard: ShardSpec(index: index, count: count), threads: threads)
                return try PortfolioPartial(data: try partial.encoded(), source: "shard \(index)")
            }
            #expect(try PortfolioScenario.merge(partials).numbers() == reference, "\(count) shards on \(threads) threads")
        }
    }
}
