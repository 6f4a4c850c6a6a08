import Foundation
import HedgeSimCore

/// Every field of a run's scenario as `(key, value)` text, so that no field can be left out: the keys
/// are the scenario's stored properties in declaration order (read by reflection, unset optional
/// fields included; a group of fields as its fields), the values come from its own JSON encoding (whose
/// keys are the property names);
/// an unset optional field reads "not set".
struct ScenarioListing: Sendable {
    /// One JSON value of the encoded scenario.
    private enum Value: Decodable {
        case number(Double), text(String), flag(Bool), list([Value]), group([String: Value]), null

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let list = try? container.decode([Value].self) {
                self = .list(list)
            } else {
                self = .group(try container.decode([String: Value].self))
            }
        }

        var display: String {
            switch self {
            case .number(let number): return "\(number)".droppingPointZero
            case .text(let text): return text
            case .flag(let flag): return flag ? "true" : "false"
            case .list(let items): return items.isEmpty ? "(none)" : items.map(\.display).joined(separator: ", ")
            case .group(let fields): return fields.keys.sorted().map { "\($0): \(fields[$0]?.display ?? "")" }.joined(separator: ", ")
            case .null: return "not set"
            }
        }
    }

    let entries: [(key: String, value: String)]

    init(_ scenario: Scenario) throws {
        let values = try JSONDecoder().decode([String: Value].self, from: try JSONEncoder().encode(scenario))
        // A group of fields (the policy rules, `management`) lists its own fields, as a scenario file has them.
        entries = Mirror(reflecting: scenario).children.flatMap { child -> [(key: String, value: String)] in
            guard let key = child.label else { return [] }
            guard case .group(let fields)? = values[key] else { return [(key, (values[key] ?? .null).display)] }
            return Mirror(reflecting: child.value).children.compactMap(\.label).map { field in
                (field, (fields[field] ?? .null).display)
            }
        }
    }
}

extension String {
    /// "3.0" → "3", other text unchanged.
    fileprivate var droppingPointZero: String { hasSuffix(".0") ? String(dropLast(2)) : self }
}
