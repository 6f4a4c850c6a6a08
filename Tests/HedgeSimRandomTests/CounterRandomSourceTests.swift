import Testing
import HedgeSimRandom

@Suite("Counter-based random source")
struct CounterRandomSourceTests {
    /// Golden draws for seed 0x0123456789ABCDEF, computed by an independent Python model of
    /// Philox4x32-10 (checked against the Random123 vectors) and the documented layout
    /// key = (seed low, seed high), counter = (index, step, path, purpose). A failure here means
    /// the address layout or the conversion changed, which is a breaking change.
    @Test func goldenDraws() {
        let source = CounterRandomSource(seed: 0x0123_4567_89AB_CDEF)
        #expect(source.key == SIMD2(0x89AB_CDEF, 0x0123_4567))
        let a = source.uniformPair(purpose: 1, path: 2, step: 3, index: 4)
        #expect(a.0 == 0x1.d82331d446713p-1 && a.1 == 0x1.e6c8f0306ac86p-2)
        let b = source.uniformPair(purpose: 0, path: 0, step: 0, index: 0)
        #expect(b.0 == 0x1.8b19609770a05p-1 && b.1 == 0x1.ea13ffe4529eap-2)
        let c = source.uniformPair(purpose: 7, path: 100_000, step: 4095, index: .max)
        #expect(c.0 == 0x1.53930b7916c65p-1 && c.1 == 0x1.608e1cd932db7p-1)
    }

    @Test func uniformPairIsPhiloxOfTheAddress() {
        let source = CounterRandomSource(seed: 0xDEAD_BEEF_0BAD_F00D)
        let w = Philox4x32.block(counter: SIMD4(9, 8, 7, 6), key: SIMD2(0x0BAD_F00D, 0xDEAD_BEEF))
        let (u, v) = source.uniformPair(purpose: 6, path: 7, step: 8, index: 9)
        #expect(u == UniformConversion.openUnit(high: w[1], low: w[0]))
        #expect(v == UniformConversion.openUnit(high: w[3], low: w[2]))
    }

    struct Grid: Sendable, CustomTestStringConvertible {
        let paths: Range<Int>
        let steps: Range<Int>
        var testDescription: String { "paths \(paths) steps \(steps)" }
    }

    /// Shapes around the kernel's 12-element vector block and 4-lane row wrap-around.
    static let grids: [Grid] = [
        Grid(paths: 0..<1, steps: 0..<1), Grid(paths: 0..<3, steps: 0..<5),
        Grid(paths: 10..<17, steps: 0..<1), Grid(paths: 5..<6, steps: 20..<45),
        Grid(paths: 0..<13, steps: 3..<6), Grid(paths: 2..<11, steps: 0..<2),
        Grid(paths: 0..<4, steps: 0..<12), Grid(paths: 1..<6, steps: 7..<20),
        Grid(paths: 4_294_967_290..<4_294_967_296, steps: 4_294_967_293..<4_294_967_296),
    ]

    @Test(arguments: grids)
    func bulkFillEqualsPerElement(_ grid: Grid) {
        let source = CounterRandomSource(seed: 77)
        let count = grid.paths.count * grid.steps.count
        var first = [Double](repeating: .nan, count: count + 1)
        var second = [Double](repeating: .nan, count: count + 1)
        first.withUnsafeMutableBufferPointer { f in
            second.withUnsafeMutableBufferPointer { s in
                source.fillUniformPairs(purpose: 3, index: 5, paths: grid.paths, steps: grid.steps,
                                        first: f.baseAddress!, second: s.baseAddress!)
            }
        }
        var mismatches = 0
        for p in grid.paths {
            for s in grid.steps {
                let offset = (p - grid.paths.lowerBound) * grid.steps.count + (s - grid.steps.lowerBound)
                let (u, v) = source.uniformPair(purpose: 3, path: p, step: s, index: 5)
                if first[offset] != u || second[offset] != v { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
        #expect(first[count].isNaN && second[count].isNaN)  // nothing written past the end
    }

    @Test func emptyRangesWriteNothing() {
        var a = [Double.nan], b = [Double.nan]
        CounterRandomSource(seed: 1).fillUniformPairs(
            purpose: 0, index: 0, paths: 3..<3, steps: 0..<10, first: &a, second: &b)
        CounterRandomSource(seed: 1).fillUniformPairs(
            purpose: 0, index: 0, paths: 0..<10, steps: 4..<4, first: &a, second: &b)
        #expect(a[0].isNaN && b[0].isNaN)
    }

    @Test func everyAddressComponentChangesTheDraw() {
        let source = CounterRandomSource(seed: 12345)
        let base = source.uniformPair(purpose: 1, path: 1, step: 1, index: 1)
        let variants = [
            source.uniformPair(purpose: 2, path: 1, step: 1, index: 1),
            source.uniformPair(purpose: 1, path: 2, step: 1, index: 1),
            source.uniformPair(purpose: 1, path: 1, step: 2, index: 1),
            source.uniformPair(purpose: 1, path: 1, step: 1, index: 2),
            CounterRandomSource(seed: 12346).uniformPair(purpose: 1, path: 1, step: 1, index: 1),
            CounterRandomSource(seed: 12345 | (1 << 40)).uniformPair(purpose: 1, path: 1, step: 1, index: 1),
        ]
        for v in variants {
            #expect(v.0 != base.0 && v.1 != base.1)
        }
        #expect(base.0 != base.1)
    }

    @Test func drawsAreDistinctAcrossAGrid() {
        // 4 purposes × 8 paths × 8 steps × 4 indices = 1024 addresses → 2048 distinct uniforms.
        let source = CounterRandomSource(seed: 99)
        var seen = Set<Double>()
        for purpose in UInt32(0)..<4 {
            for path in 0..<8 {
                for step in 0..<8 {
                    for index in UInt32(0)..<4 {
                        let (u, v) = source.uniformPair(purpose: purpose, path: path, step: step, index: index)
                        seen.insert(u)
                        seen.insert(v)
                    }
                }
            }
        }
        #expect(seen.count == 2048)
    }

    @Test func sameSeedGivesIdenticalDraws() {
        let a = TestData.uniforms(seed: 555, purpose: 4, pairs: 1000)
        let b = TestData.uniforms(seed: 555, purpose: 4, pairs: 1000)
        let c = TestData.uniforms(seed: 556, purpose: 4, pairs: 1000)
        #expect(a.0 == b.0 && a.1 == b.1)
        #expect(a.0 != c.0)
    }

    @Test func chunkingDoesNotChangeDraws() {
        // One 12×9 rectangle versus the same rectangle filled one path row and one column at a time.
        let source = CounterRandomSource(seed: 31337)
        var whole = [Double](repeating: 0, count: 12 * 9), wholeB = whole
        source.fillUniformPairs(purpose: 2, index: 0, paths: 0..<12, steps: 0..<9,
                                first: &whole, second: &wholeB)
        var cell = [0.0], cellB = [0.0]
        var mismatches = 0
        for p in 0..<12 {
            for s in 0..<9 {
                source.fillUniformPairs(purpose: 2, index: 0, paths: p..<(p + 1), steps: s..<(s + 1),
                                        first: &cell, second: &cellB)
                if cell[0] != whole[p * 9 + s] || cellB[0] != wholeB[p * 9 + s] { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }
}
