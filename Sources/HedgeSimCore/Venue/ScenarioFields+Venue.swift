extension ScenarioFields {
    /// Applies config entries and flags to `scenario` as one input, so that a venue preset never
    /// overrides an explicit value wherever it appears:
    ///
    /// 1. every `venue` entry, in order (each is checked, with a "did you mean"; the last one wins) —
    ///    applying a preset sets its fields (`Venue.apply(to:)`);
    /// 2. every other entry, in the order given (pass config entries before flags so flags win);
    /// 3. when a venue was given and `maintenanceRate` was not, the venue's tier for the grid's
    ///    largest position (`Scenario.applyVenueMaintenanceTier`).
    /// - Returns: notes on what was assumed (a venue tier the sources do not cover exactly).
    /// - Throws: `InputError` for the first bad entry.
    @discardableResult
    public static func apply(_ entries: [(key: String, value: FieldValue)], to scenario: inout Scenario) throws -> [String] {
        let venues = entries.filter { $0.key == "venue" }
        for entry in venues {
            if case .text(let name) = entry.value { _ = try Venue.preset(named: name) }
            try apply(key: entry.key, value: entry.value, to: &scenario)
        }
        for entry in entries where entry.key != "venue" {
            try apply(key: entry.key, value: entry.value, to: &scenario)
        }
        if !venues.isEmpty && !entries.contains(where: { $0.key == "maintenanceRate" }) {
            return [try scenario.applyVenueMaintenanceTier()].compactMap { $0 }
        }
        return []
    }
}
