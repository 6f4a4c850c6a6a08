/// Tick labels of chart axes: short enough to sit side by side on a phone.
enum ChartLabels {
    /// A USD amount in at most seven characters: "350,000", "1,500k", "2.5M".
    static func usd(_ value: Double) -> String { NumberFormatting.fitted(value, width: 7) }

    /// A fraction as a whole percent: `0.25` → "25 %".
    static func percent(_ fraction: Double) -> String { NumberFormatting.compact(fraction * 100) + " %" }

    /// A plain number such as a day or a ratio: `2.5` → "2.5".
    static func plain(_ value: Double) -> String { NumberFormatting.compact(value) }
}
