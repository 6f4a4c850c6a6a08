import Foundation

/// The regular time grid of a series: its step and how consecutive times relate to it.
///
/// **Step rule:** the median of the positive differences between consecutive times, snapped to a
/// whole minute when it is within 1 % of one (so the few-second jitter of trade times does not
/// change the step). **Tolerance:** a difference within 1 % of a whole number `k` of steps counts
/// as `k` steps; `k = 1` is a regular interval, `k > 1` a gap of `k − 1` missing points, anything else
/// an irregular interval. **Calendar months:** a median between 28 and 31 days is a monthly grid whose
/// step is the mean month, 365.2425/12 days; an interval counts as `k` months when it is within 3 days
/// of `k` mean months (a month is 28–31 days long).
public enum TimeGrid {
    /// Relative tolerance of a step.
    static let tolerance = 0.01
    /// The mean calendar month, seconds (365.2425 days / 12).
    static let month = 365.2425 / 12 * 86_400
    /// How far a monthly interval may be from a whole number of mean months, seconds.
    static let monthTolerance = 3 * 86_400.0

    /// The step in seconds of ascending unique `times`; nil with fewer than two times.
    static func step(of times: [Double]) -> Double? {
        guard times.count >= 2 else { return nil }
        var differences = zip(times.dropFirst(), times).map { $0 - $1 }
        differences.sort()
        let median = differences[differences.count / 2]
        if median >= 28 * 86_400 && median <= 31 * 86_400 { return month }
        let minutes = (median / 60).rounded() * 60
        if median >= 60 && abs(median - minutes) <= tolerance * median { return minutes }
        return median
    }

    /// What a difference between consecutive times is on a grid of `step` seconds.
    enum Interval: Equatable {
        case regular
        /// `missing` grid points are absent.
        case gap(missing: Int)
        case irregular
    }

    static func classify(_ difference: Double, step: Double) -> Interval {
        let steps = (difference / step).rounded()
        let allowed = step == month ? monthTolerance : tolerance * step
        guard steps >= 1, abs(difference - steps * step) <= allowed else { return .irregular }
        return steps == 1 ? .regular : .gap(missing: Int(steps) - 1)
    }

    /// Whether two times are one regular step apart.
    static func isOneStep(_ difference: Double, step: Double) -> Bool {
        classify(difference, step: step) == .regular
    }

    /// `3600` → "1 h", `28800` → "8 h", `86400` → "1 d", `300` → "5 min", `1.5` → "1.5 s", the mean
    /// month → "1 month".
    public static func describe(step seconds: Double) -> String {
        if seconds == month { return "1 month" }
        func compact(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(format: "%.3g", value)
        }
        if seconds >= 86_400 && (seconds / 86_400) == (seconds / 86_400).rounded() { return compact(seconds / 86_400) + " d" }
        if seconds >= 3600 { return compact(seconds / 3600) + " h" }
        if seconds >= 60 { return compact(seconds / 60) + " min" }
        return compact(seconds) + " s"
    }
}
