import Foundation
import HedgeSimCore

/// Every field of a run's scenario as `(key, value)` text, so that no field can be left out: the keys
/// are the scenario's stored properties in declaration order (read by reflection, unset optional
/// fields included), the values come from its own JSON encoding (whose keys are the property names);
/// an unset optional field reads "not set".
struct ScenarioListing: Sendable {
    /// One JSON value of the encoded scenario.
    private enum Value: Decodable {
        case number(Double), text(String), flag(Bool), list([Value]), null

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
            } else {
                self = .list(try container.decode([Value].self))
            }
        }

        var display: String {
            switch self {
            case .number(let number): return "\(number)".droppingPointZero
            case .text(let text): return text
            case .flag(let flag): return flag ? "true" : "false"
            case .list(let items): return items.isEmpty ? "(none)" : items.map(\.display).joined(separator: ", ")
            case .null: return "not set"
            }
        }
    }

    let entries: [(key: String, value: String)]

    init(_ scenario: Scenario) throws {
        let values = try JSONDecoder().decode([String: Value].self, from: try JSONEncoder().encode(scenario))
        entries = Mirror(reflecting: scenario).children.compactMap(\.label).map { key in
            (key, (values[key] ?? .null).display)
        }
    }
}

extension String {
    /// "3.0" → "3", other text unchanged.
    fileprivate var droppingPointZero: String { hasSuffix(".0") ? String(dropLast(2)) : self }
}
