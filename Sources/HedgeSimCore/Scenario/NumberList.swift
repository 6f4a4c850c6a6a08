import Foundation

/// Parses lists of numbers: `0,0.5,1`, a single `0.5`, a range `start:end:step` (both ends included,
/// e.g. `0:1:0.1` → 0, 0.1, …, 1), or a config list.
enum NumberList {
    static func parse(_ value: FieldValue, or error: InputError) throws -> [Double] {
        switch value {
        case .number(let number): return [number]
        case .list(let items): return try items.map { try ScenarioFields.number($0, or: error) }
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.contains(":") { return try range(trimmed, or: error) }
            let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            return try parts.map { try ScenarioFields.number(.text(String($0)), or: error) }
        default: throw error
        }
    }

    /// `start:end:step` with `step > 0` and at most 10,000 values; each value is `start + i·step`
    /// rounded to 12 decimals so that 0.1 steps land on 0.3, not 0.30000000000000004.
    private static func range(_ text: String, or error: InputError) throws -> [Double] {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let start = Double(parts[0]), let end = Double(parts[1]), let step = Double(parts[2]),
            start.isFinite, end.isFinite, step.isFinite, step > 0, end >= start, (end - start) / step <= 10_000
        else { throw error }
        let count = Int(((end - start) / step + 1e-9).rounded(.down))
        return (0...count).map { ((start + Double($0) * step) * 1e12).rounded() / 1e12 }
    }
}
