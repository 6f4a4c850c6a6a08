import Foundation
@testable import HedgeSimCore

extension PortfolioResult {
    /// The report without its timing, as JSON with sorted keys: what must not depend on threads or
    /// shards.
    func numbers() throws -> String {
        var result = self
        result.timing = SimulationTiming(threads: 0, simulationSeconds: 0, summarySeconds: 0, pathSteps: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }
}
