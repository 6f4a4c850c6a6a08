/// Data that cannot be fitted (too few returns, no regular grid), in one line.
public struct CalibrationError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
