import Foundation

/// Several coins' price histories fitted together for a portfolio file: each coin's GBM and the
/// correlation matrix of their log returns, on the times the histories share.
///
/// **Alignment.** Every history must have the same grid step (within 1 %); the common times are those
/// present in all of them, and a return counts only between two common times one step apart (a gap in
/// any history drops the returns across it for every coin). **Correlation** is the sample correlation
/// of those returns, with the standard error `(1 − ρ̂²)/√n` of its normal approximation.
public struct MultiCoinCalibration: Codable, Sendable {
    public struct Coin: Codable, Sendable {
        public var name: String
        public var source: String
        /// The last common price, USD per coin.
        public var lastPrice: Double
        public var gbm: GBMFit
    }

    public var coins: [Coin]
    /// `correlations[i][j]`, and its standard errors (0 on the diagonal).
    public var correlations: [[Double]]
    public var correlationErrors: [[Double]]
    /// The grid step, seconds, and the number of common returns used.
    public var step: Double
    public var returns: Int
    /// The first and last common times, ISO-8601.
    public var from: String
    public var to: String

    /// - Throws: `CalibrationError` when the grids differ, the histories share fewer than 30 returns,
    ///   or a coin's prices never change.
    public init(histories: [(name: String, source: String, prices: PriceHistory)]) throws {
        guard let first = histories.first else { throw CalibrationError("no price history given") }
        guard let step = first.prices.step else { throw CalibrationError("\(first.source) has fewer than two prices") }
        for other in histories.dropFirst() {
            guard let otherStep = other.prices.step, abs(otherStep - step) <= TimeGrid.tolerance * step else {
                throw CalibrationError(
                    "\(first.source) has a \(TimeGrid.describe(step: step)) grid but \(other.source) "
                        + "\(other.prices.step.map { "a \(TimeGrid.describe(step: $0))" } ?? "no") grid; give histories on one time grid (resample them to a common step)")
            }
        }
        var common = Set(first.prices.times)
        for other in histories.dropFirst() { common.formIntersection(other.prices.times) }
        let times = common.sorted()
        let lookups = histories.map { Dictionary(zip($0.prices.times, $0.prices.prices), uniquingKeysWith: { a, _ in a }) }
        var series = [[Double]](repeating: [], count: histories.count)
        for (previous, next) in zip(times, times.dropFirst()) where TimeGrid.isOneStep(next - previous, step: step) {
            for (i, lookup) in lookups.enumerated() {
                guard let a = lookup[previous], let b = lookup[next] else { continue }
                series[i].append(Foundation.log(b / a))
            }
        }
        let n = series.first?.count ?? 0
        guard n >= GBMFit.minimumReturns else {
            throw CalibrationError(
                "the histories share \(n) consecutive returns (\(times.count) common times); at least \(GBMFit.minimumReturns) are needed: "
                    + "their time ranges or grids barely overlap")
        }
        coins = try histories.enumerated().map { i, history in
            Coin(name: history.name, source: history.source, lastPrice: lookups[i][times[times.count - 1]] ?? 0,
                 gbm: try GBMFit(ReturnSeries(returns: series[i], step: step)))
        }
        let k = histories.count
        let means = series.map { $0.reduce(0, +) / Double(n) }
        let deviations = (0..<k).map { i in series[i].map { $0 - means[i] } }
        let norms = deviations.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        var correlations = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var errors = correlations
        for i in 0..<k {
            for j in 0..<k {
                if i == j { correlations[i][j] = 1; continue }
                let cross = zip(deviations[i], deviations[j]).reduce(0) { $0 + $1.0 * $1.1 }
                let rho = norms[i] > 0 && norms[j] > 0 ? cross / (norms[i] * norms[j]) : 0
                correlations[i][j] = rho
                errors[i][j] = (1 - rho * rho) / Double(n).squareRoot()
            }
        }
        self.correlations = correlations
        correlationErrors = errors
        self.step = step
        returns = n
        from = Timestamp.format(times[0])
        to = Timestamp.format(times[times.count - 1])
    }

    /// A coin's name from its file name: the first word of the stem in upper case, without a trailing
    /// USD/USDT (`btcusd_kraken_1d.csv` → `BTC`, `ETH-USD.csv` → `ETH`).
    public static func coinName(fromFile path: String) -> String {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let word = stem.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " || $0 == "." }).first.map(String.init) ?? stem
        var name = word.uppercased()
        for suffix in ["USDT", "USDC", "USD"] where name.hasSuffix(suffix) && name.count > suffix.count {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name
    }

    /// The `assets:` and `correlations:` of a portfolio file (drift 0: a past trend is not a forecast;
    /// holdings 1 to be edited), with a hedge per coin on its own contract, and the fit in comments.
    public var portfolioFragment: String {
        var lines = [
            "# Fitted by hedgesim calibrate from \(returns) common \(TimeGrid.describe(step: step)) returns, \(from) … \(to).",
            "# Set each holding; prices are the last common closes. Standard errors: vol "
                + coins.map { "\($0.name) ±\(NumberText.error($0.gbm.vol.standardError))" }.joined(separator: ", ") + ".",
            "stepsPerDay: \(NumberText.value(max(1, (86_400 / step).rounded())))",
            "assets:",
        ]
        lines += coins.map { "  - {name: \($0.name), holding: 1, price: \(NumberText.value($0.lastPrice)), vol: \(NumberText.value($0.gbm.vol.value))}" }
        lines.append("correlations:")
        lines += correlations.map { row in "  - [" + row.map { String(format: "%.4f", $0) }.joined(separator: ", ") + "]" }
        lines.append("hedges:")
        lines += coins.map { "  - {asset: \($0.name), ratios: [0, 0.5, 1], leverage: 3}" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The fit as a plain-text table.
    public func table() -> String {
        var lines = ["Calibrated \(coins.count) coins on \(returns) common \(TimeGrid.describe(step: step)) returns, \(from) … \(to)", "",
                     "coin      vol (± s.e.)            drift (± s.e.)          last price   source"]
        for coin in coins {
            lines.append(coin.name.padding(toLength: 9, withPad: " ", startingAt: 0)
                + "\(NumberText.value(coin.gbm.vol.value)) ± \(NumberText.error(coin.gbm.vol.standardError))".padding(toLength: 24, withPad: " ", startingAt: 0)
                + "\(NumberText.value(coin.gbm.drift.value)) ± \(NumberText.error(coin.gbm.drift.standardError))".padding(toLength: 24, withPad: " ", startingAt: 0)
                + NumberText.value(coin.lastPrice).padding(toLength: 13, withPad: " ", startingAt: 0) + coin.source)
        }
        lines += ["", "Correlation of the log returns (± s.e.)"]
        for (i, coin) in coins.enumerated() {
            lines.append(coin.name.padding(toLength: 9, withPad: " ", startingAt: 0)
                + correlations[i].enumerated().map { j, rho in
                    (i == j ? "1" : String(format: "%.3f ± %.3f", rho, correlationErrors[i][j])).padding(toLength: 16, withPad: " ", startingAt: 0)
                }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
