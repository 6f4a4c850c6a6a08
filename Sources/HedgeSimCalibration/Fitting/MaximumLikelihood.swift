/// A maximum-likelihood fit in unconstrained coordinates θ (logs of positive parameters, logits of
/// fractions, location parameters divided by the sample standard deviation, so every coordinate is of
/// order one). Each start is optimised by `NelderMead` with restarts and the best optimum kept.
///
/// Standard errors come from the observed information: `H`, the numerical Hessian of `−ln L` at θ̂, is
/// inverted to `Cov θ̂ = H⁻¹`, and carried to the model's parameters `g(θ)` by the delta method,
/// `Cov g = J·H⁻¹·Jᵀ` with `J` the numerical Jacobian of `g` at θ̂.
struct MaximumLikelihood {
    /// The optimum θ̂.
    let theta: [Double]
    /// `ln L(θ̂)`.
    let logLikelihood: Double
    /// `H⁻¹`, nil when `H` is not positive definite.
    let covariance: [[Double]]?

    init(negativeLogLikelihood: ([Double]) -> Double, starts: [[Double]], scales: [Double]) {
        let optimiser = NelderMead()
        var best: (point: [Double], value: Double) = (starts[0], .infinity)
        for start in starts {
            let candidate = optimiser.minimise(negativeLogLikelihood, from: start, scales: scales)
            if candidate.value < best.value { best = candidate }
        }
        theta = best.point
        logLikelihood = -best.value
        covariance = SymmetricInverse.inverse(NumericalDerivatives.hessian(negativeLogLikelihood, at: best.point))
    }

    /// The model parameters `g(θ̂)` with their delta-method standard errors.
    func estimates(_ g: ([Double]) -> [Double]) -> [Estimate] {
        let values = g(theta)
        guard let covariance else { return values.map { Estimate($0, standardError: nil) } }
        let jacobian = NumericalDerivatives.jacobian(g, at: theta)
        return values.indices.map { k in
            var variance = 0.0
            for i in theta.indices {
                for j in theta.indices { variance += jacobian[k][i] * covariance[i][j] * jacobian[k][j] }
            }
            return Estimate(values[k], standardError: variance >= 0 && variance.isFinite ? variance.squareRoot() : nil)
        }
    }
}
