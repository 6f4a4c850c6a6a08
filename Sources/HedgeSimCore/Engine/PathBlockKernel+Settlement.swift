import Foundation

/// Sums over the paths of one block, per cell, in the order `CellSums` lists them; reduced across
/// blocks in block order so totals do not depend on threads.
enum CellSums {
    static let fieldCount = 8
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
}

extension PathBlockKernel {
    /// Closes every cell of one path at the horizon and writes its net value and cost components.
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
    func settle(path: Int, globalPath: Int, scratch: BlockScratch, sink: SimulationSink, block: Int) {
        let holding = plan.scenario.holding
        let logIndex = scratch.stateLogIndex[path]
        let index = exp(logIndex)
        let inverseMark = scratch.stateInverseMark[path]
        let inverseIndex = plan.isPerpetual ? inverseMark : 1 / index
        let groups = plan.thresholds.count
        sink.unhedgedUSD[globalPath - sink.firstPath] = index * holding
        if globalPath - sink.firstPath < sink.bandPathCount {
            let target = sink.bandLogIndex + (globalPath - sink.firstPath) * sink.bandPoints
            let source = scratch.bandLogIndex + path * scratch.bandPoints
            for point in 0..<sink.bandPoints { target[point] = source[point] }
        }
        for (cellIndex, cell) in plan.cells.enumerated() {
            let out = sink.slot(cell: cellIndex, globalPath: globalPath)
            guard cell.notional > 0, let group = plan.cellThresholdIndex[cellIndex] else {
                sink.netCoin[out] = cell.spotCoin
                sink.netUSD[out] = index * cell.spotCoin
                continue
            }
            let notional = cell.notional
            let record = scratch.records + (path * groups + group) * LiquidationRecord.fieldCount
            let liquidated = record[LiquidationRecord.step] >= 0
            let exitInverseMark = liquidated ? record[LiquidationRecord.inverseMark] : inverseMark
            let exitInverseIndex = liquidated ? record[LiquidationRecord.inverseIndex] : inverseIndex
            let fundingIn = liquidated ? record[LiquidationRecord.fundingIn] : scratch.stateFundingIn[path]
            let fundingOut = liquidated ? record[LiquidationRecord.fundingOut] : scratch.stateFundingOut[path]
            let exitFee = liquidated ? 0 : plan.exitFeeRate * notional * inverseMark
            let coin: Double
            if liquidated {
                coin = cell.spotCoin
            } else {
                let pnl = notional * (inverseMark - plan.inverseEntry)
                coin = cell.spotCoin + cell.marginCoin + pnl + notional * (fundingIn - fundingOut) - exitFee
            }
            let usd = index * coin
            sink.netCoin[out] = coin
            sink.netUSD[out] = usd

            let fundingReceived = index * notional * fundingIn
            let fundingPaid = index * notional * fundingOut
            let fees = index * (cell.entryFeeCoin + exitFee)
            let basisIncome = index * notional
                * ((exitInverseMark - plan.inverseEntry) - (exitInverseIndex - plan.inverseIndex0))
            let fundingCost = fundingPaid - fundingReceived
            let basisCost = -basisIncome
            let s = sink.sums(block: block, cell: cellIndex)
            s[CellSums.fundingCost] += fundingCost
            s[CellSums.fundingReceived] += fundingReceived
            s[CellSums.fundingPaid] += fundingPaid
            s[CellSums.fees] += fees
            s[CellSums.basisCost] += basisCost
            if liquidated {
                let ideal = index * holding + notional * (1 - index * plan.inverseIndex0)
                s[CellSums.liquidationLoss] += ideal - usd - fundingCost - fees - basisCost
                s[CellSums.liquidations] += 1
                s[CellSums.liquidationSteps] += record[LiquidationRecord.step] + 1
            }
        }
    }
}
