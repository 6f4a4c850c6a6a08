/// A fitted parameter: the estimate and its asymptotic standard error (nil when the observed
/// information matrix is not positive definite, e.g. at a bound of the parameter space).
public struct Estimate: Codable, Sendable, Equatable {
    public let value: Double
    public let standardError: Double?

    public init(_ value: Double, standardError: Double?) {
        self.value = value
        self.standardError = standardError
    }

    /// Whether `truth` lies within `k` standard errors of the estimate (false without a standard error).
    public func covers(_ truth: Double, within k: Double) -> Bool {
        guard let standardError else { return false }
        return abs(value - truth) <= k * standardError
    }
}
