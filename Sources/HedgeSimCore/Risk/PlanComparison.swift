import Foundation

/// Several scenarios (venues, instruments, models, variants of one file) run with one seed, so on the
/// same random numbers, and their recommended plans side by side. Each plan after the first is
/// compared with the first by paired differences of its USD value statistics: with the same path
/// count the batches hold the same paths, and `SE(θ_b − θ_a) = sd(θ_{b,k} − θ_{a,k})/√B`; with
/// different path counts the pairing is lost and the error is `√(SE_a² + SE_b²)` (`paired` false).
public struct PlanComparison: Codable, Sendable {
    /// One scenario's outcome.
    public struct Entry: Codable, Sendable {
        public var name: String
        public var scenario: Scenario
        public var recommendation: Recommendation
        /// The recommended cell's numbers.
        public var cell: CellSummary
        public var precision: Precision
    }

    /// A statistic of the recommended cells' USD values, entry minus the first entry.
    public struct Difference: Codable, Sendable, Equatable {
        public var statistic: String
        public var value: Double
        public var standardError: Double
        /// Whether `|value| > 2·standardError`.
        public var separated: Bool
    }

    /// The comparison of one entry with the first.
    public struct Versus: Codable, Sendable {
        public var name: String
        public var against: String
        /// Whether the two share their paths batch by batch (same path count).
        public var paired: Bool
        public var differences: [Difference]
    }

    public var schemaVersion = 1
    public var seed: UInt64
    public var entries: [Entry]
    public var comparisons: [Versus]

    /// Compares `results` (name, result of one seed) in order; the first is the reference.
    public init(seed: UInt64, results: [(name: String, result: SimulationResult)]) {
        self.seed = seed
        let entries = results.map { name, result in
            let recommendation = result.recommendation
            let cell = result.cells.indices.contains(recommendation.cell) ? result.cells[recommendation.cell] : result.cells[0]
            return Entry(
                name: name, scenario: result.scenario, recommendation: recommendation, cell: cell, precision: result.precision)
        }
        self.entries = entries
        guard let reference = results.first else {
            comparisons = []
            return
        }
        let referenceCell = entries[0].cell.netValueUSD
        comparisons = zip(entries, results).dropFirst().map { entry, pair in
            let other = entry.cell.netValueUSD
            let paired = pair.result.scenario.paths == reference.result.scenario.paths
                && pair.result.recommendedBatches.mean.count == reference.result.recommendedBatches.mean.count
                && reference.result.recommendedBatches.mean.count > 1
            let a = reference.result.recommendedBatches, b = pair.result.recommendedBatches
            func difference(_ name: String, _ x: Double, _ y: Double, _ bx: [Double], _ by: [Double], _ sx: Double?, _ sy: Double?) -> Difference {
                let error = paired
                    ? BatchStatistics.pairedError(by, bx)
                    : ((sx ?? 0) * (sx ?? 0) + (sy ?? 0) * (sy ?? 0)).squareRoot()
                return Difference(statistic: name, value: y - x, standardError: error, separated: abs(y - x) > 2 * error)
            }
            let ea = referenceCell.standardErrors, eb = other.standardErrors
            return Versus(
                name: entry.name, against: entries[0].name, paired: paired,
                differences: [
                    difference("mean", referenceCell.mean, other.mean, a.mean, b.mean, ea?.mean, eb?.mean),
                    difference("stdev", referenceCell.stdev, other.stdev, a.stdev, b.stdev, ea?.stdev, eb?.stdev),
                    difference("var95", referenceCell.var95, other.var95, a.var95, b.var95, ea?.var95, eb?.var95),
                    difference("es95", referenceCell.es95, other.es95, a.es95, b.es95, ea?.es95, eb?.es95),
                    difference("es99", referenceCell.es99, other.es99, a.es99, b.es99, ea?.es99, eb?.es99),
                ])
        }
    }
}
