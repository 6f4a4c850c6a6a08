/// Several order statistics of one array, and the sums of the values below them, without sorting:
/// a histogram over equal-width value buckets locates each requested rank's bucket, and only that
/// bucket's values are refined (recursively, with buckets fitted to them) until few enough are left
/// to sort.
///
/// For a 0-based rank `r` the result is `x_(r+1)` of the ascending order and `Σ_{i≤r} x_(i)`, the sum
/// of the `r` smaller values, added bucket by bucket in ascending bucket order (each bucket in path
/// order), so the result is deterministic. The bucket of `x` is `min(B − 1, ⌊(x − min)·B/(max − min)⌋)`,
/// which never decreases as `x` grows, so all values of a lower bucket are ≤ those of a higher one.
/// Each level keeps only the elements of the target buckets; `min` and `max` always fall into
/// different buckets, so every level shrinks the set. O(n) passes for typical data. With any
/// non-finite value every statistic is NaN.
enum OrderStatistics {
    /// Buckets per level.
    static let bucketCount = 2_048
    /// Sets this small are sorted directly.
    static let sortedSize = 64

    struct Statistic: Equatable {
        /// The order statistic `x_(r+1)`.
        var value: Double
        /// `Σ` of the `r` values below it in the ascending order.
        var sumBelow: Double
    }

    /// The smallest and largest value and whether every value is finite.
    struct ValueRange {
        var low: Double
        var high: Double
        var finite: Bool
    }

    /// The statistics of `ranks` (each in `0..<values.count`), in the order of `ranks`; `range`,
    /// when the caller already has it, saves a pass.
    static func select(_ values: UnsafeBufferPointer<Double>, ranks: [Int], range known: ValueRange? = nil) -> [Statistic] {
        precondition(ranks.allSatisfy { $0 >= 0 && $0 < values.count }, "ranks must index the values")
        let distinct = Array(Set(ranks)).sorted()
        let found = resolve(values, ranks: distinct, range: known ?? range(values))
        return ranks.map { found[distinct.firstIndex(of: $0)!] }
    }

    /// Statistics of the sorted, distinct `ranks` within `values`, whose range is `range`.
    private static func resolve(_ values: UnsafeBufferPointer<Double>, ranks: [Int], range: ValueRange) -> [Statistic] {
        let (low, high, finite) = (range.low, range.high, range.finite)
        // A non-finite value (an overflowed path) makes every statistic NaN, which the run reports
        // as a numerical error instead of a number.
        if !finite { return ranks.map { _ in Statistic(value: .nan, sumBelow: .nan) } }
        if values.count <= sortedSize { return fromSorted(values, ranks: ranks) }
        if low == high { return ranks.map { Statistic(value: low, sumBelow: low * Double($0)) } }
        let scale = Double(bucketCount) / (high - low)
        guard scale.isFinite && scale > 0 else { return fromSorted(values, ranks: ranks) }
        let last = bucketCount - 1
        var counts = [Int](repeating: 0, count: bucketCount)
        var sums = [Double](repeating: 0, count: bucketCount)
        counts.withUnsafeMutableBufferPointer { counts in
            sums.withUnsafeMutableBufferPointer { sums in
                for x in values {
                    let bucket = Swift.min(last, Int((x - low) * scale))
                    counts[bucket] += 1
                    sums[bucket] += x
                }
            }
        }
        // For each rank: its bucket, the count and the sum of the buckets below it.
        var targets: [(bucket: Int, countBelow: Int, sumBelow: Double)] = []
        var bucket = 0, countBelow = 0, sumBelow = 0.0
        for rank in ranks {
            while countBelow + counts[bucket] <= rank {
                countBelow += counts[bucket]
                sumBelow += sums[bucket]
                bucket += 1
            }
            targets.append((bucket, countBelow, sumBelow))
        }
        // The members of the target buckets, bucket after bucket in one buffer, in path order.
        let targetBuckets = Array(Set(targets.map(\.bucket))).sorted()
        var start = [Int](repeating: -1, count: bucketCount)
        var total = 0
        for b in targetBuckets {
            start[b] = total
            total += counts[b]
        }
        let members = UnsafeMutablePointer<Double>.allocate(capacity: total)
        defer { members.deallocate() }
        start.withUnsafeMutableBufferPointer { next in
            for x in values {
                let b = Swift.min(last, Int((x - low) * scale))
                let position = next[b]
                if position >= 0 {
                    members[position] = x
                    next[b] = position + 1
                }
            }
        }
        var result: [Statistic] = []
        var offset = 0
        for b in targetBuckets {
            let inBucket = targets.enumerated().filter { $0.element.bucket == b }
            let local = inBucket.map { ranks[$0.offset] - $0.element.countBelow }
            let subset = UnsafeBufferPointer(start: members + offset, count: counts[b])
            let found = resolve(subset, ranks: local, range: self.range(subset))
            offset += counts[b]
            for (k, entry) in inBucket.enumerated() {
                result.append(Statistic(value: found[k].value, sumBelow: entry.element.sumBelow + found[k].sumBelow))
            }
        }
        return result
    }

    /// Smallest and largest value and whether all are finite, with two interleaved minima and maxima
    /// (independent comparison chains).
    static func range(_ values: UnsafeBufferPointer<Double>) -> ValueRange {
        var low0 = values[0], high0 = values[0], low1 = values[0], high1 = values[0]
        // |x| < ∞ is false for infinities and for NaN (which never wins a min or max).
        var finite0 = true, finite1 = true
        var i = 0
        while i + 2 <= values.count {
            let x = values[i], y = values[i + 1]
            low0 = Swift.min(low0, x)
            high0 = Swift.max(high0, x)
            low1 = Swift.min(low1, y)
            high1 = Swift.max(high1, y)
            finite0 = finite0 && x.magnitude < .infinity
            finite1 = finite1 && y.magnitude < .infinity
            i += 2
        }
        if i < values.count {
            low0 = Swift.min(low0, values[i])
            high0 = Swift.max(high0, values[i])
            finite0 = finite0 && values[i].magnitude < .infinity
        }
        let finite = finite0 && finite1
        return ValueRange(low: Swift.min(low0, low1), high: Swift.max(high0, high1), finite: finite)
    }

    /// Statistics of a small set by sorting it: ascending prefix sums.
    private static func fromSorted(_ values: UnsafeBufferPointer<Double>, ranks: [Int]) -> [Statistic] {
        let sorted = values.sorted()
        var result: [Statistic] = []
        var sum = 0.0, next = 0
        for rank in ranks {
            while next < rank {
                sum += sorted[next]
                next += 1
            }
            result.append(Statistic(value: sorted[rank], sumBelow: sum))
        }
        return result
    }
}
