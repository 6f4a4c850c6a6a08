/// Output memory shared by the workers. Each block writes only its own paths' slots and its own
/// row of `blockSums`, so no two workers ever touch the same element; hence `@unchecked Sendable`.
final class SimulationSink: @unchecked Sendable {
    /// Paths held: the global paths `firstPath ..< firstPath + paths` (all of them, or one shard's).
    let paths: Int
    let firstPath: Int
    /// Blocks held: `firstBlock ..< firstBlock + blockCount`.
    let firstBlock: Int
    let cellCount: Int
    /// Net value in coin per (cell, path), at `cell·paths + path`. The USD value is `P_T` times it,
    /// formed when a distribution is summarised, so the sink holds one number per cell and path.
    let netCoin: UnsafeMutablePointer<Double>
    /// The index price at the horizon `P_T` per path (USD per coin).
    let terminalIndex: UnsafeMutablePointer<Double>
    /// The lowest account per USD of notional each path reached, `min_t x_t` (see
    /// `PathBlockKernel.monitorAccount`): a cell of threshold `θ = −M/N` is liquidated on the path
    /// exactly when it is `≤ θ`.
    let lowestAccount: UnsafeMutablePointer<Double>
    /// Coin per USD of notional that a short never liquidated holds at the horizon beyond its entry
    /// fee and margin: `(1/F_T − 1/E) + Φ_T − fee_exit/F_T`, so its cell ends with
    /// `spot + M + N·u` coin.
    let horizonUnitCoin: UnsafeMutablePointer<Double>
    /// Each path's state at the horizon, `pathStateFields` doubles per path (ln P_T, 1/F_T, funding
    /// received, funding paid), kept by the first pass of automatic leverage so that the second
    /// pass re-simulates only the paths a chosen cell liquidates; nil otherwise.
    let pathState: UnsafeMutablePointer<Double>?
    static let pathStateFields = 4
    /// Coins a margin policy moved from the spot holding into the margin, per (cell, path) like
    /// `netCoin`, for the quantiles of `ManagementSummary`; nil when the run has no policy (only the
    /// policy cells' slots are written).
    let movedCoin: UnsafeMutablePointer<Double>?
    /// `CellSums` per (block, cell).
    let blockSums: UnsafeMutablePointer<CellSums>
    let blockCount: Int
    /// Log index of the band paths held here (global paths below `SimulationPlan.bandPaths`), at
    /// the band steps: `(globalPath − firstPath)·bandPoints + point`.
    let bandLogIndex: UnsafeMutablePointer<Double>
    let bandPathCount: Int
    let bandPoints: Int

    init(
        paths: Int, cellCount: Int, blockCount: Int, firstPath: Int = 0, firstBlock: Int = 0,
        bandPaths: Int = 0, bandPoints: Int = 0, keepsPathState: Bool = false, keepsMovedCoin: Bool = false
    ) {
        movedCoin = keepsMovedCoin ? LargeBuffer.allocate(max(1, paths * cellCount)) : nil
        pathState = keepsPathState ? LargeBuffer.allocate(max(1, paths * SimulationSink.pathStateFields)) : nil
        bandPathCount = max(0, min(bandPaths, firstPath + paths) - firstPath)
        self.bandPoints = bandPoints
        bandLogIndex = .allocate(capacity: max(1, bandPathCount * bandPoints))
        self.paths = paths
        self.firstPath = firstPath
        self.firstBlock = firstBlock
        self.cellCount = cellCount
        self.blockCount = blockCount
        netCoin = LargeBuffer.allocate(max(1, paths * cellCount))
        terminalIndex = LargeBuffer.allocate(max(1, paths))
        lowestAccount = LargeBuffer.allocate(max(1, paths))
        horizonUnitCoin = LargeBuffer.allocate(max(1, paths))
        let sums = max(1, blockCount * cellCount)
        blockSums = .allocate(capacity: sums)
        blockSums.initialize(repeating: CellSums(), count: sums)
    }

    deinit {
        LargeBuffer.free(netCoin)
        LargeBuffer.free(terminalIndex)
        LargeBuffer.free(lowestAccount)
        LargeBuffer.free(horizonUnitCoin)
        if let pathState { LargeBuffer.free(pathState) }
        if let movedCoin { LargeBuffer.free(movedCoin) }
        blockSums.deallocate()
        bandLogIndex.deallocate()
    }

    /// Index of (cell, global path) in `netCoin`.
    @inline(__always)
    func slot(cell: Int, globalPath: Int) -> Int { cell * paths + globalPath - firstPath }

    /// The sums of (global block, cell).
    @inline(__always)
    func sums(block: Int, cell: Int) -> UnsafeMutablePointer<CellSums> {
        blockSums + (block - firstBlock) * cellCount + cell
    }

    /// Cell sums added over blocks in block order (fixed order ⇒ bit-identical for any thread count).
    func reducedSums(cell: Int) -> CellSums {
        (0..<blockCount).reduce(CellSums()) { $0 + sums(block: firstBlock + $1, cell: cell).pointee }
    }
}
