import CVectorMath
@testable import HedgeSimCore
@testable import HedgeSimRandom

/// The step model written plainly — one path, one step, one formula at a time — as the oracle the C
/// path kernel (`hs_simulate_paths`) is checked against. Slow and obviously right: the same random
/// draws (by counter: seed, purpose, path, step), the same formulas in the same order, and the
/// kernel's own `exp`, `log`, Box–Muller and Student-t transforms called one value at a time, so
/// that the two agree bit for bit.
struct ReferenceKernel {
    let plan: SimulationPlan
    let random: CounterRandomSource

    init(plan: SimulationPlan, seed: UInt64) {
        self.plan = plan
        random = CounterRandomSource(seed: seed)
    }

    /// What the kernel leaves for one path.
    struct PathResult: Equatable {
        var logIndex = 0.0
        var inverseMark = 0.0
        var fundingIn = 0.0
        var fundingOut = 0.0
        var lowestAccount = Double.infinity
        /// Per threshold group: step (−1 = never), funding in, funding out, 1/F, 1/P.
        var records: [[Double]]
        var band: [Double]
    }

    private func exp(_ x: Double) -> Double {
        var input = x, output = 0.0
        hs_vexp(&input, &output, 1)
        return output
    }

    private func log(_ x: Double) -> Double {
        var input = x, output = 0.0
        hs_vlog(&input, &output, 1)
        return output
    }

    /// The 52-bit uniform of words 1:0 and of words 3:2 of block (purpose, path, step).
    private func uniformPair(_ purpose: RandomPurpose, path: Int, step: Int) -> (Double, Double) {
        var first = 0.0, second = 0.0
        random.fillUniformPairs(
            purpose: purpose.rawValue, index: 0, paths: path..<(path + 1), steps: step..<(step + 1),
            first: &first, second: &second)
        return (first, second)
    }

    /// The price's normal, the second normal and GARCH's Student t of the step: path 2k+1 of an
    /// antithetic run takes the negated draws of path 2k.
    private func shocks(path: Int, step: Int) -> (z1: Double, z2: Double, t: Double) {
        let leader = plan.scenario.antithetic ? path & ~1 : path
        let sign = leader == path ? 1.0 : -1.0
        let pair = random.normalPair(purpose: RandomPurpose.diffusion.rawValue, path: leader, step: step, index: 0)
        var t = 0.0
        if plan.scenario.model == .garch {
            hs_student_t_rows(random.seed, RandomPurpose.diffusion.rawValue, 0, UInt32(leader), 1, UInt32(step), 1,
                              plan.price.garch_dof, &t)
        }
        return (sign * pair.z1, sign * pair.z2, sign * t)
    }

    /// Sum of the log jumps of a step: Poisson count by inverse CDF of `u` (at most 64), then
    /// `k·μ_J + √k·σ_J·Z`.
    private func jump(uniform u: Double, path: Int, step: Int) -> Double {
        guard u > plan.price.no_jump_probability else { return 0 }
        var count = 0
        var probability = plan.price.no_jump_probability
        var cumulative = probability
        while u > cumulative && count < 64 {
            count += 1
            probability *= plan.price.jump_rate_per_step / Double(count)
            cumulative += probability
        }
        guard count > 0 else { return 0 }
        let z = random.normalPair(purpose: RandomPurpose.jumpSize.rawValue, path: path, step: step, index: 0).z1
        let k = Double(count)
        return k * plan.price.jump_mean + k.squareRoot() * plan.price.jump_stdev * z
    }

    /// `clamp(f̄ + sign(x)·max(|x| − w, 0), ±cap)`.
    func fundingRate(deviation x: Double) -> Double {
        let shrunk = min(max(0, x - plan.funding.dead_zone), x + plan.funding.dead_zone)
        return min(plan.funding.cap, max(-plan.funding.cap, plan.funding.mean + shrunk))
    }

    func run(path: Int) -> PathResult {
        let groups = plan.thresholds.count
        var result = PathResult(
            records: Array(repeating: [-1, 0, 0, 0, 0], count: groups),
            band: Array(repeating: 0, count: plan.bands.steps.count))
        var logIndex = plan.logPrice0
        var logMark = plan.logMark0
        var basis = plan.basis.mean
        var variance = plan.price.initial_variance
        var deviation = 0.0, shockSum = 0.0
        var position = 0
        var group = 0
        let a = plan.account.mark_coefficient, c = plan.account.constant
        // The account's mark term of a log price: 1/F (inverse) or F/E (linear).
        let shift = -plan.logMark0
        func markTerm(_ logPrice: Double) -> Double { plan.isLinear ? exp(logPrice + shift) : exp(-logPrice) }
        let history = plan.scenario.model == .bootstrap || plan.scenario.model == .replay
        for step in 0..<plan.steps {
            let (z1, z2, t) = shocks(path: path, step: step)
            let spare = random.normalPair(purpose: RandomPurpose.diffusion.rawValue, path: path, step: step, index: 0).u3
            let factorShock = plan.correlation * z1 + plan.orthogonal * z2

            // The log index: diffusion (or the history's return), then the step's jumps.
            var increment: Double
            var stepVariance = plan.price.vol_per_step * plan.price.vol_per_step
            switch plan.scenario.model {
            case .gbm, .jump:
                increment = plan.price.drift_per_step + plan.price.vol_per_step * z1
            case .garch:
                let h = variance
                let shock = h.squareRoot() * (t * plan.price.t_scale)
                increment = (plan.price.drift_per_step - 0.5 * h) + shock
                stepVariance = h
                variance = min((plan.price.garch_omega + plan.price.garch_alpha * shock * shock) + plan.price.garch_beta * h, plan.price.garch_variance_cap)
            case .bootstrap, .replay:
                let length = plan.historyReturns.count
                if plan.scenario.model == .replay {
                    position = step % length
                } else {
                    let (restart, start) = uniformPair(.bootstrap, path: path, step: step)
                    if step == 0 || restart < plan.price.restart_probability {
                        position = min(length - 1, Int(start * Double(length)))
                    } else {
                        position = position + 1 == length ? 0 : position + 1
                    }
                }
                increment = plan.historyReturns[position]
            }
            let jumpLog = plan.scenario.model == .jump ? jump(uniform: spare, path: path, step: step) : 0
            let previous = plan.isPerpetual ? logIndex : logMark
            logIndex = logIndex + increment + jumpLog

            // The second factor: the dated contract's basis, or the perpetual's funding shocks.
            if !plan.isPerpetual {
                basis = history && !plan.historyBasis.isEmpty
                    ? plan.historyBasis[position]
                    : (plan.basis.mean + (basis - plan.basis.mean) * plan.basis.decay) + plan.basis.innovation * factorShock
                logMark = logIndex + basis * plan.yearsToExpiry[step]
            } else if plan.historyFunding.isEmpty {
                shockSum += factorShock
            }
            let point = plan.bands.pointOfStep[step]
            if point >= 0 && path < plan.bands.paths { result.band[point] = logIndex }
            let mark = plan.isPerpetual ? logIndex : logMark

            // The account at the Brownian-bridge maximum of the mark inside the step, before funding.
            var worst = Double.infinity
            if plan.scenario.betweenStepCheck {
                // Under the jump model u3 decided the jump: without one, u3/p is uniform on (0, 1].
                let uniform = plan.scenario.model != .jump ? spare
                    : spare <= plan.price.no_jump_probability ? min(spare * (1 / plan.price.no_jump_probability), 1)
                    : uniformPair(.stepUniforms, path: path, step: step).0
                let move = mark - previous - jumpLog
                let rise = 0.5 * (move + (move * move - 2 * stepVariance * log(uniform)).squareRoot())
                worst = a * markTerm(max(previous + rise, mark)) + c + (result.fundingIn - result.fundingOut)
            }
            result.inverseMark = markTerm(mark)

            // Funding at a payment step (a perpetual's).
            if plan.isPerpetual && (!plan.historyFunding.isEmpty || (step + 1) % plan.funding.steps_per_funding == 0) {
                let rate: Double
                if !plan.historyFunding.isEmpty {
                    rate = plan.historyFunding[position]
                } else if plan.funding.payments_per_step > 1 {
                    let payments = Double(plan.funding.payments_per_step)
                    // One normal pair serves two steps: z1 of block step/2 at an even step, z2 at an odd.
                    let pair = random.normalPair(purpose: RandomPurpose.fundingSum.rawValue, path: path, step: step / 2, index: 0)
                    let independent = step % 2 == 0 ? pair.z1 : pair.z2
                    let sum = (plan.funding.sum_decay * deviation + plan.funding.sum_loading * shockSum)
                        + plan.funding.sum_residual * independent
                    deviation = plan.funding.persistence * deviation + plan.funding.scale * shockSum
                    rate = fundingRate(deviation: sum / payments) * payments
                } else {
                    deviation = plan.funding.persistence * deviation + plan.funding.scale * shockSum
                    rate = fundingRate(deviation: deviation)
                }
                shockSum = 0
                let paid = rate * result.inverseMark
                result.fundingIn += max(paid, 0)
                result.fundingOut += max(-paid, 0)
            }

            // Liquidations: every threshold the step's worst account reached.
            let account = a * result.inverseMark + c + (result.fundingIn - result.fundingOut)
            worst = min(worst, account)
            result.lowestAccount = min(result.lowestAccount, worst)
            while group < groups && worst <= plan.thresholds[group] {
                let inverseIndex = plan.isPerpetual ? result.inverseMark : plan.isLinear ? markTerm(logIndex) : 1 / exp(logIndex)
                result.records[group] = [Double(step), result.fundingIn, result.fundingOut, result.inverseMark, inverseIndex]
                group += 1
            }

            // A dated short rolled into the next contract at the step's end: bought back at the old
            // mark, sold at the new; the roll yield and both fees go where a perpetual's funding goes.
            if !plan.isPerpetual && !plan.rollToYears.isEmpty && plan.rollToYears[step] > 0 {
                let old = result.inverseMark
                logMark = logIndex + basis * plan.rollToYears[step]
                result.inverseMark = markTerm(logMark)
                result.fundingIn += plan.isLinear ? result.inverseMark - old : old - result.inverseMark
                result.fundingOut += plan.scenario.fee * (old + result.inverseMark)
            }
        }
        result.logIndex = logIndex
        return result
    }
}
