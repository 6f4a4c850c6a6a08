/// One data row as read from a file: its time (epoch seconds, UTC), its value, its 1-based line and
/// whether its epoch time was written with a fraction (`1674086400.0`).
struct HistoryRow: Sendable {
    let time: Double
    let value: Double
    let line: Int
    let fractionalTime: Bool
}
