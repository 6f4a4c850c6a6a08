import Foundation
import HedgeSimRandom

/// Streams of the counter-based generator; each purpose owns its own address space, so adding a use
/// of randomness never shifts another's draws. Changing these values changes every result.
enum RandomPurpose: UInt32 {
    /// Box–Muller pair per (path, step): price shock and funding/basis shock.
    case diffusion = 1
    /// Uniform pair per (path, step): Brownian-bridge maximum, jump count.
    case stepUniforms = 2
    /// Box–Muller pair per (path, step), drawn only when the step has a jump.
    case jumpSize = 3
    /// Uniform pairs per (path, step) for the χ² of Student-t shocks (index = pair number).
    case studentT = 4
}

/// Generates one block of paths chunk by chunk and feeds each chunk straight to the liquidation
/// monitor, so memory never holds a whole path.
///
/// Implementation goals, in order: reproducibility (every draw addressed by seed, purpose, path and
/// step; fixed block shape), accuracy, no allocation in the loops, speed.
struct PathBlockKernel {
    let plan: SimulationPlan
    let random: CounterRandomSource

    /// Runs paths `[firstPath, firstPath + count)` to the horizon, leaving in `scratch` each path's
    /// terminal state and liquidation records.
    func run(firstPath: Int, count: Int, scratch: BlockScratch) {
        resetState(count: count, scratch: scratch)
        var chunkStart = 0
        while chunkStart < plan.steps {
            let chunkCount = min(SimulationPlan.chunkSteps, plan.steps - chunkStart)
            let steps = chunkStart..<(chunkStart + chunkCount)
            drawShocks(paths: firstPath..<(firstPath + count), steps: steps, scratch: scratch)
            let n = count * chunkCount
            for path in 0..<count {
                advancePrices(path: path, globalPath: firstPath + path, steps: steps, columnLength: n, scratch: scratch)
            }
            for i in 0..<n { scratch.logMark[i] = -scratch.logMark[i] }
            VectorMath.exp(scratch.logMark, into: scratch.inverseMark, count: n)
            if plan.betweenStepCheck {
                for i in 0..<n { scratch.logMarkMax[i] = -scratch.logMarkMax[i] }
                VectorMath.exp(scratch.logMarkMax, into: scratch.inverseMarkMax, count: n)
            }
            for path in 0..<count {
                monitorAccount(path: path, steps: steps, scratch: scratch)
            }
            chunkStart += chunkCount
        }
    }

    private func resetState(count: Int, scratch: BlockScratch) {
        let initialVariance = plan.scenario.vol * plan.scenario.vol * plan.dt
        let logMark0 = Foundation.log(plan.entryPrice)
        for path in 0..<count {
            scratch.stateLogIndex[path] = plan.logPrice0
            scratch.stateLogMark[path] = logMark0
            scratch.stateVariance[path] = initialVariance
            scratch.stateFunding[path] = 0
            scratch.stateFundingShockSum[path] = 0
            scratch.stateBasis[path] = plan.basisMean
            scratch.stateFundingIn[path] = 0
            scratch.stateFundingOut[path] = 0
            scratch.stateInverseMark[path] = 1 / plan.entryPrice
            scratch.stateNextGroup[path] = 0
        }
        let fields = LiquidationRecord.fieldCount
        for i in 0..<(count * max(1, plan.thresholds.count)) {
            scratch.records[i * fields + LiquidationRecord.step] = -1
        }
    }

    /// Fills the chunk's correlated normals (`shocks`), bridge `ln U`, jump uniforms and χ² draws.
    private func drawShocks(paths: Range<Int>, steps: Range<Int>, scratch: BlockScratch) {
        let n = paths.count * steps.count
        random.fillUniformPairs(
            purpose: RandomPurpose.diffusion.rawValue, index: 0, paths: paths, steps: steps,
            first: scratch.uniformA, second: scratch.uniformB)
        NormalTransform.boxMuller(
            u1: scratch.uniformA, u2: scratch.uniformB, z1: scratch.rawNormals, z2: scratch.rawNormals + n, count: n)
        BLAS.multiplyByTransposedFactor(
            scratch.rawNormals, rows: n, factor: plan.correlationFactor, order: 2, into: scratch.shocks)
        if plan.betweenStepCheck || plan.model == .jump {
            random.fillUniformPairs(
                purpose: RandomPurpose.stepUniforms.rawValue, index: 0, paths: paths, steps: steps,
                first: scratch.uniformA, second: scratch.jumpUniform)
            if plan.betweenStepCheck {
                VectorMath.log(scratch.uniformA, into: scratch.bridgeLogUniform, count: n)
            }
        }
        if plan.model == .garch {
            drawChiSquare(paths: paths, steps: steps, scratch: scratch)
        }
    }

    /// χ²_ν for each (path, step): `−2·Σ ln U_i` over `⌊ν/2⌋` uniforms (a sum of exponentials), plus
    /// `Z²` when ν is odd. A fixed number of draws per step, so addresses never shift.
    private func drawChiSquare(paths: Range<Int>, steps: Range<Int>, scratch: BlockScratch) {
        let n = paths.count * steps.count
        let dof = plan.degreesOfFreedom
        let exponentials = dof / 2
        let pairs = (exponentials + 1) / 2
        for i in 0..<n { scratch.chiSquare[i] = 0 }
        for pair in 0..<pairs {
            random.fillUniformPairs(
                purpose: RandomPurpose.studentT.rawValue, index: UInt32(pair), paths: paths, steps: steps,
                first: scratch.uniformA, second: scratch.uniformB)
            VectorMath.log(scratch.uniformA, into: scratch.uniformA, count: n)
            for i in 0..<n { scratch.chiSquare[i] -= 2 * scratch.uniformA[i] }
            if 2 * pair + 1 < exponentials {
                VectorMath.log(scratch.uniformB, into: scratch.uniformB, count: n)
                for i in 0..<n { scratch.chiSquare[i] -= 2 * scratch.uniformB[i] }
            }
        }
        if dof % 2 == 1 {
            random.fillUniformPairs(
                purpose: RandomPurpose.studentT.rawValue, index: UInt32(pairs), paths: paths, steps: steps,
                first: scratch.uniformA, second: scratch.uniformB)
            NormalTransform.boxMuller(
                u1: scratch.uniformA, u2: scratch.uniformB, z1: scratch.uniformA, z2: scratch.uniformB, count: n)
            for i in 0..<n { scratch.chiSquare[i] += scratch.uniformA[i] * scratch.uniformA[i] }
        }
    }

    /// Advances the price, the second factor and the funding rate of one path through the chunk,
    /// writing the log mark at each step end, the log of the mark's maximum within the step, the log
    /// index, and the funding rate paid at the step end (0 when none falls due).
    @inline(__always)
    private func advancePrices(path: Int, globalPath: Int, steps: Range<Int>, columnLength n: Int, scratch: BlockScratch) {
        let width = steps.count
        var logIndex = scratch.stateLogIndex[path]
        var logMark = scratch.stateLogMark[path]
        var variance = scratch.stateVariance[path]
        var funding = scratch.stateFunding[path]
        var fundingShockSum = scratch.stateFundingShockSum[path]
        var basis = scratch.stateBasis[path]
        for (offset, step) in steps.enumerated() {
            let i = path * width + offset
            let priceShock = scratch.shocks[i]
            let factorShock = scratch.shocks[n + i]
            var stepVariance: Double
            var diffusive: Double
            switch plan.model {
            case .gbm, .jump:
                diffusive = plan.driftPerStep + plan.volPerStep * priceShock
                stepVariance = plan.volPerStep * plan.volPerStep
            case .garch:
                let t = priceShock * (Double(plan.degreesOfFreedom) / scratch.chiSquare[i]).squareRoot() * plan.tScale
                let shock = variance.squareRoot() * t
                diffusive = plan.driftPerStep - 0.5 * variance + shock
                stepVariance = variance
                variance = plan.garchOmega + plan.garchAlpha * shock * shock + plan.garchBeta * variance
            }
            var jump = 0.0
            if plan.model == .jump && scratch.jumpUniform[i] > plan.noJumpProbability {
                jump = jumpSize(uniform: scratch.jumpUniform[i], path: globalPath, step: step)
            }
            logIndex += diffusive + jump
            let previousLogMark = logMark
            if plan.isPerpetual {
                logMark = logIndex
            } else {
                basis = plan.basisMean + (basis - plan.basisMean) * plan.basisDecay + plan.basisInnovation * factorShock
                logMark = logIndex + basis * plan.yearsToExpiry(afterStep: step)
            }
            scratch.logMark[i] = logMark
            scratch.logIndex[i] = logIndex
            if plan.betweenStepCheck {
                let move = logMark - previousLogMark - jump
                let bridge = 0.5 * (move + (move * move - 2 * stepVariance * scratch.bridgeLogUniform[i]).squareRoot())
                scratch.logMarkMax[i] = max(previousLogMark + bridge, logMark)
            }
            var rate = 0.0
            if plan.isPerpetual {
                fundingShockSum += factorShock
                if (step + 1) % plan.stepsPerFunding == 0 {
                    let innovation = fundingShockSum / Double(plan.stepsPerFunding).squareRoot()
                    funding = plan.fundingPersistence * funding + plan.fundingInnovation * innovation
                    fundingShockSum = 0
                    let clamped = min(plan.fundingCap, max(-plan.fundingCap, plan.fundingMean + funding))
                    rate = clamped * Double(plan.paymentsPerStep)
                }
            }
            scratch.fundingRate[i] = rate
        }
        scratch.stateLogIndex[path] = logIndex
        scratch.stateLogMark[path] = logMark
        scratch.stateVariance[path] = variance
        scratch.stateFunding[path] = funding
        scratch.stateFundingShockSum[path] = fundingShockSum
        scratch.stateBasis[path] = basis
    }

    /// Sum of the log jumps in a step given its uniform: the Poisson count `k` by inverse CDF
    /// (at most 64), then `k·μ_J + √k·σ_J·Z` with `Z` from the step's jump-size stream.
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
        let (u1, u2) = random.uniformPair(purpose: RandomPurpose.jumpSize.rawValue, path: path, step: step, index: 0)
        let z = NormalTransform.boxMuller(u1, u2).0
        let k = Double(count)
        return k * plan.jumpMean + k.squareRoot() * plan.jumpStdev * z
    }
}
