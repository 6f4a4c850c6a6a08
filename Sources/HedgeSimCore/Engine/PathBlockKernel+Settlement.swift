internal import CVectorMath
import Foundation

/// Sums over the paths of one block, per cell, in the order `CellSums` lists them; reduced across
/// blocks in block order so totals do not depend on threads.
enum CellSums {
    static let fieldCount = 17
    /// Funding cost in USD (paid − received, valued at the horizon price).
    static let fundingCost = 0
    static let fundingReceived = 1
    static let fundingPaid = 2
    static let fees = 3
    /// Basis cost in USD (minus the basis PnL).
    static let basisCost = 4
    static let liquidationLoss = 5
    /// Paths liquidated at least once.
    static let liquidations = 6
    /// Sum of first liquidation times in steps (the step's end, `step + 1`).
    static let liquidationSteps = 7
    /// The part of `liquidationLoss` the venue keeps: the margin balances left at the liquidations.
    static let forfeitedMargin = 8
    /// Policy cells: coins moved from the spot holding into the margin, the policy's actions (top-ups,
    /// deleverages, re-hedges), paths with at least one action, liquidations in all (a re-hedged path
    /// may be liquidated again), the share of the notional still open at the horizon, and the hedge
    /// PnL missed on notional a deleverage bought back (USD, as a cost).
    static let coinsMoved = 9
    static let actions = 10
    static let actedPaths = 11
    static let liquidationEvents = 12
    static let hedgeLeft = 13
    static let hedgeCut = 14
    /// Fees of rolling a dated short into the next contracts, USD.
    static let rollCost = 15
    /// Linear contracts: the coins sold at the start for the stablecoin margin and fee, at what they
    /// would have been worth at the horizon less what they fetched, `sold·(P_T − P₀)` USD.
    static let marginSale = 16
}

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
            let usd = margin + notional * (sign * (inverseMark - plan.inverseEntry)) + notional * (fundingIn - fundingOut) - exitFee
            coin = cell.spotCoin + (usd + cell.cashUSD) / scratch.terminalIndex[path]
        } else {
            coin = cell.spotCoin + margin + notional * (inverseMark - plan.inverseEntry) + notional * (fundingIn - fundingOut) - exitFee
        }
        return PathOutcome(
            coin: coin, scale: notional, fundingIn: fundingIn, fundingOut: fundingOut,
            basisIncome: sign * ((exitInverseMark - plan.inverseEntry) - (exitInverseIndex - plan.inverseIndex0)),
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
        movedCoin: UnsafeMutablePointer<Double>?, sums: UnsafeMutablePointer<Double>, outcome: (Int) -> PathOutcome
    ) {
        let notional = cell.notional
        // Each (block, cell) row of sums starts at zero and is written by this call alone.
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
            sums[CellSums.fundingCost] += fundingCost
            sums[CellSums.fundingReceived] += fundingReceived
            sums[CellSums.fundingPaid] += fundingPaid
            sums[CellSums.fees] += fees
            sums[CellSums.basisCost] += basisCost
            sums[CellSums.rollCost] += rollCost
            sums[CellSums.marginSale] += saleCost
            sums[CellSums.coinsMoved] += o.moved
            sums[CellSums.actions] += o.actions
            sums[CellSums.actedPaths] += o.actions > 0 ? 1 : 0
            sums[CellSums.liquidationEvents] += o.liquidations
            sums[CellSums.hedgeLeft] += o.hedgeLeft
            let liquidated = o.firstLiquidationStep >= 0
            guard liquidated || o.cut else { continue }
            let rest = plan.idealUSD(index: index, notional: notional) - index * o.coin - fundingCost - fees - basisCost - rollCost - saleCost
            if liquidated {
                sums[CellSums.liquidationLoss] += rest
                sums[CellSums.forfeitedMargin] += value * o.forfeited
                sums[CellSums.liquidations] += 1
                sums[CellSums.liquidationSteps] += o.firstLiquidationStep + 1
            } else {
                sums[CellSums.hedgeCut] += rest
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
        guard plan.betweenStepCheck else {
            return max(0, margin + notional * (plan.pnlSign * (inverseMark - plan.inverseEntry) + funding))
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
