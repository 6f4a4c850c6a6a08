internal import CVectorMath
import Foundation

extension hs_funding_step {
    /// The AR(1) funding of `scenario`'s perpetual as the kernel steps it (see `hs_funding_step`).
    ///
    /// With the funding interval `I` hours and steps of `24/stepsPerDay` hours, one payment falls every
    /// `k = round(I/step)` steps when `I ≥ step`, else `m = round(step/I)` payments at each step end.
    /// Over the `m` payments of a step, with `x_{t+1} = φx_t + σε`:
    /// `x_{t+m} = φ^m x_t + σU` and the sum `S = Σ_{i≤m} x_{t+i} = (Σ_{i≤m} φ^i)·x_t + σW`, where
    /// `U = Σ_j φ^{m−j} ε_j`, `W = Σ_j c_j ε_j`, `c_j = Σ_{k=0}^{m−j} φ^k`, so `Var U = Σ φ^{2k}`,
    /// `Var W = Σ c_j²` and `Cov(U, W) = Σ φ^{m−j} c_j`: `S` is drawn exactly from the normal `Z₁` that
    /// drives `x_{t+m}` (its loading `σ·Cov/√Var U`) and an independent `Z₂` (the residual
    /// `σ·√(Var W − Cov²/Var U)`).
    init(scenario: Scenario) {
        let ratio = scenario.fundingIntervalHours / (24 / scenario.stepsPerDay)
        let stepsPerFunding = ratio >= 1 - 1e-9 ? Int(ratio.rounded()) : 1
        let payments = ratio >= 1 - 1e-9 ? 1 : Int((1 / ratio).rounded())
        let phi = scenario.fundingPersistence
        let m = Double(payments)
        let sumOfSquares = phi < 1 ? (1 - Foundation.pow(phi, 2 * m)) / (1 - phi * phi) : m
        let innovation = scenario.fundingVol * sumOfSquares.squareRoot()
        let weights = (1...payments).map { j in (0...(payments - j)).reduce(0.0) { $0 + Foundation.pow(phi, Double($1)) } }
        let varianceW = weights.reduce(0) { $0 + $1 * $1 }
        let covariance = (1...payments).reduce(0.0) { $0 + Foundation.pow(phi, Double(payments - $1)) * weights[$1 - 1] }
        self.init(
            steps_per_funding: stepsPerFunding,
            payments_per_step: payments,
            persistence: Foundation.pow(phi, m),
            scale: innovation / Double(stepsPerFunding).squareRoot(),
            sum_decay: (1...payments).reduce(0.0) { $0 + Foundation.pow(phi, Double($1)) },
            sum_loading: scenario.fundingVol * covariance / sumOfSquares.squareRoot(),
            sum_residual: scenario.fundingVol * max(0, varianceW - covariance * covariance / sumOfSquares).squareRoot(),
            mean: scenario.fundingMean,
            dead_zone: scenario.fundingDeadZone,
            cap: scenario.fundingCap)
    }
}
