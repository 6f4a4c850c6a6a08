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

    public static let formatName = "hedgesim-partial-2"

    public var header: Header
    /// Net USD value per (cell, path), cell-major.
    public var netUSD: [Double]
    public var netCoin: [Double]
    public var unhedgedUSD: [Double]
    /// `CellSums` per (block, cell).
    public var blockSums: [Double]
    /// Log index of the band paths at the band steps.
    public var bandLogIndex: [Double]

    init(header: Header, sink: SimulationSink) {
        self.header = header
        let values = sink.paths * sink.cellCount
        netUSD = Array(UnsafeBufferPointer(start: sink.netUSD, count: values))
        netCoin = Array(UnsafeBufferPointer(start: sink.netCoin, count: values))
        unhedgedUSD = Array(UnsafeBufferPointer(start: sink.unhedgedUSD, count: sink.paths))
        blockSums = Array(UnsafeBufferPointer(start: sink.blockSums, count: sink.blockCount * sink.cellCount * CellSums.fieldCount))
        bandLogIndex = Array(UnsafeBufferPointer(start: sink.bandLogIndex, count: sink.bandPathCount * sink.bandPoints))
    }

    init(
        header: Header, netUSD: [Double], netCoin: [Double], unhedgedUSD: [Double], blockSums: [Double],
        bandLogIndex: [Double]
    ) {
        self.bandLogIndex = bandLogIndex
        self.header = header
        self.netUSD = netUSD
        self.netCoin = netCoin
        self.unhedgedUSD = unhedgedUSD
        self.blockSums = blockSums
    }
}
