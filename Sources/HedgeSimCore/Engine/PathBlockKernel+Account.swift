import Foundation

extension PathBlockKernel {
    /// Follows one path's margin account per USD of notional through the chunk and records the step at
    /// which each threshold group is liquidated.
    ///
    /// Per unit of notional the account value without margin is
    /// `x_t = a/F_t + c + Φ_t` (mark convention `a = 1−m, c = −1/E`; entry convention `a = 1,
    /// c = −(1+m)/E`), with `Φ_t = Σ f_k/F_k` the funding received so far (coin, positive funding
    /// pays the short). A cell with margin `M` is liquidated at the first `t` with `x_t ≤ −M/N`. Because
    /// `x` falls as the mark rises, the worst point inside a step is the step's maximum mark (from
    /// the Brownian bridge) with the funding of the step not yet paid. One pass serves all cells:
    /// thresholds are sorted, so a pointer walks down them.
    func monitorAccount(path: Int, steps: Range<Int>, scratch: BlockScratch) {
        let width = steps.count
        let groups = plan.thresholds.count
        var next = scratch.stateNextGroup[path]
        var fundingIn = scratch.stateFundingIn[path]
        var fundingOut = scratch.stateFundingOut[path]
        var inverseMark = scratch.stateInverseMark[path]
        let a = plan.markCoefficient
        let c = plan.accountConstant
        for (offset, step) in steps.enumerated() {
            let i = path * width + offset
            inverseMark = scratch.inverseMark[i]
            var worst = plan.betweenStepCheck
                ? a * scratch.inverseMarkMax[i] + c + (fundingIn - fundingOut) : Double.infinity
            let rate = scratch.fundingRate[i]
            if rate > 0 {
                fundingIn += rate * inverseMark
            } else if rate < 0 {
                fundingOut -= rate * inverseMark
            }
            worst = min(worst, a * inverseMark + c + (fundingIn - fundingOut))
            while next < groups && worst <= plan.thresholds[next] {
                let record = scratch.records + (path * groups + next) * LiquidationRecord.fieldCount
                record[LiquidationRecord.step] = Double(step)
                record[LiquidationRecord.fundingIn] = fundingIn
                record[LiquidationRecord.fundingOut] = fundingOut
                record[LiquidationRecord.inverseMark] = inverseMark
                record[LiquidationRecord.inverseIndex] = plan.isPerpetual ? inverseMark : 1 / exp(scratch.logIndex[i])
                next += 1
            }
        }
        scratch.stateNextGroup[path] = next
        scratch.stateFundingIn[path] = fundingIn
        scratch.stateFundingOut[path] = fundingOut
        scratch.stateInverseMark[path] = inverseMark
    }
}
