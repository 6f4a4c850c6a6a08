import Foundation

/// A small seeded generator for the synthetic series of the recovery tests (SplitMix64, Vigna 2015),
/// so every test sees the same numbers on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// Standard normal (Box–Muller, one of the pair).
    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }

    /// Poisson by inversion.
    mutating func poisson(_ mean: Double) -> Int {
        let u = uniform()
        var count = 0
        var probability = exp(-mean)
        var cumulative = probability
        while u > cumulative && count < 100 {
            count += 1
            probability *= mean / Double(count)
            cumulative += probability
        }
        return count
    }

    /// Standardised Student-t with `dof` (whole) degrees of freedom: unit variance.
    mutating func standardisedT(_ dof: Int) -> Double {
        var chiSquare = 0.0
        for _ in 0..<dof {
            let z = normal()
            chiSquare += z * z
        }
        let nu = Double(dof)
        return normal() * (nu / chiSquare).squareRoot() * ((nu - 2) / nu).squareRoot()
    }
}

/// Simulated log returns of the simulator's models, per step of `dt` years.
enum SyntheticSeries {
    static let hour = 3600.0
    static let hourYears = 1 / (365.0 * 24)

    /// `r = (μ − σ²/2)Δt + σ√Δt·Z`.
    static func gbm(count: Int, drift: Double, vol: Double, dt: Double, seed: UInt64) -> [Double] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in (drift - vol * vol / 2) * dt + vol * dt.squareRoot() * random.normal() }
    }

    /// Merton: `r = (μ − λk − σ²/2)Δt + σ√Δt·Z + Σ_{j≤N} Y_j`, `N ~ Poisson(λΔt)`, `Y ~ N(μ_J, σ_J²)`.
    static func merton(
        count: Int, drift: Double, vol: Double, intensity: Double, jumpMean: Double, jumpStdev: Double, dt: Double, seed: UInt64
    ) -> [Double] {
        var random = SplitMix64(seed: seed)
        let compensator = exp(jumpMean + jumpStdev * jumpStdev / 2) - 1
        let base = (drift - intensity * compensator - vol * vol / 2) * dt
        return (0..<count).map { _ in
            var r = base + vol * dt.squareRoot() * random.normal()
            for _ in 0..<random.poisson(intensity * dt) { r += jumpMean + jumpStdev * random.normal() }
            return r
        }
    }

    /// GARCH(1,1)-t as the simulator runs it: `r = μΔt − h/2 + √h·t`, `h ← ω + α(√h·t)² + βh`,
    /// starting at the long-run variance.
    static func garch(
        count: Int, drift: Double, omega: Double, alpha: Double, beta: Double, dof: Int, dt: Double, seed: UInt64
    ) -> [Double] {
        var random = SplitMix64(seed: seed)
        var h = omega / (1 - alpha - beta)
        return (0..<count).map { _ in
            let shock = h.squareRoot() * random.standardisedT(dof)
            let r = drift * dt - h / 2 + shock
            h = omega + alpha * shock * shock + beta * h
            return r
        }
    }

    /// Funding `f_t = f̄ + x_t`, `x_t = φx_{t−1} + σ_e·e_t`, and same-interval log returns
    /// `r_t = s·(ρ·e_t + √(1−ρ²)·u_t)` with independent standard normals e, u.
    static func funding(
        count: Int, mean: Double, persistence: Double, innovationStdev: Double, correlation: Double, returnStdev: Double,
        seed: UInt64
    ) -> (rates: [Double], returns: [Double]) {
        var random = SplitMix64(seed: seed)
        var deviation = 0.0
        var rates: [Double] = [], returns: [Double] = []
        for _ in 0..<count {
            let e = random.normal()
            deviation = persistence * deviation + innovationStdev * e
            rates.append(mean + deviation)
            returns.append(returnStdev * (correlation * e + (1 - correlation * correlation).squareRoot() * random.normal()))
        }
        return (rates, returns)
    }

    /// Prices from log returns, starting at `start`, one per `step` seconds from `firstTime`.
    static func prices(from returns: [Double], start: Double = 10_000, firstTime: Double = 1_600_000_000, step: Double)
        -> (times: [Double], prices: [Double])
    {
        var logPrice = log(start)
        var prices = [start]
        for r in returns {
            logPrice += r
            prices.append(exp(logPrice))
        }
        return (prices.indices.map { firstTime + Double($0) * step }, prices)
    }
}
