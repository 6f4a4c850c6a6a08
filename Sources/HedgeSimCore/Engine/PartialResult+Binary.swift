import Foundation

/// The partial file: the bytes `HSPART01`, a little-endian UInt64 header length, the header as JSON,
/// then the seven arrays as little-endian Float64 in the order netCoin, terminalIndex, lowestAccount,
/// horizonUnitCoin, blockSums, bandLogIndex, movedCoin (lengths follow from the header), then a
/// little-endian UInt64 FNV-1a hash of all the bytes before it, so a truncated or altered file is refused.
extension PartialResult {
    static let magic = Array("HSPART01".utf8)

    /// Serialises the partial result.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let headerBytes = try encoder.encode(header)
        var bytes = PartialResult.magic
        bytes.reserveCapacity(
            bytes.count + 16 + headerBytes.count + 8 * (netCoin.count + 3 * terminalIndex.count + blockSums.count + bandLogIndex.count + movedCoin.count))
        append(UInt64(headerBytes.count), to: &bytes)
        bytes += headerBytes
        for array in [netCoin, terminalIndex, lowestAccount, horizonUnitCoin, blockSums, bandLogIndex, movedCoin] {
            for value in array { append(value.bitPattern, to: &bytes) }
        }
        append(PartialResult.fnv1a(bytes[...]), to: &bytes)
        return Data(bytes)
    }

    /// Reads a partial file; `source` names it in errors.
    /// - Throws: `InputError` when the bytes are not a complete, unaltered partial file of this format.
    public init(data: Data, source: String) throws {
        let bytes = [UInt8](data)
        func refuse(_ why: String) -> InputError {
            InputError(flag: "", field: "partial", value: source, allowed: "a partial file written by `hedgesim run --shard` (\(why))")
        }
        guard bytes.count >= PartialResult.magic.count + 16, Array(bytes[0..<8]) == PartialResult.magic else {
            throw refuse("not a partial file")
        }
        let stored = PartialResult.readUInt64(bytes, at: bytes.count - 8)
        guard stored == PartialResult.fnv1a(bytes[0..<(bytes.count - 8)]) else { throw refuse("truncated or altered") }
        let headerLength = Int(clamping: PartialResult.readUInt64(bytes, at: 8))
        guard headerLength > 0, 16 + headerLength <= bytes.count - 8 else { throw refuse("bad header length") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[16..<(16 + headerLength)]))
        } catch {
            throw refuse("unreadable header")
        }
        guard header.format == PartialResult.formatName else { throw refuse("format \(header.format)") }
        let values = header.pathCount * header.cellCount
        let counts = [
            values, header.pathCount, header.pathCount, header.pathCount, header.blockCount * header.cellCount * CellSums.fieldCount,
            header.bandPathCount * header.bandPoints, PartialResult.movedCount(header),
        ]
        var offset = 16 + headerLength
        guard offset + 8 * counts.reduce(0, +) == bytes.count - 8 else { throw refuse("array sizes do not match the header") }
        var arrays: [[Double]] = []
        for count in counts {
            arrays.append((0..<count).map { Double(bitPattern: PartialResult.readUInt64(bytes, at: offset + 8 * $0)) })
            offset += 8 * count
        }
        self.init(
            header: header, netCoin: arrays[0], terminalIndex: arrays[1], lowestAccount: arrays[2],
            horizonUnitCoin: arrays[3], blockSums: arrays[4], bandLogIndex: arrays[5], movedCoin: arrays[6])
    }

    private func append(_ value: UInt64, to bytes: inout [UInt8]) {
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
