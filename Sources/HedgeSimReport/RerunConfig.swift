import Foundation
import HedgeSimCore

/// What a reader needs to repeat a run exactly: the resolved scenario, the seed and the stress list as
/// one scenario file (JSON, which `hedgesim run --config` reads like YAML) and the command that runs it.
/// Every scenario field is written, so the defaults of a later version cannot change the rerun; a
/// stress outcome's name is the text of its stress (`squeeze:0.6:0.4`), so the names are the list.
struct RerunConfig: Sendable {
    /// The file name the instructions use.
    static let fileName = "scenario.json"

    /// The scenario file: every resolved scenario key plus `seed` (and `stress` when the run had stress
    /// scenarios), keys sorted.
    let json: String
    /// `hedgesim run --config scenario.json --format FORMAT --output report.EXT`.
    let command: String

    init(_ result: SimulationResult, format: ReportFormat) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        let seeded = SeededScenario(scenario: result.scenario, seed: result.seed, stress: result.stress.map(\.name))
        // The chosen leverages and the mode are outputs of the run, not keys: automatic leverage is
        // written as `leverages: auto`, and the rerun searches the same leverages again.
        guard var object = try JSONSerialization.jsonObject(with: try encoder.encode(seeded)) as? [String: Any] else {
            throw EncodingError.invalidValue(seeded.seed, .init(codingPath: [], debugDescription: "scenario is not an object"))
        }
        object["chosenLeverages"] = nil
        object["leverageMode"] = nil
        // The policy rules are grouped in the scenario (`management`) but are keys of their own in a file.
        if let rules = object.removeValue(forKey: "management") as? [String: Any] {
            object.merge(rules) { kept, _ in kept }
        }
        if result.scenario.leverageMode == .auto { object["leverages"] = "auto" }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        json = RerunConfig.collapsingArrays(String(decoding: data, as: UTF8.self))
        let fileExtension = format == .markdown ? "md" : format.rawValue
        command = "hedgesim run --config \(RerunConfig.fileName) --format \(format.rawValue) --output report.\(fileExtension)"
    }

    /// Pretty-printed JSON with each array of plain values on one line: `"leverages" : [2, 3, 5]`.
    /// Arrays whose items open further arrays or objects are left as they are.
    static func collapsingArrays(_ json: String) -> String {
        var output: [String] = []
        var open: (lines: [String], items: [String])?
        for line in json.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var array = open {
                if trimmed == "]" || trimmed == "]," {
                    output.append(array.lines[0] + array.items.joined(separator: " ") + trimmed)
                    open = nil
                } else if trimmed.hasSuffix("[") || trimmed.hasSuffix("{") {
                    output += array.lines + [line]
                    open = nil
                } else {
                    array.lines.append(line)
                    if !trimmed.isEmpty { array.items.append(trimmed) }
                    open = array
                }
            } else if trimmed.hasSuffix("[") {
                open = ([line], [])
            } else {
                output.append(line)
            }
        }
        return output.joined(separator: "\n")
    }

    /// The scenario's keys, `seed` and a non-empty `stress` list in one JSON object.
    private struct SeededScenario: Encodable {
        enum Key: String, CodingKey { case seed, stress }

        let scenario: Scenario
        let seed: UInt64
        let stress: [String]

        /// Writes the scenario's keys (automatic leverage as `leverages: auto`, without the chosen
        /// values and the mode, which are outputs), then `seed` and `stress` into the same JSON object.
        func encode(to encoder: Encoder) throws {
            try scenario.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(seed, forKey: .seed)
            if !stress.isEmpty { try container.encode(stress, forKey: .stress) }
        }
    }
}
