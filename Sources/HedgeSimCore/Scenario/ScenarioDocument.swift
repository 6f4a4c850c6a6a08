import Foundation
import Yams

/// A scenario file (YAML or JSON — JSON is read as YAML): a mapping of scenario keys to values, plus
/// an optional `seed`. Unknown keys, wrong types and malformed text are errors naming the key.
public struct ScenarioDocument: Sendable {
    /// The keys and values in file order.
    public let entries: [(key: String, value: FieldValue)]
    public let seed: UInt64?

    /// Parses the text of a scenario file; `source` names it in errors.
    public init(text: String, source: String) throws {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let reason = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
            throw InputError(field: "config", value: source, allowed: "a YAML or JSON mapping of scenario keys (\(reason))")
        }
        guard let mapping = node?.mapping else {
            throw InputError(field: "config", value: source, allowed: "a YAML or JSON mapping of scenario keys, e.g. 'holding: 5'")
        }
        var entries: [(String, FieldValue)] = []
        var seed: UInt64?
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else {
                throw InputError(field: "config", value: source, allowed: "text keys")
            }
            if key == "seed" {
                guard let text = valueNode.scalar?.string, let value = UInt64(text) else {
                    throw InputError(field: "seed", value: valueNode.scalar?.string ?? "a non-scalar", allowed: "a whole number from 0 to 18446744073709551615")
                }
                seed = value
                continue
            }
            guard ScenarioFields.keys.contains(key) else {
                throw InputError(
                    field: "config", value: "unknown key '\(key)' in \(source)",
                    allowed: "one of the scenario keys" + ScenarioFields.suggestion(for: key))
            }
            entries.append((key, try ScenarioDocument.value(of: valueNode, key: key)))
        }
        self.entries = entries
        self.seed = seed
    }

    /// Applies the entries to `scenario`: a `venue` preset first, then the rest in file order
    /// (`ScenarioFields.apply(_:to:)`).
    public func apply(to scenario: inout Scenario) throws {
        try ScenarioFields.apply(entries, to: &scenario)
    }

    private static func value(of node: Node, key: String) throws -> FieldValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if scalar.string == "null" || scalar.string == "~" || scalar.string.isEmpty { return .null }
                if let flag = Bool.construct(from: scalar) { return .boolean(flag) }
                if let number = Double.construct(from: scalar) { return .number(number) }
            }
            return .text(scalar.string)
        case .sequence(let sequence):
            return .list(try sequence.map { try value(of: $0, key: key) })
        case .mapping, .alias:
            throw InputError(field: key, value: "a nested mapping", allowed: "a number, text, true/false or a list")
        }
    }
}
