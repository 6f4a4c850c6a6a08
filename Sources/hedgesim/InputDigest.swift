/// A 128-bit fingerprint of a batch scenario's inputs: two 64-bit FNV-1a hashes with different offset
/// bases over the same bytes, as 32 hex digits. It detects changed inputs; it is not a cryptographic
/// hash (nobody is expected to forge a scenario file to skip a rerun).
enum InputDigest {
    static func hex(_ parts: [String]) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x6c62_272e_07bb_0142
        let prime: UInt64 = 0x0000_0100_0000_01b3
        // Each part ends with a 0 byte, so ["ab", "c"] and ["a", "bc"] differ.
        func mix(_ byte: UInt8) {
            first = (first ^ UInt64(byte)) &* prime
            second = (second ^ UInt64(byte)) &* prime
            second = (second << 31) | (second >> 33)
        }
        for part in parts {
            for byte in part.utf8 { mix(byte) }
            mix(0)
        }
        return [first, second].map { value in
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
