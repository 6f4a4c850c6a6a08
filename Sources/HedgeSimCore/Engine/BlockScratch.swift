internal import CVectorMath

/// Working memory of one worker: what the path kernel leaves for each path of a block (its terminal
/// state, liquidation records and band points) and settlement's terminal index. Allocated once per
/// worker and reused for every block it runs, so the hot loops allocate nothing.
final class BlockScratch {
    let paths: Int
    let groups: Int

    /// ln P at the horizon.
    let stateLogIndex: UnsafeMutablePointer<Double>
    /// 1/F at the horizon.
    let stateInverseMark: UnsafeMutablePointer<Double>
    /// Funding received and paid up to the horizon, coin per USD of notional.
    let stateFundingIn: UnsafeMutablePointer<Double>
    let stateFundingOut: UnsafeMutablePointer<Double>
    /// The lowest account per USD of notional the path reached (see `LeverageProfile`).
    let stateLowestAccount: UnsafeMutablePointer<Double>
    /// The kernel's working state: each path's next threshold group.
    let stateNextGroup: UnsafeMutablePointer<Int>
    /// `P_T`, written by settlement.
    let terminalIndex: UnsafeMutablePointer<Double>
    /// `paths × groups` liquidation records (`hs_liquidation_record`, path-major: path `p`, group `g` at
    /// `p·groups + g`).
    let records: UnsafeMutablePointer<hs_liquidation_record>
    /// `paths × bandPoints` log index of the band paths.
    let bandLogIndex: UnsafeMutablePointer<Double>
    let bandPoints: Int
    /// Policy cells: per cell `c` and path `p` at `c·policyStride + p`, the kernel's threshold and trigger
    /// (working state) and the path's position and what the policy did (`hs_policy_path`).
    /// `policyStride` covers the kernel's 256 lanes however few paths the block has.
    let policyCells: Int
    let policyStride: Int
    let policyThreshold: UnsafeMutablePointer<Double>
    let policyTrigger: UnsafeMutablePointer<Double>
    let policyFloor: UnsafeMutablePointer<Double>
    let policyPaths: UnsafeMutablePointer<hs_policy_path>
    /// Per path: the highest threshold and trigger and the lowest floor over the policy cells (the
    /// kernel's quick test).
    let policyMaxThreshold: UnsafeMutablePointer<Double>
    let policyMaxTrigger: UnsafeMutablePointer<Double>
    let policyMinFloor: UnsafeMutablePointer<Double>
    /// Funding exit: per path the rates of the last `fundingWindow` funding steps, and their sum.
    let fundingWindow: Int
    let fundingRing: UnsafeMutablePointer<Double>
    let fundingRingSum: UnsafeMutablePointer<Double>
    let policyMinExit: UnsafeMutablePointer<Double>
    let policyMaxReenter: UnsafeMutablePointer<Double>

    init(paths: Int, groups: Int, bandPoints: Int = 0, policyCells: Int = 0, fundingWindow: Int = 0) {
        self.paths = paths
        self.groups = groups
        self.bandPoints = bandPoints
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
            pointer.initialize(repeating: 0, count: max(1, count))
            return pointer
        }
        stateLogIndex = buffer(paths)
        stateInverseMark = buffer(paths)
        stateFundingIn = buffer(paths)
        stateFundingOut = buffer(paths)
        stateLowestAccount = buffer(paths)
        stateNextGroup = UnsafeMutablePointer<Int>.allocate(capacity: max(1, paths))
        stateNextGroup.initialize(repeating: 0, count: max(1, paths))
        terminalIndex = buffer(paths)
        records = .allocate(capacity: max(1, paths * groups))
        records.initialize(repeating: hs_liquidation_record(), count: max(1, paths * groups))
        bandLogIndex = buffer(paths * bandPoints)
        self.policyCells = policyCells
        policyStride = max(SimulationPlan.blockSize, paths)
        let policySlots = policyCells * policyStride
        policyThreshold = buffer(policySlots)
        policyTrigger = buffer(policySlots)
        policyFloor = buffer(policySlots)
        policyMaxThreshold = buffer(policyStride)
        policyMaxTrigger = buffer(policyStride)
        policyMinFloor = buffer(policyStride)
        self.fundingWindow = fundingWindow
        fundingRing = buffer(policyStride * fundingWindow)
        fundingRingSum = buffer(fundingWindow > 0 ? policyStride : 0)
        policyMinExit = buffer(fundingWindow > 0 ? policyStride : 0)
        policyMaxReenter = buffer(fundingWindow > 0 ? policyStride : 0)
        policyPaths = .allocate(capacity: max(1, policySlots))
        policyPaths.initialize(repeating: hs_policy_path(), count: max(1, policySlots))
    }

    deinit {
        for pointer in [
            stateLogIndex, stateInverseMark, stateFundingIn, stateFundingOut, stateLowestAccount, terminalIndex, bandLogIndex,
            policyThreshold, policyTrigger, policyFloor, policyMaxThreshold, policyMaxTrigger, policyMinFloor, fundingRing, fundingRingSum, policyMinExit, policyMaxReenter,
        ] {
            pointer.deallocate()
        }
        records.deallocate()
        policyPaths.deallocate()
        stateNextGroup.deallocate()
    }
}
