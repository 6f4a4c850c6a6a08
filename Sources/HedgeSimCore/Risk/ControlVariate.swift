/// A control variate for the mean of a value distribution: a per-path quantity `X` whose
/// expectation `E[X]` is known exactly, here the horizon index price `P_T` under the parametric
/// price models (`E[P_T] = P₀·e^{μT}`, see `SimulationPlan.expectedTerminalIndex`).
///
/// With samples `(yᵢ, xᵢ)`, `i = 1…m` — the paths, or the antithetic pair means when paths come in
/// pairs, so that the samples are independent —
/// ```
/// β̂      = Σ(x − x̄)·y / Σ(x − x̄)²
/// ȳ_cv   = ȳ − β̂·(x̄ − E[X])
/// s²     = Σ(y − ȳ − β̂(x − x̄))² / (m − 2)
/// SE_cv  = s / √m
/// ```
/// (Glasserman, *Monte Carlo Methods in Financial Engineering*, §4.1). The residual variance is
/// `(1 − ρ²)` times the variance of `y`, so the standard error shrinks by `1/√(1 − ρ²)`: the more a
/// cell's value moves with the price, the more it gains. The fit of `β̂` on the same samples biases
/// `ȳ_cv` by O(1/m), far below `SE_cv` at the path counts the tool runs.
///
/// The centred control samples `x − x̄` and `Σ(x − x̄)²` are computed once and shared by every
/// distribution; each estimate then takes two passes over `y` (sums, then residuals summed directly
/// rather than as `Σdy² − β̂Σdx·dy`, which cancels when the control explains almost everything).
public final class ControlVariate: @unchecked Sendable {
    /// `E[X]`, exact.
    public let expectation: Double
    let paired: Bool
    let sampleCount: Int
    let meanX: Double
    /// `xᵢ − x̄` per sample.
    let centred: [Double]
    let sumSquaresX: Double

    /// `values` holds `X` per path in path order; `antitheticPairs` makes the samples the means of
    /// the pairs `(2k, 2k+1)` (at least four paths).
    public init(values: UnsafeBufferPointer<Double>, expectation: Double, antitheticPairs: Bool) {
        self.expectation = expectation
        paired = antitheticPairs && values.count >= 4
        sampleCount = paired ? values.count / 2 : values.count
        var samples = [Double](repeating: 0, count: sampleCount)
        var sum = 0.0
        for i in 0..<sampleCount {
            samples[i] = paired ? 0.5 * (values[2 * i] + values[2 * i + 1]) : values[i]
            sum += samples[i]
        }
        let mean = sum / Double(Swift.max(1, sampleCount))
        var squares = 0.0
        for i in 0..<sampleCount {
            samples[i] -= mean
            squares += samples[i] * samples[i]
        }
        meanX = mean
        centred = samples
        sumSquaresX = squares
    }

    /// The estimate `ȳ_cv` and its standard error `SE_cv` for `y` (one value per path, in the
    /// order of `X`); nil with fewer than three samples or when `X` does not vary.
    func estimate(_ y: UnsafeBufferPointer<Double>) -> (mean: Double, standardError: Double)? {
        let m = sampleCount
        guard m >= 3, sumSquaresX > 0 else { return nil }
        let paired = self.paired
        return centred.withUnsafeBufferPointer { dx in
            @inline(__always) func sample(_ i: Int) -> Double { paired ? 0.5 * (y[2 * i] + y[2 * i + 1]) : y[i] }
            var sumY = 0.0, sumXY = 0.0
            for i in 0..<m {
                let v = sample(i)
                sumY += v
                sumXY += dx[i] * v
            }
            let meanY = sumY / Double(m)
            let beta = sumXY / sumSquaresX
            var residual = 0.0
            for i in 0..<m {
                let e = (sample(i) - meanY) - beta * dx[i]
                residual += e * e
            }
            let standardError = (residual / Double(m - 2) / Double(m)).squareRoot()
            return (meanY - beta * (meanX - expectation), standardError)
        }
    }
}
