/// Several order statistics of one array without sorting it: a histogram over equal-width value
/// buckets locates each requested rank's bucket, and only that bucket's values are refined
/// (recursively, with buckets fitted to them) until few enough are left to sort.
///
/// For a 0-based rank `r` the result is `x_(r+1)`, the value a full ascending sort would put at
/// position `r`. The bucket of `x` is `min(B − 1, round((x − min)·B/(max − min)))`, which never
/// decreases as `x` grows, so all values of a lower bucket are ≤ those of a higher one. Each level
/// keeps only the elements of the target buckets; `min` and `max` always fall into different
/// buckets, so every level shrinks the set. O(n) passes for typical data. With any non-finite value
/// every statistic is NaN. `sumsBelow` gives the tail sums of expected shortfall in one more pass.
enum OrderStatistics {
    /// Buckets per level.
    static let bucketCount = 2_048
    /// Sets this small are sorted directly.
    static let sortedSize = 64

    /// The smallest and largest value and whether every value is finite.
    struct ValueRange {
        var low: Double
        var high: Double
        var finite: Bool
    }

    /// The order statistics of `ranks` (each in `0..<values.count`), in the order of `ranks`;
    /// `range`, when the caller already has it, saves a pass.
    static func select(_ values: UnsafeBufferPointer<Double>, ranks: [Int], range known: ValueRange? = nil) -> [Double] {
        precondition(ranks.allSatisfy { $0 >= 0 && $0 < values.count }, "ranks must index the values")
        let distinct = Array(Set(ranks)).sorted()
        let found = resolve(values, ranks: distinct, range: known ?? range(values))
        return ranks.map { found[distinct.firstIndex(of: $0)!] }
    }

    /// For each `(value v, rank r)` with `v = x_(r+1)`: the sum of the `r` smallest values,
    /// `Σ_{x < v} x + (r − #{x < v})·v` (the values tied with `v` fill the rest). One pass for two
    /// limits at a time; each sum is added in path order with four running sums combined as
    /// `(s₀ + s₁) + (s₂ + s₃)`.
    static func sumsBelow(_ values: UnsafeBufferPointer<Double>, limits: [(value: Double, rank: Int)]) -> [Double] {
        var result: [Double] = []
        var next = 0
        while next < limits.count {
            let first = limits[next], second = limits[Swift.min(next + 1, limits.count - 1)]
            let (a, b) = sumsBelow(values, first.value, second.value)
            result.append(a.sum + Double(first.rank - a.count) * first.value)
            if next + 1 < limits.count { result.append(b.sum + Double(second.rank - b.count) * second.value) }
            next += 2
        }
        return result
    }

    /// `(Σ_{x < v}, #{x < v})` for two bounds in one pass.
    private static func sumsBelow(
        _ values: UnsafeBufferPointer<Double>, _ v: Double, _ w: Double
    ) -> ((sum: Double, count: Int), (sum: Double, count: Int)) {
        var sumsV = SIMD4<Double>.zero, sumsW = SIMD4<Double>.zero
        var countsV = SIMD4<Int64>.zero, countsW = SIMD4<Int64>.zero
        let boundV = SIMD4<Double>(repeating: v), boundW = SIMD4<Double>(repeating: w)
        let whole = values.count / 4 * 4
        var i = 0
        while i < whole {
            let x = SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3])
            let belowV = x .< boundV, belowW = x .< boundW
            sumsV += SIMD4<Double>.zero.replacing(with: x, where: belowV)
            countsV &+= SIMD4<Int64>.zero.replacing(with: 1, where: belowV)
            sumsW += SIMD4<Double>.zero.replacing(with: x, where: belowW)
            countsW &+= SIMD4<Int64>.zero.replacing(with: 1, where: belowW)
            i += 4
        }
        var totalV = (sumsV[0] + sumsV[1]) + (sumsV[2] + sumsV[3])
        var totalW = (sumsW[0] + sumsW[1]) + (sumsW[2] + sumsW[3])
        var countV = Int(countsV[0] + countsV[1] + countsV[2] + countsV[3])
        var countW = Int(countsW[0] + countsW[1] + countsW[2] + countsW[3])
        for j in whole..<values.count {
            if values[j] < v {
                totalV += values[j]
                countV += 1
            }
            if values[j] < w {
                totalW += values[j]
                countW += 1
            }
        }
        return ((totalV, countV), (totalW, countW))
    }

    /// Order statistics of the sorted, distinct `ranks` within `values`, whose range is `range`.
    private static func resolve(_ values: UnsafeBufferPointer<Double>, ranks: [Int], range: ValueRange) -> [Double] {
        let (low, high, finite) = (range.low, range.high, range.finite)
        // A non-finite value (an overflowed path) makes every statistic NaN, which the run reports
        // as a numerical error instead of a number.
        if !finite { return ranks.map { _ in .nan } }
        if values.count <= sortedSize { return fromSorted(values, ranks: ranks) }
        if low == high { return ranks.map { _ in low } }
        let scale = Double(bucketCount) / (high - low)
        guard scale.isFinite && scale > 0 else { return fromSorted(values, ranks: ranks) }
        let last = bucketCount - 1
        let offset = (0x1p52 as Double).bitPattern
        /// The nearest whole number to `(x − low)·scale` (exact: adding 2⁵² leaves it in the low
        /// bits of the significand), at most the last bucket.
        @inline(__always) func bucket(_ x: Double) -> Int {
            Swift.min(last, Int(truncatingIfNeeded: (((x - low) * scale) + 0x1p52).bitPattern &- offset))
        }
        var counts = [Int](repeating: 0, count: bucketCount)
        counts.withUnsafeMutableBufferPointer { counts in
            for x in values { counts[bucket(x)] += 1 }
        }
        // For each rank: its bucket and the count of the buckets below it.
        var targets: [(bucket: Int, countBelow: Int)] = []
        var b = 0, countBelow = 0
        for rank in ranks {
            while countBelow + counts[b] <= rank {
                countBelow += counts[b]
                b += 1
            }
            targets.append((b, countBelow))
        }
        // The members of the target buckets, bucket after bucket in one buffer, in path order.
        let targetBuckets = Array(Set(targets.map(\.bucket))).sorted()
        var start = [Int](repeating: -1, count: bucketCount)
        var total = 0
        for target in targetBuckets {
            start[target] = total
            total += counts[target]
        }
        let members = UnsafeMutablePointer<Double>.allocate(capacity: total)
        defer { members.deallocate() }
        start.withUnsafeMutableBufferPointer { next in
            for x in values {
                let position = next[bucket(x)]
                if position >= 0 {
                    members[position] = x
                    next[bucket(x)] = position + 1
                }
            }
        }
        var result: [Double] = []
        var memberOffset = 0
        for target in targetBuckets {
            let inBucket = targets.enumerated().filter { $0.element.bucket == target }
            let local = inBucket.map { ranks[$0.offset] - $0.element.countBelow }
            let subset = UnsafeBufferPointer(start: members + memberOffset, count: counts[target])
            result += resolve(subset, ranks: local, range: self.range(subset))
            memberOffset += counts[target]
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

    /// Order statistics of a small set by sorting it.
    private static func fromSorted(_ values: UnsafeBufferPointer<Double>, ranks: [Int]) -> [Double] {
        let sorted = values.sorted()
        return ranks.map { sorted[$0] }
    }
}
