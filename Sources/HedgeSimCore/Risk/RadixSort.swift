/// Least-significant-digit radix sort of doubles in ascending numeric order, 11 bits per pass
/// (6 passes over the 64-bit keys, passes whose digit is the same for every key skipped): O(n),
/// exact and deterministic.
///
/// The key of `x` is its bit pattern with the sign bit flipped for non-negative values and all bits
/// flipped for negative ones, which orders keys as the numbers (−0 sorts just before +0; the
/// simulation never produces NaN).
enum RadixSort {
    private static let digitBits = 11
    private static let buckets = 1 << digitBits
    private static let passes = 6

    static func sorted(_ values: UnsafeBufferPointer<Double>) -> [Double] {
        let n = values.count
        guard n > 1 else { return Array(values) }
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        let spare = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: buckets * passes)
        defer {
            keys.deallocate()
            spare.deallocate()
            counts.deallocate()
        }
        counts.initialize(repeating: 0, count: buckets * passes)
        let mask = UInt64(buckets - 1)
        for i in 0..<n {
            let bits = values[i].bitPattern
            let key = bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
            keys[i] = key
            for pass in 0..<passes {
                counts[pass * buckets + Int((key >> UInt64(pass * digitBits)) & mask)] += 1
            }
        }
        var source = keys
        var target = spare
        for pass in 0..<passes {
            let histogram = counts + pass * buckets
            let shift = UInt64(pass * digitBits)
            if histogram[Int((source[0] >> shift) & mask)] == n { continue }
            var total = 0
            for bucket in 0..<buckets {
                let count = histogram[bucket]
                histogram[bucket] = total
                total += count
            }
            for i in 0..<n {
                let key = source[i]
                let bucket = Int((key >> shift) & mask)
                target[histogram[bucket]] = key
                histogram[bucket] += 1
            }
            swap(&source, &target)
        }
        return [Double](unsafeUninitializedCapacity: n) { buffer, count in
            for i in 0..<n {
                let key = source[i]
                buffer[i] = Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
            }
            count = n
        }
    }
}
