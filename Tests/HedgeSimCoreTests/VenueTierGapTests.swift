import Testing
@testable import HedgeSimCore

/// A position between or beyond a venue's sourced maintenance tiers is not refused: the next sourced
/// tier up is used (a higher rate: conservative), or the last one beyond them, with a note; a tier's
/// maintenance deduction is dropped (more maintenance than the venue asks: conservative).
@Suite struct VenueTierGapTests {
    private func scenario(holding: Double) throws -> (Scenario, [String]) {
        var s = Scenario()
        s.holding = holding
        let notes = try ScenarioFields.apply([("venue", .text("binance-coinm"))], to: &s)
        return (s, notes)
    }

    @Test func aSizeBetweenTiersTakesTheNextTierUp() throws {
        let (s, notes) = try scenario(holding: 10)
        let schedule = try #require(Venue.named("binance-coinm")).maintenance.value
        guard case .brackets(_, let rows) = schedule else { Issue.record("binance-coinm has brackets"); return }
        let next = try #require(rows.filter { $0.over >= 10 }.min { $0.over < $1.over })
        #expect(s.maintenanceRate == next.rate)
        #expect(s.maintenanceRate > schedule.firstTier.rate, "conservative: above the small-position tier")
        #expect(notes.count == 1 && notes[0].contains("falls between the venue's sourced tiers") && notes[0].contains("conservative"))
    }

    @Test func aSizeInsideTheFirstTierHasNoNote() throws {
        let (s, notes) = try scenario(holding: 2)
        #expect(notes.isEmpty)
        #expect(s.maintenanceRate == (try #require(Venue.named("binance-coinm"))).maintenance.value.firstTier.rate)
    }

    @Test func aSizeBeyondEveryTierTakesTheLastWithANote() throws {
        let (_, notes) = try scenario(holding: 5_000)
        #expect(notes.count == 1 && notes[0].contains("beyond the venue's sourced tiers"))
    }
}
