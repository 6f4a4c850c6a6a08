import Foundation
import Testing
@testable import HedgeSimCalibration

/// Time parsing and formatting, checked against Foundation's ISO-8601 formatter and known epochs.
@Suite struct TimestampTests {
    @Test(arguments: [
        ("2020-03-12T23:00:00Z", 1_584_054_000.0), ("2020-03-12 23:00:00", 1_584_054_000), ("2020-03-12T23:00Z", 1_584_054_000),
        ("2020-03-13T00:30:00+01:30", 1_584_054_000), ("2020-03-12T18:00:00-0500", 1_584_054_000),
        ("2020-03-12", 1_583_971_200), ("1970-01-01", 0), ("2000-02-29T12:00:00z", 951_825_600),
        ("1584054000", 1_584_054_000), ("1584054000000", 1_584_054_000), ("1584054000000000", 1_584_054_000),
        ("1584054000000000000", 1_584_054_000), ("1674086400.0", 1_674_086_400),
    ])
    func parsesAutomatically(_ text: String, _ seconds: Double) throws {
        let parsed = try #require(Timestamp.parse(text, format: .auto))
        #expect(parsed.seconds == seconds)
    }

    @Test(arguments: ["2021-02-29", "2020-13-01", "2020-00-10", "2020-01-32", "2020-01-01T24:00", "2020-01-01T10:60", "2020-01-01T10",
                      "2020-01-01X10:00", "2020-01-01T10:00:00.", "2020-01-01T10:00:00+25:00", "2020-01-01T10:00:00Zjunk", "abc", "", "1e30"])
    func rejectsWhatIsNotATime(_ text: String) {
        #expect(Timestamp.parse(text, format: .auto) == nil)
    }

    @Test func explicitFormatsDoNotGuess() {
        #expect(Timestamp.parse("1584054000", format: .milliseconds)?.seconds == 1_584_054)
        #expect(Timestamp.parse("1584054000", format: .microseconds)?.seconds == 1_584.054)
        #expect(Timestamp.parse("1584054000000", format: .seconds)?.seconds == 1_584_054_000_000)
        #expect(Timestamp.parse("1584054000", format: .iso8601) == nil)
        #expect(Timestamp.parse("2020-03-12", format: .seconds) == nil)
        #expect(Timestamp.parse("1674086400.0", format: .auto)?.fractionalEpoch == true)
        #expect(Timestamp.parse("1674086400", format: .auto)?.fractionalEpoch == false)
    }

    @Test func dayCountsMatchFoundationOverFourCenturies() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        // From 1600: Foundation switches to the Julian calendar before the 1582 reform; we stay Gregorian.
        let start = Timestamp.daysFromCivil(year: 1600, month: 1, day: 1)
        for days in stride(from: start, through: start + 146_097, by: 997) {
            let (year, month, day) = Timestamp.civilFromDays(days)
            #expect(Timestamp.daysFromCivil(year: year, month: month, day: day) == days)
            let text = formatter.string(from: Date(timeIntervalSince1970: Double(days) * 86_400))
            let parsed = try #require(Timestamp.parse(text, format: .iso8601), "\(text)")
            #expect(parsed.seconds == Double(days) * 86_400, "\(text)")
        }
    }

    @Test func formatsAsCompactUTC() {
        #expect(Timestamp.format(1_598_508_000) == "2020-08-27T06:00Z")
        #expect(Timestamp.format(1_528_084_807.1) == "2018-06-04T04:00:07Z")
        #expect(Timestamp.format(-1) == "1969-12-31T23:59:59Z")
    }

    @Test func windowBoundsIncludeTheWholeLastDay() throws {
        let to = try #require(HistoryReadOptions.windowBound("2023-01-26", endOfDay: true))
        let midnight: Double = 1_674_691_200
        #expect(to > midnight + 86_399)
        #expect(to < midnight + 86_400)
        #expect(HistoryReadOptions.windowBound("2023-01-26T00:00Z", endOfDay: true) == 1_674_691_200)
        #expect(HistoryReadOptions.windowBound(" 2023-01-26 ", endOfDay: false) == 1_674_691_200)
        #expect(HistoryReadOptions.windowBound("yesterday", endOfDay: false) == nil)
    }

    @Test func stepsAreDescribedInTheirNaturalUnit() {
        #expect(TimeGrid.describe(step: 3600) == "1 h")
        #expect(TimeGrid.describe(step: 28_800) == "8 h")
        #expect(TimeGrid.describe(step: 86_400) == "1 d")
        #expect(TimeGrid.describe(step: 300) == "5 min")
        #expect(TimeGrid.describe(step: 1.5) == "1.5 s")
    }

    @Test func jitteredTradeTimesSnapToTheWholeStep() {
        let times = (0..<50).map { (index: Int) -> Double in
            // Trade times a few seconds after each funding time, once 109 s (as in the BitMEX file).
            let jitter = index == 20 ? 109 : Double((index * 7) % 11)
            return 1_528_084_800 + Double(index) * 28_800 + jitter
        }
        #expect(TimeGrid.step(of: times) == 28_800)
        #expect(TimeGrid.classify(28_800 + 99, step: 28_800) == .regular)
        #expect(TimeGrid.classify(3 * 28_800, step: 28_800) == .gap(missing: 2))
        #expect(TimeGrid.classify(1.5 * 28_800, step: 28_800) == .irregular)
    }
}
