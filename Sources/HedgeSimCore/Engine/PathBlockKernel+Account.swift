import Foundation

extension PathBlockKernel {
    /// Follows the margin account per USD of notional of every path through one step and records
    /// the step at which each threshold group is liquidated.
    ///
    /// Per unit of notional the account value without margin is
    /// `x_t = a/F_t + c + Φ_t` (mark convention `a = 1−m, c = −1/E`; entry convention `a = 1,
    /// c = −(1+m)/E`), with `Φ_t = Σ f_k/F_k` the funding received so far (coin, positive funding
    /// pays the short). A cell with margin `M` is liquidated at the first `t` with `x_t ≤ −M/N`. Because
    /// `x` falls as the mark rises, the worst point inside a step is the step's maximum mark (from
    /// the Brownian bridge) with the funding of the step not yet paid. One pass serves all cells:
    /// thresholds are sorted, so each path keeps the next one it can reach. The lowest `x` a path
    /// reaches decides every threshold at once (liquidated exactly when it is ≤ `−M/N`): it gives
    /// the liquidation probability of any leverage after the run (`LeverageProfile`).
    func monitorAccount(step: Int, offset: Int, count: Int, scratch: BlockScratch) {
        let base = offset * count
        let inverseMark = scratch.inverseMark + base
        let fundingIn = scratch.stateFundingIn
        let fundingOut = scratch.stateFundingOut
        let worst = scratch.worst
        let a = plan.markCoefficient
        let c = plan.accountConstant
        if plan.betweenStepCheck {
            let inverseMarkMax = scratch.inverseMarkMax + base
            for p in 0..<count { worst[p] = a * inverseMarkMax[p] + c + (fundingIn[p] - fundingOut[p]) }
        } else {
            for p in 0..<count { worst[p] = .infinity }
        }
        if plan.isPerpetual && plan.isFundingStep(step) {
            let rate = scratch.fundingRate + base
            for p in 0..<count {
                fundingIn[p] += max(rate[p], 0) * inverseMark[p]
                fundingOut[p] += max(-rate[p], 0) * inverseMark[p]
            }
        }
        let lowest = scratch.stateLowestAccount
        for p in 0..<count {
            worst[p] = min(worst[p], a * inverseMark[p] + c + (fundingIn[p] - fundingOut[p]))
            lowest[p] = min(lowest[p], worst[p])
        }
        let next = scratch.stateNextThreshold
        for p in 0..<count where worst[p] <= next[p] {
            recordLiquidations(path: p, step: step, worst: worst[p], base: base, scratch: scratch)
        }
        if step == plan.steps - 1 {
            for p in 0..<count { scratch.stateInverseMark[p] = inverseMark[p] }
        }
    }

    /// Books every threshold group the path has now reached, in order, with the account state.
    private func recordLiquidations(path p: Int, step: Int, worst: Double, base: Int, scratch: BlockScratch) {
        let groups = plan.thresholds.count
        var group = scratch.stateNextGroup[p]
        let inverseMark = scratch.inverseMark[base + p]
        let inverseIndex = plan.isPerpetual ? inverseMark : 1 / Foundation.exp(scratch.logIndex[base + p])
        while group < groups && worst <= plan.thresholds[group] {
            let record = scratch.records + (p * groups + group) * LiquidationRecord.fieldCount
            record[LiquidationRecord.step] = Double(step)
            record[LiquidationRecord.fundingIn] = scratch.stateFundingIn[p]
            record[LiquidationRecord.fundingOut] = scratch.stateFundingOut[p]
            record[LiquidationRecord.inverseMark] = inverseMark
            record[LiquidationRecord.inverseIndex] = inverseIndex
            group += 1
        }
        scratch.stateNextGroup[p] = group
        scratch.stateNextThreshold[p] = group < groups ? plan.thresholds[group] : -.infinity
    }
}
