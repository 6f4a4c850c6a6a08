internal import CVectorMath
import HedgeSimRandom

/// Streams of the counter-based generator; each purpose owns its own address space, so adding a use
/// of randomness never shifts another's draws. Changing these values changes every result.
enum RandomPurpose: UInt32 {
    /// Philox block per (path, step): the Box–Muller uniforms of the price shock and the funding or
    /// basis shock (and GARCH's Student t), and a spare uniform: the step's jump count under the
    /// jump model, otherwise the Brownian-bridge maximum.
    case diffusion = 1
    /// Uniform per (path, step) for the Brownian-bridge maximum when the diffusion block's spare
    /// uniform decides the jumps.
    case stepUniforms = 2
    /// Normal pair per (path, step), used only when the step has a jump.
    case jumpSize = 3
    /// Uniform pair per (path, step) of the bootstrap: whether to start a new block, and where.
    case bootstrap = 5
    /// Normal pair per (path, step): the independent normal of the summed funding when several
    /// payments fall in one step.
    case fundingSum = 6
    /// Normal pair per (path, step, pair index j): the independent shocks of portfolio coins 2j and
    /// 2j + 1, before the correlation factor (`PortfolioEngine`).
    case portfolio = 7
    /// Uniform per (path, step, contract index): the Brownian-bridge maximum of a portfolio contract's
    /// coin within the step (`hs_portfolio_step`).
    case portfolioBridge = 8
    /// Uniform per (path, step, coin): a portfolio coin's jump count (`hs_portfolio_step`).
    case portfolioJumpTest = 9
    /// Normal pair per (path, step, coin), used only when the coin jumps: the jump sizes.
    case portfolioJumpSize = 10
    /// Uniform pair per (path, step) of a portfolio's joint bootstrap: whether to start a new block,
    /// and where (`hs_portfolio_history_shocks`).
    case portfolioBootstrap = 11
    /// Philox block per (path, step, attempt j): the Marsaglia–Tsang attempts of the chi-square variable
    /// that the GARCH coins of a portfolio share, its normal from words 0–2 and its uniform from word 3
    /// (`hs_portfolio_mixing`).
    case portfolioMixing = 12
    /// Normal pair per (path, step, contract index): the independent part of a portfolio's dated
    /// contract's basis shock (`hs_portfolio_step`).
    case portfolioBasis = 13
}

/// Runs one block of paths through the path kernel (`hs_simulate_paths`, C), the one definition of
/// the step model: 32 paths per vector value, 256 side by side, from the first step to the horizon
/// with their state in registers, for every model, instrument and margin account.
///
/// Implementation goals, in order: reproducibility (every draw addressed by seed, purpose, path and
/// step; fixed block shape), accuracy, no allocation in the loops, speed.
struct PathBlockKernel {
    let plan: SimulationPlan
    let random: CounterRandomSource

    /// Runs paths `[firstPath, firstPath + count)` to the horizon, leaving in `scratch` each path's
    /// terminal state, lowest account, liquidation records and band points.
    func run(firstPath: Int, count: Int, scratch: BlockScratch) {
        plan.withKernelPlan(seed: random.seed, bandPoints: scratch.bandPoints) { constants in
            var block = hs_path_block(
                first_path: firstPath, count: count,
                log_index: scratch.stateLogIndex, inverse_mark: scratch.stateInverseMark,
                funding_in: scratch.stateFundingIn, funding_out: scratch.stateFundingOut,
                lowest_account: scratch.stateLowestAccount,
                next_group: scratch.stateNextGroup, records: scratch.records,
                band_log_index: scratch.bandLogIndex,
                policy_stride: scratch.policyStride, policy_threshold: scratch.policyThreshold,
                policy_trigger: scratch.policyTrigger, policy_floor: scratch.policyFloor,
                policy_paths: scratch.policyPaths, policy_max_threshold: scratch.policyMaxThreshold,
                policy_max_trigger: scratch.policyMaxTrigger, policy_min_floor: scratch.policyMinFloor,
                funding_ring: scratch.fundingRing, funding_ring_sum: scratch.fundingRingSum,
                policy_min_exit: scratch.policyMinExit, policy_max_reenter: scratch.policyMaxReenter)
            hs_simulate_paths(constants, &block)
        }
    }
}
