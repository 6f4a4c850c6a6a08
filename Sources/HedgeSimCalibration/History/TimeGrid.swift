import Foundation

/// The regular time grid of a series: its step and how consecutive times relate to it.
///
/// **Step rule:** the median of the positive differences between consecutive times, snapped to a
/// whole minute when it is within 1 % of one (so the few-second jitter of trade times does not
/// change the step). **Tolerance:** a difference within 1 % of a whole number `k` of steps counts
/// as `k` steps; `k = 1` is a regular interval, `k > 1` a gap of `k − 1` missing points, anything else
/// an irregular interval.
public enum TimeGrid {
    /// Relative tolerance of a step.
    static let tolerance = 0.01

    /// The step in seconds of ascending unique `times`; nil with fewer than two times.
    static func step(of times: [Double]) -> Double? {
        guard times.count >= 2 else { return nil }
        var differences = zip(times.dropFirst(), times).map { $0 - $1 }
        differences.sort()
        let median = differences[differences.count / 2]
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
        guard steps >= 1, abs(difference - steps * step) <= tolerance * step else { return .irregular }
        return steps == 1 ? .regular : .gap(missing: Int(steps) - 1)
    }

    /// Whether two times are one regular step apart.
    static func isOneStep(_ difference: Double, step: Double) -> Bool {
        classify(difference, step: step) == .regular
    }

    /// `3600` → "1 h", `28800` → "8 h", `86400` → "1 d", `300` → "5 min", `1.5` → "1.5 s".
    public static func describe(step seconds: Double) -> String {
        func compact(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(format: "%.3g", value)
        }
        if seconds >= 86_400 && (seconds / 86_400) == (seconds / 86_400).rounded() { return compact(seconds / 86_400) + " d" }
        if seconds >= 3600 { return compact(seconds / 3600) + " h" }
        if seconds >= 60 { return compact(seconds / 60) + " min" }
        return compact(seconds) + " s"
    }
}
