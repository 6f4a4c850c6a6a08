import Testing
import HedgeSimRandom

/// Known-answer tests from Random123's `tests/kat_vectors` (philox4x32, 10 rounds).
@Suite("Philox4x32-10 known answers")
struct PhiloxTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let counter: SIMD4<UInt32>
        let key: SIMD2<UInt32>
        let expected: SIMD4<UInt32>
        var testDescription: String { "counter \(counter) key \(key)" }
    }

    static let vectors: [Vector] = [
        Vector(counter: SIMD4(0, 0, 0, 0), key: SIMD2(0, 0),
               expected: SIMD4(0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8)),
        Vector(counter: SIMD4(repeating: 0xffff_ffff), key: SIMD2(repeating: 0xffff_ffff),
               expected: SIMD4(0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd)),
        Vector(counter: SIMD4(0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344),
               key: SIMD2(0xa409_3822, 0x299f_31d0),
               expected: SIMD4(0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1)),
    ]

    @Test(arguments: vectors)
    func knownAnswer(_ v: Vector) {
        #expect(Philox4x32.block(counter: v.counter, key: v.key) == v.expected)
    }

    @Test func constantsMatchRandom123() {
        #expect(Philox4x32.multiplier0 == 0xD251_1F53)
        #expect(Philox4x32.multiplier1 == 0xCD9E_8D57)
        #expect(Philox4x32.keyBump0 == 0x9E37_79B9)
        #expect(Philox4x32.keyBump1 == 0xBB67_AE85)
        #expect(Philox4x32.rounds == 10)
    }
}
