import Foundation
import HedgeSimCore
import Testing

@testable import HedgeSimCalibration

/// Several coins calibrated together: estimates against the generating parameters, the alignment on
/// common times, the refusals, and the fragment `hedgesim portfolio` reads.
@Suite struct MultiCoinCalibrationTests {
    /// Two daily GBM series with vols 0.5 and 0.9 and correlation 0.6 (1,500 returns), the second
    /// missing its first 100 days and one day in the middle.
    static func histories() -> [(name: String, source: String, prices: PriceHistory)] {
        var random = SplitMix64(seed: 17)
        let n = 1_500, dt = 1 / 365.0, rho = 0.6
        var a: [Double] = [100], b: [Double] = [20]
        for _ in 0..<n {
            let z1 = random.normal(), z2 = rho * z1 + (1 - rho * rho).squareRoot() * random.normal()
            a.append(a[a.count - 1] * exp(-0.125 * dt + 0.5 * dt.squareRoot() * z1))
            b.append(b[b.count - 1] * exp(-0.405 * dt + 0.9 * dt.squareRoot() * z2))
        }
        let times = (0...n).map { 1_577_836_800 + Double($0) * 86_400 }
        let kept = Array(times.indices.dropFirst(100)).filter { $0 != 700 }
        return [
            (name: "A", source: "a.csv", prices: PriceHistory(times: times, prices: a, source: "a.csv")),
            (name: "B", source: "b.csv", prices: PriceHistory(times: kept.map { times[$0] }, prices: kept.map { b[$0] }, source: "b.csv")),
        ]
    }

    /// Vols within 4 standard errors of 0.5 and 0.9; the correlation within 4 of its standard errors of
    /// 0.6; the returns are those between common times one day apart (1,400 less the two across the gap).
    @Test func estimatesMatchTheGeneratingParameters() throws {
        let fit = try MultiCoinCalibration(histories: Self.histories(), models: .gbm)
        #expect(fit.returns == 1_398 && fit.step == 86_400)
        for (coin, vol) in zip(fit.coins, [0.5, 0.9]) {
            let error = try #require(coin.gbm.vol.standardError)
            #expect(abs(coin.gbm.vol.value - vol) <= 4 * error, "\(coin.name): \(coin.gbm.vol.value) ± \(error)")
        }
        #expect(abs(fit.correlations[0][1] - 0.6) <= 4 * fit.correlationErrors[0][1], "\(fit.correlations[0][1])")
        #expect(fit.correlations[0][1] == fit.correlations[1][0] && fit.correlations[0][0] == 1)
        let (scenario, _) = try PortfolioScenario.parse(text: fit.portfolioFragment, source: "fragment")
        try scenario.validate()
        #expect(scenario.assets.map(\.name) == ["A", "B"] && scenario.stepsPerDay == 1)
    }

    @Test func differentGridsOrTooLittleOverlapAreRefused() throws {
        var histories = Self.histories()
        let hourly = (0..<200).map { 1_577_836_800 + Double($0) * 3600 }
        histories[1].prices = PriceHistory(times: hourly, prices: hourly.map { _ in 20 }, source: "b.csv")
        let grids = try #require(throws: CalibrationError.self) { try MultiCoinCalibration(histories: histories, models: .gbm) }
        #expect("\(grids)".contains("a.csv has a 1 d grid but b.csv a 1 h grid"))
        var apart = Self.histories()
        let later = (0..<100).map { 1_800_000_000 + Double($0) * 86_400 }
        apart[1].prices = PriceHistory(times: later, prices: later.map { 20 + $0 / 1e8 }, source: "b.csv")
        let overlap = try #require(throws: CalibrationError.self) { try MultiCoinCalibration(histories: apart, models: .gbm) }
        #expect("\(overlap)".contains("share 0 consecutive returns"))
    }

    /// Coin A under GBM (vol 0.5), coin B a jump-diffusion (diffusion vol 0.6, 15 jumps a year of log
    /// size N(−0.12, 0.06²)), diffusion shocks correlated 0.6, 2,000 daily returns. With `.all` each
    /// coin keeps the model of lower AIC (A GBM, B jumps); B's diffusion vol and jump parameters, and
    /// the diffusion correlation over the steps without a likely jump, lie within 4 standard errors of
    /// the generating values (over all returns, B's jumps would pull the correlation down); the
    /// fragment carries B's jumps and `hedgesim portfolio` accepts it.
    @Test func aJumpingCoinKeepsItsJumpsAndTheDiffusionCorrelation() throws {
        var random = SplitMix64(seed: 23)
        let n = 2_000, dt = 1 / 365.0, rho = 0.6
        let (rate, jumpMean, jumpStdev) = (15.0, -0.12, 0.06)
        var a: [Double] = [100], b: [Double] = [20]
        var jumps = 0
        for _ in 0..<n {
            let z1 = random.normal(), z2 = rho * z1 + (1 - rho * rho).squareRoot() * random.normal()
            var jump = 0.0
            if random.uniform() < rate * dt {
                jump = jumpMean + jumpStdev * random.normal()
                jumps += 1
            }
            a.append(a[a.count - 1] * exp(-0.125 * dt + 0.5 * dt.squareRoot() * z1))
            b.append(b[b.count - 1] * exp(-0.18 * dt + 0.6 * dt.squareRoot() * z2 + jump))
        }
        let times = (0...n).map { 1_577_836_800 + Double($0) * 86_400 }
        let histories = [
            (name: "A", source: "a.csv", prices: PriceHistory(times: times, prices: a, source: "a.csv")),
            (name: "B", source: "b.csv", prices: PriceHistory(times: times, prices: b, source: "b.csv")),
        ]
        let fit = try MultiCoinCalibration(histories: histories, models: .all)
        #expect(fit.coins.map(\.model) == [.gbm, .jump], "AIC \(fit.coins.map { ($0.gbm.aic, $0.jump?.aic ?? 0) })")
        let jump = try #require(fit.coins[1].jump)
        for (estimate, truth, name) in [(jump.vol, 0.6, "vol"), (jump.jumpIntensity, rate, "λ"), (jump.jumpMean, jumpMean, "μ_J"), (jump.jumpStdev, jumpStdev, "σ_J")] {
            let error = try #require(estimate.standardError)
            #expect(abs(estimate.value - truth) <= 4 * error, "\(name): \(estimate.value) ± \(error), true \(truth)")
        }
        #expect(fit.correlationReturns < fit.returns && fit.returns - fit.correlationReturns <= 2 * jumps, "\(fit.correlationReturns) of \(fit.returns), \(jumps) jumps")
        #expect(abs(fit.correlations[0][1] - rho) <= 4 * fit.correlationErrors[0][1], "\(fit.correlations[0][1]) ± \(fit.correlationErrors[0][1])")
        let (scenario, _) = try PortfolioScenario.parse(text: fit.portfolioFragment, source: "fragment")
        try scenario.validate()
        #expect(abs(scenario.assets[1].jumpIntensity - jump.jumpIntensity.value) <= 1e-4 * jump.jumpIntensity.value)
        #expect(abs(scenario.assets[1].vol - jump.vol.value) <= 1e-4 * jump.vol.value)
        #expect(scenario.assets[0].jumpIntensity == 0)
        #expect(fit.comovementWarnings.isEmpty, "\(fit.comovementWarnings)")
    }

    /// When both coins jump together (a market-wide jump hits both), per-coin independent jumps cannot
    /// reproduce their co-movement: the implied return correlation falls short of the observed one by
    /// far more than 4 standard errors, and the fit says so (prefer GBM); GBM fits raise nothing.
    @Test func commonJumpsThatIndependentJumpsMissAreFlagged() throws {
        var random = SplitMix64(seed: 29)
        let n = 2_000, dt = 1 / 365.0
        var a: [Double] = [100], b: [Double] = [20]
        for _ in 0..<n {
            let jump = random.uniform() < 30 * dt ? -0.1 + 0.08 * random.normal() : 0
            a.append(a[a.count - 1] * exp(0.3 * dt.squareRoot() * random.normal() + jump))
            b.append(b[b.count - 1] * exp(0.4 * dt.squareRoot() * random.normal() + jump))
        }
        let times = (0...n).map { 1_577_836_800 + Double($0) * 86_400 }
        let histories = [
            (name: "A", source: "a.csv", prices: PriceHistory(times: times, prices: a, source: "a.csv")),
            (name: "B", source: "b.csv", prices: PriceHistory(times: times, prices: b, source: "b.csv")),
        ]
        let jumps = try MultiCoinCalibration(histories: histories, models: .jump)
        #expect(jumps.comovementWarnings.count == 1 && jumps.comovementWarnings[0].contains("prefer --model gbm"), "\(jumps.comovementWarnings)")
        #expect(jumps.impliedReturnCorrelations[0][1] < jumps.returnCorrelations[0][1] - 0.2)
        let gbm = try MultiCoinCalibration(histories: histories, models: .gbm)
        #expect(gbm.comovementWarnings.isEmpty && gbm.impliedReturnCorrelations == gbm.returnCorrelations)
    }

    @Test func coinNamesComeFromFileNames() {
        #expect(MultiCoinCalibration.coinName(fromFile: "../data/btcusd_kraken_1d.csv") == "BTC")
        #expect(MultiCoinCalibration.coinName(fromFile: "ETH-USDT.csv") == "ETH")
        #expect(MultiCoinCalibration.coinName(fromFile: "sol.csv") == "SOL")
        #expect(MultiCoinCalibration.coinName(fromFile: "usd.csv") == "USD")
    }
}
