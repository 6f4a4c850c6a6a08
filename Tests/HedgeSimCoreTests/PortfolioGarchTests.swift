import CVectorMath
import Foundation
import Testing
@testable import HedgeSimCore

/// GARCH(1,1)-t coins in a portfolio: the first step's shocks are a unit-variance multivariate t (its
/// quantiles, the correlation between GARCH coins, the smaller one with a normal coin), the horizon
/// variance follows the GARCH recursion, coins that move as one are one coin, results do not depend on
/// threads or shards, and the file's refusals. Every tolerance is 4 standard errors of the statistic,
/// from a closed form or from the sample as each test says; the seeds are fixed, so the tests are
/// deterministic.
@Suite struct PortfolioGarchTests {
    /// Coins `G1`, `G2` (GARCH-t, α 0.08, β 0.9, long-run vol 0.6 and 0.9) and `N` (GBM, vol 0.5) with
    /// correlations G1–G2 0.6, G1–N 0.7, G2–N 0.5; one hedge on G1.
    static func three(dof: Double, paths: Int) -> PortfolioScenario {
        var s = PortfolioScenario(
            assets: [
                PortfolioAsset(name: "G1", holding: 1, price: 100, vol: 0.6, drift: 0.2),
                PortfolioAsset(name: "G2", holding: 1, price: 20, vol: 0.9, drift: -0.1),
                PortfolioAsset(name: "N", holding: 1, price: 5, vol: 0.5),
            ],
            correlations: [[1, 0.6, 0.7], [0.6, 1, 0.5], [0.7, 0.5, 1]],
            hedges: [PortfolioHedge(asset: "G1", ratios: [0, 1], leverage: 3)])
        for k in 0..<2 {
            s.assets[k].garchAlpha = 0.08
            s.assets[k].garchBeta = 0.9
        }
        s.garchDegreesOfFreedom = dof
        s.paths = paths
        return s
    }

    /// The first step's standardised shock of every coin, `(Δln P − μΔt + h₀/2)/√h₀` for a GARCH coin
    /// (`h₀ = σ²Δt`) and `(Δln P − (μ − σ²/2)Δt)/(σ√Δt)` for a GBM one, from a one-step run.
    static func firstShocks(_ scenario: PortfolioScenario, seed: UInt64) throws -> [[Double]] {
        var s = scenario
        s.horizonDays = 1
        s.stepsPerDay = 1
        let sink = PortfolioEngine.simulate(s, factor: try CorrelationFactor(s.correlations), seed: seed, threads: 2)
        let dt = 1 / 365.0, n = s.paths
        return s.assets.enumerated().map { k, asset in
            let h = asset.vol * asset.vol * dt
            let mean = asset.isGarch ? asset.drift * dt - h / 2 : asset.logDriftPerStep(dt)
            let start = log(asset.price)
            return (0..<n).map { (sink.logPrice[k * n + $0] - start - mean) / h.squareRoot() }
        }
    }

    /// The regularised incomplete beta function `I_x(a, b) = x^a(1 − x)^b/(a·B(a, b))·CF(x, a, b)`, with
    /// `I_x(a, b) = 1 − I_{1−x}(b, a)` above `x = (a + 1)/(a + b + 2)` where the fraction converges slowly.
    static func regularisedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let front: Double = exp(a * log(x) + b * log(1 - x) - logBeta)
        if x < (a + 1) / (a + b + 2) { return front * betaFraction(x, a, b) / a }
        return 1 - front * betaFraction(1 - x, b, a) / b
    }

    /// The continued fraction of `I_x(a, b)` by the modified Lentz method (the form of Numerical
    /// Recipes' `betacf`), converged to 1e-15.
    static func betaFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        func clamp(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
        var c = 1.0, d = 1 / clamp(1 - (a + b) * x / (a + 1))
        var fraction = d
        for m in 1...500 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 / clamp(1 + even * d)
            c = clamp(1 + even / c)
            fraction *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 / clamp(1 + odd * d)
            c = clamp(1 + odd / c)
            fraction *= d * c
            if abs(d * c - 1) < 1e-15 { break }
        }
        return fraction
    }

    /// The CDF of Student's t with `ν` degrees of freedom: `1 − ½I_{ν/(ν+t²)}(ν/2, ½)` for `t ≥ 0`, symmetric.
    static func studentCDF(_ t: Double, dof: Double) -> Double {
        let tail = 0.5 * regularisedBeta(dof / (dof + t * t), dof / 2, 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The `p` quantile of the unit-variance t, `t_ν·√((ν − 2)/ν)`, by bisection of `studentCDF` to 1e-13.
    static func unitStudentQuantile(_ p: Double, dof: Double) -> Double {
        var low = -100.0, high = 100.0
        while high - low > 1e-13 {
            let middle = (low + high) / 2
            if studentCDF(middle, dof: dof) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2 * ((dof - 2) / dof).squareRoot()
    }

    /// The reference itself: Student-t table values (t₈ 0.975 quantile 2.306004, t₁ 0.75 quantile 1, the
    /// Cauchy's) within 1e-6.
    @Test func theStudentQuantileReferenceMatchesTables() {
        #expect(abs(Self.unitStudentQuantile(0.975, dof: 8) / (6.0 / 8).squareRoot() - 2.306004) < 1e-6)
        #expect(abs(Self.studentCDF(1, dof: 1) - 0.75) < 1e-12)
        #expect(abs(Self.studentCDF(-2.306004135, dof: 8) - 0.025) < 1e-9)
    }

    /// The first step's standardised shock of a GARCH coin is the unit-variance t_ν: at each of the
    /// probabilities 1 %, 5 %, 25 %, 50 %, 75 %, 95 %, 99 % the share of the 100,000 shocks at or below
    /// the closed-form quantile `q_p` is `p` within 4 binomial standard errors `√(p(1 − p)/n)` (a normal
    /// shock of unit variance puts 0.44 % below the 1 % quantile at ν = 3.5: 19 standard errors off).
    /// ν = 3.5 is not an integer, which the chi-square mixing takes as it comes.
    @Test(arguments: [3.5, 8.0])
    func firstShocksHaveTheStudentQuantiles(dof: Double) throws {
        let s = Self.three(dof: dof, paths: 100_000)
        let shocks = try Self.firstShocks(s, seed: 21)
        let n = Double(s.paths)
        for k in 0..<2 {
            let sorted = shocks[k].sorted()
            for p in [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] {
                let quantile = Self.unitStudentQuantile(p, dof: dof)
                let share = Double(sorted.prefix { $0 <= quantile }.count) / n
                let error = (p * (1 - p) / n).squareRoot()
                let sampleQuantile = sorted[Int(p * n)]
                #expect(abs(share - p) <= 4 * error,
                        "ν \(dof), coin \(k), p \(p): share \(share) ± \(error); sample quantile \(sampleQuantile) against \(quantile)")
            }
        }
    }

    /// `ρ·√((ν − 2)/2)·Γ((ν − 1)/2)/Γ(ν/2)`: the correlation of a GARCH coin's shock `z₁·√((ν − 2)/W)`
    /// with a normal coin's `z₂` (`E[√((ν − 2)/W)]` times `ρ`, both of unit variance).
    static func garchNormalCorrelation(_ rho: Double, dof: Double) -> Double {
        rho * ((dof - 2) / 2).squareRoot() * exp(lgamma((dof - 1) / 2) - lgamma(dof / 2))
    }

    /// The sample correlation of `x` and `y`, and its standard error from the spread of the correlations
    /// of 50 equal batches divided by √50 (no distributional assumption: the t shocks' fourth moments
    /// make the normal formula `(1 − ρ²)/√n` too small).
    static func correlation(_ x: [Double], _ y: [Double]) -> (value: Double, standardError: Double) {
        func r(_ range: Range<Int>) -> Double {
            let count = Double(range.count)
            let mx = range.reduce(0) { $0 + x[$1] } / count, my = range.reduce(0) { $0 + y[$1] } / count
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for i in range {
                sxy += (x[i] - mx) * (y[i] - my)
                sxx += (x[i] - mx) * (x[i] - mx)
                syy += (y[i] - my) * (y[i] - my)
            }
            return sxy / (sxx * syy).squareRoot()
        }
        let batches = 50, size = x.count / batches
        let estimates = (0..<batches).map { r(($0 * size)..<(($0 + 1) * size)) }
        let mean = estimates.reduce(0, +) / Double(batches)
        let spread = (estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(batches - 1)).squareRoot()
        return (r(0..<x.count), spread / Double(batches).squareRoot())
    }

    /// At ν = 8 the two GARCH coins' first shocks have the input correlation 0.6 (they share the mixing
    /// variable; independent ones would give 0.6·0.92 = 0.55), and each GARCH coin and the normal coin
    /// have `ρ·√((ν − 2)/2)·Γ((ν − 1)/2)/Γ(ν/2)` = 0.959·ρ (0.672 and 0.480 for ρ = 0.7 and 0.5), each
    /// within 4 standard errors (batch means, about 0.002 here; the factor moves them by 0.02 to 0.03).
    @Test func firstShocksHaveTheMultivariateTCorrelations() throws {
        let dof = 8.0
        let s = Self.three(dof: dof, paths: 100_000)
        let shocks = try Self.firstShocks(s, seed: 22)
        let cases: [(Int, Int, Double)] = [
            (0, 1, 0.6), (0, 2, Self.garchNormalCorrelation(0.7, dof: dof)), (1, 2, Self.garchNormalCorrelation(0.5, dof: dof)),
        ]
        for (i, j, expected) in cases {
            let (sample, error) = Self.correlation(shocks[i], shocks[j])
            #expect(abs(sample - expected) <= 4 * error, "(\(i), \(j)): \(sample) ± \(error) against \(expected)")
        }
        #expect(abs(Self.garchNormalCorrelation(1, dof: dof) - 0.9594) < 1e-4)
    }

    /// The log return over T = 240 hourly steps of a GARCH coin (σ 0.5, α 0.1, β 0.85, ν 8, started at
    /// `h₀ = σ²Δt`) has variance `Σ_t E[h_t]` with `E[h_{t+1}] = ω + (α + β)·E[h_t]` (the moves are
    /// martingale differences; the other term, `Var(Σh)/4`, is about 3·10⁻⁴ of it, far inside the
    /// tolerance) and mean `μT − Σ_t E[h_t]/2`, each within 4 standard errors of the sample: the
    /// variance's `√((m₄ − s⁴)/n)` (its sample kurtosis), the mean's `s/√n`. The cap, 100 times the
    /// long-run variance, does not bind. A GBM coin beside it keeps `σ²T`.
    @Test func horizonVarianceFollowsTheGarchRecursion() throws {
        var s = PortfolioScenario(
            assets: [PortfolioAsset(name: "G", holding: 1, price: 100, vol: 0.5, drift: 0.3), PortfolioAsset(name: "N", holding: 1, price: 10, vol: 0.4)],
            correlations: [[1, 0.5], [0.5, 1]],
            hedges: [PortfolioHedge(asset: "G", ratios: [1], leverage: 2)])
        s.assets[0].garchAlpha = 0.1
        s.assets[0].garchBeta = 0.85
        s.garchDegreesOfFreedom = 8
        s.horizonDays = 10
        s.stepsPerDay = 24
        s.paths = 40_000
        let dt = 1 / (365 * s.stepsPerDay)
        let omega = s.assets[0].garchStep(dt).omega
        var expectedH = 0.25 * dt, sumH = 0.0
        for _ in 0..<s.stepCount {
            sumH += expectedH
            expectedH = omega + (0.1 + 0.85) * expectedH
        }
        let sink = PortfolioEngine.simulate(s, factor: try CorrelationFactor(s.correlations), seed: 23, threads: 2)
        let n = s.paths
        let t = s.horizonDays / 365
        for (k, variance, mean) in [(0, sumH, 0.3 * t - sumH / 2), (1, 0.16 * t, -0.08 * t)] {
            let r = (0..<n).map { sink.logPrice[k * n + $0] - log(s.assets[k].price) }
            let sampleMean = r.reduce(0, +) / Double(n)
            let m2 = r.reduce(0) { $0 + ($1 - sampleMean) * ($1 - sampleMean) } / Double(n)
            let m4 = r.reduce(0) { $0 + pow($1 - sampleMean, 4) } / Double(n)
            let error = ((m4 - m2 * m2) / Double(n)).squareRoot()
            #expect(abs(m2 - variance) <= 4 * error, "coin \(k): variance \(m2) against \(variance) ± \(error), kurtosis \(m4 / (m2 * m2))")
            #expect(abs(sampleMean - mean) <= 4 * (m2 / Double(n)).squareRoot(), "coin \(k): mean \(sampleMean) against \(mean)")
        }
    }

    /// Two equal GARCH coins with correlation 1, each hedged with its own contract at the same ratio and
    /// leverage, give the distribution of one coin holding both: the same normals, one mixing variable,
    /// the same variance paths and bridge uniforms, bit for bit.
    @Test func perfectlyCorrelatedGarchCoinsAreOneCoin() throws {
        let comparison = PerfectlyCorrelatedPair(
            model: { asset in
                asset.garchAlpha = 0.1
                asset.garchBeta = 0.88
            },
            configure: { $0.garchDegreesOfFreedom = 4 })
        let oneCoin = try comparison.expectOneCoin().oneCoin
        let probability = try #require(oneCoin.cells[1].liquidation[0]).probability
        #expect(probability > 0, "a test that sees liquidations: \(probability)")
    }

    /// One `hs_portfolio_step` of 40 paths (a full vector and a tail) of a GARCH coin carrying a
    /// contract, each path at its own `h` (some above the cap): the log price is `x + ((μΔt − h/2) + √h·s)`
    /// and the next `h` is `min((ω + α·(√h·s)²) + β·h, cap)`, bit for bit the single coin's order of
    /// operations; the lowest account is the bridge maximum's with `h·c²` as the step variance, `c` the
    /// path's mixing scale `√((ν − 2)/W)` (the move's variance given W; the plan's `bridge_variance`,
    /// set far off here, is not used), within 1e-12 relative (the kernel's exp and log polynomials
    /// against libm's).
    @Test func theGarchStepIsTheRecursionAndItsBridgeUsesHGivenTheMixing() {
        let paths = 40, firstPath = 100, step = 3, seed: UInt64 = 5
        let (drift, omega, alpha, beta, cap) = (1e-4, 2e-5, 0.1, 0.8, 3e-4)
        let a = 0.995, constant = -1 / 100.0
        var allocated: [UnsafeMutableRawPointer] = []
        defer { allocated.forEach { $0.deallocate() } }
        func table<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: values.count)
            pointer.initialize(from: values, count: values.count)
            allocated.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        var plan = hs_portfolio_plan()
        plan.assets = 1
        plan.contracts = 1
        plan.drift_per_step = UnsafePointer(table([drift]))
        plan.vol_per_step = UnsafePointer(table([0.0]))
        plan.jump_rate_per_step = UnsafePointer(table([0.0]))
        plan.no_jump_probability = UnsafePointer(table([1.0]))
        plan.contract_asset = UnsafePointer(table([0]))
        plan.mark_coefficient = UnsafePointer(table([a]))
        plan.account_constant = UnsafePointer(table([constant]))
        plan.funding_per_step = UnsafePointer(table([0.0]))
        plan.between_step_check = 1
        plan.bridge_index = UnsafePointer(table([0]))
        plan.purpose_bridge = RandomPurpose.portfolioBridge.rawValue
        plan.seed = seed
        plan.bridge_variance = UnsafePointer(table([1e-8]))
        plan.garch = UnsafePointer(table([Int32(1)]))
        plan.garch_omega = UnsafePointer(table([omega]))
        plan.garch_alpha = UnsafePointer(table([alpha]))
        plan.garch_beta = UnsafePointer(table([beta]))
        plan.garch_variance_cap = UnsafePointer(table([cap]))
        let shocks = (0..<paths).map { 3 * sin(Double($0) + 0.5) }
        let h = (0..<paths).map { 1e-5 * Double(1 + $0) }
        let start = log(100.0)
        let logPrice = table([Double](repeating: start, count: paths)), variance = table(h)
        let funding = table([Double](repeating: 0, count: paths)), lowest = table([Double](repeating: .infinity, count: paths))
        let inverse = table([Double](repeating: 0, count: paths))
        let scales = (0..<paths).map { 0.4 + 0.05 * Double($0) }
        var columns = hs_portfolio_columns(
            log_price: logPrice, variance: variance, funding: funding, lowest: lowest, inverse_mark: inverse, basis: nil, log_mark: nil,
            mixing_scale: UnsafePointer(table(scales)))
        hs_portfolio_step(&plan, step, firstPath, table(shocks), paths, &columns)
        let uniforms = table([Double](repeating: 0, count: paths)), unused = table([Double](repeating: 0, count: paths))
        hs_philox_uniform_pairs(seed, RandomPurpose.portfolioBridge.rawValue, 0, UInt32(firstPath), paths, UInt32(step), 1, uniforms, unused)
        var capped = 0
        for p in 0..<paths {
            let move = h[p].squareRoot() * shocks[p]
            let next = start + ((drift - 0.5 * h[p]) + move)
            let updated = (omega + alpha * move * move) + beta * h[p]
            capped += updated > cap ? 1 : 0
            #expect(logPrice[p] == next, "path \(p)")
            #expect(variance[p] == min(updated, cap), "path \(p)")
            let change = next - start
            let rise = 0.5 * (change + (change * change - 2 * h[p] * scales[p] * scales[p] * log(uniforms[p])).squareRoot())
            let expected = min(a * exp(-max(start + rise, next)) + constant, a * exp(-next) + constant)
            #expect(abs(lowest[p] - expected) <= 1e-12 * abs(expected), "path \(p): \(lowest[p]) against \(expected)")
        }
        #expect(capped > 0 && capped < paths, "the cap binds on some paths: \(capped)")
    }

    /// Given the step's mixing variable W a GARCH coin's step is normal with variance `h(ν − 2)/W`, so its
    /// bridge maximum uses that variance. With α = β = 0 (`h = σ²Δt` on every step), one step of 7 days
    /// and no maintenance, a short at leverage `L` is liquidated when the log price's maximum over the
    /// step reaches `a = ln(L/(L − 1))`; its probability is the first-passage probability of a Brownian
    /// motion with drift `m = −h/2` and variance `s_W² = h(ν − 2)/W` averaged over `W ~ χ²_ν`,
    /// `∫ f_ν(w)[Φ((m − a)/s_w) + e^{2ma/s_w²}Φ((−a − m)/s_w)]dw` (Simpson's rule on 40,000 intervals of
    /// (0, 400]): 0.0204. The run matches it within 3 binomial standard errors (n = 100,000: 0.00045 each);
    /// it gave 0.0199. With `h` as the bridge variance (the mixing forgotten) it was 0.0127, 17 errors off.
    @Test func theGarchBridgeUsesTheStepVarianceGivenTheMixing() throws {
        let nu = 3.5, sigma = 0.8, leverage = 4.0
        var s = PortfolioScenario(
            assets: [PortfolioAsset(name: "G", holding: 10, price: 100, vol: sigma)], hedges: [PortfolioHedge(asset: "G", ratios: [1], leverage: leverage)])
        s.assets[0].garchAlpha = 0
        s.assets[0].garchBeta = 0
        s.garchDegreesOfFreedom = nu
        s.horizonDays = 7
        s.stepsPerDay = 1.0 / 7
        s.fee = 0
        s.maintenanceRate = 0
        s.paths = 100_000
        #expect(s.stepCount == 1)
        let probability = try #require(try s.run(seed: 21, threads: 2).cells[0].liquidation[0]).probability
        let h = sigma * sigma * 7 / 365, a = log(leverage / (leverage - 1)), m = -h / 2
        func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
        func passage(_ w: Double) -> Double {
            let variance = h * (nu - 2) / w, root = variance.squareRoot()
            return phi((m - a) / root) + exp(2 * m * a / variance) * phi((-a - m) / root)
        }
        let logNormaliser = 0.5 * nu * log(2) + lgamma(0.5 * nu)
        func density(_ w: Double) -> Double { w <= 0 ? 0 : exp((0.5 * nu - 1) * log(w) - 0.5 * w - logNormaliser) }
        let intervals = 40_000, upper = 400.0, width = upper / Double(intervals)
        var expected = 0.0
        for i in 0...intervals {
            let w = Double(i) * width
            let weight: Double = i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2)
            expected += weight * (w <= 0 ? 0 : density(w) * passage(w))
        }
        expected *= width / 3
        let error = (expected * (1 - expected) / Double(s.paths)).squareRoot()
        #expect(abs(probability - expected) <= 3 * error, "P(liq) \(probability) against \(expected) ± \(error)")
    }

    /// GARCH coins beside a GBM coin, a cross-hedge, the bridge check and ν = 3.5 (the most mixing
    /// retries): the same report, number for number, on 1, 2, 3 and 7 threads, and merged from shard
    /// splits of 2, 3 and 7 (one shard empty) written to bytes and read back.
    @Test func garchResultsDoNotDependOnThreadsOrShards() throws {
        var s = Self.three(dof: 3.5, paths: 3_000)
        s.hedges = [
            PortfolioHedge(asset: "G1", ratios: [0.5, 1], leverage: 3), PortfolioHedge(asset: "N", contract: "G1", ratios: [1], leverage: 5),
        ]
        s.assets[0].holding = 5
        try s.expectSameReportOnThreadsAndShards(seed: 6)
    }

    static let file = """
        paths: 1000
        garchDegreesOfFreedom: 4
        assets:
          - {name: BTC, holding: 1, price: 70000, vol: 0.5, garchAlpha: 0.08, garchBeta: 0.9}
          - {name: ETH, holding: 10, price: 3500, vol: 0.7}
        correlations: [[1, 0.8], [0.8, 1]]
        hedges:
          - {asset: ETH, contract: BTC, ratios: [0.5], leverage: 3}
        """

    /// A file's GARCH keys are read (ν shared at the top level) and survive the JSON round trip.
    @Test func garchKeysAreReadFromAFile() throws {
        let (scenario, _) = try PortfolioScenario.parse(text: Self.file, source: "p.yaml")
        try scenario.validate()
        #expect(scenario.assets[0].garchAlpha == 0.08 && scenario.assets[0].garchBeta == 0.9 && scenario.assets[0].isGarch)
        #expect(!scenario.assets[1].isGarch && scenario.degreesOfFreedom == 4)
        let decoded = try JSONDecoder().decode(PortfolioScenario.self, from: try JSONEncoder().encode(scenario))
        #expect(decoded == scenario)
    }

    /// One GARCH key without the other, α or β outside [0, 1), α + β ≥ 1, GARCH keys with jump keys or
    /// `history:`, `garchDegreesOfFreedom` outside 3…60 or without a GARCH coin: each refused in one line
    /// that names the field by its path and shows the value.
    @Test func garchRefusalsNameTheField() throws {
        let cases: [(from: String, to: String, field: String, value: String)] = [
            ("garchAlpha: 0.08, garchBeta: 0.9}", "garchAlpha: 0.08}", "assets[0].garchBeta", "none"),
            ("garchAlpha: 0.08, garchBeta: 0.9}", "garchBeta: 0.9}", "assets[0].garchAlpha", "none"),
            ("garchAlpha: 0.08", "garchAlpha: 1", "assets[0].garchAlpha", "1"),
            ("garchBeta: 0.9", "garchBeta: -0.1", "assets[0].garchBeta", "-0.1"),
            ("garchBeta: 0.9", "garchBeta: 0.92", "assets[0].garchBeta", "0.92"),
            ("garchBeta: 0.9}", "garchBeta: 0.9, jumpIntensity: 10}", "assets[0].jumpIntensity", "10"),
            ("vol: 0.5, garchAlpha", "history: btc.csv, garchAlpha", "assets[0].garchAlpha", "0.08"),
            ("garchDegreesOfFreedom: 4", "garchDegreesOfFreedom: 2.5", "garchDegreesOfFreedom", "2.5"),
            ("garchDegreesOfFreedom: 4", "garchDegreesOfFreedom: 61", "garchDegreesOfFreedom", "61"),
            (", garchAlpha: 0.08, garchBeta: 0.9}", "}", "garchDegreesOfFreedom", "4"),
        ]
        for (from, to, field, value) in cases {
            let text = Self.file.replacingOccurrences(of: from, with: to)
            #expect(text != Self.file, "\(from) is in the file")
            let error = try #require(throws: InputError.self, "\(to)") {
                let (scenario, _) = try PortfolioScenario.parse(text: text, source: "p.yaml")
                try scenario.validate()
            }
            #expect(error.field == field && error.value == value, "\(error.description)")
            #expect(error.description.contains(field) && !error.description.contains("\n"), "\(error.description)")
        }
    }

    /// In code, where no parser stands guard, jumps or a history on a GARCH coin are refused by
    /// `validate()` too.
    @Test func garchWithJumpsOrHistoryIsRefusedInCode() throws {
        var jumping = Self.three(dof: 5, paths: 1_000)
        jumping.assets[1].jumpIntensity = 5
        let jumps = try #require(throws: InputError.self) { try jumping.validate() }
        #expect(jumps.field == "assets[1].jumpIntensity")
        var historic = Self.three(dof: 5, paths: 1_000)
        historic.assets[0].history = "g1.csv"
        let history = try #require(throws: InputError.self) { try historic.validate() }
        #expect(history.field == "assets[0].history")
    }
}
