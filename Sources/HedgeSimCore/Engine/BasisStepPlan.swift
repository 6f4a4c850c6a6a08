internal import CVectorMath
import Foundation

extension hs_basis_step {
    /// The Ornstein–Uhlenbeck basis of `scenario`'s dated contract per step of `Δt` years (see
    /// `hs_basis_step`): long-run mean `b₀`, decay `e^{−κΔt}`, innovation `σ_b·√((1 − e^{−2κΔt})/(2κ))`
    /// (`σ_b√Δt` when κ = 0), and the fee of each leg of a roll.
    init(scenario: Scenario) {
        self.init(
            basisVol: scenario.basisVol, meanReversion: scenario.basisMeanReversion, mean: scenario.basis, stepYears: scenario.stepYears,
            rollFeeRate: scenario.fee)
    }

    /// The basis of volatility `basisVol` (per √year), mean reversion κ = `meanReversion` (per year)
    /// and long-run mean `mean` per step of `stepYears` years, each roll trade paying `rollFeeRate`.
    init(basisVol: Double, meanReversion kappa: Double, mean: Double, stepYears dt: Double, rollFeeRate: Double) {
        let variance = kappa > 0 ? (1 - Foundation.exp(-2 * kappa * dt)) / (2 * kappa) : dt
        self.init(mean: mean, decay: Foundation.exp(-kappa * dt), innovation: basisVol * variance.squareRoot(), roll_fee_rate: rollFeeRate)
    }
}
