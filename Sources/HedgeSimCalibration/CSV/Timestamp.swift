/// Reading and writing times as epoch seconds (UTC, 86,400 s a day, no leap seconds).
enum Timestamp {
    /// A parsed time: epoch seconds, how it was written (for the data-quality report), and whether an
    /// epoch number carried a fractional part (`1674086400.0`), which marks CryptoDataDownload's partial
    /// duplicate rows.
    struct Parsed {
        let seconds: Double
        let kind: String
        let fractionalEpoch: Bool
    }

    /// The `kind` of a date without a time.
    static let dateOnlyKind = "ISO-8601 date"

    /// Parses `text` written in `format`; nil when it is not a time in that format.
    static func parse(_ text: String, format: TimeFormat) -> Parsed? {
        if format != .iso8601, let number = Double(text), number.isFinite {
            let unit: EpochUnit?
            switch format {
            case .auto: unit = EpochUnit.detect(number)
            case .seconds: unit = .seconds
            case .milliseconds: unit = .milliseconds
            case .microseconds: unit = .microseconds
            case .iso8601: unit = nil
            }
            guard let unit else { return nil }
            return Parsed(seconds: number / unit.perSecond, kind: "epoch \(unit.rawValue)", fractionalEpoch: text.contains("."))
        }
        guard format == .auto || format == .iso8601 else { return nil }
        return parseISO(Array(text.utf8))
    }

    /// ISO-8601: `YYYY-MM-DD` optionally followed by `T` or a space, `hh:mm[:ss[.fff]]` and a zone
    /// (`Z`, `±hh`, `±hhmm`, `±hh:mm`); no zone means UTC.
    private static func parseISO(_ bytes: [UInt8]) -> Parsed? {
        var cursor = 0
        func number(_ digits: Int) -> Int? {
            guard cursor + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[cursor..<(cursor + digits)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            cursor += digits
            return value
        }
        func take(_ character: Character) -> Bool {
            guard cursor < bytes.count, bytes[cursor] == character.asciiValue else { return false }
            cursor += 1
            return true
        }
        guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(month, year: year)
        else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        guard cursor < bytes.count else { return Parsed(seconds: seconds, kind: dateOnlyKind, fractionalEpoch: false) }
        guard take("T") || take("t") || take(" "), let hour = number(2), take(":"), let minute = number(2),
            hour <= 23, minute <= 59
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if take(":") {
            guard let second = number(2), second <= 60 else { return nil }
            seconds += Double(second)
            if take(".") || take(",") {
                var scale = 0.1
                var digits = 0
                while cursor < bytes.count, bytes[cursor] >= 48 && bytes[cursor] <= 57 {
                    seconds += Double(bytes[cursor] - 48) * scale
                    scale /= 10
                    cursor += 1
                    digits += 1
                }
                guard digits > 0 else { return nil }
            }
        }
        if cursor == bytes.count { return Parsed(seconds: seconds, kind: "ISO-8601 without zone (read as UTC)", fractionalEpoch: false) }
        if take("Z") || take("z") {
            return cursor == bytes.count ? Parsed(seconds: seconds, kind: "ISO-8601 UTC", fractionalEpoch: false) : nil
        }
        let sign: Double
        if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
        guard let offsetHours = number(2), offsetHours <= 23 else { return nil }
        var offsetMinutes = 0
        if cursor < bytes.count {
            _ = take(":")
            guard let minutes = number(2), minutes <= 59, cursor == bytes.count else { return nil }
            offsetMinutes = minutes
        }
        seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
        return Parsed(seconds: seconds, kind: "ISO-8601 with UTC offset", fractionalEpoch: false)
    }

    /// `2020-08-27T06:00Z` (seconds shown only when not zero).
    static func format(_ seconds: Double) -> String {
        let whole = Int((seconds).rounded(.down))
        let days = Int((Double(whole) / 86_400).rounded(.down))
        let inDay = whole - days * 86_400
        let (year, month, day) = civilFromDays(days)
        let hour = inDay / 3600, minute = (inDay % 3600) / 60, second = inDay % 60
        var text = "\(year)-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute))"
        if second != 0 { text += ":\(pad(second))" }
        return text + "Z"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
