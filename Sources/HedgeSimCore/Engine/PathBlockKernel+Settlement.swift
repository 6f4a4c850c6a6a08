internal import CVectorMath
import Foundation

/// Sums over the paths of one block, per cell, in the order `CellSums` lists them; reduced across
/// blocks in block order so totals do not depend on threads.
enum CellSums {
    static let fieldCount = 12
    /// Funding cost in USD (paid − received, valued at the horizon price).
    static let fundingCost = 0
    static let fundingReceived = 1
    static let fundingPaid = 2
    static let fees = 3
    /// Basis cost in USD (minus the basis PnL).
    static let basisCost = 4
    static let liquidationLoss = 5
    static let liquidations = 6
    /// Sum of liquidation times in steps (the step's end, `step + 1`).
    static let liquidationSteps = 7
    /// The part of `liquidationLoss` the venue keeps: the margin balance left at the liquidation.
    static let forfeitedMargin = 8
    /// Policy cells: coins moved from the spot holding into the margin, top-ups made, and paths with
    /// at least one top-up.
    static let coinsMoved = 9
    static let topUps = 10
    static let toppedUpPaths = 11
}

extension PathBlockKernel {
    /// Closes every cell of every path of a block at the horizon and writes `P_T`, the net coin values
    /// and the cost components; cell by cell, so each cell's values go to contiguous slots and its
    /// sums are added in path order.
    ///
    /// Not liquidated: coin `= spot + M + N(1/F_T − 1/E) + N·Φ_T − fee_exit`. Liquidated: coin
    /// `= spot` (margin and account forfeited, hedge gone). USD value `= P_T × coin`.
    ///
    /// Costs (USD, positive = the hedge costs the holder, coin flows valued at `P_T`) decompose the gap
    /// to the frictionless synthetic dollar `ideal = P_T·S + N(1 − P_T/P_0)` exactly:
    /// `ideal − W = funding + fees + basis + liquidation`, where, up to the exit `x` (horizon or
    /// liquidation step), funding `= −P_T·N·Φ_x`, basis `= −P_T·N[(1/F_x − 1/E) − (1/P_x − 1/P_0)]`,
    /// fees `= P_T·(fee_entry + fee_exit)`, and liquidation is the remainder (the forfeited balance
    /// plus the hedge PnL missed after the liquidation; zero without one).
    func settleBlock(firstPath: Int, count: Int, scratch: BlockScratch, sink: SimulationSink, block: Int) {
        let index = scratch.terminalIndex
        for path in 0..<count {
            let globalPath = firstPath + path
            index[path] = exp(scratch.stateLogIndex[path])
            let slot = globalPath - sink.firstPath
            sink.terminalIndex[slot] = index[path]
            let inverseMark = scratch.stateInverseMark[path]
            sink.lowestAccount[slot] = scratch.stateLowestAccount[path]
            sink.horizonUnitCoin[slot] = (inverseMark - plan.inverseEntry)
                + (scratch.stateFundingIn[path] - scratch.stateFundingOut[path]) - plan.exitFeeRate * inverseMark
            if let state = sink.pathState?.advanced(by: slot * SimulationSink.pathStateFields) {
                state[0] = scratch.stateLogIndex[path]
                state[1] = inverseMark
                state[2] = scratch.stateFundingIn[path]
                state[3] = scratch.stateFundingOut[path]
            }
            if globalPath - sink.firstPath < sink.bandPathCount {
                let target = sink.bandLogIndex + (globalPath - sink.firstPath) * sink.bandPoints
                let source = scratch.bandLogIndex + path * scratch.bandPoints
                for point in 0..<sink.bandPoints { target[point] = source[point] }
            }
        }
        for (cellIndex, cell) in plan.cells.enumerated() {
            let out = sink.slot(cell: cellIndex, globalPath: firstPath)
            if let managed = plan.cellPolicyIndex[cellIndex] {
                settleCell(cell, count: count, scratch: scratch, netCoin: sink.netCoin + out, sums: sink.sums(block: block, cell: cellIndex)) { path in
                    let slot = managed * scratch.policyStride + path
                    let margin = scratch.policyMargin[slot]
                    return (scratch.policyRecords[slot], margin, scratch.policyMoved[slot], scratch.policyTopUps[slot],
                            -margin / cell.notional)
                }
                continue
            }
            guard cell.notional > 0, let group = plan.cellThresholdIndex[cellIndex] else {
                for path in 0..<count { sink.netCoin[out + path] = cell.spotCoin }
                continue
            }
            let groups = plan.thresholds.count
            settleCell(cell, count: count, scratch: scratch, netCoin: sink.netCoin + out, sums: sink.sums(block: block, cell: cellIndex)) { path in
                (scratch.records[path * groups + group], cell.marginCoin, 0, 0, plan.thresholds[group])
            }
        }
    }

    /// One cell with a position over the paths of a block (see `settleBlock`). `account(path)` gives the
    /// path's liquidation record, its margin at the horizon (or at the liquidation), the coins moved
    /// into it from the spot holding, the top-ups and the liquidation threshold `−M/N` then (for a cell
    /// without a policy: the cell's record group, margin and threshold, nothing moved).
    private func settleCell(
        _ cell: HedgeCell, count: Int, scratch: BlockScratch, netCoin: UnsafeMutablePointer<Double>,
        sums: UnsafeMutablePointer<Double>,
        account: (Int) -> (record: hs_liquidation_record, margin: Double, moved: Double, topUps: Double, threshold: Double)
    ) {
        let holding = plan.scenario.holding
        let notional = cell.notional
        var fundingCostSum = 0.0, fundingReceivedSum = 0.0, fundingPaidSum = 0.0, feesSum = 0.0
        var basisCostSum = 0.0, liquidationLossSum = 0.0, liquidationCount = 0.0, liquidationStepSum = 0.0
        var forfeitedSum = 0.0, movedSum = 0.0, topUpSum = 0.0, toppedUpCount = 0.0
        for path in 0..<count {
            let (record, margin, moved, topUps, threshold) = account(path)
            let spot = cell.spotCoin - moved
            let index = scratch.terminalIndex[path]
            let inverseMark = scratch.stateInverseMark[path]
            let inverseIndex = plan.isPerpetual ? inverseMark : 1 / index
            let liquidated = record.step >= 0
            let exitInverseMark = liquidated ? record.inverse_mark : inverseMark
            let exitInverseIndex = liquidated ? record.inverse_index : inverseIndex
            let fundingIn = liquidated ? record.funding_in : scratch.stateFundingIn[path]
            let fundingOut = liquidated ? record.funding_out : scratch.stateFundingOut[path]
            let exitFee = liquidated ? 0 : plan.exitFeeRate * notional * inverseMark
            let coin: Double
            if liquidated {
                coin = spot
            } else {
                let pnl = notional * (inverseMark - plan.inverseEntry)
                coin = spot + margin + pnl + notional * (fundingIn - fundingOut) - exitFee
            }
            movedSum += moved
            topUpSum += topUps
            toppedUpCount += topUps > 0 ? 1 : 0
            netCoin[path] = coin

            let fundingReceived = index * notional * fundingIn
            let fundingPaid = index * notional * fundingOut
            let fees = index * (cell.entryFeeCoin + exitFee)
            let basisIncome = index * notional
                * ((exitInverseMark - plan.inverseEntry) - (exitInverseIndex - plan.inverseIndex0))
            let fundingCost = fundingPaid - fundingReceived
            let basisCost = -basisIncome
            fundingCostSum += fundingCost
            fundingReceivedSum += fundingReceived
            fundingPaidSum += fundingPaid
            feesSum += fees
            basisCostSum += basisCost
            if liquidated {
                let ideal = index * holding + notional * (1 - index * plan.inverseIndex0)
                liquidationLossSum += ideal - index * coin - fundingCost - fees - basisCost
                forfeitedSum += index * forfeitedCoin(
                    notional: notional, margin: margin, threshold: threshold, inverseMark: exitInverseMark, funding: fundingIn - fundingOut)
                liquidationCount += 1
                liquidationStepSum += record.step + 1
            }
        }
        sums[CellSums.fundingCost] += fundingCostSum
        sums[CellSums.fundingReceived] += fundingReceivedSum
        sums[CellSums.fundingPaid] += fundingPaidSum
        sums[CellSums.fees] += feesSum
        sums[CellSums.basisCost] += basisCostSum
        sums[CellSums.liquidationLoss] += liquidationLossSum
        sums[CellSums.liquidations] += liquidationCount
        sums[CellSums.liquidationSteps] += liquidationStepSum
        sums[CellSums.forfeitedMargin] += forfeitedSum
        sums[CellSums.coinsMoved] += movedSum
        sums[CellSums.topUps] += topUpSum
        sums[CellSums.toppedUpPaths] += toppedUpCount
    }

    /// Coin the venue keeps when it liquidates `cell`: the margin balance left. With the between-step
    /// check the mark crosses the liquidation level continuously, so the balance is exactly the
    /// maintenance requirement there: `m·N/F_θ` (mark convention, `1/F_θ = (θ − c − Φ)/a` from the
    /// account rule) or `m·N/E` (entry convention). Checked at step ends only, the mark may overshoot:
    /// the balance `M + N(1/F − 1/E + Φ)` at the step end, never below 0 (beyond bankruptcy the
    /// venue's insurance fund takes the rest).
    private func forfeitedCoin(notional: Double, margin: Double, threshold: Double, inverseMark: Double, funding: Double) -> Double {
        guard plan.betweenStepCheck else {
            return max(0, margin + notional * (inverseMark - plan.inverseEntry + funding))
        }
        let rate = plan.scenario.maintenanceRate
        switch plan.scenario.maintenanceConvention {
        case .entry: return rate * notional * plan.inverseEntry
        case .mark:
            let inverseLevel = (threshold - plan.accountConstant - funding) / plan.markCoefficient
            return max(0, rate * notional * inverseLevel)
        }
    }
}
