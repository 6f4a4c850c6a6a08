/// Working memory of one worker: the chunk buffers (paths × chunk steps, path-major) and the state
/// carried by each path of a block from one chunk to the next. Allocated once per worker and reused
/// for every block it runs, so the hot loops allocate nothing.
final class BlockScratch {
    let capacity: Int
    let paths: Int
    let groups: Int

    // Chunk buffers, `chunkSteps × paths`, step-major: element (step j, path p) at `j·count + p`.
    let uniformA: UnsafeMutablePointer<Double>
    let uniformB: UnsafeMutablePointer<Double>
    /// Independent normals, two columns of `capacity` (column-major for BLAS).
    let rawNormals: UnsafeMutablePointer<Double>
    /// Correlated normals: column 0 drives the price, column 1 the funding or basis.
    let shocks: UnsafeMutablePointer<Double>
    let bridgeLogUniform: UnsafeMutablePointer<Double>
    let jumpUniform: UnsafeMutablePointer<Double>
    let chiSquare: UnsafeMutablePointer<Double>
    let logMark: UnsafeMutablePointer<Double>
    let logMarkMax: UnsafeMutablePointer<Double>
    let logIndex: UnsafeMutablePointer<Double>
    let fundingRate: UnsafeMutablePointer<Double>
    let inverseMark: UnsafeMutablePointer<Double>
    let inverseMarkMax: UnsafeMutablePointer<Double>
    /// Independent normals for the summed funding of steps with several payments, and their partner
    /// uniforms (Box–Muller works in place on the pair).
    let fundingNormal: UnsafeMutablePointer<Double>
    let fundingSpare: UnsafeMutablePointer<Double>

    // Path state, one entry per path of the block.
    let stateLogIndex: UnsafeMutablePointer<Double>
    let stateLogMark: UnsafeMutablePointer<Double>
    let stateVariance: UnsafeMutablePointer<Double>
    let stateFunding: UnsafeMutablePointer<Double>
    let stateFundingShockSum: UnsafeMutablePointer<Double>
    let stateBasis: UnsafeMutablePointer<Double>
    let stateFundingIn: UnsafeMutablePointer<Double>
    let stateFundingOut: UnsafeMutablePointer<Double>
    let stateInverseMark: UnsafeMutablePointer<Double>
    /// The lowest account per USD of notional the path has reached (`+∞` before the first step).
    let stateLowestAccount: UnsafeMutablePointer<Double>
    let stateNextGroup: UnsafeMutablePointer<Int>
    /// Position of the path in the history (bootstrap model).
    let stateHistoryIndex: UnsafeMutablePointer<Int>
    /// The threshold of the next group the path can reach (`-∞` once all are liquidated).
    let stateNextThreshold: UnsafeMutablePointer<Double>

    // Per-step work rows, one entry per path.
    let increment: UnsafeMutablePointer<Double>
    let stepVariance: UnsafeMutablePointer<Double>
    let jumpLog: UnsafeMutablePointer<Double>
    let worst: UnsafeMutablePointer<Double>
    /// `P_T` per path, written by the settlement.
    let terminalIndex: UnsafeMutablePointer<Double>

    /// Liquidation record per (path, threshold group), `LiquidationRecord.fieldCount` doubles each.
    let records: UnsafeMutablePointer<Double>

    /// Log index of each path at each band step, `path·bandPoints + point`.
    let bandLogIndex: UnsafeMutablePointer<Double>
    let bandPoints: Int

    init(paths: Int, chunkSteps: Int, groups: Int, bandPoints: Int = 0) {
        self.bandPoints = bandPoints
        bandLogIndex = .allocate(capacity: max(1, paths * bandPoints))
        bandLogIndex.initialize(repeating: 0, count: max(1, paths * bandPoints))
        self.paths = paths
        self.groups = groups
        capacity = paths * chunkSteps
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
            pointer.initialize(repeating: 0, count: max(1, count))
            return pointer
        }
        uniformA = buffer(capacity)
        uniformB = buffer(capacity)
        rawNormals = buffer(2 * capacity)
        shocks = buffer(2 * capacity)
        bridgeLogUniform = buffer(capacity)
        jumpUniform = buffer(capacity)
        chiSquare = buffer(capacity)
        logMark = buffer(capacity)
        logMarkMax = buffer(capacity)
        logIndex = buffer(capacity)
        fundingRate = buffer(capacity)
        inverseMark = buffer(capacity)
        inverseMarkMax = buffer(capacity)
        fundingNormal = buffer(capacity)
        fundingSpare = buffer(capacity)
        stateLogIndex = buffer(paths)
        stateLogMark = buffer(paths)
        stateVariance = buffer(paths)
        stateFunding = buffer(paths)
        stateFundingShockSum = buffer(paths)
        stateBasis = buffer(paths)
        stateFundingIn = buffer(paths)
        stateFundingOut = buffer(paths)
        stateInverseMark = buffer(paths)
        stateLowestAccount = buffer(paths)
        stateNextGroup = UnsafeMutablePointer<Int>.allocate(capacity: paths)
        stateNextGroup.initialize(repeating: 0, count: paths)
        stateNextThreshold = buffer(paths)
        stateHistoryIndex = UnsafeMutablePointer<Int>.allocate(capacity: paths)
        stateHistoryIndex.initialize(repeating: 0, count: paths)
        increment = buffer(paths)
        stepVariance = buffer(paths)
        jumpLog = buffer(paths)
        worst = buffer(paths)
        terminalIndex = buffer(paths)
        records = buffer(paths * max(1, groups) * LiquidationRecord.fieldCount)
    }

    deinit {
        for pointer in [
            uniformA, uniformB, rawNormals, shocks, bridgeLogUniform, jumpUniform, chiSquare, logMark,
            logMarkMax, logIndex, fundingRate, inverseMark, inverseMarkMax, fundingNormal, fundingSpare, stateLogIndex, stateLogMark,
            stateVariance, stateFunding, stateFundingShockSum, stateBasis, stateFundingIn, stateFundingOut,
            stateInverseMark, stateLowestAccount, stateNextThreshold, increment, stepVariance, jumpLog, worst, terminalIndex, records,
        ] {
            pointer.deallocate()
        }
        stateNextGroup.deallocate()
        stateHistoryIndex.deallocate()
        bandLogIndex.deallocate()
    }
}

/// The account state of a path when a threshold group is liquidated, stored as doubles in
/// `BlockScratch.records`: step index (−1 = never), funding received and paid so far per USD of
/// notional (coin), and `1/F`, `1/P` at that step.
enum LiquidationRecord {
    static let fieldCount = 5
    static let step = 0
    static let fundingIn = 1
    static let fundingOut = 2
    static let inverseMark = 3
    static let inverseIndex = 4
}
