import Foundation
import Testing
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

    /// Each change of the default scenario makes `validate()` throw an `InputError` naming the field.
    static func expectRefused(_ cases: [(field: String, change: (inout Scenario) -> Void)],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        for (field, change) in cases {
            var s = Scenario()
            change(&s)
            #expect(sourceLocation: sourceLocation) {
                try s.validate()
            } throws: { error in
                (error as? InputError)?.field == field
            }
        }
    }

    static func run(_ scenario: Scenario, seed: UInt64 = 2024, threads: Int? = nil) throws -> SimulationResult {
        try HedgeSimulation.run(scenario, seed: seed, threads: threads)
    }

    /// Standard normal CDF `Φ(x) = ½·erfc(−x/√2)`.
    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// The probability that GBM with zero drift (log drift `ν = −σ²/2`) started at `start` reaches
    /// `barrier > start` within `days`: with `b = ln(barrier/start)`,
    /// `Φ((−b + νT)/(σ√T)) + e^{2νb/σ²}·Φ((−b − νT)/(σ√T))`.
    static func firstPassage(from start: Double, to barrier: Double, vol: Double, days: Double) -> Double {
        let b = log(barrier / start)
        let years = days / 365
        let nu = -0.5 * vol * vol
        let spread = vol * years.squareRoot()
        return normalCDF((-b + nu * years) / spread) + exp(2 * nu * b / (vol * vol)) * normalCDF((-b - nu * years) / spread)
    }

    /// GBM at 70 % vol without drift, funding or fees, liquidation checked between steps: a short's
    /// liquidation is then the first passage of the mark to its liquidation price.
    static func firstPassageMarket(paths: Int) -> Scenario {
        var s = quiet(paths: paths, ratios: [1])
        s.vol = 0.7
        s.drift = 0
        s.betweenStepCheck = true
        return s
    }

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
