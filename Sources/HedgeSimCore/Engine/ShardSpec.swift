/// One of `count` deterministic slices of a run, `index` counted from 0 (as Kubernetes indexed jobs
/// and most Slurm arrays do). Shard `i` simulates blocks `⌊i·B/n⌋ ..< ⌊(i+1)·B/n⌋` of the `B` fixed
/// path blocks, so merged shards hold exactly the numbers of a single run.
public struct ShardSpec: Sendable, Equatable, Codable {
    public let index: Int
    public let count: Int

    /// Parses `I/N` with `0 ≤ I < N ≤ 100000`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
            count >= 1, count <= 100_000, index >= 0, index < count
        else {
            throw InputError(field: "shard", value: text, allowed: "I/N with N from 1 to 100000 and I from 0 to N−1, e.g. 0/4")
        }
        self.index = index
        self.count = count
    }

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count)
        self.index = index
        self.count = count
    }

    /// The blocks of this shard out of `blockCount`.
    public func blocks(of blockCount: Int) -> Range<Int> {
        (index * blockCount / count)..<((index + 1) * blockCount / count)
    }
}
