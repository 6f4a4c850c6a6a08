/// A control variate for the mean of a value distribution: a per-path quantity `X` whose
/// expectation `E[X]` is known exactly, here the horizon index price `P_T` under the parametric
/// price models (`E[P_T] = P₀·e^{μT}`, see `SimulationPlan.expectedTerminalIndex`).
///
/// With samples `(yᵢ, xᵢ)`, `i = 1…m` — the paths, or the antithetic pair means when paths come in
/// pairs, so that the samples are independent —
/// ```
/// β̂      = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²
/// ȳ_cv   = ȳ − β̂·(x̄ − E[X])
/// s²     = Σ(y − ȳ − β̂(x − x̄))² / (m − 2)
/// SE_cv  = s / √m
/// ```
/// (Glasserman, *Monte Carlo Methods in Financial Engineering*, §4.1). The residual variance is
/// `(1 − ρ²)` times the variance of `y`, so the standard error shrinks by `1/√(1 − ρ²)`: the more a
/// cell's value moves with the price, the more it gains. The fit of `β̂` on the same samples biases
/// `ȳ_cv` by O(1/m), far below `SE_cv` at the path counts the tool runs.
public struct ControlVariate {
    /// `X` per path, in path order.
    public let values: UnsafeBufferPointer<Double>
    /// `E[X]`, exact.
    public let expectation: Double

    public init(values: UnsafeBufferPointer<Double>, expectation: Double) {
        self.values = values
        self.expectation = expectation
    }

    /// The estimate `ȳ_cv` and its standard error `SE_cv` for `y` (same length and order as `X`);
    /// nil with fewer than three samples or when `X` does not vary.
    func estimate(_ y: UnsafeBufferPointer<Double>, antitheticPairs: Bool) -> (mean: Double, standardError: Double)? {
        precondition(y.count == values.count, "the control needs one value per path")
        let paired = antitheticPairs && y.count >= 4
        let m = paired ? y.count / 2 : y.count
        guard m >= 3 else { return nil }
        let x = values
        func sample(_ v: UnsafeBufferPointer<Double>, _ i: Int) -> Double {
            paired ? 0.5 * (v[2 * i] + v[2 * i + 1]) : v[i]
        }
        var sumX = 0.0, sumY = 0.0
        for i in 0..<m {
            sumX += sample(x, i)
            sumY += sample(y, i)
        }
        let meanX = sumX / Double(m), meanY = sumY / Double(m)
        var sxx = 0.0, sxy = 0.0
        for i in 0..<m {
            let dx = sample(x, i) - meanX
            sxx += dx * dx
            sxy += dx * (sample(y, i) - meanY)
        }
        guard sxx > 0 else { return nil }
        let beta = sxy / sxx
        // The residuals summed directly (not as Σdy² − β·Σdxdy, which cancels catastrophically when
        // the control explains almost everything).
        var residual = 0.0
        for i in 0..<m {
            let e = (sample(y, i) - meanY) - beta * (sample(x, i) - meanX)
            residual += e * e
        }
        let standardError = (residual / Double(m - 2) / Double(m)).squareRoot()
        return (meanY - beta * (meanX - expectation), standardError)
    }
}
