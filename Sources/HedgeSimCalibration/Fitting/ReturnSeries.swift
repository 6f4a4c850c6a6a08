import Foundation

/// Log returns `r = ln(P_t / P_{t−Δ})` on the regular grid of a price history: a return is taken
/// only between two consecutive grid points (one step apart within `TimeGrid`'s 1 % tolerance), never
/// across a gap or an irregular interval. Returns separated by such a break start a new run, so
/// recursive models (GARCH) restart there.
public struct ReturnSeries: Sendable {
    /// The returns, oldest first.
    public let returns: [Double]
    /// Index in `returns` of the first return of each run of consecutive returns (0 first).
    public let runStarts: [Int]
    /// Grid step Δ in seconds.
    public let step: Double

    /// Seconds in the 365-day year used to annualise.
    public static let secondsPerYear = 365.0 * 86_400

    /// Δ in years.
    public var stepYears: Double { step / ReturnSeries.secondsPerYear }

    /// The runs as index ranges into `returns`.
    var runs: [Range<Int>] {
        zip(runStarts, runStarts.dropFirst() + [returns.count]).map { $0..<$1 }
    }

    /// - Throws: `CalibrationError` when the history has fewer than two prices.
    public init(prices: PriceHistory) throws {
        guard let step = prices.step, prices.times.count >= 2 else {
            throw CalibrationError("\(prices.quality.source): fewer than two prices in the chosen window; nothing to fit")
        }
        var returns: [Double] = []
        var runStarts: [Int] = []
        var previousWasReturn = false
        for index in 1..<prices.times.count {
            guard TimeGrid.isOneStep(prices.times[index] - prices.times[index - 1], step: step) else {
                previousWasReturn = false
                continue
            }
            if !previousWasReturn { runStarts.append(returns.count) }
            returns.append(Foundation.log(prices.prices[index] / prices.prices[index - 1]))
            previousWasReturn = true
        }
        self.returns = returns
        self.runStarts = runStarts
        self.step = step
    }

    /// One run of consecutive returns, `step` seconds each (synthetic data).
    public init(returns: [Double], step: Double) {
        self.returns = returns
        self.runStarts = returns.isEmpty ? [] : [0]
        self.step = step
    }

    /// Runs of consecutive returns starting at `runStarts` (ascending, the first 0), `step` seconds each.
    public init(returns: [Double], runStarts: [Int], step: Double) {
        precondition(returns.isEmpty ? runStarts.isEmpty : runStarts.first == 0, "runStarts must start at 0")
        self.returns = returns
        self.runStarts = runStarts
        self.step = step
    }

    /// Sample mean and variance (divisor n) of the returns.
    var moments: (mean: Double, variance: Double) {
        let n = Double(returns.count)
        let mean = returns.reduce(0, +) / n
        let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        return (mean, variance)
    }

    /// - Throws: `CalibrationError` when fewer than `minimum` returns are available for `model`.
    func require(_ minimum: Int, for model: String) throws {
        if returns.count < minimum {
            throw CalibrationError(
                "\(returns.count) returns on the \(TimeGrid.describe(step: step)) grid; \(model) needs at least \(minimum)")
        }
    }
}
