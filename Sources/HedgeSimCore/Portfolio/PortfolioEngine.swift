internal import CVectorMath
import Dispatch
import Foundation

/// Every path's horizon state of a portfolio run (or of one shard's paths `firstPath ..< firstPath +
/// paths`), column-major by coin or contract (`index·paths + p`).
final class PortfolioSink: @unchecked Sendable {
    let firstPath: Int
    let paths: Int
    /// The worker threads that simulated them.
    let workers: Int
    /// `ln P_T` per coin.
    let logPrice: UnsafeMutablePointer<Double>
    /// Per contract: `1/F_T`, the funding accrued `Φ_T` per USD of notional, and the lowest step-end
    /// account per USD of notional.
    let inverseMark: UnsafeMutablePointer<Double>
    let funding: UnsafeMutablePointer<Double>
    let lowest: UnsafeMutablePointer<Double>

    init(firstPath: Int = 0, paths: Int, assets: Int, contracts: Int, workers: Int) {
        self.firstPath = firstPath
        self.paths = paths
        self.workers = workers
        logPrice = LargeBuffer.allocate(max(1, paths * assets))
        inverseMark = LargeBuffer.allocate(max(1, paths * contracts))
        funding = LargeBuffer.allocate(max(1, paths * contracts))
        lowest = LargeBuffer.allocate(max(1, paths * contracts))
    }

    deinit {
        LargeBuffer.free(logPrice)
        LargeBuffer.free(inverseMark)
        LargeBuffer.free(funding)
        LargeBuffer.free(lowest)
    }
}

/// Simulates a portfolio's coins and the accounts of the contracts hedged on them.
///
/// Per block of `blockSize` paths and per step: the independent normals of purpose 7 (coin pairs
/// `2j, 2j + 1` from pair index `j`), the correlated shocks `Z = E·Fᵀ` (BLAS `dgemm`, `F` the
/// correlation factor), with GARCH coins their multivariate-t mixing (`hs_portfolio_mixing`, C, purpose
/// 12, whose scale per path is also the GARCH bridge's), then `hs_portfolio_step` (C): the coins' steps
/// (GBM, jumps or GARCH-t, whose conditional variance per path is kept between steps) and each
/// contract's account (a dated contract's basis and mark too, purpose 13), its lowest value checked at
/// step ends and (`betweenStepCheck`) at the bridge maximum (purpose 8).
/// Blocks have a fixed size and every draw is addressed by (seed, purpose, path, step, pair), and the
/// normals and the factor are rounded so that `dgemm` is exact (`PortfolioPlan.exactGridInverse`), so the
/// paths are bit-identical for any thread count, shard split, CPU and BLAS kernel.
enum PortfolioEngine {
    static let blockSize = 512

    /// The distinct contracts (coin, venue) of the hedges, in order of first appearance.
    static func contracts(_ s: PortfolioScenario) -> [PortfolioContract] {
        var seen: [PortfolioContract] = []
        for hedge in s.hedges where !seen.contains(hedge.account) { seen.append(hedge.account) }
        return seen
    }

    /// One contract per contract coin for the minimum-variance regression, as indices into `all` (the
    /// scenario's `contracts`): the first hedge's on each coin, in order of first appearance (contracts on
    /// one coin differ only by venue terms or, a perpetual against a dated one, by the basis, and would be
    /// collinear or nearly so).
    static func regressionContracts(_ all: [PortfolioContract]) -> [Int] {
        var coins: Set<String> = []
        return all.indices.filter { coins.insert(all[$0].coin).inserted }
    }

    /// The number of fixed blocks of `paths` paths.
    static func blockCount(paths: Int) -> Int { (paths + blockSize - 1) / blockSize }

    /// Simulates the paths of `blocks` (default: every block of the scenario's paths); with `history`
    /// (the scenario's joint bootstrap) the coins' returns are drawn from it instead of the models.
    static func simulate(
        _ s: PortfolioScenario, factor: CorrelationFactor, seed: UInt64, threads: Int?, blocks range: Range<Int>? = nil,
        history: PortfolioHistory? = nil, workerSetup: (@Sendable (Int) -> Void)? = nil
    ) -> PortfolioSink {
        let k = s.assets.count
        let contracts = Self.contracts(s)
        let range = range ?? 0..<blockCount(paths: s.paths)
        let firstPath = range.lowerBound * blockSize
        let n = max(0, min(s.paths, range.upperBound * blockSize) - firstPath)
        let plan = PortfolioPlan(s, contracts: contracts, factor: factor, seed: seed, history: history)
        let blocks = range.count
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, max(1, blocks)))
        let sink = PortfolioSink(firstPath: firstPath, paths: n, assets: k, contracts: contracts.count, workers: workers)
        let steps = s.stepCount
        let pairs = (k + 1) / 2
        let logStart = s.assets.map { Foundation.log($0.price) }
        let garch = s.assets.indices.filter { s.assets[$0].isGarch }
        BLAS.useSingleThread()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            workerSetup?(worker)
            let c = contracts.count
            let normals = UnsafeMutablePointer<Double>.allocate(capacity: (2 * pairs) * blockSize)
            let shocks = UnsafeMutablePointer<Double>.allocate(capacity: k * blockSize)
            let logPrice = UnsafeMutablePointer<Double>.allocate(capacity: k * blockSize)
            let variance = UnsafeMutablePointer<Double>.allocate(capacity: k * blockSize)
            let mixingScale = UnsafeMutablePointer<Double>.allocate(capacity: blockSize)
            let state = UnsafeMutablePointer<Double>.allocate(capacity: 5 * max(1, c) * blockSize)
            let position = UnsafeMutablePointer<Int>.allocate(capacity: blockSize)
            defer {
                [normals, shocks, logPrice, variance, mixingScale, state].forEach { $0.deallocate() }
                position.deallocate()
            }
            var block = worker
            while block < blocks {
                let first = (range.lowerBound + block) * blockSize
                let count = min(blockSize, s.paths - first)
                let slot = first - firstPath
                let funding = state, lowest = state + c * count, inverse = state + 2 * c * count
                let basis = state + 3 * c * count, logMark = state + 4 * c * count
                var columns = hs_portfolio_columns(
                    log_price: logPrice, variance: variance, funding: funding, lowest: lowest, inverse_mark: inverse, basis: basis,
                    log_mark: logMark, mixing_scale: garch.isEmpty ? nil : UnsafePointer(mixingScale))
                for j in plan.datedContracts {
                    (basis + j * count).update(repeating: plan.startBasis[j], count: count)
                    (logMark + j * count).update(repeating: plan.startLogMark[j], count: count)
                }
                for a in 0..<k { (logPrice + a * count).update(repeating: logStart[a], count: count) }
                for a in garch { (variance + a * count).update(repeating: plan.initialVariance[a], count: count) }
                funding.update(repeating: 0, count: c * count)
                lowest.update(repeating: .infinity, count: c * count)
                for step in 0..<steps {
                    if history != nil {
                        hs_portfolio_history_shocks(plan.pointer, step, first, count, position, shocks)
                    } else {
                        for j in 0..<pairs {
                            hs_normal_rows(
                                seed, RandomPurpose.portfolio.rawValue, UInt32(j), UInt32(first), count, UInt32(step), 1,
                                normals + 2 * j * count, normals + (2 * j + 1) * count, nil)
                        }
                        hs_round_to_grid(normals, 2 * pairs * count, PortfolioPlan.exactGridInverse)
                        BLAS.multiplyTransposed(normals, plan.factor, into: shocks, rows: count, columns: k, inner: k)
                        if !garch.isEmpty { hs_portfolio_mixing(plan.pointer, step, first, count, shocks, mixingScale) }
                    }
                    hs_portfolio_step(plan.pointer, step, first, shocks, count, &columns)
                }
                for a in 0..<k { (sink.logPrice + a * n + slot).update(from: logPrice + a * count, count: count) }
                for j in 0..<c {
                    (sink.funding + j * n + slot).update(from: funding + j * count, count: count)
                    (sink.lowest + j * n + slot).update(from: lowest + j * count, count: count)
                    (sink.inverseMark + j * n + slot).update(from: inverse + j * count, count: count)
                }
                block += workers
            }
        }
        return sink
    }
}

/// The C plan of a portfolio run and the tables it points to, owned here so their addresses stay valid
/// for the whole run; shared read-only by the workers.
final class PortfolioPlan: @unchecked Sendable {
    private let tables: UnsafeMutablePointer<Double>
    private let indices: UnsafeMutablePointer<Int>
    /// Per coin: 1 for GARCH(1,1)-t.
    private let garchFlags: UnsafeMutablePointer<Int32>
    /// The joint bootstrap's returns, column-major by coin (empty without a history).
    private let historyReturns: UnsafeMutablePointer<Double>
    /// The correlation factor, column-major `K × K`, rounded to multiples of `1/exactGridInverse`.
    let factor: UnsafeMutablePointer<Double>
    /// `2²²`: the independent normals and the factor are rounded to multiples of `2⁻²²` so that BLAS
    /// multiplies them exactly, the same bits on every CPU and dgemm kernel (`hs_round_to_grid`; exact
    /// for up to 32 coins). The rounding moves a normal by at most `1.2·10⁻⁷` and the correlations the
    /// factor gives back by about `10⁻⁷`.
    static let exactGridInverse = 4_194_304.0
    let pointer: UnsafeMutablePointer<hs_portfolio_plan>
    /// Per coin: the first step's conditional variance of a GARCH coin, `σ²Δt`.
    let initialVariance: [Double]
    /// The dated contracts' indices, and per contract the basis `b₀` and log mark `ln F₀ = ln P₀ + b₀τ₀`
    /// at the start (0 for a perpetual).
    let datedContracts: [Int]
    let startBasis: [Double]
    let startLogMark: [Double]
    /// Per dated contract and step: years to the held contract's expiry and, at a roll, the next one's
    /// (`DatedSchedule`), `contracts × steps`; and per contract its flag, basis decay, innovation,
    /// correlation with its coin and roll fee.
    private let schedules: UnsafeMutablePointer<Double>
    private let datedFlags: UnsafeMutablePointer<Int32>
    private let basisTables: UnsafeMutablePointer<Double>

    /// Per coin: drift and vol per step (`PortfolioAsset.logDriftPerStep`, `σ√Δt`), its jumps (`λΔt`,
    /// `e^{−λΔt}`, `μ_J`, `σ_J`), its GARCH(1,1)-t (`ω`, `α`, `β`, the cap on `h`), its bridge uniform's
    /// index; per contract its coin, the inverse short's account per USD of notional with its terms'
    /// maintenance (`PortfolioTerms.account`: `(1 − m)/F − 1/E + Φ` on the mark, `1/F − (1 + m)/E + Φ` on
    /// the entry value) and its funding per step (the rate of its hedges); per coin the bridge's variance
    /// per step, `σ²Δt` or, under the joint bootstrap, the history's return variance (a GARCH coin's is
    /// its path's `h(ν − 2)/W` given the step's mixing).
    init(_ s: PortfolioScenario, contracts: [PortfolioContract], factor correlation: CorrelationFactor, seed: UInt64, history: PortfolioHistory?) {
        let k = s.assets.count, c = contracts.count
        let dt = 1 / (365 * s.stepsPerDay)
        tables = .allocate(capacity: 11 * k + 3 * max(1, c))
        indices = .allocate(capacity: k + max(1, c))
        garchFlags = .allocate(capacity: k)
        factor = .allocate(capacity: k * k)
        factor.initialize(from: correlation.factor, count: k * k)
        hs_round_to_grid(factor, k * k, Self.exactGridInverse)
        let drift = tables, vol = tables + k, rate = tables + 2 * k, noJump = tables + 3 * k, jumpMean = tables + 4 * k
        let jumpStdev = tables + 5 * k, variance = tables + 6 * k, omega = tables + 7 * k, alpha = tables + 8 * k
        let beta = tables + 9 * k, cap = tables + 10 * k, coefficient = tables + 11 * k, constant = coefficient + c
        let funding = constant + c
        let bridge = indices, contractAsset = indices + k
        for (a, asset) in s.assets.enumerated() {
            drift[a] = asset.logDriftPerStep(dt)
            vol[a] = asset.vol * dt.squareRoot()
            rate[a] = asset.jumpIntensity * dt
            noJump[a] = exp(-asset.jumpIntensity * dt)
            jumpMean[a] = asset.jumpMean
            jumpStdev[a] = asset.jumpStdev
            variance[a] = history.map { $0.variance(of: a) } ?? vol[a] * vol[a]
            garchFlags[a] = asset.isGarch ? 1 : 0
            let garch = asset.garchStep(dt)
            omega[a] = garch.omega
            alpha[a] = asset.garchAlpha ?? 0
            beta[a] = asset.garchBeta ?? 0
            cap[a] = garch.varianceCap
            bridge[a] = correlation.dominantFactor(of: a)
        }
        initialVariance = (0..<k).map { variance[$0] }
        let length = history?.length ?? 0
        historyReturns = .allocate(capacity: max(1, k * length))
        for a in 0..<k where length > 0 { (historyReturns + a * length).initialize(from: history?.returns[a] ?? [], count: length) }
        for (j, contract) in contracts.enumerated() {
            let coin = s.assetIndex(contract.coin) ?? 0
            contractAsset[j] = coin
            (coefficient[j], constant[j]) = s.terms(of: contract).account(entry: s.entryPrice(of: contract))
            funding[j] = (s.hedges.first { $0.account == contract }?.fundingRate ?? 0) * dt
        }
        let steps = s.stepCount
        let dated = contracts.map { s.dated(of: $0) }
        datedContracts = dated.indices.filter { dated[$0] != nil }
        // The per-step tables only when a contract is dated (the kernel reads them for dated contracts).
        let rows = datedContracts.isEmpty ? 0 : steps
        schedules = .allocate(capacity: max(1, 2 * c * rows))
        schedules.initialize(repeating: 0, count: max(1, 2 * c * rows))
        datedFlags = .allocate(capacity: max(1, c))
        datedFlags.initialize(repeating: 0, count: max(1, c))
        basisTables = .allocate(capacity: 5 * max(1, c))
        basisTables.initialize(repeating: 0, count: 5 * max(1, c))
        let toExpiry = schedules, toNext = schedules + c * rows
        let basisMean = basisTables, decay = basisTables + c, innovation = basisTables + 2 * c
        let basisCorrelation = basisTables + 3 * c, rollFee = basisTables + 4 * c
        var startBasis = [Double](repeating: 0, count: c), startLogMark = startBasis
        for j in datedContracts {
            guard let terms = dated[j] else { continue }
            let schedule = DatedSchedule(
                steps: steps, stepYears: dt, stepsPerDay: s.stepsPerDay, horizonDays: s.horizonDays, expiryDays: terms.expiryDays,
                rollDaysBefore: terms.rollDaysBefore, contractCycleDays: terms.contractCycleDays)
            (toExpiry + j * steps).update(from: schedule.yearsToExpiry, count: steps)
            if !schedule.rollToYears.isEmpty { (toNext + j * steps).update(from: schedule.rollToYears, count: steps) }
            datedFlags[j] = 1
            let step = hs_basis_step(
                basisVol: terms.basisVol, meanReversion: terms.basisMeanReversion, mean: terms.basis, stepYears: dt,
                rollFeeRate: s.terms(of: contracts[j]).fee)
            (basisMean[j], decay[j], innovation[j], rollFee[j]) = (step.mean, step.decay, step.innovation, step.roll_fee_rate)
            basisCorrelation[j] = terms.basisPriceCorrelation
            startBasis[j] = terms.basis
            startLogMark[j] = terms.logEntryPrice(spot: s.assets[contractAsset[j]].price)
        }
        self.startBasis = startBasis
        self.startLogMark = startLogMark
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: hs_portfolio_plan(
            assets: k, contracts: c, drift_per_step: drift, vol_per_step: vol, jump_rate_per_step: rate,
            no_jump_probability: noJump, jump_mean: jumpMean, jump_stdev: jumpStdev,
            purpose_jump_test: RandomPurpose.portfolioJumpTest.rawValue, purpose_jump_size: RandomPurpose.portfolioJumpSize.rawValue,
            contract_asset: contractAsset,
            mark_coefficient: coefficient, account_constant: constant, funding_per_step: funding,
            between_step_check: s.betweenStepCheck ? 1 : 0, bridge_index: bridge,
            purpose_bridge: RandomPurpose.portfolioBridge.rawValue, seed: seed, bridge_variance: variance,
            history_returns: historyReturns, history_length: length,
            restart_probability: s.bootstrapBlockDays.map { 1 / max(1, $0 * s.stepsPerDay) } ?? 0,
            purpose_bootstrap: RandomPurpose.portfolioBootstrap.rawValue,
            garch: s.assets.contains(where: \.isGarch) ? UnsafePointer(garchFlags) : nil,
            garch_omega: omega, garch_alpha: alpha, garch_beta: beta, garch_variance_cap: cap,
            garch_dof: s.degreesOfFreedom, purpose_mixing: RandomPurpose.portfolioMixing.rawValue,
            dated: datedContracts.isEmpty ? nil : UnsafePointer(datedFlags), steps: steps, years_to_expiry: toExpiry,
            roll_to_years: toNext, basis_mean: basisMean, basis_decay: decay, basis_innovation: innovation,
            basis_price_correlation: basisCorrelation, roll_fee_rate: rollFee, purpose_basis: RandomPurpose.portfolioBasis.rawValue))
    }

    deinit {
        tables.deallocate()
        indices.deallocate()
        garchFlags.deallocate()
        historyReturns.deallocate()
        schedules.deallocate()
        datedFlags.deallocate()
        basisTables.deallocate()
        factor.deallocate()
        pointer.deallocate()
    }
}
