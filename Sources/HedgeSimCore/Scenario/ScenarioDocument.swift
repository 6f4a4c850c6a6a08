import Foundation
import Yams

/// A scenario file (YAML or JSON — JSON is read as YAML): a mapping of scenario keys to values, plus
/// an optional `seed`, an optional `stress` list and optional `variants` (name → partial scenario that
/// overrides the base keys). Unknown keys, wrong types and malformed text are errors naming the key by
/// its path (`variants.dated-90d.expiry`).
public struct ScenarioDocument: Sendable {
    /// The keys and values in file order.
    public let entries: [(key: String, value: FieldValue)]
    public let seed: UInt64?
    /// The stress scenarios of `stress:`; nil when the key is absent (a variant then keeps the base's).
    public let stress: [StressSpec]?
    /// The variants of `variants:` in file order, each a partial document; empty without variants.
    public let variants: [(name: String, document: ScenarioDocument)]

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
        try self.init(mapping: mapping, source: source, path: "")
    }

    /// Reads one mapping: the whole file (`path` empty) or a variant (`path` = "variants.NAME.").
    private init(mapping: Node.Mapping, source: String, path: String) throws {
        var entries: [(String, FieldValue)] = []
        var seed: UInt64?
        var stress: [StressSpec]?
        var variants: [(String, ScenarioDocument)] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else {
                throw InputError(field: "config", value: source, allowed: "text keys")
            }
            switch key {
            case "seed":
                guard let text = valueNode.scalar?.string, let value = UInt64(text) else {
                    throw InputError(field: "seed", value: valueNode.scalar?.string ?? "a non-scalar", allowed: "a whole number from 0 to 18446744073709551615")
                }
                seed = value
            case "stress":
                stress = try StressSpec.list(try ScenarioDocument.value(of: valueNode, key: path + key))
            case "variants" where path.isEmpty:
                variants = try ScenarioDocument.variants(of: valueNode, source: source)
            case "management":
                // The policy rules grouped as the JSON report writes them (`Scenario.management`).
                guard let group = valueNode.mapping else {
                    throw InputError(field: path + key, value: valueNode.scalar?.string ?? "a list",
                                     allowed: "a mapping of the policy rules, e.g. {topUpAt: 0.7}")
                }
                for (ruleNode, ruleValue) in group {
                    guard let rule = ruleNode.string, MarginManagement.keys.contains(rule) else {
                        throw InputError(
                            field: "config", value: "unknown key '\(path)management.\(ruleNode.string ?? "?")' in \(source)",
                            allowed: "one of " + MarginManagement.keys.sorted().joined(separator: ", "))
                    }
                    entries.append((rule, try ScenarioDocument.value(of: ruleValue, key: path + key + "." + rule)))
                }
            case "assets" where path.isEmpty:
                throw InputError(
                    field: "config", value: "\(source) describes a portfolio (assets:)",
                    allowed: "hedgesim portfolio \(source) for several coins; run, compare and batch take one coin")
            default:
                guard ScenarioFields.keys.contains(key), key != "variants" else {
                    throw InputError(
                        field: "config", value: "unknown key '\(path + key)' in \(source)",
                        allowed: key == "variants" ? "no variants inside a variant" : "one of the scenario keys" + ScenarioFields.suggestion(for: key))
                }
                entries.append((key, try ScenarioDocument.value(of: valueNode, key: path + key)))
            }
        }
        self.entries = entries
        self.seed = seed
        self.stress = stress
        self.variants = variants
    }

    /// The variants of a `variants:` mapping: each name (letters, digits, `-`, `_`, `.`; it names a
    /// report folder) maps to a partial scenario, or to nothing (the base as it is).
    private static func variants(of node: Node, source: String) throws -> [(String, ScenarioDocument)] {
        guard let mapping = node.mapping, !mapping.isEmpty else {
            throw InputError(field: "variants", value: node.scalar?.string ?? "an empty or non-mapping value", allowed: "a mapping of variant names to partial scenarios")
        }
        var variants: [(String, ScenarioDocument)] = []
        for (nameNode, body) in mapping {
            let name = nameNode.string ?? ""
            let allowedCharacters = name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
            guard !name.isEmpty, name.count <= 64, allowedCharacters, !name.hasPrefix("."), !variants.contains(where: { $0.0 == name }) else {
                throw InputError(
                    field: "variants", value: name.isEmpty ? "an empty name" : name,
                    allowed: "unique names of up to 64 letters, digits, '-', '_' or '.', not starting with '.'")
            }
            let path = "variants.\(name)."
            if body.scalar.map({ ScenarioDocument.isNull($0) }) == true {
                variants.append((name, try ScenarioDocument(mapping: Node.Mapping([]), source: source, path: path)))
                continue
            }
            guard let partial = body.mapping else {
                throw InputError(field: "variants.\(name)", value: body.scalar?.string ?? "a list", allowed: "a mapping of scenario keys that override the base")
            }
            variants.append((name, try ScenarioDocument(mapping: partial, source: source, path: path)))
        }
        return variants
    }

    /// Whether a plain scalar is YAML's null (`null`, `~` or nothing).
    private static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && (scalar.string == "null" || scalar.string == "~" || scalar.string.isEmpty)
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
                if isNull(scalar) { return .null }
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
