internal import CVectorMath

extension SimulationPlan {
    /// Whether the fused C kernel (`hs_perpetual_paths`) simulates this plan: a perpetual under GBM
    /// or Merton jumps with simulated funding paid at most once per step. Everything else — GARCH,
    /// the history models, dated contracts, several payments per step — runs on the general chunked
    /// kernel, which computes the same paths (tests compare the two).
    var fusedKernelApplies: Bool {
        (model == .gbm || model == .jump) && isPerpetual && historyFunding.isEmpty && paymentsPerStep == 1
    }

    /// Whether blocks run on the fused kernel: where it applies, unless `forcesGeneralKernel`.
    var usesFusedKernel: Bool { fusedKernelApplies && !forcesGeneralKernel }
}

extension PathBlockKernel {
    /// Simulates paths `[firstPath, firstPath + count)` with the fused kernel: 32 paths per vector
    /// value, 256 side by side, from the first step to the horizon, state in registers. Leaves in
    /// `scratch` what the general kernel leaves: terminal log index, `1/F`, funding received and
    /// paid, the lowest account, liquidation records, band points.
    func runFused(firstPath: Int, count: Int, scratch: BlockScratch) {
        plan.thresholds.withUnsafeBufferPointer { thresholds in
            plan.bandPointOfStep.withUnsafeBufferPointer { bandPoints in
                var constants = hs_perpetual_plan(
                    seed: random.seed,
                    purpose_diffusion: RandomPurpose.diffusion.rawValue,
                    purpose_bridge: RandomPurpose.stepUniforms.rawValue,
                    purpose_jump_size: RandomPurpose.jumpSize.rawValue,
                    antithetic: plan.scenario.antithetic ? 1 : 0,
                    between_step_check: plan.betweenStepCheck ? 1 : 0,
                    has_jumps: plan.model == .jump ? 1 : 0,
                    steps: plan.steps,
                    log_price0: plan.logPrice0,
                    drift_per_step: plan.driftPerStep,
                    vol_per_step: plan.volPerStep,
                    correlation: plan.correlationFactor[1],
                    orthogonal: plan.correlationFactor[3],
                    no_jump_probability: plan.noJumpProbability,
                    jump_rate_per_step: plan.jumpRatePerStep,
                    jump_mean: plan.jumpMean,
                    jump_stdev: plan.jumpStdev,
                    steps_per_funding: plan.stepsPerFunding,
                    funding_persistence: plan.fundingPersistence,
                    funding_scale: plan.fundingInnovation / Double(plan.stepsPerFunding).squareRoot(),
                    funding_mean: plan.fundingMean,
                    funding_dead_zone: plan.fundingDeadZone,
                    funding_cap: plan.fundingCap,
                    mark_coefficient: plan.markCoefficient,
                    account_constant: plan.accountConstant,
                    thresholds: thresholds.baseAddress,
                    threshold_count: thresholds.count,
                    band_point_of_step: bandPoints.baseAddress,
                    band_paths: plan.bandPaths,
                    band_points: scratch.bandPoints)
                var block = hs_perpetual_block(
                    first_path: firstPath, count: count,
                    log_index: scratch.stateLogIndex, inverse_mark: scratch.stateInverseMark,
                    funding_in: scratch.stateFundingIn, funding_out: scratch.stateFundingOut,
                    lowest_account: scratch.stateLowestAccount,
                    next_group: scratch.stateNextGroup, records: scratch.records,
                    band_log_index: scratch.bandLogIndex)
                hs_perpetual_paths(&constants, &block)
            }
        }
    }
}
