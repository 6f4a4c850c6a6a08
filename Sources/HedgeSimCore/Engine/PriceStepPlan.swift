internal import CVectorMath
import Foundation

extension hs_price_step {
    /// The cap's volatility `σ_max` of `garch_variance_cap`, per year: 5 (500 % a year), or the long-run
    /// σ if higher. With ν near 3 the t shocks have an infinite fourth moment, and an uncapped `h` lets a
    /// few paths fall to almost nothing and dominate every mean.
    static let maxGarchVol = 5.0

    /// The price step of `scenario` per step of `Δt = scenario.stepYears` years (see `hs_price_step`):
    /// GBM and jumps `(μ − λk − σ²/2)·Δt` with `k = e^{μ_J + σ_J²/2} − 1` and `σ√Δt`; GARCH-t `μΔt`,
    /// `ω = σ²Δt(1 − α − β)`, the first variance `σ²Δt` and the cap `σ_max²Δt`; the history models
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
        let capVol = max(Self.maxGarchVol, sigma)
        self.init(
            model: scenario.model.kernelModel,
            drift_per_step: drift,
            vol_per_step: scenario.model.needsHistory ? (history?.returnVariance ?? 0).squareRoot() : sigma * dt.squareRoot(),
            no_jump_probability: Foundation.exp(-lambda * dt),
            jump_rate_per_step: lambda * dt,
            jump_mean: scenario.jumpMean,
            jump_stdev: scenario.jumpStdev,
            garch_omega: sigma * sigma * dt * (1 - scenario.garchAlpha - scenario.garchBeta),
            garch_alpha: scenario.garchAlpha,
            garch_beta: scenario.garchBeta,
            garch_dof: dof,
            t_scale: ((dof - 2) / dof).squareRoot(),
            initial_variance: sigma * sigma * dt,
            garch_variance_cap: capVol * capVol * dt,
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
