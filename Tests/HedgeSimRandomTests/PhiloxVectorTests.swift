import Testing
@testable import HedgeSimRandom

/// The bulk Philox fill on each kernel path (AVX-512: 8 blocks per vector, 6 vectors per main-loop
/// iteration, masked last vector; AVX2: 4 blocks per vector, scalar tail; scalar) against the
/// Swift reference `Philox4x32.block`. Philox is integer-exact, so every path must agree bit for bit.
@Suite("Bulk Philox on every kernel path")
struct PhiloxVectorTests {
    /// Rectangles of (path, step) addresses.
    static let rectangles: [(paths: Range<Int>, steps: Range<Int>)] = {
        var r: [(paths: Range<Int>, steps: Range<Int>)] = []
        // One row of every length 1…64: every tail length 1…15 (mod 8 and mod 16), below and
        // above the 48-element main-loop block.
        for n in 1...64 { r.append((paths: 3..<4, steps: (n * 7)..<(n * 8))) }
        // Several rows: every row length from 1 (eight rows per vector) to 17, then longer rows,
        // so lanes wrap to the next path at every position.
        for steps in 1...17 {
            for paths in [1, 2, 3, 5, 8, 13] { r.append((paths: 11..<(11 + paths), steps: 2..<(2 + steps))) }
        }
        r.append((paths: 0..<7, steps: 0..<100))
        // The engine's shape: one step, a block of paths (and one more, for a partial vector).
        r.append((paths: 100..<357, steps: 5..<6))
        r.append((paths: 40..<57, steps: 1000..<1047))
        // The top of the address space.
        r.append((paths: 4_294_967_290..<4_294_967_296, steps: 4_294_967_293..<4_294_967_296))
        r.append((paths: 4_294_967_295..<4_294_967_296, steps: 4_294_967_250..<4_294_967_296))
        return r
    }()

    /// `(first, second)` of the Philox4x32-10 block at (path, step), from the Swift reference.
    static func reference(_ key: SIMD2<UInt32>, purpose: UInt32, index: UInt32, path: Int, step: Int) -> (Double, Double) {
        let w = Philox4x32.block(counter: SIMD4(index, UInt32(step), UInt32(path), purpose), key: key)
        return (UniformConversion.openUnit(high: w[1], low: w[0]), UniformConversion.openUnit(high: w[3], low: w[2]))
    }

    @Test(arguments: VectorMathTests.levels)
    func bulkFillEqualsPhiloxBlock(level: Int) {
        let seed: UInt64 = 0xFEED_FACE_CAFE_BEEF
        let source = CounterRandomSource(seed: seed)
        let key = SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        var mismatches: [String] = []
        var checked = 0
        let name = VectorMath.withLevel(level) { name in
            for (paths, steps) in Self.rectangles {
                let count = paths.count * steps.count
                // One guard element before and after the output.
                var first = [Double](repeating: .nan, count: count + 2)
                var second = [Double](repeating: .nan, count: count + 2)
                first.withUnsafeMutableBufferPointer { f in
                    second.withUnsafeMutableBufferPointer { s in
                        source.fillUniformPairs(purpose: 0x5EED, index: 7, paths: paths, steps: steps,
                                                first: f.baseAddress! + 1, second: s.baseAddress! + 1)
                    }
                }
                if !(first[0].isNaN && second[0].isNaN && first[count + 1].isNaN && second[count + 1].isNaN) {
                    mismatches.append("paths \(paths) steps \(steps): wrote outside the output")
                }
                for p in paths {
                    for s in steps {
                        let offset = 1 + (p - paths.lowerBound) * steps.count + (s - steps.lowerBound)
                        let (u, v) = Self.reference(key, purpose: 0x5EED, index: 7, path: p, step: s)
                        if first[offset].bitPattern != u.bitPattern || second[offset].bitPattern != v.bitPattern {
                            mismatches.append("paths \(paths) steps \(steps): path \(p) step \(s)")
                        }
                        checked += 1
                    }
                }
            }
            return name
        }
        print("[\(name)] bulk Philox: \(checked) pairs in \(Self.rectangles.count) rectangles, \(mismatches.count) mismatches")
        let mismatchCount = mismatches.count
        #expect(mismatchCount == 0, "\(name): first mismatches: \(mismatches.prefix(5))")
    }

    /// A large rectangle (the engine's 8192-element chunk shape and more) is bit-identical on
    /// every path.
    @Test func pathsAgreeBitForBit() {
        let source = CounterRandomSource(seed: 2024)
        let paths = 0..<333, steps = 17..<(17 + 251)
        let count = paths.count * steps.count
        let outputs = VectorMathTests.levels.map { level in
            var first = [Double](repeating: 0, count: count), second = first
            let name = VectorMath.withLevel(level) { name in
                source.fillUniformPairs(purpose: 1, index: 0, paths: paths, steps: steps,
                                        first: &first, second: &second)
                return name
            }
            return (name, first, second)
        }
        print("bulk Philox on \(outputs.map(\.0)): \(count) pairs compared")
        for (name, first, second) in outputs.dropFirst() {
            #expect(first == outputs[0].1 && second == outputs[0].2, "\(name) vs \(outputs[0].0)")
        }
    }
}
