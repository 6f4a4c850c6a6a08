/// A CSV file that cannot be read as a history, in one line: the file as the user named it, the
/// 1-based line at fault (when one line is) and the reason, e.g. `prices.csv:17: price "abc" is not a number`.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public let file: String
    /// The 1-based line number, or nil when the problem is the whole file.
    public let line: Int?
    /// What is wrong, in words.
    public let reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
