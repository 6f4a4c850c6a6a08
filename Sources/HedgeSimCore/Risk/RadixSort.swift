/// Least-significant-digit radix sort of doubles in ascending numeric order, 11 bits per pass
/// (6 passes over the 64-bit keys): O(n), exact and deterministic.
///
/// The key of `x` is its bit pattern with the sign bit flipped for non-negative values and all bits
/// flipped for negative ones, which orders keys as the numbers (−0 sorts just before +0; the
/// simulation never produces NaN).
enum RadixSort {
    static func sorted(_ values: UnsafeBufferPointer<Double>) -> [Double] {
        let n = values.count
        guard n > 1 else { return Array(values) }
        var keys = [UInt64](repeating: 0, count: n)
        var scratch = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let bits = values[i].bitPattern
            keys[i] = bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
        }
        var counts = [Int](repeating: 0, count: 2048)
        for pass in 0..<6 {
            let shift = UInt64(pass * 11)
            for i in 0..<2048 { counts[i] = 0 }
            for key in keys { counts[Int((key >> shift) & 2047)] += 1 }
            if counts.contains(n) { continue }
            var total = 0
            for i in 0..<2048 {
                let count = counts[i]
                counts[i] = total
                total += count
            }
            for key in keys {
                let bucket = Int((key >> shift) & 2047)
                scratch[counts[bucket]] = key
                counts[bucket] += 1
            }
            swap(&keys, &scratch)
        }
        return keys.map { key in
            Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
        }
    }
}
