import Foundation

/// What a fitted GARCH(1,1) says about the variance over the next `D` steps after the end of its
/// window, in the form the simulator takes.
///
/// The conditional variance is filtered through the window as in the fit (`GarchFit`): started at
/// the sample variance at every run start, `ε_t = r_t − μΔt + h_t/2`, `h_{t+1} = ω + αε_t² + βh_t`,
/// giving `h_{T+1}` after the last return. With persistence `p = α + β` and long-run variance
/// `v = ω/(1 − p)` per step, the expected variance k steps ahead is `v + pᵏ⁻¹(h_{T+1} − v)`, so the
/// mean over the horizon is
///
///     h̄ = v + (h_{T+1} − v)·(1 − pᴰ) / (D(1 − p))      (h̄ = h_{T+1} as p → 1).
///
/// The simulator starts every path at its long-run variance σ²Δt, so the backtest gives it
/// `σ = √(h̄/Δt)`: the forecast has the expected total variance of the fitted GARCH over the horizon
/// (exactly the conditional variance for a one-step horizon) and the fitted α, β, ν for the clustering
/// and the tails within it.
struct GarchForecast {
    /// Annualised σ = √(h̄/Δt) for the simulator.
    let vol: Double
    /// α and β, with β lowered where needed so that α + β ≤ 1 − 10⁻⁶ (the simulator needs a stationary variance).
    let alpha: Double
    let beta: Double
    /// ν rounded to a whole number in 3…60, as the simulator needs.
    let degreesOfFreedom: Double

    static let maxPersistence = 1 - 1e-6

    init(fit: GarchFit, returns series: ReturnSeries, horizonSteps: Int) {
        let dt = series.stepYears
        let stepMean = fit.drift.value * dt
        let omega = fit.omega.value, alpha = fit.alpha.value, beta = fit.beta.value
        let start = series.moments.variance
        var h = start
        for run in series.runs {
            h = start
            for index in run {
                let shock = series.returns[index] - stepMean + h / 2
                h = omega + alpha * shock * shock + beta * h
            }
        }
        let persistence = alpha + beta
        let steps = Double(horizonSteps)
        let mean: Double
        if 1 - persistence < 1e-9 {
            mean = h
        } else {
            let longRun = omega / (1 - persistence)
            mean = longRun + (h - longRun) * (1 - Foundation.pow(persistence, steps)) / (steps * (1 - persistence))
        }
        vol = (mean / dt).squareRoot()
        self.alpha = min(alpha, GarchForecast.maxPersistence)
        self.beta = max(0, min(beta, GarchForecast.maxPersistence - self.alpha))
        degreesOfFreedom = min(60, max(3, fit.degreesOfFreedom.value))
    }
}
