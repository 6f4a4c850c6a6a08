internal import CVectorMath
import Foundation

extension hs_price_step {
    /// The price step of `scenario` per step of `Δt = scenario.stepYears` years (see `hs_price_step`):
    /// GBM and jumps `(μ − λk − σ²/2)·Δt` with `k = e^{μ_J + σ_J²/2} − 1` and `σ√Δt`; GARCH-t `μΔt`,
    /// `ω` and the cap of `GarchStep`, the first variance `σ²Δt`; the history models
    /// `μΔt` and the history's own step stdev; the bootstrap's restart probability `1/L` per step.
    init(scenario: Scenario, history: MarketHistory?) {
        let dt = scenario.stepYears
        let sigma = scenario.vol
        let lambda = scenario.model == .jump ? scenario.jumpIntensity : 0
        let compensator = Foundation.exp(scenario.jumpMean + 0.5 * scenario.jumpStdev * scenario.jumpStdev) - 1
        let drift: Double
        switch scenario.model {
        case .garch, .bootstrap, .replay: drift = scenario.drift * dt
        case .gbm, .jump: drift = (scenario.drift - lambda * compensator - 0.5 * sigma * sigma) * dt
        }
        let dof = scenario.garchDegreesOfFreedom
        let garch = GarchStep(vol: sigma, alpha: scenario.garchAlpha, beta: scenario.garchBeta, dt: dt)
        self.init(
            model: scenario.model.kernelModel,
            drift_per_step: drift,
            vol_per_step: scenario.model.needsHistory ? (history?.returnVariance ?? 0).squareRoot() : sigma * dt.squareRoot(),
            no_jump_probability: Foundation.exp(-lambda * dt),
            jump_rate_per_step: lambda * dt,
            jump_mean: scenario.jumpMean,
            jump_stdev: scenario.jumpStdev,
            garch_omega: garch.omega,
            garch_alpha: scenario.garchAlpha,
            garch_beta: scenario.garchBeta,
            garch_dof: dof,
            t_scale: ((dof - 2) / dof).squareRoot(),
            initial_variance: sigma * sigma * dt,
            garch_variance_cap: garch.varianceCap,
            restart_probability: 1 / max(1, scenario.bootstrapBlockSteps))
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
