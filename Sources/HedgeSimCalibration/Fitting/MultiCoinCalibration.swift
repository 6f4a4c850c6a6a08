import Foundation
import HedgeSimCore

/// Several coins' price histories fitted together for a portfolio file: each coin's price model (GBM
/// or Merton's jump-diffusion, the portfolio's two) and the correlation matrix of their diffusion
/// shocks, on the times the histories share.
///
/// **Alignment.** Every history must have the same grid step (within 1 %); the common times are those
/// present in all of them, and a return counts only between two common times one step apart (a gap in
/// any history drops the returns across it for every coin). **Models.** `.gbm` or `.jump` fits that
/// model to every coin; `.all` fits both and keeps, per coin, the one of lower AIC. **Correlation** is
/// the sample correlation of the returns, with the standard error `(1 − ρ̂²)/√n` of its normal
/// approximation. The portfolio's jumps are independent between coins, so when a coin keeps the jump
/// model the correlation is that of the diffusion shocks: it is taken over the steps where no such
/// coin's fitted model makes a jump more likely than not (posterior `P(N ≥ 1 | r) < ½`), the threshold
/// estimator of Mancini (2009), and `n` counts those steps.
public struct MultiCoinCalibration: Codable, Sendable {
    public struct Coin: Codable, Sendable {
        public var name: String
        public var source: String
        /// The last common price, USD per coin.
        public var lastPrice: Double
        public var gbm: GBMFit
        /// The jump-diffusion, when fitted.
        public var jump: JumpDiffusionFit?
        /// The model the fragment uses for this coin: `.gbm` or `.jump`.
        public var model: PriceModelKind

        /// The fragment's diffusion vol: the GBM's σ or the jump model's diffusion σ.
        var vol: Estimate { model == .jump ? jump?.vol ?? gbm.vol : gbm.vol }
    }

    public var coins: [Coin]
    /// `correlations[i][j]` of the diffusion shocks (of the returns when no coin keeps jumps), and its
    /// standard errors (0 on the diagonal).
    public var correlations: [[Double]]
    public var correlationErrors: [[Double]]
    /// The correlation of all the common returns, and the one the fitted models imply,
    /// `ρ_ij·σ_i·σ_j/(s_i·s_j)` with `σ` the diffusion vols and `s² = σ² + λ(μ_J² + σ_J²)` each coin's
    /// return variance a year (the portfolio's jumps are independent between coins).
    public var returnCorrelations: [[Double]]
    public var impliedReturnCorrelations: [[Double]]
    /// One line per pair whose implied return correlation misses the observed one by more than 4 of its
    /// standard errors: the fitted models would misstate how the coins move together.
    public var comovementWarnings: [String]
    /// The grid step, seconds, the number of common returns, and the number of them the correlations
    /// use (fewer when steps with a likely jump are left out).
    public var step: Double
    public var returns: Int
    public var correlationReturns: Int
    /// The first and last common times, ISO-8601.
    public var from: String
    public var to: String

    /// - Throws: `CalibrationError` when the grids differ, the histories share fewer than 30 returns
    ///   (200 for the jump model), or a coin's prices never change; `models: .garch` is refused (a
    ///   portfolio's coins are GBM or jump-diffusions).
    public init(histories: [(name: String, source: String, prices: PriceHistory)], models: ModelChoice) throws {
        guard models != .garch else {
            throw CalibrationError("a portfolio's coins follow GBM or the jump model: fit them with --model gbm, jump or all")
        }
        let common = try CommonReturns(histories.map { (source: $0.source, prices: $0.prices) })
        let (times, series, step) = (common.times, common.series, common.step)
        let n = series.first?.count ?? 0
        guard n >= GBMFit.minimumReturns else {
            throw CalibrationError(
                "the histories share \(n) consecutive returns (\(times.count) common times); at least \(GBMFit.minimumReturns) are needed: "
                    + "their time ranges or grids barely overlap")
        }
        let fitted = try histories.enumerated().map { i, history in
            let returns = ReturnSeries(returns: series[i], step: step)
            let gbm = try GBMFit(returns)
            let jump = models == .gbm || (models == .all && n < JumpDiffusionFit.minimumReturns) ? nil : try JumpDiffusionFit(returns)
            let model: PriceModelKind = models == .jump || (jump.map { $0.aic < gbm.aic } ?? false) ? .jump : .gbm
            return Coin(name: history.name, source: history.source, lastPrice: common.lastPrices[i],
                        gbm: gbm, jump: jump, model: model)
        }
        let k = histories.count
        // The steps without a likely jump in any coin that keeps the jump model.
        let calm = (0..<n).filter { t in
            fitted.indices.allSatisfy { i in
                guard fitted[i].model == .jump, let fit = fitted[i].jump else { return true }
                return fit.jumpProbability(series[i][t], stepYears: step / ReturnSeries.secondsPerYear) < 0.5
            }
        }
        coins = fitted
        let m = calm.count
        guard m >= GBMFit.minimumReturns else {
            throw CalibrationError("only \(m) of the \(n) common returns are free of likely jumps; at least \(GBMFit.minimumReturns) are needed for the correlations")
        }
        let correlations = PortfolioHistory.sampleCorrelations(series.map { returns in calm.map { returns[$0] } })
        let errors = (0..<k).map { i in
            (0..<k).map { j in i == j ? 0 : (1 - correlations[i][j] * correlations[i][j]) / Double(m).squareRoot() }
        }
        self.correlations = correlations
        correlationErrors = errors
        let observed = PortfolioHistory.sampleCorrelations(series)
        let totalVol = fitted.map { coin -> Double in
            guard coin.model == .jump, let jump = coin.jump else { return coin.vol.value }
            let jumps = jump.jumpIntensity.value * (jump.jumpMean.value * jump.jumpMean.value + jump.jumpStdev.value * jump.jumpStdev.value)
            return (coin.vol.value * coin.vol.value + jumps).squareRoot()
        }
        let diffusionVol = fitted.map(\.vol.value)
        var implied = correlations
        for i in 0..<k {
            for j in 0..<k where i != j {
                let share: Double = diffusionVol[i] * diffusionVol[j] / (totalVol[i] * totalVol[j])
                implied[i][j] = correlations[i][j] * share
            }
        }
        returnCorrelations = observed
        impliedReturnCorrelations = implied
        var warnings: [String] = []
        for i in 0..<k {
            for j in (i + 1)..<k {
                let error = (1 - observed[i][j] * observed[i][j]) / Double(n).squareRoot()
                if abs(implied[i][j] - observed[i][j]) > 4 * error {
                    warnings.append(
                        "\(fitted[i].name)–\(fitted[j].name): returns correlated \(String(format: "%.3f ± %.3f", observed[i][j], error)), "
                            + "the fitted models imply \(String(format: "%.3f", implied[i][j])) (their jumps are independent between coins), "
                            + "so the portfolio would misstate how they move together: prefer --model gbm")
                }
            }
        }
        comovementWarnings = warnings
        self.step = step
        returns = n
        correlationReturns = m
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
                + coins.map { "\($0.name) ±\(NumberText.error($0.vol.standardError))" }.joined(separator: ", ") + ".",
            "stepsPerDay: \(NumberText.value(max(1, (86_400 / step).rounded())))",
            "assets:",
        ]
        lines += coins.map { coin in
            var fields = "name: \(coin.name), holding: 1, price: \(NumberText.value(coin.lastPrice)), vol: \(NumberText.value(coin.vol.value))"
            if coin.model == .jump, let jump = coin.jump {
                fields += ", jumpIntensity: \(NumberText.value(jump.jumpIntensity.value)), jumpMean: \(NumberText.value(jump.jumpMean.value))"
                    + ", jumpStdev: \(NumberText.value(jump.jumpStdev.value))"
            }
            return "  - {\(fields)}"
        }
        lines.append("correlations:")
        lines += correlations.map { row in "  - [" + row.map { String(format: "%.4f", $0) }.joined(separator: ", ") + "]" }
        lines.append("hedges:")
        lines += coins.map { "  - {asset: \($0.name), ratios: [0, 0.5, 1], leverage: 3}" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The fit as a plain-text table.
    public func table() -> String {
        var lines = ["Calibrated \(coins.count) coins on \(returns) common \(TimeGrid.describe(step: step)) returns, \(from) … \(to)", "",
                     "coin     model  vol (± s.e.)            drift (± s.e.)          AIC gbm / jump           last price   source"]
        for coin in coins {
            let drift = coin.model == .jump ? coin.jump?.drift ?? coin.gbm.drift : coin.gbm.drift
            let aic = "\(NumberText.value(coin.gbm.aic.rounded())) / " + (coin.jump.map { NumberText.value($0.aic.rounded()) } ?? "–")
            lines.append(coin.name.padding(toLength: 9, withPad: " ", startingAt: 0)
                + coin.model.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                + "\(NumberText.value(coin.vol.value)) ± \(NumberText.error(coin.vol.standardError))".padding(toLength: 24, withPad: " ", startingAt: 0)
                + "\(NumberText.value(drift.value)) ± \(NumberText.error(drift.standardError))".padding(toLength: 24, withPad: " ", startingAt: 0)
                + aic.padding(toLength: 25, withPad: " ", startingAt: 0)
                + NumberText.value(coin.lastPrice).padding(toLength: 13, withPad: " ", startingAt: 0) + coin.source)
        }
        for coin in coins where coin.model == .jump {
            guard let jump = coin.jump else { continue }
            lines.append("\(coin.name) jumps: \(NumberText.value(jump.jumpIntensity.value)) ± \(NumberText.error(jump.jumpIntensity.standardError)) a year, "
                + "log size \(NumberText.value(jump.jumpMean.value)) ± \(NumberText.error(jump.jumpMean.standardError)) "
                + "(stdev \(NumberText.value(jump.jumpStdev.value)) ± \(NumberText.error(jump.jumpStdev.standardError)))")
        }
        let basis = correlationReturns == returns
            ? "Correlation of the log returns (± s.e.)"
            : "Correlation of the diffusion shocks (± s.e.), on the \(correlationReturns) of \(returns) returns without a likely jump"
        lines += ["", basis]
        for (i, coin) in coins.enumerated() {
            lines.append(coin.name.padding(toLength: 9, withPad: " ", startingAt: 0)
                + correlations[i].enumerated().map { j, rho in
                    (i == j ? "1" : String(format: "%.3f ± %.3f", rho, correlationErrors[i][j])).padding(toLength: 16, withPad: " ", startingAt: 0)
                }.joined())
        }
        for warning in comovementWarnings { lines.append("Warning: " + warning) }
        return lines.joined(separator: "\n") + "\n"
    }
}
