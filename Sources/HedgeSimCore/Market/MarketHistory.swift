/// A joint history on the simulation's step grid for the bootstrap and replay models: the log return
/// of the index over each step and the funding rate paid at the end of each step (0 when none fell
/// in it; positive = longs pay shorts). Without funding rates the perpetual keeps the AR(1) funding.
/// An optional basis series (annualised basis of a dated contract at the end of each step) replaces
/// the basis's Ornstein–Uhlenbeck process under the replay and bootstrap models, so a stress can
/// prescribe a deterministic basis path (`basis-inversion`).
public struct MarketHistory: Sendable, Equatable {
    public let logReturns: [Double]
    public let fundingRates: [Double]
    /// Annualised basis at the end of each step (empty: the scenario's OU process drives the basis).
    public let basis: [Double]

    /// - Throws: `InputError` when the history is empty, holds a non-finite value, or the funding or
    ///   basis series does not have one value per return.
    public init(logReturns: [Double], fundingRates: [Double] = [], basis: [Double] = []) throws {
        guard !logReturns.isEmpty else {
            throw InputError(field: "history", value: "no returns", allowed: "a price history with at least two prices on the step grid")
        }
        if let bad = logReturns.firstIndex(where: { !$0.isFinite }) {
            throw InputError(field: "history", value: "return \(bad) is \(logReturns[bad])", allowed: "finite log returns")
        }
        guard fundingRates.isEmpty || fundingRates.count == logReturns.count else {
            throw InputError(
                field: "history", value: "\(fundingRates.count) funding rates for \(logReturns.count) returns",
                allowed: "one funding rate per step (0 where none is paid)")
        }
        if let bad = fundingRates.firstIndex(where: { !$0.isFinite || abs($0) > 0.5 }) {
            throw InputError(field: "history", value: "funding \(bad) is \(fundingRates[bad])", allowed: "finite rates within ±0.5")
        }
        guard basis.isEmpty || basis.count == logReturns.count else {
            throw InputError(
                field: "history", value: "\(basis.count) basis values for \(logReturns.count) returns", allowed: "one basis per step")
        }
        if let bad = basis.firstIndex(where: { !$0.isFinite || abs($0) > 5 }) {
            throw InputError(field: "history", value: "basis \(bad) is \(basis[bad])", allowed: "an annualised basis from −5 to 5")
        }
        self.logReturns = logReturns
        self.fundingRates = fundingRates
        self.basis = basis
    }

    /// Sample variance of the log returns per step: the diffusive variance the bridge uses.
    var returnVariance: Double { sampleVariance(logReturns) }
}
