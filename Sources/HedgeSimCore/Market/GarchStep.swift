/// GARCH(1,1)'s constants per step of `Δt` years for a long-run annual volatility `σ`, one definition
/// for the single coin (`hs_price_step`) and the portfolio's GARCH coins:
/// `ω = σ²Δt(1 − α − β)`, so that the stationary variance per step is `σ²Δt`, and the cap on the
/// conditional variance per step `(σ_max)²Δt` with `σ_max = max(5, σ)` (500 % a year, or the long-run
/// σ if higher): with ν near 3 the t shocks have an infinite fourth moment, and an uncapped `h` lets a
/// few paths fall to almost nothing and dominate every mean.
struct GarchStep: Sendable {
    /// `σ_max`'s floor, per year.
    static let maxVol = 5.0

    let omega: Double
    let varianceCap: Double

    init(vol: Double, alpha: Double, beta: Double, dt: Double) {
        omega = vol * vol * dt * (1 - alpha - beta)
        let capVol = max(GarchStep.maxVol, vol)
        varianceCap = capVol * capVol * dt
    }
}
