import Foundation

/// Merton's jump-diffusion fitted to log returns by maximum likelihood: the simulator's `jump` model,
///
///     r = (μ − λk − σ²/2)Δt + σ√Δt·Z + Σ_{j≤N} Y_j,   N ~ Poisson(λΔt),   Y_j ~ N(μ_J, σ_J²),
///     k = e^{μ_J + σ_J²/2} − 1   (the compensator, so that E[P_T] = P_0·e^{μT}),
///
/// whose density is the Poisson mixture `f(r) = Σ_n e^{−λΔt}(λΔt)ⁿ/n! · φ(r; a + nμ_J, σ²Δt + nσ_J²)`
/// with `a = (μ − λk − σ²/2)Δt`, truncated at `maxJumps` jumps per step. μ, σ, λ are annualised (λ in
/// jumps per year); μ_J, σ_J are per jump, in log price. Standard errors: `MaximumLikelihood`.
public struct JumpDiffusionFit: Codable, Sendable, Equatable {
    /// μ, annualised.
    public let drift: Estimate
    /// σ of the diffusion, annualised.
    public let vol: Estimate
    /// λ, jumps per year.
    public let jumpIntensity: Estimate
    /// μ_J, mean log jump.
    public let jumpMean: Estimate
    /// σ_J, standard deviation of the log jump.
    public let jumpStdev: Estimate
    public let logLikelihood: Double
    /// `2k − 2 ln L` with k = 5.
    public let aic: Double
    public let observations: Int

    /// Jumps per step at which the mixture is truncated.
    public static let maxJumps = 10
    public static let minimumReturns = 200

    /// - Throws: `CalibrationError` with fewer than `minimumReturns` returns or constant prices.
    public init(_ series: ReturnSeries) throws {
        try series.require(JumpDiffusionFit.minimumReturns, for: "the jump model")
        let (mean, variance) = series.moments
        guard variance > 0 else { throw CalibrationError("the prices never change; no volatility to fit") }
        let scale = variance.squareRoot()
        let dt = series.stepYears
        let returns = series.returns
        // θ = (a/ŝ, ln(σ√Δt/ŝ), ln(λΔt), μ_J/ŝ, ln(σ_J/ŝ)), with bounds that keep the mixture proper:
        // σ√Δt and σ_J from 1 % to 100 ŝ, λΔt from 10⁻⁶ to 2 (so 10 jumps truncate < 10⁻⁵ of the mass).
        let negativeLogLikelihood = { (theta: [Double]) -> Double in
            guard theta[1] > Foundation.log(0.01), theta[1] < Foundation.log(100), theta[2] > Foundation.log(1e-6),
                theta[2] < Foundation.log(2), theta[4] > Foundation.log(0.01), theta[4] < Foundation.log(100)
            else { return .infinity }
            return -JumpDiffusionFit.logLikelihood(
                returns, diffusionMean: scale * theta[0], diffusionStdev: scale * Foundation.exp(theta[1]),
                jumpsPerStep: Foundation.exp(theta[2]), jumpMean: scale * theta[3], jumpStdev: scale * Foundation.exp(theta[4]))
        }
        let starts = [(0.7, 0.02, 3.0), (0.6, 0.1, 2.0), (0.5, 0.3, 1.5)].map { diffusion, rate, jump in
            [mean / scale, Foundation.log(diffusion), Foundation.log(rate), 0, Foundation.log(jump)]
        }
        let fit = MaximumLikelihood(
            negativeLogLikelihood: negativeLogLikelihood, starts: starts,
            scales: [3 / Double(returns.count).squareRoot(), 0.3, 0.7, 0.5, 0.3])
        let estimates = fit.estimates { theta in
            let sigma = scale * Foundation.exp(theta[1]) / dt.squareRoot()
            let lambda = Foundation.exp(theta[2]) / dt
            let jumpMean = scale * theta[3]
            let jumpStdev = scale * Foundation.exp(theta[4])
            let compensator = Foundation.exp(jumpMean + jumpStdev * jumpStdev / 2) - 1
            let drift = scale * theta[0] / dt + lambda * compensator + sigma * sigma / 2
            return [drift, sigma, lambda, jumpMean, jumpStdev]
        }
        drift = estimates[0]
        vol = estimates[1]
        jumpIntensity = estimates[2]
        jumpMean = estimates[3]
        jumpStdev = estimates[4]
        logLikelihood = fit.logLikelihood
        aic = 2 * 5 - 2 * fit.logLikelihood
        observations = returns.count
    }

    /// The posterior probability that a step of `stepYears` with log return `r` held at least one
    /// jump: `1 − w₀·φ(r; a, σ²Δt)/f(r)`, with `f` the fitted mixture (truncated at `maxJumps`), `w₀ =
    /// e^{−λΔt}` and `a = (μ − λk − σ²/2)Δt` the diffusion's mean.
    public func jumpProbability(_ r: Double, stepYears dt: Double) -> Double {
        let rate = jumpIntensity.value * dt
        let compensator = Foundation.exp(jumpMean.value + jumpStdev.value * jumpStdev.value / 2) - 1
        let mean = (drift.value - jumpIntensity.value * compensator - vol.value * vol.value / 2) * dt
        var exponents: [Double] = []
        for n in 0...JumpDiffusionFit.maxJumps {
            let count = Double(n)
            let variance = vol.value * vol.value * dt + count * jumpStdev.value * jumpStdev.value
            let deviation = r - (mean + count * jumpMean.value)
            let logWeight: Double = -rate + count * Foundation.log(rate) - Foundation.lgamma(count + 1)
            let logDensity: Double = -0.5 * Foundation.log(2 * Double.pi * variance) - deviation * deviation / (2 * variance)
            exponents.append(logWeight + logDensity)
        }
        let largest = exponents.max() ?? 0
        let total = exponents.reduce(0) { $0 + Foundation.exp($1 - largest) }
        return 1 - Foundation.exp(exponents[0] - largest) / total
    }

    /// `ln L` of the per-step parameters: diffusion mean `a` and stdev `σ√Δt`, `λΔt`, `μ_J`, `σ_J`.
    /// Each density is summed as `m + ln Σ_n e^{t_n − m}` with `m = max_n t_n` (no underflow in the tails).
    static func logLikelihood(
        _ returns: [Double], diffusionMean: Double, diffusionStdev: Double, jumpsPerStep: Double, jumpMean: Double,
        jumpStdev: Double
    ) -> Double {
        let terms = maxJumps + 1
        var means = [Double](repeating: 0, count: terms)
        var halfPrecisions = [Double](repeating: 0, count: terms)
        var logWeights = [Double](repeating: 0, count: terms)
        let logRate = Foundation.log(jumpsPerStep)
        for n in 0..<terms {
            let count = Double(n)
            let variance = diffusionStdev * diffusionStdev + count * jumpStdev * jumpStdev
            means[n] = diffusionMean + count * jumpMean
            halfPrecisions[n] = 0.5 / variance
            logWeights[n] = -jumpsPerStep + count * logRate - Foundation.lgamma(count + 1) - 0.5 * Foundation.log(2 * Double.pi * variance)
        }
        var exponents = [Double](repeating: 0, count: terms)
        var total = 0.0
        for r in returns {
            var largest = -Double.infinity
            for n in 0..<terms {
                let deviation = r - means[n]
                let exponent = logWeights[n] - deviation * deviation * halfPrecisions[n]
                exponents[n] = exponent
                largest = max(largest, exponent)
            }
            var sum = 0.0
            for n in 0..<terms { sum += Foundation.exp(exponents[n] - largest) }
            total += largest + Foundation.log(sum)
        }
        return total
    }
}
