import Foundation
@testable import HedgeSimCore

/// Scenarios and closed forms shared by the engine tests.
enum TestScenarios {
    /// A quiet market: GBM without funding or fees, so only the tested effect moves the numbers.
    static func quiet(paths: Int = 4_000, ratios: [Double] = [0, 1]) -> Scenario {
        var s = Scenario()
        s.model = .gbm
        s.paths = paths
        s.hedgeRatios = ratios
        s.fundingMean = 0
        s.fundingVol = 0
        s.fee = 0
        s.settlementFee = 0
        return s
    }

    static func run(_ scenario: Scenario, seed: UInt64 = 2024, threads: Int? = nil) throws -> SimulationResult {
        try HedgeSimulation.run(scenario, seed: seed, threads: threads)
    }

    /// Standard normal CDF `Φ(x) = ½·erfc(−x/√2)`.
    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// `P(ln(P_T/P_0) ≤ x)` for Merton jump-diffusion over `T` years with log drift `m` per year,
    /// diffusion `σ`, `λ` jumps per year of log size N(μ_J, σ_J²): a Poisson mixture of normals.
    static func mertonCDF(
        _ x: Double, years: Double, logDrift: Double, vol: Double, intensity: Double, jumpMean: Double, jumpStdev: Double
    ) -> Double {
        var total = 0.0
        var weight = exp(-intensity * years)
        for k in 0..<200 {
            if k > 0 { weight *= intensity * years / Double(k) }
            let mean = logDrift * years + Double(k) * jumpMean
            let sd = (vol * vol * years + Double(k) * jumpStdev * jumpStdev).squareRoot()
            total += weight * normalCDF((x - mean) / sd)
        }
        return total
    }
}
