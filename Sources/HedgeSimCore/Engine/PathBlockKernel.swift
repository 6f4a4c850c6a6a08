import Foundation
import HedgeSimRandom

/// Streams of the counter-based generator; each purpose owns its own address space, so adding a use
/// of randomness never shifts another's draws. Changing these values changes every result.
enum RandomPurpose: UInt32 {
    /// Normal pair per (path, step): price shock and funding/basis shock; its spare uniform decides
    /// the step's jump count.
    case diffusion = 1
    /// Uniform pair per (path, step): the first gives the Brownian-bridge maximum.
    case stepUniforms = 2
    /// Normal pair per (path, step), used only when the step has a jump.
    case jumpSize = 3
    /// Uniform pairs per (path, step) for the χ² of Student-t shocks (index = pair number; with an odd
    /// ν, the normal pair at the next index adds its `Z²`).
    case studentT = 4
    /// Uniform pair per (path, step) of the bootstrap: whether to start a new block, and where.
    case bootstrap = 5
    /// Normal pair per (path, step): the independent normal of the summed funding when several
    /// payments fall in one step.
    case fundingSum = 6
}

/// Generates one block of paths chunk by chunk and feeds each chunk straight to the liquidation
/// monitor, so memory never holds a whole path.
///
/// Chunk buffers are step-major: element `(step j, path p)` sits at `j·count + p`, so each step's
/// update is a loop over contiguous paths that the compiler vectorises; the rare events (a jump, a
/// liquidation) are handled in a scalar pass over the step.
///
/// Implementation goals, in order: reproducibility (every draw addressed by seed, purpose, path and
/// step; fixed block shape), accuracy, no allocation in the loops, speed.
struct PathBlockKernel {
    let plan: SimulationPlan
    let random: CounterRandomSource

    /// Runs paths `[firstPath, firstPath + count)` to the horizon, leaving in `scratch` each path's
    /// terminal state and liquidation records.
    func run(firstPath: Int, count: Int, scratch: BlockScratch) {
        if plan.usesFusedKernel {
            runFused(firstPath: firstPath, count: count, scratch: scratch)
            return
        }
        resetState(count: count, scratch: scratch)
        var chunkStart = 0
        while chunkStart < plan.steps {
            let chunkCount = min(SimulationPlan.chunkSteps, plan.steps - chunkStart)
            let paths = firstPath..<(firstPath + count)
            drawShocks(paths: paths, steps: chunkStart..<(chunkStart + chunkCount), scratch: scratch)
            let n = count * chunkCount
            for offset in 0..<chunkCount {
                advancePrices(step: chunkStart + offset, offset: offset, paths: paths, columnLength: n, scratch: scratch)
            }
            negate(scratch.logMark, count: n)
            VectorMath.exp(scratch.logMark, into: scratch.inverseMark, count: n)
            if plan.betweenStepCheck {
                negate(scratch.logMarkMax, count: n)
                VectorMath.exp(scratch.logMarkMax, into: scratch.inverseMarkMax, count: n)
            }
            for offset in 0..<chunkCount {
                monitorAccount(step: chunkStart + offset, offset: offset, count: count, scratch: scratch)
            }
            chunkStart += chunkCount
        }
    }

    private func negate(_ values: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { values[i] = -values[i] }
    }

    private func resetState(count: Int, scratch: BlockScratch) {
        let initialVariance = plan.scenario.vol * plan.scenario.vol * plan.dt
        let logMark0 = Foundation.log(plan.entryPrice)
        let firstThreshold = plan.thresholds.first ?? -Double.infinity
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
            scratch.stateLowestAccount[path] = .infinity
            scratch.stateNextGroup[path] = 0
            scratch.stateNextThreshold[path] = firstThreshold
        }
        let fields = LiquidationRecord.fieldCount
        for i in 0..<(count * max(1, plan.thresholds.count)) {
            scratch.records[i * fields + LiquidationRecord.step] = -1
        }
    }

    /// Fills the chunk's correlated normals (`shocks`) and jump uniforms, bridge `ln U` and χ² draws,
    /// one step (a contiguous row of paths) at a time.
    private func drawShocks(paths: Range<Int>, steps: Range<Int>, scratch: BlockScratch) {
        let n = paths.count * steps.count
        random.fillNormalRows(
            purpose: RandomPurpose.diffusion.rawValue, index: 0, paths: paths, steps: steps,
            z1: scratch.rawNormals, z2: scratch.rawNormals + n, u3: plan.model == .jump ? scratch.jumpUniform : nil)
        if plan.scenario.antithetic {
            mirrorPairs(scratch.rawNormals, paths: paths.count, rows: steps.count)
            mirrorPairs(scratch.rawNormals + n, paths: paths.count, rows: steps.count)
        }
        BLAS.multiplyByTransposedFactor(
            scratch.rawNormals, rows: n, factor: plan.correlationFactor, order: 2, into: scratch.shocks)
        if plan.betweenStepCheck {
            fillRows(.stepUniforms, index: 0, paths: paths, steps: steps, first: scratch.uniformA, second: scratch.uniformB)
            VectorMath.log(scratch.uniformA, into: scratch.bridgeLogUniform, count: n)
        }
        if plan.model == .garch {
            drawChiSquare(paths: paths, steps: steps, scratch: scratch)
        }
        if plan.model == .bootstrap {
            fillRows(.bootstrap, index: 0, paths: paths, steps: steps, first: scratch.uniformA, second: scratch.uniformB)
        }
        if plan.isPerpetual && plan.historyFunding.isEmpty && plan.paymentsPerStep > 1 {
            random.fillNormalRows(
                purpose: RandomPurpose.fundingSum.rawValue, index: 0, paths: paths, steps: steps,
                z1: scratch.fundingNormal, z2: scratch.fundingSpare, u3: nil)
        }
    }

    /// Antithetic pairs: in every step row, path `2k+1` takes the negated shock of path `2k` (blocks
    /// start at even paths, so pairs never straddle blocks or shards).
    private func mirrorPairs(_ normals: UnsafeMutablePointer<Double>, paths: Int, rows: Int) {
        for row in 0..<rows {
            let base = normals + row * paths
            for p in stride(from: 0, to: paths - 1, by: 2) { base[p + 1] = -base[p] }
        }
    }

    /// Uniform pairs of a chunk in step-major order (row `j` = step `steps.lowerBound + j`).
    private func fillRows(
        _ purpose: RandomPurpose, index: UInt32, paths: Range<Int>, steps: Range<Int>,
        first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>
    ) {
        for (row, step) in steps.enumerated() {
            let offset = row * paths.count
            random.fillUniformPairs(
                purpose: purpose.rawValue, index: index, paths: paths, steps: step..<(step + 1),
                first: first + offset, second: second + offset)
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
            fillRows(.studentT, index: UInt32(pair), paths: paths, steps: steps, first: scratch.uniformA, second: scratch.uniformB)
            VectorMath.log(scratch.uniformA, into: scratch.uniformA, count: n)
            for i in 0..<n { scratch.chiSquare[i] -= 2 * scratch.uniformA[i] }
            if 2 * pair + 1 < exponentials {
                VectorMath.log(scratch.uniformB, into: scratch.uniformB, count: n)
                for i in 0..<n { scratch.chiSquare[i] -= 2 * scratch.uniformB[i] }
            }
        }
        if dof % 2 == 1 {
            random.fillNormalRows(
                purpose: RandomPurpose.studentT.rawValue, index: UInt32(pairs), paths: paths, steps: steps,
                z1: scratch.uniformA, z2: scratch.uniformB, u3: nil)
            for i in 0..<n { scratch.chiSquare[i] += scratch.uniformA[i] * scratch.uniformA[i] }
        }
    }
}
