import Foundation
import HedgeSimRandom

extension PathBlockKernel {
    /// Advances every path of the block by one step: the log index (diffusion, jumps), the basis or
    /// funding state, the log mark at the step end, the log of the mark's maximum inside the step,
    /// and the funding rate paid at the step end. A history with a basis series sets the dated
    /// contract's basis at each step instead of its OU process.
    ///
    /// The Brownian-bridge maximum of a step whose diffusive log move is `R` with variance `s²` is
    /// `(R + √(R² − 2s²·ln U))/2` above the start; a jump is placed at the step end, so the step's
    /// maximum is `max(start + bridge, end)`.
    func advancePrices(step: Int, offset: Int, paths: Range<Int>, columnLength n: Int, scratch: BlockScratch) {
        let count = paths.count
        let base = offset * count
        let priceShock = scratch.shocks + base
        let factorShock = scratch.shocks + n + base
        let increment = scratch.increment
        let stepVariance = scratch.stepVariance
        writeIncrements(step: step, base: base, priceShock: priceShock, count: count, scratch: scratch)
        let jumpLog = scratch.jumpLog
        if plan.model == .jump {
            let jumpUniform = scratch.jumpUniform + base
            for p in 0..<count { jumpLog[p] = 0 }
            for p in 0..<count where jumpUniform[p] > plan.noJumpProbability {
                jumpLog[p] = jumpSize(uniform: jumpUniform[p], path: paths.lowerBound + p, step: step)
            }
        }
        let logIndex = scratch.stateLogIndex
        let logMark = scratch.stateLogMark
        let outIndex = scratch.logIndex + base
        let outMark = scratch.logMark + base
        let outMarkMax = scratch.logMarkMax + base
        let hasJumps = plan.model == .jump
        defer { recordBand(step: step, paths: paths, scratch: scratch) }
        if plan.isPerpetual {
            for p in 0..<count {
                let previous = logMark[p]
                let jump = hasJumps ? jumpLog[p] : 0
                let next = logIndex[p] + increment[p] + jump
                logIndex[p] = next
                logMark[p] = next
                outIndex[p] = next
                outMark[p] = next
                if plan.betweenStepCheck {
                    outMarkMax[p] = bridgeMaximum(
                        from: previous, to: next, jump: jump, variance: stepVariance[p],
                        logUniform: scratch.bridgeLogUniform[base + p])
                }
            }
            advanceFunding(step: step, factorShock: factorShock, count: count, scratch: scratch, base: base)
        } else {
            let years = plan.yearsToExpiry(afterStep: step)
            let basis = scratch.stateBasis
            for p in 0..<count {
                let previous = logMark[p]
                let jump = hasJumps ? jumpLog[p] : 0
                let nextIndex = logIndex[p] + increment[p] + jump
                let nextBasis = plan.historyBasis.isEmpty
                    ? plan.basisMean + (basis[p] - plan.basisMean) * plan.basisDecay + plan.basisInnovation * factorShock[p]
                    : plan.historyBasis[scratch.stateHistoryIndex[p]]
                let next = nextIndex + nextBasis * years
                basis[p] = nextBasis
                logIndex[p] = nextIndex
                logMark[p] = next
                outIndex[p] = nextIndex
                outMark[p] = next
                if plan.betweenStepCheck {
                    outMarkMax[p] = bridgeMaximum(
                        from: previous, to: next, jump: jump, variance: stepVariance[p],
                        logUniform: scratch.bridgeLogUniform[base + p])
                }
            }
        }
    }

    /// Keeps the log index of the band paths (the first `bandPaths` of the run) at band steps.
    @inline(__always)
    private func recordBand(step: Int, paths: Range<Int>, scratch: BlockScratch) {
        let point = plan.bandPointOfStep[step]
        guard point >= 0, scratch.bandPoints > 0, paths.lowerBound < plan.bandPaths else { return }
        for p in 0..<(min(paths.upperBound, plan.bandPaths) - paths.lowerBound) {
            scratch.bandLogIndex[p * scratch.bandPoints + point] = scratch.stateLogIndex[p]
        }
    }

    @inline(__always)
    private func bridgeMaximum(from start: Double, to end: Double, jump: Double, variance: Double, logUniform: Double) -> Double {
        let move = end - start - jump
        let rise = 0.5 * (move + (move * move - 2 * variance * logUniform).squareRoot())
        return max(start + rise, end)
    }

    /// The log increment of the step (without jumps) and its diffusive variance, per path:
    /// GBM and jumps `(μ − λk − σ²/2)Δt + σ√Δt·Z`; GARCH `μΔt − h/2 + √h·t`, with
    /// `t = Z·√(ν/χ²_ν)·√((ν−2)/ν)` and `h ← ω + α(√h·t)² + βh`; bootstrap and replay the history's
    /// return at the path's position, with the history's return variance.
    @inline(__always)
    private func writeIncrements(
        step: Int, base: Int, priceShock: UnsafeMutablePointer<Double>, count: Int, scratch: BlockScratch
    ) {
        let increment = scratch.increment
        let stepVariance = scratch.stepVariance
        let chiSquare = scratch.chiSquare + base
        switch plan.model {
        case .bootstrap, .replay:
            let position = scratch.stateHistoryIndex
            moveThroughHistory(step: step, base: base, count: count, scratch: scratch)
            let variance = plan.volPerStep * plan.volPerStep
            plan.historyReturns.withUnsafeBufferPointer { returns in
                for p in 0..<count {
                    increment[p] = returns[position[p]]
                    stepVariance[p] = variance
                }
            }
        case .gbm, .jump:
            let drift = plan.driftPerStep
            let vol = plan.volPerStep
            let variance = vol * vol
            for p in 0..<count {
                increment[p] = drift + vol * priceShock[p]
                stepVariance[p] = variance
            }
        case .garch:
            let state = scratch.stateVariance
            let dof = Double(plan.degreesOfFreedom)
            for p in 0..<count {
                let h = state[p]
                let t = priceShock[p] * (dof / chiSquare[p]).squareRoot() * plan.tScale
                let shock = h.squareRoot() * t
                increment[p] = plan.driftPerStep - 0.5 * h + shock
                stepVariance[p] = h
                state[p] = plan.garchOmega + plan.garchAlpha * shock * shock + plan.garchBeta * h
            }
        }
    }

    /// Sets each path's position in the history for this step. Replay: the step itself. Bootstrap:
    /// at the first step, and afterwards with probability `1/L`, a new block starts at a uniformly
    /// drawn position `⌊V·n⌋`; otherwise the path moves to the next position, wrapping at the end.
    private func moveThroughHistory(step: Int, base: Int, count: Int, scratch: BlockScratch) {
        let position = scratch.stateHistoryIndex
        let length = plan.historyReturns.count
        guard plan.model == .bootstrap else {
            for p in 0..<count { position[p] = step % length }
            return
        }
        let restart = scratch.uniformA + base
        let start = scratch.uniformB + base
        for p in 0..<count {
            if step == 0 || restart[p] < plan.restartProbability {
                position[p] = min(length - 1, Int(start[p] * Double(length)))
            } else {
                let next = position[p] + 1
                position[p] = next == length ? 0 : next
            }
        }
    }

    /// Accumulates the funding shocks and, on a payment step, updates the AR(1) deviation
    /// `x ← φx + σ·ΣZ/√k` (k steps per interval) and writes the clamped rate
    /// `clamp(f̄ + x, −cap, cap)` times the payments falling at this step end.
    @inline(__always)
    private func advanceFunding(
        step: Int, factorShock: UnsafeMutablePointer<Double>, count: Int, scratch: BlockScratch, base: Int
    ) {
        if !plan.historyFunding.isEmpty {
            let rate = scratch.fundingRate + base
            let position = scratch.stateHistoryIndex
            plan.historyFunding.withUnsafeBufferPointer { history in
                for p in 0..<count { rate[p] = history[position[p]] }
            }
            return
        }
        let shockSum = scratch.stateFundingShockSum
        for p in 0..<count { shockSum[p] += factorShock[p] }
        guard plan.isFundingStep(step) else { return }
        let funding = scratch.stateFunding
        let rate = scratch.fundingRate + base
        let scale = plan.fundingInnovation / Double(plan.stepsPerFunding).squareRoot()
        guard plan.paymentsPerStep > 1 else {
            for p in 0..<count {
                let deviation = plan.fundingPersistence * funding[p] + scale * shockSum[p]
                funding[p] = deviation
                shockSum[p] = 0
                rate[p] = plan.fundingRate(deviation: deviation)
            }
            return
        }
        // Several payments in one step: their summed deviation is drawn exactly (jointly with the end
        // value); the dead zone and the cap are applied to their average.
        let payments = Double(plan.paymentsPerStep)
        let independent = scratch.fundingNormal + base
        for p in 0..<count {
            let sum = plan.fundingSumDecay * funding[p] + plan.fundingSumLoading * shockSum[p]
                + plan.fundingSumResidual * independent[p]
            funding[p] = plan.fundingPersistence * funding[p] + scale * shockSum[p]
            shockSum[p] = 0
            rate[p] = plan.fundingRate(deviation: sum / payments) * payments
        }
    }

    /// Sum of the log jumps in a step given its uniform: the Poisson count `k` by inverse CDF
    /// (at most 64), then `k·μ_J + √k·σ_J·Z` with `Z` the first normal of the step's jump-size pair.
    private func jumpSize(uniform: Double, path: Int, step: Int) -> Double {
        let lambda = plan.jumpRatePerStep
        var count = 0
        var probability = plan.noJumpProbability
        var cumulative = probability
        while uniform > cumulative && count < 64 {
            count += 1
            probability *= lambda / Double(count)
            cumulative += probability
        }
        guard count > 0 else { return 0 }
        let z = random.normalPair(purpose: RandomPurpose.jumpSize.rawValue, path: path, step: step, index: 0).z1
        let k = Double(count)
        return k * plan.jumpMean + k.squareRoot() * plan.jumpStdev * z
    }
}
