// Implementation goals, in order of priority: 1. bit-exact agreement with Random123's
// Philox4x32-10 known-answer vectors, 2. no allocation, 3. speed (this is inlined into the
// bulk fill loops of `CounterRandomSource`).

/// The Philox4x32-10 counter-based bijection (Salmon, Moraes, Dror & Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3", SC11, 2011; Random123's `philox4x32`).
///
/// Philox is a keyed bijection of a 128-bit counter: `result = block(counter, key)`. It has no
/// state, so any draw can be computed on its own, in any order, on any thread. It passes
/// TestU01 BigCrush. It is **not** a cryptographic generator.
///
/// One round maps counter words `(c0, c1, c2, c3)` and key `(k0, k1)` to
/// ```
/// (hi0, lo0) = 0xD2511F53 × c0          // full 32×32 → 64-bit product
/// (hi1, lo1) = 0xCD9E8D57 × c2
/// (c0, c1, c2, c3) ← (hi1 ⊕ c1 ⊕ k0,  lo1,  hi0 ⊕ c3 ⊕ k1,  lo0)
/// ```
/// Ten rounds are applied. The first round uses the key as given; before each later round the
/// key is bumped by the Weyl constants: `k0 += 0x9E3779B9`, `k1 += 0xBB67AE85` (mod 2³²).
public enum Philox4x32 {
    /// Multiplier applied to counter word 0 in each round.
    public static let multiplier0: UInt32 = 0xD251_1F53
    /// Multiplier applied to counter word 2 in each round.
    public static let multiplier1: UInt32 = 0xCD9E_8D57
    /// Weyl increment added to key word 0 between rounds (golden ratio, 2³²·(√5 − 1)/2).
    public static let keyBump0: UInt32 = 0x9E37_79B9
    /// Weyl increment added to key word 1 between rounds (2³²·(√3 − 1)).
    public static let keyBump1: UInt32 = 0xBB67_AE85
    /// Number of rounds (Random123's default and recommended count).
    public static let rounds = 10

    /// Applies Philox4x32-10 to one 128-bit counter under a 64-bit key.
    ///
    /// - Parameters:
    ///   - counter: The four counter words `(c0, c1, c2, c3)`.
    ///   - key: The two key words `(k0, k1)`.
    /// - Returns: Four pseudo-random 32-bit words. Matches Random123's known-answer vectors,
    ///   e.g. counter `0,0,0,0`, key `0,0` → `6627e8d5 e169c58d bc57ac4c 9b00dbd8`.
    @inlinable @inline(__always)
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3]
        var k0 = key[0], k1 = key[1]
        round(&c0, &c1, &c2, &c3, k0, k1)
        for _ in 1..<10 {
            k0 &+= 0x9E37_79B9
            k1 &+= 0xBB67_AE85
            round(&c0, &c1, &c2, &c3, k0, k1)
        }
        return SIMD4(c0, c1, c2, c3)
    }

    /// One Philox4x32 round (see ``Philox4x32``); 32×32 → 64-bit products via `UInt64`.
    @inlinable @inline(__always)
    static func round(
        _ c0: inout UInt32, _ c1: inout UInt32, _ c2: inout UInt32, _ c3: inout UInt32,
        _ k0: UInt32, _ k1: UInt32
    ) {
        let p0 = UInt64(c0) &* 0xD251_1F53
        let p1 = UInt64(c2) &* 0xCD9E_8D57
        let n0 = UInt32(truncatingIfNeeded: p1 &>> 32) ^ c1 ^ k0
        let n2 = UInt32(truncatingIfNeeded: p0 &>> 32) ^ c3 ^ k1
        c1 = UInt32(truncatingIfNeeded: p1)
        c3 = UInt32(truncatingIfNeeded: p0)
        c0 = n0
        c2 = n2
    }
}
