import Foundation

/// One stress as a deterministic market history on a scenario's step grid, replayed by the `replay`
/// model: a log return per step, the funding rate paid at the end of each step and the dated
/// contract's annualised basis at the end of each step.
public struct StressPath: Sendable, Equatable {
    /// Short name, as the stress was written (e.g. `crash:0.3:2`).
    public let name: String
    /// What the stress does, in one sentence.
    public let summary: String
    public let history: MarketHistory
    /// Steps (counted from the start, ≥ 1) where the shape turns — the end of a crash, the top of a
    /// squeeze — always reported as time points of the value path.
    public let keySteps: [Int]

    /// A stress from given log returns. Funding defaults to the scenario's mean rate (clamped to its
    /// cap) at the scenario's funding times; the basis to the scenario's initial basis, held (the
    /// OU process's path without shocks), so every stress is deterministic.
    /// - Throws: `InputError` when a series is empty, not finite, or of another length.
    public init(
        name: String, summary: String, logReturns: [Double], fundingRates: [Double]? = nil, basis: [Double]? = nil,
        keySteps: [Int] = [], scenario: Scenario
    ) throws {
        self.name = name
        self.summary = summary
        let steps = logReturns.count
        let meanFunding = min(scenario.fundingCap, max(-scenario.fundingCap, scenario.fundingMean))
        history = try MarketHistory(
            logReturns: logReturns,
            fundingRates: fundingRates ?? StressPath.fundingSchedule(steps: steps, scenario: scenario) { _ in meanFunding },
            basis: basis ?? Array(repeating: scenario.basis, count: steps))
        self.keySteps = keySteps
    }

    /// The funding paid at the end of each of `steps` steps: `rate(step)` per interval at the
    /// scenario's funding times (times the payments per step when an interval is shorter than a
    /// step), 0 at the other steps — the schedule the parametric funding model pays on.
    static func fundingSchedule(steps: Int, scenario: Scenario, rate: (Int) -> Double) -> [Double] {
        let plan = SimulationPlan(scenario: scenario)
        return (0..<steps).map { step in
            plan.isFundingStep(step) ? rate(step) * Double(plan.funding.payments_per_step) : 0
        }
    }
}
