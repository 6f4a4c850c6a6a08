import Foundation

/// The outcome of a run: the resolved input, the seed, one summary per cell and the recommendation.
/// This is the report model that every output format renders (`schemaVersion` versions its JSON).
public struct SimulationResult: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int = SimulationResult.currentSchemaVersion
    public var tool: String = "hedgesim " + HedgeSimVersion.current
    public var seed: UInt64
    public var scenario: Scenario
    public var cells: [CellSummary]
    /// Quantile bands of the index price over time, for fan charts.
    public var priceBands: PriceBands
    public var recommendation: Recommendation
    /// Stress scenarios replayed beside the random paths (empty unless requested).
    public var stress: [StressOutcome] = []
    /// P(liq) against leverage for the recommended ratio (isolated margin sized by leverage), from
    /// the same paths; nil otherwise.
    public var leverageCurve: LeverageCurve?
    /// How many paths decided the result and why the run stopped there.
    public var precision = Precision(pathsUsed: 0, rounds: 1, stoppedBecause: .fixedPathCount)
    /// Per-batch statistics of the recommended cell's USD value, for paired comparisons with other
    /// runs on the same paths (`PlanComparison`); not part of the report.
    var recommendedBatches = BatchStatistics()

    enum CodingKeys: String, CodingKey {
        case schemaVersion, tool, seed, scenario, cells, priceBands, recommendation, stress, timing, leverageCurve, precision
    }
    /// Wall time and throughput; the only part that differs between identical runs.
    public var timing: SimulationTiming

    public init(
        scenario: Scenario, seed: UInt64, cells: [CellSummary], priceBands: PriceBands, recommendation: Recommendation,
        timing: SimulationTiming
    ) {
        self.scenario = scenario
        self.seed = seed
        self.cells = cells
        self.priceBands = priceBands
        self.recommendation = recommendation
        self.timing = timing
        precision = Precision(pathsUsed: scenario.paths, rounds: 1, stoppedBecause: .fixedPathCount)
    }

    /// The recommended cell.
    public var recommendedCell: CellSummary { cells[recommendation.cell] }
}

/// How long a run took and on how many workers.
public struct SimulationTiming: Codable, Sendable {
    public var threads: Int
    public var simulationSeconds: Double
    public var summarySeconds: Double
    public var pathSteps: Double
    /// `paths × steps / simulationSeconds`.
    public var pathStepsPerSecond: Double

    public init(threads: Int, simulationSeconds: Double, summarySeconds: Double, pathSteps: Double) {
        self.threads = threads
        self.simulationSeconds = simulationSeconds
        self.summarySeconds = summarySeconds
        self.pathSteps = pathSteps
        pathStepsPerSecond = simulationSeconds > 0 ? pathSteps / simulationSeconds : 0
    }
}

/// The version printed in reports and `--version`.
public enum HedgeSimVersion {
    public static let current = "0.1.0"
}

/// The liquidation probability of one ratio at every leverage on a ladder, with its Wilson band and
/// the limit: the curve the leverage was chosen from.
public struct LeverageCurve: Codable, Sendable, Equatable {
    public var hedgeRatio: Double
    public var limit: Double
    public var points: [LeverageCurvePoint]

    /// 40 leverages spaced evenly in `log L` from `low` to `high`, plus `chosen`, ascending.
    static func ladder(from low: Double, to high: Double, including chosen: Double) -> [Double] {
        let count = 40
        let ratio = high > low ? Foundation.log(high / low) / Double(count - 1) : 0
        let points = (0..<count).map { low * Foundation.exp(Double($0) * ratio) } + [chosen]
        return Array(Set(points)).sorted()
    }
}

/// The path count behind a result and why the run stopped at it.
public struct Precision: Codable, Sendable, Equatable {
    public enum Stop: String, Codable, Sendable {
        /// `--until-settled` was not asked for: the scenario's path count.
        case fixedPathCount = "fixed-path-count"
        /// The recommendation is feasible by its upper bound and separated from the runner-up.
        case settled
        /// Doubling again would pass `--max-paths`; the choice may still be unsettled.
        case pathBudget = "path-budget"
    }

    public var pathsUsed: Int
    /// Path counts tried (doubling each time).
    public var rounds: Int
    public var stoppedBecause: Stop
}
