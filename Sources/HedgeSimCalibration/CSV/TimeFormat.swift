/// How a time column is written. Every time becomes epoch seconds (Double, UTC).
public enum TimeFormat: String, Sendable, CaseIterable {
    /// A plain number is an epoch time whose unit follows from its magnitude (see `EpochUnit.detect`);
    /// anything else is read as ISO-8601.
    case auto
    /// ISO-8601 text: `2020-03-12`, `2020-03-12T23:00:00Z`, `2020-03-12 23:00`, `…:00.123+01:00`.
    /// Without a zone the time is read as UTC.
    case iso8601
    /// Epoch seconds.
    case seconds
    /// Epoch milliseconds.
    case milliseconds
    /// Epoch microseconds.
    case microseconds
}

/// The unit of an epoch number.
enum EpochUnit: String, Sendable {
    case seconds, milliseconds, microseconds, nanoseconds

    /// Units per second (a division by it rounds once, so `1584054000 µs` is exactly `1584.054 s`).
    var perSecond: Double {
        switch self {
        case .seconds: return 1
        case .milliseconds: return 1e3
        case .microseconds: return 1e6
        case .nanoseconds: return 1e9
        }
    }

    /// The unit by magnitude: |x| < 10¹¹ seconds (before the year 5138), < 10¹⁴ milliseconds,
    /// < 10¹⁷ microseconds, < 10²⁰ nanoseconds; larger is not a time.
    static func detect(_ value: Double) -> EpochUnit? {
        switch abs(value) {
        case ..<1e11: return .seconds
        case ..<1e14: return .milliseconds
        case ..<1e17: return .microseconds
        case ..<1e20: return .nanoseconds
        default: return nil
        }
    }
}
