import Testing
@testable import HedgeSimRandom

/// `CounterRandomSource.fillNormalRows` and `normalPair` against their definition from the Swift
/// Philox reference, and the promise that every build level gives the same bits.
@Suite("Normal rows from counters")
struct NormalRowsTests {
    let source = CounterRandomSource(seed: 0x1234_5678_9ABC)

    /// The definition: Philox block of (index, step, path, purpose) → radius uniform from words
    /// 1:0 (52 bits), angle uniform from word 2, spare uniform from word 3, then Box–Muller.
    func reference(purpose: UInt32, path: Int, step: Int, index: UInt32) -> (Double, Double, Double) {
        let w = Philox4x32.block(
            counter: SIMD4(index, UInt32(step), UInt32(path), purpose), key: source.key)
        let u1 = UniformConversion.openUnit(high: w[1], low: w[0])
        let u2 = UniformConversion.openUnit(word: w[2])
        let (z1, z2) = NormalTransform.boxMuller(u1, u2)
        return (z1, z2, UniformConversion.openUnit(word: w[3]))
    }

    @Test func rowsAreStepMajorAndMatchTheDefinition() {
        let paths = 1_000..<1_019
        let steps = 7..<12
        let n = paths.count * steps.count
        var z1 = [Double](repeating: 0, count: n), z2 = z1, u3 = z1
        source.fillNormalRows(purpose: 6, index: 2, paths: paths, steps: steps, z1: &z1, z2: &z2, u3: &u3)
        for (row, step) in steps.enumerated() {
            for (column, path) in paths.enumerated() {
                let e = row * paths.count + column
                let expected = reference(purpose: 6, path: path, step: step, index: 2)
                #expect(z1[e] == expected.0 && z2[e] == expected.1 && u3[e] == expected.2, "path \(path) step \(step)")
                let single = source.normalPair(purpose: 6, path: path, step: step, index: 2)
                #expect(single.z1 == z1[e] && single.z2 == z2[e] && single.u3 == u3[e])
            }
        }
    }

    @Test func everyLevelGivesTheSameBits() {
        let n = 4_099
        func rows(level: Int) -> [Double] {
            var z1 = [Double](repeating: 0, count: n), z2 = z1, u3 = z1
            VectorMath.withLevel(level) { _ in
                source.fillNormalRows(purpose: 1, index: 0, paths: 0..<n, steps: 3..<4, z1: &z1, z2: &z2, u3: &u3)
            }
            return z1 + z2 + u3
        }
        let reference = rows(level: 3)
        for level in [2, 0] {
            let other = rows(level: level)
            #expect(zip(reference, other).allSatisfy { $0.bitPattern == $1.bitPattern }, "level \(level)")
        }
    }

    @Test func spareUniformIsInsideTheOpenInterval() {
        #expect(UniformConversion.openUnit(word: 0) == 0x1p-33)
        #expect(UniformConversion.openUnit(word: .max) == 1 - 0x1p-33)
    }
}
