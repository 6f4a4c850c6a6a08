/// Turning a scenario document into the scenarios it asks for: the base alone, or one per variant.
extension ScenarioDocument {
    /// One runnable scenario of a document: the base keys followed by a variant's keys (so the
    /// variant wins), and the seed and stress list of the variant or else the base.
    public struct Run: Sendable {
        /// The variant's name; nil for a document without variants.
        public let variant: String?
        /// Config entries in the order `ScenarioFields.apply(_:to:)` should see them (flags go after).
        public let entries: [(key: String, value: FieldValue)]
        public let seed: UInt64?
        public let stress: [StressSpec]

        public init(variant: String?, entries: [(key: String, value: FieldValue)], seed: UInt64?, stress: [StressSpec]) {
            self.variant = variant
            self.entries = entries
            self.seed = seed
            self.stress = stress
        }
    }

    /// The runs of the document: the base when it has no variants, else every variant in file order,
    /// or only the variant `named`.
    /// - Throws: `InputError` on `variant` for a name the document does not hold.
    public func runs(named: String? = nil) throws -> [Run] {
        guard !variants.isEmpty else {
            if let named {
                throw InputError(field: "variant", value: named, allowed: "no variant: the scenario file has no 'variants:'")
            }
            return [Run(variant: nil, entries: entries, seed: seed, stress: stress ?? [])]
        }
        let chosen = try named.map { name in
            guard let match = variants.first(where: { $0.name == name }) else {
                let names = variants.map(\.name)
                let close = names.min { ScenarioFields.editDistance($0, name) < ScenarioFields.editDistance($1, name) }
                let hint = close.map { ScenarioFields.editDistance($0, name) <= 3 ? " (did you mean '\($0)'?)" : "" } ?? ""
                throw InputError(field: "variant", value: name, allowed: names.joined(separator: " | ") + hint)
            }
            return [match]
        } ?? variants
        return chosen.map { variant in
            Run(
                variant: variant.name, entries: entries + variant.document.entries, seed: variant.document.seed ?? seed,
                stress: variant.document.stress ?? stress ?? [])
        }
    }
}
