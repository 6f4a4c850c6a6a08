internal import CVectorMath

extension SimulationPlan {
    /// The C path kernel's constants (`hs_path_plan`, declared once in `CVectorMath.h`) for this plan,
    /// valid inside `body`: the tables it points to (thresholds, band steps, history) stay alive for
    /// the call.
    func withKernelPlan<R>(seed: UInt64, bandPoints: Int, _ body: (UnsafePointer<hs_path_plan>) -> R) -> R {
        thresholds.withUnsafeBufferPointer { thresholds in
            bands.pointOfStep.withUnsafeBufferPointer { pointOfStep in
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
                                            dated: isPerpetual ? 0 : 1,
                                            antithetic: scenario.antithetic ? 1 : 0,
                                            steps: steps,
                                            dt: dt,
                                            log_price0: logPrice0,
                                            log_mark0: logMark0,
                                            correlation: correlation,
                                            orthogonal: orthogonal,
                                            price: price,
                                            funding: self.funding,
                                            basis: self.basis,
                                            account: account,
                                            bands: hs_band_plan(point_of_step: pointOfStep.baseAddress, paths: bands.paths, points: bandPoints),
                                            history_returns: returns.isEmpty ? nil : returns.baseAddress,
                                            history_funding: funding.isEmpty ? nil : funding.baseAddress,
                                            history_basis: basis.isEmpty ? nil : basis.baseAddress,
                                            history_length: returns.count,
                                            years_to_expiry: toExpiry.baseAddress,
                                            roll_to_years: toNext.isEmpty ? nil : toNext.baseAddress,
                                            thresholds: thresholds.baseAddress,
                                            threshold_count: thresholds.count,
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
