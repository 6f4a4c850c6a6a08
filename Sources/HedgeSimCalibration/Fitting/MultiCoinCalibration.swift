import Foundation
import HedgeSimCore

/// Several coins' price histories fitted together for a portfolio file: each coin's price model (GBM,
/// Merton's jump-diffusion or GARCH(1,1)-t) and the correlation matrix of their diffusion shocks, on
/// the times the histories share.
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
///
/// **GARCH.** `.garch` fits every coin's GARCH(1,1)-t alone (`GarchFit`; the variance-targeted fit
/// when the free one is not significantly stationary, as for one coin), standardises its returns by
/// its fitted conditional stdev, `s_t = ε_t/√h_t`, takes the correlation of these standardised
/// shocks (standard error `(1 − ρ̂²)/√n` as above: under t shocks with ν > 4 the sample correlation
/// spreads more, by about `√(1 + 2/(ν − 4))`), and fits one ν for all coins to the shock vectors
/// (`MultivariateTFit`), as the portfolio's GARCH coins share one mixing variable. `.all` stays the
/// choice between GBM and jumps.
public struct MultiCoinCalibration: Codable, Sendable {
    public struct Coin: Codable, Sendable {
        public var name: String
        public var source: String
        /// The last common price, USD per coin.
        public var lastPrice: Double
        public var gbm: GBMFit
        /// The jump-diffusion, when fitted.
        public var jump: JumpDiffusionFit?
        /// The free GARCH(1,1)-t fit, when fitted, and the variance-targeted one when the free one is
        /// not significantly stationary (`GarchFit.varianceTargetedFit`).
        public var garch: GarchFit?
        public var garchVarianceTargeted: GarchFit?
        /// The model the fragment uses for this coin: `.gbm`, `.jump` or `.garch`.
        public var model: PriceModelKind

        /// The GARCH fit the fragment uses: the variance-targeted one when it was needed.
        var garchForSimulation: GarchFit? { garchVarianceTargeted ?? garch }

        /// The fragment's vol: the GBM's σ, the jump model's diffusion σ or GARCH's long-run σ.
        var vol: Estimate {
            switch model {
            case .jump: return jump?.vol ?? gbm.vol
            case .garch: return garchForSimulation?.longRunVol ?? gbm.vol
            case .gbm, .bootstrap, .replay: return gbm.vol
            }
        }

        /// The fitted annualised drift of the coin's model.
        var drift: Estimate {
            switch model {
            case .jump: return jump?.drift ?? gbm.drift
            case .garch: return garchForSimulation?.drift ?? gbm.drift
            case .gbm, .bootstrap, .replay: return gbm.drift
            }
        }
    }

    public var coins: [Coin]
    /// `correlations[i][j]` of the diffusion shocks (of the returns when no coin keeps jumps; of the
    /// standardised shocks under GARCH), and its standard errors (0 on the diagonal).
    public var correlations: [[Double]]
    public var correlationErrors: [[Double]]
    /// The correlation of all the common returns, and the one the fitted models imply,
    /// `ρ_ij·σ_i·σ_j/(s_i·s_j)` with `σ` the diffusion vols and `s² = σ² + λ(μ_J² + σ_J²)` each coin's
    /// return variance a year (the portfolio's jumps are independent between coins); under GARCH the
    /// shocks' correlation (with constant conditional correlations the returns' differs from it only by
    /// `E[√(h_i·h_j)]/√(E[h_i]·E[h_j]) ≤ 1`).
    public var returnCorrelations: [[Double]]
    public var impliedReturnCorrelations: [[Double]]
    /// One line per pair whose implied return correlation misses the observed one by more than 4 of its
    /// standard errors: the fitted models would misstate how the coins move together (jump models only).
    public var comovementWarnings: [String]
    /// Under GARCH, the one ν of the coins' multivariate t shocks.
    public var sharedDegreesOfFreedom: MultivariateTFit?
    /// The grid step, seconds, the number of common returns, and the number of them the correlations
    /// use (fewer when steps with a likely jump are left out).
    public var step: Double
    public var returns: Int
    public var correlationReturns: Int
    /// The first and last common times, ISO-8601.
    public var from: String
    public var to: String

    /// - Throws: `CalibrationError` when the grids differ, the histories share fewer than 30 returns
    ///   (200 for the jump and GARCH models), a coin's prices never change, or two coins' GARCH shocks
    ///   are perfectly correlated.
    public init(histories: [(name: String, source: String, prices: PriceHistory)], models: ModelChoice) throws {
        let common = try CommonReturns(histories.map { (source: $0.source, prices: $0.prices) })
        let (times, series, step) = (common.times, common.series, common.step)
        let n = series.first?.count ?? 0
        guard n >= GBMFit.minimumReturns else {
            throw CalibrationError(
                "the histories share \(n) consecutive returns (\(times.count) common times); at least \(GBMFit.minimumReturns) are needed: "
                    + "their time ranges or grids barely overlap")
        }
        // Per coin its fit and, under GARCH, its standardised shocks.
        let fits = try histories.enumerated().map { i, history -> (coin: Coin, shocks: [Double]) in
            let returns = ReturnSeries(returns: series[i], step: step)
            let gbm = try GBMFit(returns)
            if models == .garch {
                // GARCH restarts its variance after a gap, as for one coin.
                let runs = ReturnSeries(returns: series[i], runStarts: common.runStarts, step: step)
                let garch = try GarchFit(runs)
                let targeted = try garch.varianceTargetedFit(runs)
                let coin = Coin(name: history.name, source: history.source, lastPrice: common.lastPrices[i],
                                gbm: gbm, garch: garch, garchVarianceTargeted: targeted, model: .garch)
                return (coin, (targeted ?? garch).standardisedShocks(runs))
            }
            let jump = models == .gbm || (models == .all && n < JumpDiffusionFit.minimumReturns) ? nil : try JumpDiffusionFit(returns)
            let model: PriceModelKind = models == .jump || (jump.map { $0.aic < gbm.aic } ?? false) ? .jump : .gbm
            return (Coin(name: history.name, source: history.source, lastPrice: common.lastPrices[i], gbm: gbm, jump: jump, model: model), [])
        }
        let fitted = fits.map(\.coin)
        self.step = step
        returns = n
        from = Timestamp.format(times[0])
        to = Timestamp.format(times[times.count - 1])
        if models == .garch {
            let shocks = fits.map(\.shocks)
            let correlations = PortfolioHistory.sampleCorrelations(shocks)
            coins = fitted
            self.correlations = correlations
            correlationErrors = Self.correlationErrors(correlations, observations: n)
            correlationReturns = n
            returnCorrelations = PortfolioHistory.sampleCorrelations(series)
            impliedReturnCorrelations = correlations
            comovementWarnings = []
            sharedDegreesOfFreedom = try MultivariateTFit(shocks: shocks, correlations: correlations)
            return
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
        self.correlations = correlations
        correlationErrors = Self.correlationErrors(correlations, observations: m)
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
        sharedDegreesOfFreedom = nil
        correlationReturns = m
    }

    /// The standard errors `(1 − ρ̂²)/√n` of the normal approximation, 0 on the diagonal.
    private static func correlationErrors(_ correlations: [[Double]], observations n: Int) -> [[Double]] {
        correlations.indices.map { i in
            correlations.indices.map { j in i == j ? 0 : (1 - correlations[i][j] * correlations[i][j]) / Double(n).squareRoot() }
        }
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
        ]
        if let shared = sharedDegreesOfFreedom {
            lines += garchFragmentLines(shared)
        } else {
            lines.append("stepsPerDay: \(NumberText.value(max(1, (86_400 / step).rounded())))")
        }
        lines.append("assets:")
        lines += coins.map { coin in
            var fields = "name: \(coin.name), holding: 1, price: \(NumberText.value(coin.lastPrice)), vol: \(NumberText.value(coin.vol.value))"
            if coin.model == .jump, let jump = coin.jump {
                fields += ", jumpIntensity: \(NumberText.value(jump.jumpIntensity.value)), jumpMean: \(NumberText.value(jump.jumpMean.value))"
                    + ", jumpStdev: \(NumberText.value(jump.jumpStdev.value))"
            }
            if coin.model == .garch, let garch = coin.garchForSimulation {
                let (alpha, beta) = Self.persistenceText(garch)
                fields += ", garchAlpha: \(alpha), garchBeta: \(beta)"
            }
            return "  - {\(fields)}"
        }
        if sharedDegreesOfFreedom != nil { lines.append("# The correlations of the coins' standardised GARCH shocks ε/√h.") }
        lines.append("correlations:")
        lines += correlations.map { row in "  - [" + row.map { String(format: "%.4f", $0) }.joined(separator: ", ") + "]" }
        lines.append("hedges:")
        lines += coins.map { "  - {asset: \($0.name), ratios: [0, 0.5, 1], leverage: 3}" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The fit as a plain-text table.
    public func table() -> String {
        let garch = sharedDegreesOfFreedom != nil
        var lines = ["Calibrated \(coins.count) coins on \(returns) common \(TimeGrid.describe(step: step)) returns, \(from) … \(to)", "",
                     "coin     model  vol (± s.e.)            drift (± s.e.)          "
                        + (garch ? "AIC gbm / garch          " : "AIC gbm / jump           ") + "last price   source"]
        for coin in coins {
            let drift = coin.drift
            let otherAIC = coin.garch?.aic ?? coin.jump?.aic
            let aic = "\(NumberText.value(coin.gbm.aic.rounded())) / " + (otherAIC.map { NumberText.value($0.rounded()) } ?? "–")
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
        if let shared = sharedDegreesOfFreedom { lines += garchTableLines(shared) }
        let basis = garch
            ? "Correlation of the standardised GARCH shocks ε/√h (± s.e.)"
            : correlationReturns == returns
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
        if let shared = sharedDegreesOfFreedom { lines += sharedDegreesOfFreedomLines(shared) }
        return lines.joined(separator: "\n") + "\n"
    }
}
