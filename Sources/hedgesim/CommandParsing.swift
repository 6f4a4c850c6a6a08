import HedgeSimCalibration
import HedgeSimCore

/// Option parsing shared by the commands that read histories (calibrate, backtest).
enum CommandParsing {
    /// The case of `T` named by `text`, or an `InputError` listing the names.
    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, field: String, as: T.Type) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw InputError(field: field, value: text, allowed: T.allCases.map(\.rawValue).joined(separator: " | "))
        }
        return value
    }

    /// Epoch seconds of a `--from`/`--to` value; a date alone as `--to` means the end of that day.
    static func time(_ text: String?, field: String, endOfDay: Bool) throws -> Double? {
        guard let text else { return nil }
        guard let seconds = HistoryReadOptions.windowBound(text, endOfDay: endOfDay) else {
            throw InputError(
                field: field, value: text,
                allowed: "an ISO-8601 date or time (2020-03-12, 2020-03-12T23:00Z) or epoch seconds")
        }
        return seconds
    }
}
