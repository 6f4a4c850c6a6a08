import Foundation

/// The container of a shard's partial file, shared by `hedgesim run --shard` and
/// `hedgesim portfolio --shard`: 8 magic bytes, a little-endian UInt64 header length, the header as
/// JSON (sorted keys), the arrays as little-endian Float64 one after the other (their lengths follow
/// from the header), then a little-endian UInt64 FNV-1a hash of every byte before it, so that a
/// truncated or altered file is refused.
enum PartialFile {
    /// Serialises `header` and `arrays` behind `magic`.
    static func encode<Header: Encodable>(magic: [UInt8], header: Header, arrays: [[Double]]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let headerBytes = try encoder.encode(header)
        var bytes = magic
        bytes.reserveCapacity(magic.count + 16 + headerBytes.count + 8 * arrays.reduce(0) { $0 + $1.count })
        append(UInt64(headerBytes.count), to: &bytes)
        bytes += headerBytes
        for array in arrays {
            for value in array { append(value.bitPattern, to: &bytes) }
        }
        append(fnv1a(bytes[...]), to: &bytes)
        return Data(bytes)
    }

    /// Reads a file written by `encode`: its header, then the arrays whose lengths `counts` gives for
    /// that header. `refuse` makes the error for a reason ("not a partial file", "truncated or
    /// altered", …).
    static func decode<Header: Decodable>(
        _ data: Data, magic: [UInt8], counts: (Header) throws -> [Int], refuse: (String) -> Error
    ) throws -> (header: Header, arrays: [[Double]]) {
        let bytes = [UInt8](data)
        guard bytes.count >= magic.count + 16, Array(bytes[0..<magic.count]) == magic else { throw refuse("not a partial file") }
        let stored = readUInt64(bytes, at: bytes.count - 8)
        guard stored == fnv1a(bytes[0..<(bytes.count - 8)]) else { throw refuse("truncated or altered") }
        let headerLength = Int(clamping: readUInt64(bytes, at: magic.count))
        let headerStart = magic.count + 8
        guard headerLength > 0, headerStart + headerLength <= bytes.count - 8 else { throw refuse("bad header length") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[headerStart..<(headerStart + headerLength)]))
        } catch {
            throw refuse("unreadable header")
        }
        let lengths = try counts(header)
        var offset = headerStart + headerLength
        guard lengths.allSatisfy({ $0 >= 0 }), offset + 8 * lengths.reduce(0, +) == bytes.count - 8 else {
            throw refuse("array sizes do not match the header")
        }
        var arrays: [[Double]] = []
        for count in lengths {
            arrays.append((0..<count).map { Double(bitPattern: readUInt64(bytes, at: offset + 8 * $0)) })
            offset += 8 * count
        }
        return (header, arrays)
    }

    /// Whether `data` starts with `magic`.
    static func starts(_ data: Data, with magic: [UInt8]) -> Bool {
        data.count >= magic.count && Array(data.prefix(magic.count)) == magic
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private static func readUInt64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
        return value
    }

    /// 64-bit FNV-1a: `h = (h ⊕ byte) · 0x100000001b3`, starting at `0xcbf29ce484222325`.
    static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// What the header of every kind of partial file says about the run it belongs to.
protocol ShardHeader {
    associatedtype Setup: Equatable
    var tool: String { get }
    var seed: UInt64 { get }
    var shard: ShardSpec { get }
    /// The run's scenario, with what may differ between shards (the thread count) cleared.
    var setup: Setup { get }
}

extension ShardSpec {
    /// Checks that `headers` are the shards of one run (same version, seed and scenario), one split,
    /// each shard given once and none missing.
    /// - Throws: `InputError` naming what differs, the repeated or the missing shards.
    static func requireOneRun<Header: ShardHeader>(_ headers: [Header]) throws {
        guard let first = headers.first else {
            throw InputError(flag: "", field: "partials", value: "none", allowed: "the partial files of every shard of one run")
        }
        for h in headers.dropFirst() {
            if h.tool != first.tool {
                throw InputError(flag: "", field: "partials", value: "\(h.tool) and \(first.tool)", allowed: "partials from the same hedgesim version")
            }
            if h.seed != first.seed {
                throw InputError(flag: "", field: "partials", value: "seeds \(first.seed) and \(h.seed)", allowed: "partials of one run (same seed)")
            }
            if h.setup != first.setup {
                throw InputError(flag: "", field: "partials", value: "shard \(h.shard.index) has a different scenario", allowed: "partials of one run (same scenario)")
            }
        }
        let shards = headers.map(\.shard)
        if let other = shards.first(where: { $0.count != first.shard.count }) {
            throw InputError(
                flag: "", field: "partials", value: "shard counts \(first.shard.count) and \(other.count)", allowed: "partials of one split")
        }
        let indices = shards.map(\.index)
        let duplicated = Set(indices.filter { index in indices.filter { $0 == index }.count > 1 }).sorted()
        if !duplicated.isEmpty {
            throw InputError(flag: "", field: "partials", value: "shard(s) \(duplicated.map(String.init).joined(separator: ", ")) given twice", allowed: "each shard once")
        }
        let count = first.shard.count
        let missing = (0..<count).filter { !indices.contains($0) }
        if !missing.isEmpty {
            let listed = missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
            throw InputError(flag: "", field: "partials", value: "missing shard(s) \(listed) of \(count)", allowed: "every shard 0…\(count - 1)")
        }
    }
}
