/// Output memory shared by the workers. Each block writes only its own paths' slots and its own
/// row of `blockSums`, so no two workers ever touch the same element; hence `@unchecked Sendable`.
final class SimulationSink: @unchecked Sendable {
    let paths: Int
    let cellCount: Int
    /// Net value in USD per (cell, path), at `cell·paths + path`.
    let netUSD: UnsafeMutablePointer<Double>
    /// Net value in coin per (cell, path).
    let netCoin: UnsafeMutablePointer<Double>
    /// USD value of the unhedged holding per path, `P_T·S`: the reference for hedge effectiveness.
    let unhedgedUSD: UnsafeMutablePointer<Double>
    /// `CellSums` per (block, cell).
    let blockSums: UnsafeMutablePointer<Double>
    let blockCount: Int

    init(paths: Int, cellCount: Int, blockCount: Int) {
        self.paths = paths
        self.cellCount = cellCount
        self.blockCount = blockCount
        netUSD = .allocate(capacity: max(1, paths * cellCount))
        netCoin = .allocate(capacity: max(1, paths * cellCount))
        unhedgedUSD = .allocate(capacity: max(1, paths))
        let sums = max(1, blockCount * cellCount * CellSums.fieldCount)
        blockSums = .allocate(capacity: sums)
        blockSums.initialize(repeating: 0, count: sums)
    }

    deinit {
        netUSD.deallocate()
        netCoin.deallocate()
        unhedgedUSD.deallocate()
        blockSums.deallocate()
    }

    /// Cell sums added over blocks in block order (fixed order ⇒ bit-identical for any thread count).
    func reducedSums(cell: Int) -> [Double] {
        var total = [Double](repeating: 0, count: CellSums.fieldCount)
        for block in 0..<blockCount {
            let row = blockSums + (block * cellCount + cell) * CellSums.fieldCount
            for field in 0..<CellSums.fieldCount { total[field] += row[field] }
        }
        return total
    }
}
