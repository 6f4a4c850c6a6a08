import Foundation

/// A stress scenario as named on the command line or in a scenario file: a parameterised shape
/// (`crash`, `squeeze`, `funding-cap`, `basis-inversion`) or a replay of a stretch of a price CSV.
///
/// Syntax (parameters optional, separated by `:`):
/// - `crash[:DROP[:DAYS]]` — the index falls by DROP (0.5) over DAYS (1), then stays flat;
/// - `squeeze[:RISE[:FALL]]` — rises by RISE (0.6) over 3 days, then falls by FALL (0.4) over 7 days;
/// - `funding-cap[:DAYS]` — funding at the cap against the short for DAYS (14), index flat;
/// - `basis-inversion[:TO[:DAYS]]` — the dated contract's annualised basis moves from the scenario's
///   basis to TO (−0.3) over DAYS (2) and stays there, index flat;
/// - `replay:PRICES[+FUNDING][:FROM:TO]` — the price (and funding) CSV between two dates.
public struct StressSpec: Sendable, Equatable {
    /// The shapes built from parameters alone.
    public enum Shape: Sendable, Equatable {
        case crash(drop: Double, days: Double)
        case squeeze(rise: Double, fall: Double)
        case fundingCap(days: Double)
        case basisInversion(to: Double, days: Double)
    }

    /// A stretch of history files, read by the caller (the core does no file I/O).
    public struct Replay: Sendable, Equatable {
        public var pricesFile: String
        public var fundingFile: String?
        /// Window bounds as written (ISO-8601 dates or epoch seconds), nil for the whole file.
        public var from: String?
        public var to: String?
    }

    public enum Kind: Sendable, Equatable {
        case shape(Shape)
        case replay(Replay)
    }

    /// The text it was parsed from (trimmed): the stress's name in reports.
    public let name: String
    public let kind: Kind

    /// The names of the shapes, for help and errors.
    public static let shapeNames = ["crash", "squeeze", "funding-cap", "basis-inversion"]

    /// Parses one stress.
    /// - Throws: `InputError` on `stress` naming the text and the accepted forms.
    public init(parsing text: String) throws {
        let name = text.trimmingCharacters(in: .whitespaces)
        let parts = name.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func fail(_ allowed: String) -> InputError { InputError(field: "stress", value: name, allowed: allowed) }
        func numbers(_ defaults: [Double], _ usage: String, valid: ([Double]) -> Bool) throws -> [Double] {
            guard parts.count - 1 <= defaults.count else { throw fail(usage) }
            var values = defaults
            for (index, part) in parts.dropFirst().enumerated() {
                guard let value = Double(part), value.isFinite else { throw fail(usage) }
                values[index] = value
            }
            guard valid(values) else { throw fail(usage) }
            return values
        }
        switch parts[0] {
        case "crash":
            let v = try numbers([0.5, 1], "crash[:DROP[:DAYS]] with 0 < DROP < 1 and DAYS > 0, e.g. crash:0.5:1") {
                $0[0] > 0 && $0[0] < 1 && $0[1] > 0
            }
            kind = .shape(.crash(drop: v[0], days: v[1]))
        case "squeeze":
            let v = try numbers([0.6, 0.4], "squeeze[:RISE[:FALL]] with 0 < RISE ≤ 10 and 0 ≤ FALL < 1, e.g. squeeze:0.6:0.4") {
                $0[0] > 0 && $0[0] <= 10 && $0[1] >= 0 && $0[1] < 1
            }
            kind = .shape(.squeeze(rise: v[0], fall: v[1]))
        case "funding-cap":
            let v = try numbers([14], "funding-cap[:DAYS] with DAYS > 0, e.g. funding-cap:14") { $0[0] > 0 }
            kind = .shape(.fundingCap(days: v[0]))
        case "basis-inversion":
            let v = try numbers([-0.3, 2], "basis-inversion[:TO[:DAYS]] with −5 ≤ TO ≤ 5 and DAYS > 0, e.g. basis-inversion:-0.3:2") {
                abs($0[0]) <= 5 && $0[1] > 0
            }
            kind = .shape(.basisInversion(to: v[0], days: v[1]))
        case "replay":
            let usage = "replay:PRICES[+FUNDING][:FROM:TO], e.g. replay:btc-1h.csv:2020-03-01:2020-03-31"
            guard parts.count == 2 || parts.count == 4 else { throw fail(usage) }
            let files = parts[1].split(separator: "+", omittingEmptySubsequences: false).map(String.init)
            guard files.count <= 2, files.allSatisfy({ !$0.isEmpty }) else { throw fail(usage) }
            let window = parts.count == 4 ? (parts[2], parts[3]) : nil
            if let window, window.0.isEmpty || window.1.isEmpty { throw fail(usage) }
            kind = .replay(Replay(pricesFile: files[0], fundingFile: files.dropFirst().first, from: window?.0, to: window?.1))
        default:
            throw fail((StressSpec.shapeNames + ["replay:FILE[:FROM:TO]"]).joined(separator: " | ") + ScenarioFields.stressSuggestion(for: parts[0]))
        }
        self.name = name
    }

    /// Parses a list: config items, or comma-separated text (`crash,squeeze`).
    /// - Throws: `InputError` on `stress` for an item that is not a stress.
    public static func list(_ value: FieldValue) throws -> [StressSpec] {
        switch value {
        case .null: return []
        case .text(let text): return try text.split(separator: ",").map { try StressSpec(parsing: String($0)) }
        case .list(let items):
            return try items.map { item in
                guard case .text(let text) = item else {
                    throw InputError(field: "stress", value: item.display, allowed: "stress names such as crash or squeeze:0.6:0.4")
                }
                return try StressSpec(parsing: text)
            }
        default: throw InputError(field: "stress", value: value.display, allowed: "a list of stress names, e.g. [crash, squeeze]")
        }
    }
}

extension ScenarioFields {
    /// " (did you mean 'x'?)" for a misspelt stress name within edit distance 3, else "".
    static func stressSuggestion(for name: String) -> String {
        let candidates = (StressSpec.shapeNames + ["replay"]).map { ($0, editDistance($0, name.lowercased())) }
        guard let best = candidates.min(by: { $0.1 < $1.1 }), best.1 <= 3 else { return "" }
        return " (did you mean '\(best.0)'?)"
    }
}
