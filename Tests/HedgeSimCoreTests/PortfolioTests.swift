import Foundation
import Testing
@testable import HedgeSimCore

/// Portfolios of several coins: the correlated shocks, the cross-hedge against its closed form, the
/// equivalence of perfectly correlated coins with one coin, thread invariance and the refusals.
@Suite struct PortfolioTests {
    static func two(correlation: Double, paths: Int = 20_000) -> PortfolioScenario {
        var s = PortfolioScenario(
            assets: [
                PortfolioAsset(name: "A", holding: 10, price: 100, vol: 0.6),
                PortfolioAsset(name: "B", holding: 0, price: 50, vol: 0.8),
            ],
            correlations: [[1, correlation], [correlation, 1]],
            hedges: [PortfolioHedge(asset: "A", contract: "B", ratios: [0], leverage: 1)])
        s.paths = paths
        s.fee = 0
        s.stepsPerDay = 4
        return s
    }

    /// Under GBM without drift, funding or fees, the minimum-variance short of B's inverse contract per
    /// USD of A held is `h* = (e^{ρσ_Aσ_B T} − 1)/(e^{σ_B² T} − 1)` (the covariance of the lognormal
    /// prices over their variance). The least-squares estimate from the paths matches it within 3 of
    /// its standard errors, and the variance left is `1 − ρ²`-like (checked loosely: between 0 and 1).
    @Test(arguments: [0.3, 0.7, 0.9])
    func crossHedgeRatioMatchesTheClosedForm(correlation: Double) throws {
        let s = Self.two(correlation: correlation)
        let result = try s.run(seed: 5, threads: 2)
        let hedge = try #require(result.minimumVariance?.contracts.first)
        let t = s.horizonDays / 365
        let expected = (exp(correlation * 0.6 * 0.8 * t) - 1) / (exp(0.8 * 0.8 * t) - 1)
        #expect(hedge.contract == "B")
        #expect(abs(hedge.ratio - expected) <= 3 * hedge.ratioStandardError,
                "ρ \(correlation): \(hedge.ratio) ± \(hedge.ratioStandardError) against \(expected)")
        let left = try #require(result.minimumVariance?.residualVarianceShare)
        #expect(left > 0 && left < 1)
    }

    /// The sample correlation of the simulated log returns (exactly the shocks' correlation under GBM)
    /// matches the input matrix within 4 of its standard errors `(1 − ρ²)/√n`.
    @Test func simulatedShocksHaveTheInputCorrelation() throws {
        let matrix: [[Double]] = [[1, 0.8, -0.3], [0.8, 1, 0.1], [-0.3, 0.1, 1]]
        var s = PortfolioScenario(
            assets: (0..<3).map { PortfolioAsset(name: "C\($0)", holding: 1, price: 100, vol: 0.5) }, correlations: matrix,
            hedges: [PortfolioHedge(asset: "C0", ratios: [0], leverage: 1)])
        s.paths = 20_000
        s.stepsPerDay = 1
        let factor = try CorrelationFactor(matrix)
        let sink = PortfolioEngine.simulate(s, factor: factor, seed: 3, threads: 2)
        let n = s.paths
        let columns = (0..<3).map { k in (0..<n).map { sink.logPrice[k * n + $0] } }
        func correlation(_ x: [Double], _ y: [Double]) -> Double {
            let mx = x.reduce(0, +) / Double(n), my = y.reduce(0, +) / Double(n)
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for i in 0..<n { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my) }
            return sxy / (sxx * syy).squareRoot()
        }
        for i in 0..<3 {
            for j in (i + 1)..<3 {
                let rho = matrix[i][j]
                let sample = correlation(columns[i], columns[j])
                #expect(abs(sample - rho) <= 4 * (1 - rho * rho) / Double(n).squareRoot(), "(\(i), \(j)): \(sample) against \(rho)")
            }
        }
    }

    /// Two coins with correlation 1 and equal parameters, each hedged with its own contract at the same
    /// ratio and leverage, give the distribution of one coin holding both (the factor has rank 1 and
    /// both coins take the same shocks, bit for bit).
    @Test func perfectlyCorrelatedCoinsAreOneCoin() throws {
        let twoCoins = try PerfectlyCorrelatedPair().expectOneCoin().twoCoins
        #expect(twoCoins.minimumVariance == nil, "the two contracts' PnLs are collinear")
    }

    /// The same seed gives the same result, bit for bit, on 1, 2, 3 and 7 threads.
    @Test func resultsDoNotDependOnTheThreadCount() throws {
        var s = Self.two(correlation: 0.5, paths: 3_000)
        s.assets[1].holding = 20
        s.hedges = [PortfolioHedge(asset: "A", contract: "B", ratios: [0.5, 1], leverage: 3), PortfolioHedge(asset: "B", ratios: [1], leverage: 5)]
        let reference = try s.run(seed: 2, threads: 1)
        for threads in [2, 3, 7] {
            let other = try s.run(seed: 2, threads: threads)
            #expect(other.cells.map(\.netValueUSD) == reference.cells.map(\.netValueUSD), "\(threads) threads")
            #expect(other.minimumVariance == reference.minimumVariance)
        }
    }

    /// Shards written to bytes, read back and merged give the single run's report, number for number,
    /// for splits of 2, 3 and 7 (7 shards of 6 blocks: one shard is empty) run on 1, 2, 3 and 7 threads,
    /// with a jumping coin, the bridge check and automatic ratios.
    @Test func mergedShardsAreTheSingleRun() throws {
        var s = Self.two(correlation: 0.5, paths: 3_000)
        s.assets[1].holding = 20
        s.assets[1].jumpIntensity = 40
        s.assets[1].jumpMean = -0.05
        s.assets[1].jumpStdev = 0.1
        s.hedges = [PortfolioHedge(asset: "A", contract: "B", ratios: [0.5, 1], leverage: 3), PortfolioHedge(asset: "B", ratios: [1], leverage: 5)]
        s.hedges[1].ratiosAroundMinimumVariance = true
        try s.expectSameReportOnThreadsAndShards(seed: 6)
    }

    /// Partials that are not one whole run are refused, each with one line.
    @Test func partialsOfDifferentRunsAreRefused() throws {
        let s = Self.two(correlation: 0.5, paths: 2_000)
        let shards = try (0..<2).map { try s.runShard(seed: 1, shard: ShardSpec(index: $0, count: 2)) }
        let otherSeed = try s.runShard(seed: 2, shard: ShardSpec(index: 1, count: 2))
        var wider = s
        wider.assets[0].vol = 0.7
        let otherScenario = try wider.runShard(seed: 1, shard: ShardSpec(index: 1, count: 2))
        let cases: [([PortfolioPartial], String)] = [
            ([shards[0]], "missing shard(s) 1 of 2"),
            ([shards[0], shards[0]], "given twice"),
            ([shards[0], otherSeed], "seeds 1 and 2"),
            ([shards[0], otherScenario], "different scenario"),
        ]
        for (partials, expected) in cases {
            let error = try #require(throws: InputError.self) { try PortfolioScenario.merge(partials) }
            #expect(error.description.contains(expected) && !error.description.contains("\n"), "\(error.description)")
        }
        var bytes = [UInt8](try shards[1].encoded())
        bytes[bytes.count / 2] ^= 1
        let altered = try #require(throws: InputError.self) { try PortfolioPartial(data: Data(bytes), source: "p.part") }
        #expect(altered.description.contains("truncated or altered"))
        #expect(throws: InputError.self) { try PortfolioPartial(data: try shards[1].encoded().prefix(40), source: "p.part") }
    }

    @Test func inputsThatCannotHoldAreRefused() throws {
        let base = Self.two(correlation: 0.5)
        func refused(_ field: String, _ change: (inout PortfolioScenario) -> Void) {
            var s = base
            change(&s)
            #expect(throws: InputError.self) { try s.run(seed: 1) }
            do { _ = try s.run(seed: 1) } catch let error as InputError {
                #expect(error.field == field, "\(error)")
                #expect(!error.description.contains("\n"))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        refused("correlations") {
            $0.assets.append(PortfolioAsset(name: "C", holding: 1, price: 10, vol: 0.5))
            $0.correlations = [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]
        }
        refused("correlations[1][0]") { $0.correlations = [[1, 0.5], [0.4, 1]] }
        refused("hedges[0].contract") { $0.hedges[0].contract = "SOL" }
        refused("hedges[0].asset") { $0.hedges[0].asset = "XRP" }
        refused("hedges") { $0.hedges[0].ratios = [1] }  // B's margin is not held
        refused("assets[1].name") { $0.assets[1].name = "A" }
    }

    /// `ratios: auto` places the grid at 0.8…1.2 times the contract's minimum-variance ratio from the
    /// same paths (no second simulation: the paths do not depend on the ratios), and the cell at the
    /// vector itself has the least variance of the grid within its Monte Carlo error.
    @Test func automaticRatiosSurroundTheMinimumVarianceRatio() throws {
        var s = Self.two(correlation: 0.7, paths: 8_000)
        s.assets[1].holding = 20
        s.hedges[0].ratios = []
        s.hedges[0].margin = .isolated(leverage: 3)
        s.hedges[0].ratiosAroundMinimumVariance = true
        let result = try s.run(seed: 4, threads: 2)
        let ratio = try #require(result.minimumVariance?.contracts.first?.ratio)
        let expected = PortfolioScenario.automaticRatioFactors.map { ($0 * ratio * 100).rounded() / 100 }
        #expect(result.scenario.hedges[0].ratios == expected && !result.scenario.hedges[0].ratiosAroundMinimumVariance)
        #expect(result.cells.map { $0.ratios[0] } == expected)
        let best = try #require(result.cells.indices.min { result.cells[$0].netValueUSD.stdev < result.cells[$1].netValueUSD.stdev })
        let error = try #require(result.cells[2].netValueUSD.standardErrors?.stdev)
        #expect(result.cells[2].netValueUSD.stdev - result.cells[best].netValueUSD.stdev <= 2 * error)
        let (parsed, _) = try PortfolioScenario.parse(
            text: "assets:\n  - {name: A, holding: 1, price: 10, vol: 0.5}\nhedges:\n  - {asset: A, ratios: auto, leverage: 2}\n", source: "p.yaml")
        #expect(parsed.hedges[0].ratiosAroundMinimumVariance && parsed.hedges[0].ratios.isEmpty)
    }

    /// Under GBM without funding or fees, a hedge's account is liquidated when its coin's price first
    /// rises to `E·(1 − m)/(1 − 1/L)`; with the between-step check (the Brownian-bridge maximum, exact in
    /// distribution) P(liq) matches the continuous first-passage probability
    /// `Φ((−b + μ'T)/(σ√T)) + e^{2μ'b/σ²}·Φ((−b − μ'T)/(σ√T))`, `b = ln((1 − m)/(1 − 1/L))`, `μ' = −σ²/2`,
    /// within 3 binomial standard errors, even at 4 steps a day; checked at step ends only it falls short.
    @Test func betweenStepCheckGivesTheFirstPassageProbability() throws {
        var s = PortfolioScenario(
            assets: [PortfolioAsset(name: "A", holding: 10, price: 100, vol: 0.8)],
            hedges: [PortfolioHedge(asset: "A", ratios: [1], leverage: 5)])
        s.paths = 20_000
        s.fee = 0
        s.stepsPerDay = 4
        let t = s.horizonDays / 365, sigma = 0.8, drift = -0.32
        let b = log(0.995 / 0.8)
        func normal(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
        let expected = normal((-b + drift * t) / (sigma * t.squareRoot()))
            + exp(2 * drift * b / (sigma * sigma)) * normal((-b - drift * t) / (sigma * t.squareRoot()))
        let error = (expected * (1 - expected) / Double(s.paths)).squareRoot()
        let bridged = try #require(try s.run(seed: 8, threads: 2).cells[0].liquidation[0]).probability
        #expect(abs(bridged - expected) <= 3 * error, "bridge: \(bridged) against \(expected) ± \(error)")
        s.betweenStepCheck = false
        let stepEnds = try #require(try s.run(seed: 8, threads: 2).cells[0].liquidation[0]).probability
        #expect(expected - stepEnds > 3 * error, "step ends: \(stepEnds) against \(expected) ± \(error)")
    }

    /// A coin with Merton jumps (λ = 20 a year, log sizes N(−0.05, 0.1²)) beside a GBM coin: its log
    /// return over the horizon has variance `σ²T + λT(μ_J² + σ_J²)` and its price the mean `P₀` (zero
    /// drift, compensated), each within 4 standard errors of the sample (the variance's from the
    /// fourth moment); the GBM coin keeps `σ²T`.
    @Test func jumpsHaveTheirMomentsAndLeaveOtherCoinsAlone() throws {
        var s = PortfolioScenario(
            assets: [PortfolioAsset(name: "G", holding: 1, price: 100, vol: 0.5), PortfolioAsset(name: "J", holding: 1, price: 50, vol: 0.4)],
            correlations: [[1, 0.3], [0.3, 1]],
            hedges: [PortfolioHedge(asset: "J", ratios: [0], leverage: 2)])
        s.assets[1].jumpIntensity = 20
        s.assets[1].jumpMean = -0.05
        s.assets[1].jumpStdev = 0.1
        s.paths = 40_000
        s.stepsPerDay = 4
        let sink = PortfolioEngine.simulate(s, factor: try CorrelationFactor(s.correlations), seed: 12, threads: 2)
        let t = s.horizonDays / 365
        let n = s.paths
        for (k, variance) in [(0, 0.25 * t), (1, 0.16 * t + 20 * t * (0.0025 + 0.01))] {
            let start = log(s.assets[k].price)
            let r = (0..<n).map { sink.logPrice[k * n + $0] - start }
            let mean = r.reduce(0, +) / Double(n)
            let m2 = r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
            let m4 = r.reduce(0) { $0 + pow($1 - mean, 4) } / Double(n)
            let error = ((m4 - m2 * m2) / Double(n)).squareRoot()
            #expect(abs(m2 - variance) <= 4 * error, "coin \(k): variance \(m2) against \(variance) ± \(error)")
            let prices = r.map { s.assets[k].price * exp($0) }
            let priceMean = prices.reduce(0, +) / Double(n)
            let priceError = (prices.reduce(0) { $0 + ($1 - priceMean) * ($1 - priceMean) } / Double(n - 1) / Double(n)).squareRoot()
            #expect(abs(priceMean - s.assets[k].price) <= 4 * priceError, "coin \(k): mean price \(priceMean) ± \(priceError)")
        }
    }

    @Test func aPortfolioFileIsReadWithPathsInItsErrors() throws {
        let text = """
            seed: 4
            paths: 1000
            assets:
              - {name: BTC, holding: 1, price: 70000, vol: 0.6}
              - {name: ETH, holding: 10, price: 3500, vol: 0.7}
            correlations: [[1, 0.8], [0.8, 1]]
            hedges:
              - {asset: ETH, contract: BTC, ratios: [0, 1], leverage: 2}
            """
        let (scenario, seed) = try PortfolioScenario.parse(text: text, source: "p.yaml")
        #expect(seed == 4 && scenario.paths == 1_000 && scenario.hedges[0].label == "ETH with BTC" && scenario.cells == [[0], [1]])
        #expect(PortfolioScenario.describesPortfolio(text) && !PortfolioScenario.describesPortfolio("holding: 5\n"))
        let error = try #require(throws: InputError.self) {
            try PortfolioScenario.parse(text: text.replacingOccurrences(of: "vol: 0.7", with: "vol: high"), source: "p.yaml")
        }
        #expect(error.field == "assets[1].vol")
        let unknown = try #require(throws: InputError.self) { try PortfolioScenario.parse(text: text + "\nhodling: 3\n", source: "p.yaml") }
        #expect(unknown.description.contains("unknown key 'hodling'"))
    }

    /// Without fees, a cross account whose collateral is the contract coin's whole holding `S_B` is an
    /// isolated account with margin `S_B`, i.e. leverage `L = N/(E·S_B)`: the same liquidations on the
    /// same paths and the same values (to rounding), each path either keeping the collateral or losing it.
    @Test func aCrossAccountIsTheHoldingAsIsolatedMargin() throws {
        var s = Self.two(correlation: 0.7, paths: 4_000)
        s.assets[1].holding = 1
        s.hedges = [PortfolioHedge(asset: "A", contract: "B", ratios: [1], margin: .cross)]
        let cross = try s.run(seed: 11, threads: 2)
        let notional = s.holdingValue(of: "A")
        var isolated = s
        isolated.hedges = [PortfolioHedge(asset: "A", contract: "B", ratios: [1], leverage: notional / (50 * 1))]
        let reference = try isolated.run(seed: 11, threads: 2)
        let (c, i) = (cross.cells[0], reference.cells[0])
        #expect(c.marginsCoin == [1])
        #expect(abs(i.marginsCoin[0] - 1) < 1e-12)
        let probability = try #require(c.liquidation[0]).probability
        #expect(probability == (try #require(i.liquidation[0])).probability)
        #expect(probability > 0.05 && probability < 0.95, "a test that can tell liquidated paths apart: \(probability)")
        #expect(abs(c.netValueUSD.mean - i.netValueUSD.mean) <= 1e-9 * abs(i.netValueUSD.mean))
        #expect(abs(c.netValueUSD.stdev - i.netValueUSD.stdev) <= 1e-9 * i.netValueUSD.stdev)
    }

    /// Two cross hedges on one contract share one account: in every cell both report its P(liq), and
    /// adding notional to the same collateral only lowers the liquidation level, so the paths
    /// liquidated with both hedges include those liquidated with either alone.
    @Test func crossHedgesOnOneContractShareTheAccount() throws {
        var s = Self.two(correlation: 0.6, paths: 3_000)
        s.assets[1].holding = 3
        s.hedges = [
            PortfolioHedge(asset: "A", contract: "B", ratios: [0, 1], margin: .cross),
            PortfolioHedge(asset: "B", ratios: [0, 1], margin: .cross),
        ]
        let result = try s.run(seed: 5, threads: 2)
        let both = try #require(result.cells.first { $0.ratios == [1, 1] })
        let alone = try #require(result.cells.first { $0.ratios == [1, 0] })
        let shared = try #require(both.liquidation[0]).probability
        #expect(shared == (try #require(both.liquidation[1])).probability)
        #expect(shared >= (try #require(alone.liquidation[0])).probability)
        #expect(both.marginsCoin == [3, 3] && alone.marginsCoin[0] == 3)
    }

    /// `margin: cross` is read from a file without a leverage; a leverage with it, an unknown margin
    /// and a cross account left without collateral are refused with one line naming the field.
    @Test func crossMarginInAFileAndItsRefusals() throws {
        let text = """
            paths: 1000
            assets:
              - {name: BTC, holding: 1, price: 70000, vol: 0.6}
              - {name: ETH, holding: 10, price: 3500, vol: 0.7}
            hedges:
              - {asset: ETH, contract: BTC, ratios: [0.5], margin: cross}
            """
        let (scenario, _) = try PortfolioScenario.parse(text: text, source: "p.yaml")
        #expect(scenario.hedges[0].margin == .cross && scenario.hedges[0].leverage == nil)
        let decoded = try JSONDecoder().decode(PortfolioScenario.self, from: try JSONEncoder().encode(scenario))
        #expect(decoded == scenario)
        let withLeverage = try #require(throws: InputError.self) {
            try PortfolioScenario.parse(text: text.replacingOccurrences(of: "margin: cross", with: "margin: cross, leverage: 3"), source: "p.yaml")
        }
        #expect(withLeverage.field == "hedges[0].leverage" && withLeverage.description.contains("none with margin: cross"))
        let unknown = try #require(throws: InputError.self) {
            try PortfolioScenario.parse(text: text.replacingOccurrences(of: "margin: cross", with: "margin: portfolio"), source: "p.yaml")
        }
        #expect(unknown.field == "hedges[0].margin" && unknown.description.contains("isolated | cross"))
        var empty = scenario
        empty.hedges.append(PortfolioHedge(asset: "BTC", ratios: [1], leverage: 1))
        let noCollateral = try #require(throws: InputError.self) { try empty.validate() }
        #expect(noCollateral.description.contains("cross account's collateral") && !noCollateral.description.contains("\n"))
    }

    /// Two coins' synthetic daily history: 300 returns, the second correlated with the first.
    static func history() throws -> PortfolioHistory {
        var a: [Double] = [], b: [Double] = []
        for t in 0..<300 {
            let x = 0.03 * sin(1.7 * Double(t) + 0.2) + 0.01 * cos(0.31 * Double(t * t % 97))
            a.append(x)
            b.append(0.8 * x + 0.02 * sin(2.9 * Double(t) + 1.1))
        }
        return try PortfolioHistory(returns: [a, b], stepSeconds: 86_400)
    }

    /// A portfolio of the two coins drawn from `history()`, one hedge each, daily steps.
    static func bootstrapped(days: Double, blockDays: Double, paths: Int) throws -> (PortfolioScenario, PortfolioHistory) {
        var s = PortfolioScenario(
            assets: [PortfolioAsset(name: "A", holding: 1, price: 100, vol: 0), PortfolioAsset(name: "B", holding: 10, price: 5, vol: 0)],
            hedges: [PortfolioHedge(asset: "A", ratios: [0, 1], leverage: 2), PortfolioHedge(asset: "B", ratios: [1], leverage: 2)])
        s.assets[0].history = "a.csv"
        s.assets[1].history = "b.csv"
        s.stepsPerDay = 1
        s.horizonDays = days
        s.paths = paths
        s.bootstrapBlockDays = blockDays
        let history = try history()
        try s.attach(history)
        return (s, history)
    }

    /// With blocks far longer than the horizon every path is one window of consecutive history steps
    /// (wrapping), the same window for both coins: each path's log price change is, exactly, the sum of
    /// the window's returns from some start, found from coin A and then checked on coin B.
    @Test func jointBootstrapPathsAreWindowsOfTheHistory() throws {
        let (s, history) = try Self.bootstrapped(days: 12, blockDays: 1e6, paths: 600)
        let sink = PortfolioEngine.simulate(s, factor: try CorrelationFactor(s.correlations), seed: 4, threads: 2, history: history)
        let n = sink.paths, length = history.length
        func window(_ k: Int, from start: Int) -> Double {
            var x = log(s.assets[k].price)
            for t in 0..<s.stepCount { x += history.returns[k][(start + t) % length] }
            return x
        }
        for p in 0..<n {
            let start = (0..<length).first { window(0, from: $0) == sink.logPrice[p] }
            #expect(start != nil, "path \(p) is no window of A's history")
            if let start { #expect(window(1, from: start) == sink.logPrice[n + p], "path \(p): B is not on A's window") }
        }
    }

    /// One step: every path draws one history day for both coins, so the simulated returns have the
    /// history's means and correlation, within 4 standard errors (`σ/√n` and `(1 − ρ²)/√n`).
    @Test func jointBootstrapKeepsTheHistorysMomentsAndCorrelation() throws {
        let (s, history) = try Self.bootstrapped(days: 1, blockDays: 5, paths: 20_000)
        let sink = PortfolioEngine.simulate(s, factor: try CorrelationFactor(s.correlations), seed: 9, threads: 2, history: history)
        let n = sink.paths
        let simulated = (0..<2).map { k in (0..<n).map { sink.logPrice[k * n + $0] - log(s.assets[k].price) } }
        for k in 0..<2 {
            let mean = history.returns[k].reduce(0, +) / Double(history.length)
            let sampleMean = simulated[k].reduce(0, +) / Double(n)
            #expect(abs(sampleMean - mean) <= 4 * (history.variance(of: k) / Double(n)).squareRoot(), "coin \(k): \(sampleMean) against \(mean)")
        }
        let rho = history.correlations[0][1]
        let sampleRho = PortfolioHistory.sampleCorrelations(simulated)[0][1]
        #expect(abs(sampleRho - rho) <= 4 * (1 - rho * rho) / Double(n).squareRoot(), "\(sampleRho) against \(rho)")
        #expect(abs(s.assets[0].vol - (history.variance(of: 0) * 365).squareRoot()) < 1e-12)
    }

    /// The joint bootstrap is bit-identical across threads and shard splits too.
    @Test func jointBootstrapShardsAreTheSingleRun() throws {
        let (s, history) = try Self.bootstrapped(days: 20, blockDays: 4, paths: 2_000)
        let single = try s.run(seed: 3, threads: 1, history: history).numbers()
        #expect(try s.run(seed: 3, threads: 3, history: history).numbers() == single)
        let partials = try (0..<3).map { try s.runShard(seed: 3, shard: ShardSpec(index: $0, count: 3), threads: 2, history: history) }
        #expect(try PortfolioScenario.merge(partials).numbers() == single)
    }

    /// A model key beside `history:`, correlations with histories, a history without
    /// `bootstrapBlockDays` (and the reverse), a run without the history and a step that does not match
    /// the data's are refused, each in one line naming the field.
    @Test func jointBootstrapRefusals() throws {
        let text = """
            stepsPerDay: 1
            bootstrapBlockDays: 7
            assets:
              - {name: BTC, holding: 1, price: 70000, history: btc.csv}
              - {name: ETH, holding: 10, price: 3500, history: eth.csv}
            hedges:
              - {asset: ETH, contract: BTC, ratios: [0.5], leverage: 3}
            """
        let (scenario, _) = try PortfolioScenario.parse(text: text, source: "p.yaml")
        #expect(scenario.usesHistory && scenario.assets.allSatisfy { $0.vol == 0 })
        let cases: [(String, String, String)] = [
            ("history: btc.csv}", "history: btc.csv, vol: 0.5}", "assets[0].vol"),
            ("hedges:", "correlations: [[1, 0.5], [0.5, 1]]\nhedges:", "correlations"),
            ("bootstrapBlockDays: 7\n", "", "assets[0].history"),
            (", history: eth.csv}", ", vol: 0.6}", "assets[1].history"),
        ]
        for (from, to, field) in cases {
            let error = try #require(throws: InputError.self) {
                let (bad, _) = try PortfolioScenario.parse(text: text.replacingOccurrences(of: from, with: to), source: "p.yaml")
                try bad.validate()
            }
            #expect(error.field == field && !error.description.contains("\n"), "\(error.description)")
        }
        let missing = try #require(throws: InputError.self) { try scenario.run(seed: 1) }
        #expect(missing.field == "history")
        var hourly = scenario
        let mismatch = try #require(throws: InputError.self) {
            try hourly.attach(try PortfolioHistory(returns: [[0.01, -0.01], [0.02, 0]], stepSeconds: 3_600))
        }
        #expect(mismatch.field == "stepsPerDay")
    }
}
