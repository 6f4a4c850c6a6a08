internal import CVectorMath
import Foundation

/// One path of one cell closed at the horizon: the net holding (coin); the funding received and paid
/// (a dated short: the roll yield and the roll fees, which the kernel books in their places) and the
/// basis income over the stretches the short was open, in the margin asset (coin; USD for a linear
/// contract) per `scale` (the notional for a cell left alone, whose flows are per USD of notional; 1 for
/// a policy cell); the fees and what the venue kept at liquidations (margin asset); the coins sold for a
/// linear margin; and what a policy did.
struct PathOutcome {
    var coin: Double
    var scale: Double
    var fundingIn: Double
    var fundingOut: Double
    var basisIncome: Double
    var fees: Double
    /// The first liquidation's step (−1: never liquidated).
    var firstLiquidationStep: Double
    var forfeited: Double
    var sold: Double = 0
    var moved: Double = 0
    var actions: Double = 0
    var liquidations: Double = 0
    /// Notional open at the horizon over the cell's notional.
    var hedgeLeft: Double = 1
    /// A policy closed some of the short on this path (deleverage, de-hedge, funding exit): the gap to
    /// the synthetic dollar that is left is the hedge cut.
    var cut = false
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
            sink.horizonUnitCoin[slot] = (inverseMark - plan.account.inverse_entry)
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
            let sums = sink.sums(block: block, cell: cellIndex)
            if let managed = plan.cellPolicyIndex[cellIndex] {
                let paths = scratch.policyPaths + managed * scratch.policyStride
                settleCell(
                    cell, count: count, scratch: scratch, netCoin: sink.netCoin + out, movedCoin: sink.movedCoin.map { $0 + out },
                    sums: sums
                ) { path in
                    policyOutcome(cell, paths[path], path: path, scratch: scratch)
                }
                continue
            }
            guard cell.notional > 0, let group = plan.cellThresholdIndex[cellIndex] else {
                for path in 0..<count { sink.netCoin[out + path] = cell.spotCoin + cell.cashUSD / scratch.terminalIndex[path] }
                continue
            }
            let groups = plan.thresholds.count
            settleCell(cell, count: count, scratch: scratch, netCoin: sink.netCoin + out, movedCoin: nil, sums: sums) { path in
                groupOutcome(cell, scratch.records[path * groups + group], threshold: plan.thresholds[group], path: path, scratch: scratch)
            }
        }
    }

    /// A cell left alone on one path: not liquidated, coin `= spot + M + N(1/F_T − 1/E) + N·Φ_T − fee_exit`
    /// (linear: `spot + (M + N(1 − F_T/E) + N·Φ_T − fee_exit + cash)/P_T`, the account and the stablecoin
    /// left in USD); liquidated, coin `= spot (+ cash/P_T)` (margin and account forfeited, hedge gone). Funding and basis run to the exit (horizon or
    /// liquidation).
    private func groupOutcome(
        _ cell: HedgeCell, _ record: hs_liquidation_record, threshold: Double, path: Int, scratch: BlockScratch
    ) -> PathOutcome {
        let notional = cell.notional
        let inverseMark = scratch.stateInverseMark[path]
        let liquidated = record.step >= 0
        let exitInverseMark = liquidated ? record.inverse_mark : inverseMark
        let exitInverseIndex = liquidated ? record.inverse_index : horizonIndexTerm(path: path, scratch: scratch)
        let fundingIn = liquidated ? record.funding_in : scratch.stateFundingIn[path]
        let fundingOut = liquidated ? record.funding_out : scratch.stateFundingOut[path]
        let exitFee = liquidated ? 0 : plan.exitFeeRate * notional * inverseMark
        let sign = plan.pnlSign
        let margin = plan.isLinear ? cell.linearMarginUSD : cell.marginCoin
        let coin: Double
        if liquidated {
            coin = cell.spotCoin + cell.cashUSD / scratch.terminalIndex[path]
        } else if plan.isLinear {
            let usd = margin + notional * (sign * (inverseMark - plan.account.inverse_entry)) + notional * (fundingIn - fundingOut) - exitFee
            coin = cell.spotCoin + (usd + cell.cashUSD) / scratch.terminalIndex[path]
        } else {
            coin = cell.spotCoin + margin + notional * (inverseMark - plan.account.inverse_entry) + notional * (fundingIn - fundingOut) - exitFee
        }
        return PathOutcome(
            coin: coin, scale: notional, fundingIn: fundingIn, fundingOut: fundingOut,
            basisIncome: sign * ((exitInverseMark - plan.account.inverse_entry) - (exitInverseIndex - plan.inverseIndex0)),
            fees: (plan.isLinear ? cell.entryFeeCoin * plan.scenario.price : cell.entryFeeCoin) + exitFee,
            firstLiquidationStep: record.step,
            forfeited: liquidated
                ? forfeitedCoin(notional: notional, margin: margin, threshold: threshold,
                                inverseMark: exitInverseMark, funding: fundingIn - fundingOut)
                : 0,
            sold: cell.coinsSold)
    }

    /// The index's term at the horizon, as the mark term's: the mark term itself for a perpetual; `1/P_T`
    /// (inverse) or `P_T/E` (linear) for a dated contract.
    private func horizonIndexTerm(path: Int, scratch: BlockScratch) -> Double {
        if plan.isPerpetual { return scratch.stateInverseMark[path] }
        return plan.isLinear ? scratch.terminalIndex[path] / plan.entryPrice : 1 / scratch.terminalIndex[path]
    }

    /// A policy cell on one path (`hs_policy_path`): the stretches the kernel closed, and the one still
    /// open at the horizon, closed there: coin `= spot − moved − sold + cash/P_T + M + n(1/F_T − 1/F_o) +
    /// n(Φ_T − Φ_o) − fee_exit`; a closed short adds its balance `M` (0 after a liquidation, what was left
    /// after a de-hedge).
    private func policyOutcome(_ cell: HedgeCell, _ state: hs_policy_path, path: Int, scratch: BlockScratch) -> PathOutcome {
        let notional = state.notional
        let inverseMark = scratch.stateInverseMark[path]
        let inverseIndex = horizonIndexTerm(path: path, scratch: scratch)
        let fundingIn = scratch.stateFundingIn[path], fundingOut = scratch.stateFundingOut[path]
        var outcome = PathOutcome(
            coin: cell.spotCoin - state.moved - state.spot_sold + state.cash / scratch.terminalIndex[path] + (notional > 0 ? 0 : state.margin),
            scale: 1, fundingIn: state.funding_in, fundingOut: state.funding_out,
            basisIncome: state.basis_income, fees: cell.entryFeeCoin + state.fees,
            firstLiquidationStep: state.first_liquidation.step, forfeited: state.forfeited, moved: state.moved,
            actions: state.actions, liquidations: state.liquidations, hedgeLeft: notional / cell.notional,
            cut: state.actions > 0 && cell.policy.cutsTheShort)
        guard notional > 0 else { return outcome }
        let exitFee = plan.exitFeeRate * notional * inverseMark
        // Added term by term, as a cell left alone adds them, so an untouched path gives the same bits.
        outcome.coin = outcome.coin + state.margin + notional * (inverseMark - state.open_inverse_mark)
            + notional * ((fundingIn - state.open_funding_in) - (fundingOut - state.open_funding_out)) - exitFee
        outcome.fundingIn += notional * (fundingIn - state.open_funding_in)
        outcome.fundingOut += notional * (fundingOut - state.open_funding_out)
        outcome.basisIncome += notional * ((inverseMark - state.open_inverse_mark) - (inverseIndex - state.open_inverse_index))
        outcome.fees += exitFee
        return outcome
    }

    /// Sums one cell with a position over the paths of a block (see `settleBlock`), given each path's
    /// outcome. Costs (USD, valued at `P_T`): funding `P_T·(out − in)`, fees `P_T·fees`, basis
    /// `−P_T·basisIncome` (a dated short: less the roll yield), rolls `P_T·roll fees`; the rest of the gap to the synthetic dollar is the liquidation loss on paths
    /// liquidated at least once, and on other paths the hedge cut (PnL missed on notional a deleverage
    /// bought back; zero when the whole notional is still open).
    private func settleCell(
        _ cell: HedgeCell, count: Int, scratch: BlockScratch, netCoin: UnsafeMutablePointer<Double>,
        movedCoin: UnsafeMutablePointer<Double>?, sums: UnsafeMutablePointer<CellSums>, outcome: (Int) -> PathOutcome
    ) {
        let notional = cell.notional
        // Each (block, cell) row of sums is written by this call alone.
        var total = CellSums()
        defer { sums.pointee = total }
        for path in 0..<count {
            let o = outcome(path)
            let index = scratch.terminalIndex[path]
            // Coin flows are valued at P_T; a linear contract's are USD already.
            let value = plan.isLinear ? 1 : index
            netCoin[path] = o.coin
            movedCoin?[path] = o.moved
            let perpetual = plan.isPerpetual
            let fundingReceived = perpetual ? value * o.scale * o.fundingIn : 0
            let fundingPaid = perpetual ? value * o.scale * o.fundingOut : 0
            let rollYield = perpetual ? 0 : value * o.scale * o.fundingIn
            let rollCost = perpetual ? 0 : value * o.scale * o.fundingOut
            let fees = value * o.fees
            let fundingCost = fundingPaid - fundingReceived
            let basisCost = -(value * o.scale * o.basisIncome) - rollYield
            let saleCost = o.sold * (index - plan.scenario.price)
            total.fundingCost += fundingCost
            total.fundingReceived += fundingReceived
            total.fundingPaid += fundingPaid
            total.fees += fees
            total.basisCost += basisCost
            total.rollCost += rollCost
            total.marginSale += saleCost
            total.coinsMoved += o.moved
            total.actions += o.actions
            total.actedPaths += o.actions > 0 ? 1 : 0
            total.liquidationEvents += o.liquidations
            total.hedgeLeft += o.hedgeLeft
            let liquidated = o.firstLiquidationStep >= 0
            guard liquidated || o.cut else { continue }
            let rest = plan.idealUSD(index: index, notional: notional) - index * o.coin - fundingCost - fees - basisCost - rollCost - saleCost
            if liquidated {
                total.liquidationLoss += rest
                total.forfeitedMargin += value * o.forfeited
                total.liquidations += 1
                total.liquidationSteps += o.firstLiquidationStep + 1
            } else {
                total.hedgeCut += rest
            }
        }
    }

    /// Coin the venue keeps when it liquidates `cell`: the margin balance left. With the between-step
    /// check the mark crosses the liquidation level continuously, so the balance is exactly the
    /// maintenance requirement there: `m·N/F_θ` (mark convention, `1/F_θ = (θ − c − Φ)/a` from the
    /// account rule) or `m·N/E` (entry convention). Checked at step ends only, the mark may overshoot:
    /// the balance `M + N(1/F − 1/E + Φ)` at the step end, never below 0 (beyond bankruptcy the
    /// venue's insurance fund takes the rest).
    private func forfeitedCoin(notional: Double, margin: Double, threshold: Double, inverseMark: Double, funding: Double) -> Double {
        guard plan.scenario.betweenStepCheck else {
            return max(0, margin + notional * (plan.pnlSign * (inverseMark - plan.account.inverse_entry) + funding))
        }
        let rate = plan.scenario.maintenanceRate
        switch plan.scenario.maintenanceConvention {
        case .entry: return rate * notional * plan.account.inverse_entry
        case .mark:
            let inverseLevel = (threshold - plan.account.constant - funding) / plan.account.mark_coefficient
            return max(0, rate * notional * inverseLevel)
        }
    }
}
