import Foundation
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
    /// Config keys the setup does not use (a file's base keys that a variant's setup leaves
    /// unused, or keys a fragment carries for another model): printed, not refused.
    let notes: [String]
    /// Values that look like a percent where a fraction is meant (errors under `--strict`).
    let warnings: [String]

    /// Resolves and validates a document run; `stress` from the flags replaces the file's list. A flag
    /// the setup does not use is refused (it was typed for this run); a config key is a note.
    /// - Parameter strict: warnings become errors.
    init(
        _ run: ScenarioDocument.Run, base: Scenario, flags: [(key: String, value: FieldValue)], seed: UInt64?,
        stress: [StressSpec]?, strict: Bool = false
    ) throws {
        var scenario = base
        let venueNotes = try ScenarioFields.apply(run.entries + flags, to: &scenario)
        try scenario.validate()
        if let error = ScenarioFields.unusedError(flags, in: scenario) { throw error }
        let flagged = Set(flags.map(\.key))
        notes = venueNotes + ScenarioFields.unusedNotes(run.entries.filter { !flagged.contains($0.key) }, in: scenario)
        warnings = ScenarioFields.percentLike(run.entries + flags, in: scenario)
        if strict, let first = warnings.first {
            throw InputError(field: "strict", value: "on", allowed: "no warnings: " + first)
        }
        variant = run.variant
        self.scenario = scenario
        self.seed = seed ?? run.seed
        self.stress = stress ?? run.stress
    }

    /// Prints the notes and warnings on standard error, one line each, prefixed with `label` (a
    /// variant or file name) when given.
    func report(label: String? = nil) {
        let prefix = label.map { "\($0): " } ?? ""
        for note in notes { FileHandle.standardError.write(Data("hedgesim: note: \(prefix)\(note)\n".utf8)) }
        for warning in warnings { FileHandle.standardError.write(Data("hedgesim: warning: \(prefix)\(warning)\n".utf8)) }
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
