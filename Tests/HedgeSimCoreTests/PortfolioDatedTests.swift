import Foundation
import Testing
@testable import HedgeSimCore

/// Dated inverse contracts in a portfolio (`hedges[].expiryDays`): the future `F = P·e^{b·τ}` with an
/// Ornstein–Uhlenbeck basis, its liquidation, its settlement at expiry and its rolls, against closed
/// forms and exact invariants.
@Suite struct PortfolioDatedTests {
    /// One coin of `vol` with a dated hedge of `dated` terms at `leverage`, no fees and no maintenance.
    static func oneCoin(vol: Double, dated: PortfolioDated, ratios: [Double] = [1], leverage: Double = 1, paths: Int = 20_000) -> PortfolioScenario {
        var hedge = PortfolioHedge(asset: "BTC", ratios: ratios, leverage: leverage)
        hedge.dated = dated
        var s = PortfolioScenario(assets: [PortfolioAsset(name: "BTC", holding: 2, price: 70_000, vol: vol)], hedges: [hedge])
        s.fee = 0
        s.settlementFee = 0
        s.maintenanceRate = 0
        s.paths = paths
        return s
    }

    /// `PortfolioDated` of a fixed basis `b` (σ_b = 0, κ = 0) expiring on `expiry`.
    static func fixedBasis(_ b: Double, expiry: Double) -> PortfolioDated {
        var d = PortfolioDated(expiryDays: expiry)
        d.basis = b
        d.basisVol = 0
        d.basisMeanReversion = 0
        return d
    }

    /// Standard normal CDF.
    static func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// A short of the contract expiring at the horizon, with a fixed basis `b`, no fees and no
    /// liquidation (leverage 1.25, no maintenance: only at `F ≥ 5F₀`, 9 stdevs away), settles at `F_T = P_T`: per path the hedged value is
    /// `S·P₀ + S·P_T·(1 − e^{−bT})` with ratio 1, so on the same paths the hedged value's stdev is
    /// exactly `(1 − e^{−bT})` times the unhedged one's and its mean `S·P₀ + (1 − e^{−bT})` times the
    /// unhedged mean (to rounding, 1e-9 relative).
    @Test func aContractSettledAtTheHorizonScalesTheCoinByItsBasis() throws {
        for b in [0.08, -0.2] {
            var s = Self.oneCoin(vol: 0.6, dated: Self.fixedBasis(b, expiry: 30), leverage: 1.25)
            s.horizonDays = 30
            #expect(s.settlesAtHorizon(s.hedges[0].account))
            let result = try s.run(seed: 3, threads: 2)
            let factor = 1 - exp(-b * 30 / 365)
            let cell = result.cells[0].netValueUSD, unhedged = result.unhedged
            #expect(abs(cell.stdev - abs(factor) * unhedged.stdev) <= 1e-9 * unhedged.stdev, "b \(b): \(cell.stdev)")
            #expect(abs(cell.mean - (140_000 + factor * unhedged.mean)) <= 1e-9 * unhedged.mean, "b \(b): \(cell.mean)")
            #expect(try #require(result.cells[0].liquidation[0]).probability == 0)
        }
    }

    /// Under GBM with a fixed basis `b` (κ = 0, σ_b = 0), `ln(F_t/F₀) = (−σ²/2 − b)t + σW_t` is a Brownian
    /// motion with drift `ν = −σ²/2 − b`; with no maintenance a short at leverage `L` is liquidated when
    /// `F ≥ F₀·L/(L − 1)`, and checked between steps at the bridge maximum of `ln F` its P(liq) is the
    /// first-passage probability `Φ((νT − a)/(σ√T)) + e^{2νa/σ²}Φ((−a − νT)/(σ√T))`, `a = ln(L/(L − 1))`,
    /// within 3 binomial standard errors (n = 20,000: about 0.002). Contango (`b > 0`) pulls the future
    /// down towards the spot and backwardation up: the two bases give clearly different answers.
    @Test func liquidationMatchesTheFirstPassageOfTheFuture() throws {
        let sigma = 0.8, leverage = 3.0, horizon = 30.0
        var probabilities: [Double] = []
        for b in [0.6, -0.6] {
            var s = Self.oneCoin(vol: sigma, dated: Self.fixedBasis(b, expiry: 90), leverage: leverage)
            s.horizonDays = horizon
            s.stepsPerDay = 4
            let probability = try #require(try s.run(seed: 11, threads: 2).cells[0].liquidation[0]).probability
            let t = horizon / 365, a = log(leverage / (leverage - 1)), nu = -0.5 * sigma * sigma - b
            let root = sigma * t.squareRoot()
            let expected = Self.phi((nu * t - a) / root) + exp(2 * nu * a / (sigma * sigma)) * Self.phi((-a - nu * t) / root)
            let error = (expected * (1 - expected) / Double(s.paths)).squareRoot()
            #expect(abs(probability - expected) <= 3 * error, "b \(b): P(liq) \(probability) against \(expected) ± \(error)")
            probabilities.append(probability)
        }
        #expect(probabilities[1] > probabilities[0] + 0.02, "\(probabilities)")
    }

    /// The basis is the discrete Ornstein–Uhlenbeck process started at its mean: at the horizon
    /// `b_T = b₀ + Σ_j c·d^j·ε_j` (`d = e^{−κΔt}`, `c = σ_b√((1 − d²)/(2κ))`), so `E[b_T] = b₀`,
    /// `Var b_T = c²(1 − d^{2N})/(1 − d²)`, and with the price shock's correlation ρ,
    /// `Cov(b_T, ln P_T) = ρ·c·σ√Δt·(1 − d^N)/(1 − d)`. Read from the paths (`b_T = (ln F_T − ln P_T)/τ_T`)
    /// each matches within 4 standard errors: the mean's `sd/√n`, the variance's `Var·√(2/(n − 1))`
    /// (normal), the correlation's `(1 − ρ²)/√n` (`Var ln P_T = σ²T`).
    @Test func theBasisIsOrnsteinUhlenbeckCorrelatedWithThePrice() throws {
        var d = PortfolioDated(expiryDays: 90)
        d.basis = 0.08
        d.basisMeanReversion = 4
        d.basisVol = 0.3
        d.basisPriceCorrelation = 0.6
        let sigma = 0.5
        var s = Self.oneCoin(vol: sigma, dated: d, paths: 30_000)
        s.horizonDays = 30
        s.stepsPerDay = 6
        let sink = PortfolioEngine.simulate(s, factor: try CorrelationFactor(s.correlations), seed: 5, threads: 2)
        let n = s.paths, steps = Double(s.stepCount), dt = 1 / (365 * s.stepsPerDay), tau = 60.0 / 365
        let basis = (0..<n).map { (-log(sink.inverseMark[$0]) - sink.logPrice[$0]) / tau }
        let logPrice = (0..<n).map { sink.logPrice[$0] }
        func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
        let mb = mean(basis), mp = mean(logPrice)
        let vb = basis.reduce(0) { $0 + ($1 - mb) * ($1 - mb) } / Double(n - 1)
        let vp = logPrice.reduce(0) { $0 + ($1 - mp) * ($1 - mp) } / Double(n - 1)
        let cov = zip(basis, logPrice).reduce(0) { $0 + ($1.0 - mb) * ($1.1 - mp) } / Double(n - 1)
        let decay = exp(-4 * dt), c = 0.3 * ((1 - decay * decay) / 8).squareRoot()
        let expectedVariance = c * c * (1 - pow(decay, 2 * steps)) / (1 - decay * decay)
        let expectedCov = 0.6 * c * sigma * dt.squareRoot() * (1 - pow(decay, steps)) / (1 - decay)
        #expect(abs(mb - 0.08) <= 4 * (vb / Double(n)).squareRoot(), "mean \(mb)")
        #expect(abs(vb - expectedVariance) <= 4 * expectedVariance * (2 / Double(n - 1)).squareRoot(), "variance \(vb) against \(expectedVariance)")
        let r = cov / (vb * vp).squareRoot(), expectedR = expectedCov / (expectedVariance * sigma * sigma * 30 / 365).squareRoot()
        #expect(abs(r - expectedR) <= 4 * (1 - expectedR * expectedR) / Double(n).squareRoot(), "correlation \(r) against \(expectedR)")
    }

    /// With no price or basis moves (σ = 0, σ_b = 0) everything is known: a contract expiring on day 10,
    /// rolled 2 days before expiry into the one 30 days later, is rolled once (at the end of step 191 of
    /// 720, `τ` 2 days → 32 days), books the roll yield `(e^{−b·2/365} − e^{−b·32/365})/P` less the fee on
    /// both trades `f·(e^{−b·2/365} + e^{−b·32/365})/P`, and at the horizon is bought back at
    /// `F_T = P·e^{b·10/365}` paying `f/F_T` (it does not settle). The hedged value matches to 1e-9
    /// relative; a stdev of 0.
    @Test func aRollBooksItsYieldAndItsFees() throws {
        let b = 0.3, fee = 0.0005, price = 70_000.0
        var d = Self.fixedBasis(b, expiry: 10)
        d.rollDaysBefore = 2
        d.contractCycleDays = 30
        var s = Self.oneCoin(vol: 0, dated: d, leverage: 2, paths: 600)
        s.horizonDays = 30
        s.fee = fee
        #expect(!s.settlesAtHorizon(s.hedges[0].account))
        let schedule = DatedSchedule(
            steps: s.stepCount, stepYears: 1 / (365 * s.stepsPerDay), stepsPerDay: s.stepsPerDay, horizonDays: 30, expiryDays: 10,
            rollDaysBefore: 2, contractCycleDays: 30)
        #expect(schedule.rollSteps == [191] && schedule.lastExpiryDays == 40)
        let entry = price * exp(b * 10 / 365), old = exp(-b * 2 / 365) / price, new = exp(-b * 32 / 365) / price
        let roll = (old - new) - fee * (old + new)
        let inverse = exp(-b * 10 / 365) / price, margin = 1 / (entry * 2)
        let u = -price * (margin + fee / entry) + price * (margin + inverse - 1 / entry + roll - fee * inverse)
        let notional = 2 * price
        let expected = notional + notional * u
        let cell = try s.run(seed: 1, threads: 2).cells[0]
        #expect(abs(cell.netValueUSD.mean - expected) <= 1e-9 * expected, "\(cell.netValueUSD.mean) against \(expected)")
        #expect(cell.netValueUSD.stdev <= 1e-9 * expected)
        #expect(abs(cell.marginsCoin[0] - notional / (entry * 2)) <= 1e-12)
    }

    /// A portfolio with dated contracts (settling, rolled, on cross margin, under GARCH-t and jumps)
    /// beside a perpetual gives the same report on 1, 2, 3 and 7 threads and as merged shards.
    @Test func datedContractsDoNotDependOnThreadsOrShards() throws {
        var btc = PortfolioAsset(name: "BTC", holding: 3, price: 70_000, vol: 0.5)
        btc.garchAlpha = 0.08
        btc.garchBeta = 0.9
        var eth = PortfolioAsset(name: "ETH", holding: 40, price: 3_500, vol: 0.7)
        eth.jumpIntensity = 20
        eth.jumpStdev = 0.05
        var settling = PortfolioHedge(asset: "BTC", ratios: [0.4, 0.8], margin: .cross)
        settling.dated = PortfolioDated(expiryDays: 20)
        var rolled = PortfolioHedge(asset: "ETH", ratios: [0.5, 1], leverage: 3)
        rolled.dated = PortfolioDated(expiryDays: 7)
        rolled.dated?.rollDaysBefore = 1
        rolled.dated?.contractCycleDays = 7
        var s = PortfolioScenario(
            assets: [btc, eth], correlations: [[1, 0.7], [0.7, 1]],
            hedges: [settling, rolled, PortfolioHedge(asset: "ETH", contract: "BTC", ratios: [0.2], leverage: 2, fundingRate: 0.1)])
        s.horizonDays = 20
        s.stepsPerDay = 12
        s.paths = 3_000
        try s.expectSameReportOnThreadsAndShards(seed: 2)
    }

    /// A file's dated hedges are read with the single coin's basis defaults (and survive JSON); each
    /// refusal is one line naming the field path.
    @Test func datedHedgesInAFileAndTheirRefusals() throws {
        let text = """
            paths: 1000
            horizonDays: 30
            assets:
              - {name: BTC, holding: 10, price: 70000, vol: 0.6}
              - {name: ETH, holding: 100, price: 3500, vol: 0.7}
            hedges:
              - {asset: BTC, ratios: [0.5], leverage: 3, expiryDays: 90, basis: 0.1}
              - {asset: ETH, ratios: [0.5], leverage: 3, expiryDays: 10, rollDaysBefore: 2, contractCycleDays: 30}
              - {asset: ETH, ratios: [0.5], margin: cross, fundingRate: 0.1}
            """
        let (scenario, _) = try PortfolioScenario.parse(text: text, source: "d.yaml")
        try scenario.validate()
        #expect(scenario.hedges.map(\.label) == ["BTC 90d", "ETH 10d", "ETH"])
        #expect(scenario.hedges[0].dated?.basisVol == Scenario().basisVol && scenario.hedges[0].dated?.basis == 0.1)
        #expect(scenario.hedges[1].dated?.basisMeanReversion == Scenario().basisMeanReversion)
        #expect(try JSONDecoder().decode(PortfolioScenario.self, from: try JSONEncoder().encode(scenario)) == scenario)
        func refused(_ field: String, _ phrase: String, _ change: (String) -> String) throws {
            try PortfolioScenario.expectRefused(text, field: field, phrase: phrase, change: change)
        }
        try refused("hedges[0].fundingRate", "no funding") { $0.replacingOccurrences(of: "basis: 0.1}", with: "basis: 0.1, fundingRate: 0.1}") }
        try refused("hedges[2].basisVol", "none without expiryDays") { $0.replacingOccurrences(of: "fundingRate: 0.1}", with: "basisVol: 0.2}") }
        try refused("hedges[0].expiryDays", "rollDaysBefore") { $0.replacingOccurrences(of: "expiryDays: 90", with: "expiryDays: 20") }
        try refused("hedges[0].expiryDays", "days from 0 to 3650") { $0.replacingOccurrences(of: "expiryDays: 90", with: "expiryDays: 0") }
        try refused("hedges[1].rollDaysBefore", "below the contract's life") {
            $0.replacingOccurrences(of: "rollDaysBefore: 2", with: "rollDaysBefore: 10")
        }
        try refused("hedges[0].basis", "from −5 to 5") { $0.replacingOccurrences(of: "basis: 0.1", with: "basis: 8") }
        try refused("hedges[3].basis", "one contract, one basis") {
            $0 + "\n  - {asset: BTC, ratios: [0.2], leverage: 2, expiryDays: 90, basis: 0.2}"
        }
        try refused("hedges[2].margin", "holds one contract") {
            $0 + "\n  - {asset: ETH, ratios: [0.2], margin: cross, expiryDays: 90}"
        }
        try refused("settlementFee", "without a dated hedge") { _ in
            "settlementFee: 0.001\nassets:\n  - {name: BTC, holding: 1, price: 70000, vol: 0.6}\nhedges:\n  - {asset: BTC, ratios: [1], leverage: 2}"
        }
        let another = text + "\n  - {asset: BTC, ratios: [0.2], leverage: 2, expiryDays: 180, basis: 0.2}"
        try PortfolioScenario.parse(text: another, source: "d.yaml").scenario.validate()
    }
}
