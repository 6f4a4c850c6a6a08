/// How firmly the research note establishes a value: its tags [P], [S], [D] and [?].
public enum SourceGrade: String, Codable, Sendable, CaseIterable {
    /// The exchange's own help, docs or contract page (or a verbatim mirror of it).
    case primary = "P"
    /// A third-party write-up, staff forum reply, code comment or news article.
    case secondary = "S"
    /// Derived by algebra from primary definitions.
    case derived = "D"
    /// Uncertain, outdated or not found: verify before relying on it.
    case uncertain = "?"
}

/// One venue value with where it comes from: the row of `research/exchange-mechanics.md` that states
/// it, the URLs that row cites, how firm it is, and when it was checked.
///
/// A `nil` value (for optional facts) means the note has no number for it; the fact's `note` says
/// what applying the preset does instead.
public struct VenueFact<Value: Sendable & Equatable & Encodable>: Sendable, Equatable, Encodable {
    /// The date every preset value was last checked against the research note.
    public static var checkedDate: String { "2026-11-25 from research/exchange-mechanics.md" }

    public let value: Value
    /// The section and row of `exchange-mechanics.md`, e.g. `§2 Risk-limit steps`.
    public let row: String
    /// The URL(s) that row cites, separated by " ; ".
    public let source: String
    public let grade: SourceGrade
    /// When the value was checked (`checkedDate`).
    public let checked: String
    /// Caveats: what is uncertain ([?]) or approximated; nil when there is nothing to add.
    public let note: String?

    /// When the USD-margined presets were checked against `docs/research/usd-margined.md`.
    public static var linearCheckedDate: String { "2026-12-06 from docs/research/usd-margined.md" }

    public init(_ value: Value, row: String, source: String, grade: SourceGrade, note: String? = nil, checked: String = VenueFact.checkedDate) {
        self.value = value
        self.row = row
        self.source = source
        self.grade = grade
        self.checked = checked
        self.note = note
    }

    private enum CodingKeys: String, CodingKey { case value, row, source, grade, checked, note }

    /// Encodes every key, with `null` for a missing value or note, so readers see the same shape
    /// for every fact.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(row, forKey: .row)
        try container.encode(source, forKey: .source)
        try container.encode(grade, forKey: .grade)
        try container.encode(checked, forKey: .checked)
        try container.encode(note, forKey: .note)
    }
}
