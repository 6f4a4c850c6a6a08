internal import CVectorMath

extension SimulationPlan {
    /// The C path kernel's constants (`hs_path_plan`, declared once in `CVectorMath.h`) for this plan,
    /// valid inside `body`: the tables it points to (thresholds, band steps, history) stay alive for
    /// the call.
    func withKernelPlan<R>(seed: UInt64, bandPoints: Int, _ body: (UnsafePointer<hs_path_plan>) -> R) -> R {
        thresholds.withUnsafeBufferPointer { thresholds in
            bandPointOfStep.withUnsafeBufferPointer { bandPointOfStep in
                historyReturns.withUnsafeBufferPointer { returns in
                    historyFunding.withUnsafeBufferPointer { funding in
                        historyBasis.withUnsafeBufferPointer { basis in
                            policyCells.withUnsafeBufferPointer { policies in
                                yearsToExpiry.withUnsafeBufferPointer { toExpiry in
                                    rollToYears.withUnsafeBufferPointer { toNext in
                                        var constants = hs_path_plan(
                                            seed: seed,
                                            purpose_diffusion: RandomPurpose.diffusion.rawValue,
                                            purpose_bridge: RandomPurpose.stepUniforms.rawValue,
                                            purpose_jump_size: RandomPurpose.jumpSize.rawValue,
                                            purpose_bootstrap: RandomPurpose.bootstrap.rawValue,
                                            purpose_funding_sum: RandomPurpose.fundingSum.rawValue,
                                            model: model.kernelModel,
                                            dated: isPerpetual ? 0 : 1,
                                            antithetic: scenario.antithetic ? 1 : 0,
                                            between_step_check: betweenStepCheck ? 1 : 0,
                                            steps: steps,
                                            dt: dt,
                                            log_price0: logPrice0,
                                            log_mark0: logMark0,
                                            drift_per_step: driftPerStep,
                                            vol_per_step: volPerStep,
                                            correlation: correlation,
                                            orthogonal: orthogonal,
                                            no_jump_probability: noJumpProbability,
                                            jump_rate_per_step: jumpRatePerStep,
                                            jump_mean: jumpMean,
                                            jump_stdev: jumpStdev,
                                            garch_omega: garchOmega,
                                            garch_alpha: garchAlpha,
                                            garch_beta: garchBeta,
                                            garch_dof: degreesOfFreedom,
                                            t_scale: tScale,
                                            initial_variance: initialVariance,
                                            garch_variance_cap: garchVarianceCap,
                                            history_returns: returns.isEmpty ? nil : returns.baseAddress,
                                            history_funding: funding.isEmpty ? nil : funding.baseAddress,
                                            history_basis: basis.isEmpty ? nil : basis.baseAddress,
                                            history_length: returns.count,
                                            restart_probability: restartProbability,
                                            steps_per_funding: stepsPerFunding,
                                            payments_per_step: paymentsPerStep,
                                            funding_persistence: fundingPersistence,
                                            funding_scale: fundingScale,
                                            funding_sum_decay: fundingSumDecay,
                                            funding_sum_loading: fundingSumLoading,
                                            funding_sum_residual: fundingSumResidual,
                                            funding_mean: fundingMean,
                                            funding_dead_zone: fundingDeadZone,
                                            funding_cap: fundingCap,
                                            basis_mean: basisMean,
                                            basis_decay: basisDecay,
                                            basis_innovation: basisInnovation,
                                            years_to_expiry: toExpiry.baseAddress,
                                            roll_to_years: toNext.isEmpty ? nil : toNext.baseAddress,
                                            roll_fee_rate: scenario.fee,
                                            mark_coefficient: markCoefficient,
                                            account_constant: accountConstant,
                                            inverse_entry: inverseEntry,
                                            linear: isLinear ? 1 : 0,
                                            linear_shift: isLinear ? -logMark0 : 0,
                                            thresholds: thresholds.baseAddress,
                                            threshold_count: thresholds.count,
                                            band_point_of_step: bandPointOfStep.baseAddress,
                                            band_paths: bandPaths,
                                            band_points: bandPoints,
                                            funding_window: fundingWindow,
                                            policy_cells: policies.baseAddress,
                                            policy_cell_count: policies.count)
                                        return body(&constants)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension PriceModelKind {
    /// The kernel's model number (`HS_MODEL_*` in `CVectorMath.h`).
    var kernelModel: Int32 {
        switch self {
        case .gbm: Int32(HS_MODEL_GBM)
        case .jump: Int32(HS_MODEL_JUMP)
        case .garch: Int32(HS_MODEL_GARCH)
        case .bootstrap: Int32(HS_MODEL_BOOTSTRAP)
        case .replay: Int32(HS_MODEL_REPLAY)
        }
    }
}

extension MarginPolicy {
    /// The kernel's policy number (`HS_POLICY_*` in `CVectorMath.h`); nil for a hedge left alone.
    var kernelKind: Int32? {
        switch self {
        case .none: nil
        case .topUp: Int32(HS_POLICY_TOP_UP)
        case .deleverage: Int32(HS_POLICY_DELEVERAGE)
        case .rehedge: Int32(HS_POLICY_REHEDGE)
        case .dehedge: Int32(HS_POLICY_DEHEDGE)
        case .fundingExit: Int32(HS_POLICY_FUNDING_EXIT)
        }
    }
}
