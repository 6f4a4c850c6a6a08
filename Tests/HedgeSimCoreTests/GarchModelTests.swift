import CVectorMath
import Foundation
import HedgeSimRandom
import Testing
@testable import HedgeSimCore

/// GARCH(1,1) with Student-t shocks, checked on the log returns the kernel produces. Started at the
/// long-run variance `σ²Δt`, every step has `E[h_t] = σ²Δt`, so `Var(ln P_T/P_0) ≈ σ²T` (plus
/// `Var(Σh)/4`, below 10⁻³ of it here). Tolerances are 4 standard errors computed from the sample:
/// `SE(s²) = √((m₄ − s⁴)/n)`; for the kurtosis, the spread of 40 batch estimates divided by √40.
@Suite struct GarchModelTests {
    private func logReturns(_ scenario: Scenario) -> [Double] {
        let plan = SimulationPlan(scenario: scenario)
        let kernel = PathBlockKernel(plan: plan, random: CounterRandomSource(seed: 11))
        let scratch = BlockScratch(paths: SimulationPlan.blockSize, groups: plan.thresholds.count)
        var returns: [Double] = []
        for first in stride(from: 0, to: scenario.paths, by: SimulationPlan.blockSize) {
            let count = min(SimulationPlan.blockSize, scenario.paths - first)
            kernel.run(firstPath: first, count: count, scratch: scratch)
            for path in 0..<count { returns.append(scratch.stateLogIndex[path] - plan.logPrice0) }
        }
        return returns
    }

    private func moments(_ x: [Double]) -> (variance: Double, m4: Double, kurtosis: Double) {
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let m2 = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let m4 = x.reduce(0) { $0 + pow($1 - mean, 4) } / n
        return (m2, m4, m4 / (m2 * m2) - 3)
    }

    private func garch(paths: Int, days: Double, dof: Double) -> Scenario {
        var s = TestScenarios.quiet(paths: paths, ratios: [0])
        s.model = .garch
        s.vol = 0.6
        s.garchAlpha = 0.08
        s.garchBeta = 0.9
        s.garchDegreesOfFreedom = dof
        s.horizonDays = days
        return s
    }

    @Test(arguments: [5.0, 6.0])
    func horizonVarianceIsTheLongRunVariance(dof: Double) {
        let s = garch(paths: 20_000, days: 10, dof: dof)
        let (variance, m4, _) = moments(logReturns(s))
        let expected = s.vol * s.vol * s.horizonDays / 365
        let standardError = ((m4 - variance * variance) / Double(s.paths)).squareRoot()
        #expect(abs(variance - expected) <= 4 * standardError, "s² = \(variance), σ²T = \(expected)")
    }

    /// One step: the shock is `√(σ²Δt)·t_ν·√((ν−2)/ν)`, with variance `σ²Δt` and excess kurtosis
    /// `6/(ν−4)` (1 for ν = 10, 4/3 for ν = 8.5: Bailey's t takes any real ν), which a normal shock (0)
    /// would miss.
    @Test(arguments: [10.0, 8.5])
    func oneStepShocksAreStandardisedStudentT(dof: Double) {
        var s = garch(paths: 200_000, days: 1, dof: dof)
        s.stepsPerDay = 1
        let returns = logReturns(s)
        let (variance, m4, _) = moments(returns)
        let expected = s.vol * s.vol / 365
        #expect(abs(variance - expected) <= 4 * ((m4 - variance * variance) / Double(s.paths)).squareRoot())
        let batches = 40
        let size = returns.count / batches
        let estimates = (0..<batches).map { moments(Array(returns[($0 * size)..<(($0 + 1) * size)])).kurtosis }
        let mean = estimates.reduce(0, +) / Double(batches)
        let spread = (estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(batches - 1)).squareRoot()
        #expect(abs(mean - 6 / (dof - 4)) <= 4 * spread / Double(batches).squareRoot(), "excess kurtosis \(mean)")
    }

    /// ν = 3 (infinite fourth moment) with a reactive α: uncapped, one big shock lifts `h` so far that
    /// the following steps compound it, and one path in 20,000 ends at `ln P_T/P_0 ≈ −46`, carrying 58 %
    /// of the sample variance (measured). The kernel caps `h` at `σ_max²Δt` (`σ_max` = 500 % a year):
    /// no path may carry more than 5 % of `Σ(r − r̄)²` (0.5 % here), and `Var(ln P_T/P_0) ≤ σ_max²T`
    /// within 4 standard errors of the sample variance.
    @Test func conditionalVarianceIsCapped() {
        var s = garch(paths: 20_000, days: 30, dof: 3)
        s.vol = 1.5
        s.garchAlpha = 0.5
        s.garchBeta = 0.49
        let returns = logReturns(s)
        #expect(returns.allSatisfy { $0.isFinite })
        let (variance, m4, _) = moments(returns)
        let mean = returns.reduce(0, +) / Double(returns.count)
        let largest = returns.map { ($0 - mean) * ($0 - mean) }.max() ?? 0
        let share = largest / (variance * Double(returns.count))
        #expect(share <= 0.05, "one path carries \(share) of the variance")
        let bound = GarchStep.maxVol * GarchStep.maxVol * s.horizonDays / 365
        let standardError = ((m4 - variance * variance) / Double(s.paths)).squareRoot()
        #expect(variance <= bound + 4 * standardError, "s² = \(variance), bound \(bound) ± \(standardError)")
    }
}
