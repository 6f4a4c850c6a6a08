import HedgeSimCore

/// One scenario ready to simulate, as `run` and `batch` resolve it: a built-in base, the config's
/// entries (base keys, then a variant's) and the flags, applied as one input (`ScenarioFields.apply`),
/// plus the seed and the stress list the file or the flags give.
struct ScenarioJob {
    /// The variant's name, nil without variants.
    let variant: String?
    let scenario: Scenario
    /// The seed of the file or the flags; nil when neither gives one.
    let seed: UInt64?
    let stress: [StressSpec]

    /// Resolves and validates a document run; `stress` from the flags replaces the file's list.
    init(_ run: ScenarioDocument.Run, base: Scenario, flags: [(key: String, value: FieldValue)], seed: UInt64?, stress: [StressSpec]?) throws {
        var scenario = base
        try ScenarioFields.apply(run.entries + flags, to: &scenario)
        try scenario.validate()
        variant = run.variant
        self.scenario = scenario
        self.seed = seed ?? run.seed
        self.stress = stress ?? run.stress
    }

    /// Simulates the random paths and then every stress path (built first, so a bad stress fails
    /// before the long run).
    func simulate(seed: UInt64, threads: Int?) throws -> SimulationResult {
        let stressPaths = try StressLoader.paths(stress, scenario: scenario)
        let history = try HistoryLoader.load(for: scenario)
        var result = try HedgeSimulation.run(scenario, seed: seed, threads: threads, history: history)
        result.stress = try stressPaths.map { try StressRunner.run($0, scenario: scenario, seed: seed) }
        return result
    }
}
