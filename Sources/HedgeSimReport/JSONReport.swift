import Foundation
import HedgeSimCore

/// The versioned JSON report: camelCase keys, sorted, pretty-printed; `schemaVersion` changes when a
/// field is renamed or removed. Absent values (`meanTimeDays` without liquidations) are `null`.
public enum JSONReport {
    public static func render(_ result: SimulationResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        let data = try encoder.encode(result)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
