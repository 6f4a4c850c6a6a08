internal import CVectorMath
import Foundation

extension hs_basis_step {
    /// The Ornstein–Uhlenbeck basis of `scenario`'s dated contract per step of `Δt` years (see
    /// `hs_basis_step`): long-run mean `b₀`, decay `e^{−κΔt}`, innovation `σ_b·√((1 − e^{−2κΔt})/(2κ))`
    /// (`σ_b√Δt` when κ = 0), and the fee of each leg of a roll.
    init(scenario: Scenario) {
        let dt = scenario.stepYears
        let kappa = scenario.basisMeanReversion
        let variance = kappa > 0 ? (1 - Foundation.exp(-2 * kappa * dt)) / (2 * kappa) : dt
        self.init(
            mean: scenario.basis, decay: Foundation.exp(-kappa * dt), innovation: scenario.basisVol * variance.squareRoot(),
            roll_fee_rate: scenario.fee)
    }
}
