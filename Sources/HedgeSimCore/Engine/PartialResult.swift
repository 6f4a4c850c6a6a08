import Foundation

/// What one shard writes: its identity (scenario, seed, version, shard) and the raw per-path values
/// and per-block sums of its paths, so that merging shards repeats exactly the summary a single run
/// computes.
public struct PartialResult: Sendable {
    /// Everything that must agree between the shards of one run, plus this shard's place.
    public struct Header: Codable, Sendable, Equatable {
        public var format = PartialResult.formatName
        public var tool = "hedgesim " + HedgeSimVersion.current
        public var seed: UInt64
        public var scenario: Scenario
        public var shard: ShardSpec
        public var firstPath: Int
        public var pathCount: Int
        public var firstBlock: Int
        public var blockCount: Int
        public var cellCount: Int
        /// Band paths held (see `PriceBands`) and band points per path.
        public var bandPathCount: Int
        public var bandPoints: Int
        /// Seconds this shard spent simulating.
        public var simulationSeconds: Double
    }

    public static let formatName = "hedgesim-partial-6"

    public var header: Header
    /// Net coin value per (cell, path), cell-major.
    public var netCoin: [Double]
    /// The index price at the horizon per path.
    public var terminalIndex: [Double]
    /// The lowest account per USD of notional per path (`SimulationSink.lowestAccount`).
    public var lowestAccount: [Double]
    /// The unliquidated horizon coin per USD of notional per path (`SimulationSink.horizonUnitCoin`).
    public var horizonUnitCoin: [Double]
    /// `CellSums` per (block, cell).
    public var blockSums: [Double]
    /// Log index of the band paths at the band steps.
    public var bandLogIndex: [Double]
    /// Coins moved by margin policies per (cell, path), cell-major; empty when the scenario has no
    /// policy (`SimulationSink.movedCoin`).
    public var movedCoin: [Double]

    init(header: Header, sink: SimulationSink) {
        self.header = header
        let values = sink.paths * sink.cellCount
        netCoin = Array(UnsafeBufferPointer(start: sink.netCoin, count: values))
        terminalIndex = Array(UnsafeBufferPointer(start: sink.terminalIndex, count: sink.paths))
        lowestAccount = Array(UnsafeBufferPointer(start: sink.lowestAccount, count: sink.paths))
        horizonUnitCoin = Array(UnsafeBufferPointer(start: sink.horizonUnitCoin, count: sink.paths))
        blockSums = UnsafeBufferPointer(start: sink.blockSums, count: sink.blockCount * sink.cellCount).flatMap(\.values)
        bandLogIndex = Array(UnsafeBufferPointer(start: sink.bandLogIndex, count: sink.bandPathCount * sink.bandPoints))
        movedCoin = sink.movedCoin.map { Array(UnsafeBufferPointer(start: $0, count: values)) } ?? []
    }

    /// The length of `movedCoin` a partial of this header holds.
    static func movedCount(_ header: Header) -> Int {
        header.scenario.policies.contains { $0 != .none } ? header.pathCount * header.cellCount : 0
    }

    init(
        header: Header, netCoin: [Double], terminalIndex: [Double], lowestAccount: [Double],
        horizonUnitCoin: [Double], blockSums: [Double], bandLogIndex: [Double], movedCoin: [Double]
    ) {
        self.movedCoin = movedCoin
        self.lowestAccount = lowestAccount
        self.horizonUnitCoin = horizonUnitCoin
        self.bandLogIndex = bandLogIndex
        self.header = header
        self.netCoin = netCoin
        self.terminalIndex = terminalIndex
        self.blockSums = blockSums
    }
}
