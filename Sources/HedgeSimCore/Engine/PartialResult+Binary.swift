import Foundation

/// The partial file of `hedgesim run --shard` (`PartialFile` with the magic `HSPART01`): the header,
/// then the seven arrays netCoin, terminalIndex, lowestAccount, horizonUnitCoin, blockSums,
/// bandLogIndex, movedCoin.
extension PartialResult {
    static let magic = Array("HSPART01".utf8)

    /// Serialises the partial result.
    public func encoded() throws -> Data {
        try PartialFile.encode(
            magic: PartialResult.magic, header: header,
            arrays: [netCoin, terminalIndex, lowestAccount, horizonUnitCoin, blockSums, bandLogIndex, movedCoin])
    }

    /// Reads a partial file; `source` names it in errors.
    /// - Throws: `InputError` when the bytes are not a complete, unaltered partial file of this format.
    public init(data: Data, source: String) throws {
        func refuse(_ why: String) -> InputError {
            InputError(flag: "", field: "partial", value: source, allowed: "a partial file written by `hedgesim run --shard` (\(why))")
        }
        let (header, arrays) = try PartialFile.decode(data, magic: PartialResult.magic, counts: { (header: Header) -> [Int] in
            guard header.format == PartialResult.formatName else { throw refuse("format \(header.format)") }
            return [
                header.pathCount * header.cellCount, header.pathCount, header.pathCount, header.pathCount,
                header.blockCount * header.cellCount * CellSums.fields.count, header.bandPathCount * header.bandPoints,
                PartialResult.movedCount(header),
            ]
        }, refuse: refuse)
        self.init(
            header: header, netCoin: arrays[0], terminalIndex: arrays[1], lowestAccount: arrays[2],
            horizonUnitCoin: arrays[3], blockSums: arrays[4], bandLogIndex: arrays[5], movedCoin: arrays[6])
    }
}
