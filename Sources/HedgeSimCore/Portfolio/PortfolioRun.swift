import Dispatch
import Foundation

extension PortfolioScenario {
    /// Validates, resolves the venues' maintenance tiers, factors the correlations, simulates `paths`
    /// paths with `seed`, and summarises.
    /// - Throws: `InputError` for a value out of range or a correlation matrix that is not positive
    ///   semi-definite; `NumericalError` when a value overflows.
    /// With `bootstrapBlockDays`, `history` holds the coins' returns (and should have been attached).
    public func run(seed: UInt64, threads: Int? = nil, history: PortfolioHistory? = nil) throws -> PortfolioResult {
        try run(seed: seed, threads: threads, history: history, workerSetup: nil)
    }

    /// `run` for `hedgesim bench`: each simulation worker first calls `workerSetup` with its index on
    /// the thread that runs it (see `HedgeSimulation.run`). Results do not depend on it.
    @_spi(Bench) public func run(
        seed: UInt64, threads: Int?, history: PortfolioHistory? = nil, workerSetup: (@Sendable (Int) -> Void)?
    ) throws -> PortfolioResult {
        try validate(history: history)
        var s = self
        try s.resolveMaintenanceTiers()
        let factor = try CorrelationFactor(correlations)
        let started = DispatchTime.now().uptimeNanoseconds
        let sink = PortfolioEngine.simulate(
            s, factor: factor, seed: seed, threads: threads ?? self.threads, history: history, workerSetup: workerSetup)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let summaryStart = DispatchTime.now().uptimeNanoseconds
        var result = try PortfolioSettlement(scenario: s, sink: sink).summarise(seed: seed, rank: factor.rank)
        result.timing = SimulationTiming(
            threads: sink.workers,
            simulationSeconds: seconds, summarySeconds: Double(DispatchTime.now().uptimeNanoseconds - summaryStart) / 1e9,
            pathSteps: Double(paths) * Double(stepCount))
        return result
    }
}

/// Values every cell of a portfolio on every path. A hedge `h` of notional `N_h` on contract `c` (its
/// coin's perpetual or dated contract at its venue, entry `E` = `P_c,0` or a dated contract's `F₀`, taker
/// fee `fee` and exit fee `fee'` its terms': `fee' = fee`, or the settlement fee of a dated contract that
/// expires at the horizon) with margin `μ_h = 1/(E·L)` per USD of notional on isolated margin (0 on
/// cross) adds `N_h·u_h` USD to the coins' value `Y = Σ S_k·P_k,T`, with
///
///     u_h = −P_c,T·(μ_h + fee/E)                                      margin and entry fee paid
///           + [account not liquidated] P_c,T·(μ_h + 1/F_T − 1/E + Φ_T − fee'/F_T)   the account closed
///
/// (`Φ_T` the funding accrued, or a dated contract's roll yields less their fees).
///
/// An isolated account is liquidated when its lowest step-end (or bridge) value per USD of notional,
/// `(1 − m)/F − 1/E + Φ` on the mark or `1/F − (1 + m)/E + Φ` on the entry value, falls to `−μ_h`, and
/// its margin is lost. The cross account of contract `c` is liquidated when that value falls to
/// `−K_c/Σ_cross N_h`, `K_c` its collateral (`PortfolioScenario.crossCollateral`, which may depend on the
/// cell's notionals); the collateral, part of the holding counted in `Y`, is lost too: `−K_c·P_c,T`.
struct PortfolioSettlement {
    let scenario: PortfolioScenario
    let sink: PortfolioSink

    func summarise(seed: UInt64, rank: Int) throws -> PortfolioResult {
        var s = scenario
        let n = sink.paths
        let contracts = PortfolioEngine.contracts(s)
        let price = (0..<s.assets.count).map { k in (0..<n).map { exp(sink.logPrice[k * n + $0]) } }
        var unhedged = [Double](repeating: 0, count: n)
        for (k, asset) in s.assets.enumerated() { for p in 0..<n { unhedged[p] += asset.holding * price[k][p] } }
        let start = s.startValueUSD
        let assets = s.assets.enumerated().map { k, asset in
            let values = price[k].map { $0 * asset.holding }
            return AssetOutcome(name: asset.name, netValueUSD: values.withUnsafeBufferPointer {
                ValueDistribution(values: $0, initial: asset.holding * asset.price)
            })
        }
        // Per hedge and path, per USD of notional: u_h when the account is liquidated (the margin and fee
        // paid) and when it is not (the account closed too); an isolated account's liquidation flags
        // (a cross account's depend on the cell).
        var paid: [[Double]] = [], kept: [[Double]] = [], liquidated: [[Bool]] = []
        let account = s.hedges.map { contracts.firstIndex(of: $0.account) ?? 0 }
        let entries = s.hedges.map { s.entryPrice(of: $0.account) }
        for (h, hedge) in s.hedges.enumerated() {
            let c = s.assetIndex(hedge.contract) ?? 0
            let j = account[h]
            let entry = entries[h], terms = s.terms(of: hedge.account)
            let fee = terms.fee, exitFee = s.settlesAtHorizon(hedge.account) ? terms.settlementFee : fee
            let margin = hedge.leverage.map { 1 / (entry * $0) } ?? 0
            var out = [Double](repeating: 0, count: n), back = out
            for p in 0..<n {
                let inverse = sink.inverseMark[j * n + p], phi = sink.funding[j * n + p]
                let value = price[c][p]
                out[p] = -value * (margin + fee / entry)
                back[p] = out[p] + value * (margin + (inverse - 1 / entry) + phi - exitFee * inverse)
            }
            paid.append(out)
            kept.append(back)
            liquidated.append(hedge.leverage == nil ? [] : (0..<n).map { sink.lowest[j * n + $0] <= -margin })
        }
        // Each cross account (contract index) and the hedges on it.
        let crossHedges = contracts.indices.map { j in s.hedges.indices.filter { s.hedges[$0].leverage == nil && account[$0] == j } }
        let crossAccounts = contracts.indices.filter { !crossHedges[$0].isEmpty }
        let accountCoin = contracts.map { s.assetIndex($0.coin) ?? 0 }
        let minimumVariance = MinimumVarianceHedge(
            scenario: s, contracts: contracts, regressed: PortfolioEngine.regressionContracts(contracts), sink: sink, price: price,
            unhedged: unhedged)
        try s.placeAutomaticRatios(around: minimumVariance)
        let unhedgedDistribution = unhedged.withUnsafeBufferPointer { ValueDistribution(values: $0, initial: start) }
        let unhedgedVariance = unhedgedDistribution.stdev * unhedgedDistribution.stdev
        var values = [Double](repeating: 0, count: n)
        let cells = try s.cells.map { ratios -> PortfolioCell in
            let notionals = zip(s.hedges, ratios).map { hedge, ratio in ratio * s.holdingValue(of: hedge.asset) }
            // Each cross account (contract index) of the cell: its collateral and the paths on which it is
            // liquidated.
            var crossHit: [Int: [Bool]] = [:], collateral: [Int: Double] = [:]
            for j in crossAccounts {
                let total = crossHedges[j].reduce(0.0) { $0 + notionals[$1] }
                guard total > 0 else { continue }
                let k = s.crossCollateral(of: contracts[j], notionals: notionals)
                collateral[j] = k
                crossHit[j] = (0..<n).map { sink.lowest[j * n + $0] <= -k / total }
            }
            let hits = s.hedges.indices.map { h in s.hedges[h].leverage == nil ? crossHit[account[h]] ?? [] : liquidated[h] }
            for p in 0..<n {
                var v = unhedged[p]
                for h in 0..<notionals.count where notionals[h] > 0 {
                    v += notionals[h] * (hits[h][p] ? paid[h][p] : kept[h][p])
                }
                for j in crossAccounts where crossHit[j]?[p] == true { v -= (collateral[j] ?? 0) * price[accountCoin[j]][p] }
                values[p] = v
            }
            guard values.allSatisfy(\.isFinite) else {
                throw NumericalError(description: "the portfolio simulation overflowed at ratios \(ratios); lower the vols or use more steps per day")
            }
            let distribution = values.withUnsafeBufferPointer { ValueDistribution(values: $0, initial: start) }
            let liquidation = zip(notionals, hits).map { notional, hit -> LiquidationSummary? in
                guard notional > 0 else { return nil }
                let count = Double(hit.lazy.filter { $0 }.count)
                return LiquidationSummary(
                    probability: count / Double(n), ci95: LiquidationSummary.wilsonInterval(successes: count, trials: Double(n)), meanTimeDays: nil)
            }
            return PortfolioCell(
                ratios: ratios, notionalsUSD: notionals,
                marginsCoin: s.hedges.indices.map { h in
                    s.hedges[h].leverage.map { notionals[h] / (entries[h] * $0) } ?? collateral[account[h]] ?? 0
                },
                netValueUSD: distribution, liquidation: liquidation,
                hedgeEffectiveness: unhedgedVariance > 0 ? 1 - distribution.stdev * distribution.stdev / unhedgedVariance : nil)
        }
        let feasible = cells.indices.filter { i in cells[i].liquidation.allSatisfy { ($0?.ci95[1] ?? 0) <= s.maxLiquidationProbability } }
        let best = feasible.min { cells[$0].netValueUSD.stdev < cells[$1].netValueUSD.stdev }
        let recommendation: String
        if let best {
            let cell = cells[best]
            let hedges = zip(s.hedges, cell.ratios).map { "\($0.label) \(describe($1))" }.joined(separator: ", ")
            let error = cell.netValueUSD.standardErrors.map { " ± \(Int($0.stdev.rounded()))" } ?? ""
            recommendation = "Ratios \(hedges) give the smallest spread of the portfolio's USD value (stdev "
                + "\(Int(cell.netValueUSD.stdev.rounded()))\(error) USD, 1 s.e.) among the \(feasible.count) of \(cells.count) cells whose every hedge "
                + "keeps P(liquidation) within \(describe(s.maxLiquidationProbability * 100)) % (upper 95 % bound)."
        } else {
            recommendation = "No cell keeps every hedge's P(liquidation) within \(describe(s.maxLiquidationProbability * 100)) % "
                + "(upper 95 % bound): lower the leverages or the ratios."
        }
        return PortfolioResult(
            seed: seed, scenario: s, correlationRank: rank, assets: assets, unhedged: unhedgedDistribution, cells: cells,
            minimumVariance: minimumVariance,
            recommendedCell: best, recommendation: recommendation,
            timing: SimulationTiming(threads: 1, simulationSeconds: 0, summarySeconds: 0, pathSteps: 0))
    }
}

extension MinimumVarianceHedge {
    /// Least squares of `unhedged` on the PnL per USD of notional of the contracts `regressed` (see the
    /// type; one per contract coin, `PortfolioEngine.regressionContracts`, indices into `all`, the sink's
    /// contracts); nil when two contracts' PnLs are collinear on the paths (e.g. coins with correlation 1).
    init?(
        scenario s: PortfolioScenario, contracts all: [PortfolioContract], regressed contracts: [Int], sink: PortfolioSink,
        price: [[Double]], unhedged: [Double]
    ) {
        let n = unhedged.count
        let p = contracts.count
        guard n > p + 1, p > 0 else { return nil }
        var x = [Double](repeating: 0, count: n * p)
        for (j, index) in contracts.enumerated() {
            let contract = all[index]
            let c = s.assetIndex(contract.coin) ?? 0
            let entry = s.entryPrice(of: contract)
            var mean = 0.0
            if contract.expiryDays == nil {
                for i in 0..<n { x[j * n + i] = 1 - price[c][i] / entry; mean += x[j * n + i] }
            } else {
                for i in 0..<n {
                    x[j * n + i] = price[c][i] * ((sink.inverseMark[index * n + i] - 1 / entry) + sink.funding[index * n + i])
                    mean += x[j * n + i]
                }
            }
            mean /= Double(n)
            for i in 0..<n { x[j * n + i] -= mean }
        }
        let meanY = unhedged.reduce(0, +) / Double(n)
        let y = unhedged.map { $0 - meanY }
        let gram = BLAS.gram(x, rows: n, columns: p)
        let cross = BLAS.transposedTimes(x, y, rows: n, columns: p)
        // One factorisation solves for the coefficients and the inverse together: right-hand sides
        // [Xᵀy | I], so the solution is [β | (XᵀX)⁻¹].
        var rightHandSides = cross + [Double](repeating: 0, count: p * p)
        for j in 0..<p { rightHandSides[p + j * p + j] = 1 }
        guard let solution = BLAS.solvePositiveDefinite(gram, rightHandSides, order: p, count: p + 1) else { return nil }
        let beta = Array(solution[0..<p])
        let inverse = Array(solution[p...])
        var residual = 0.0, total = 0.0
        for i in 0..<n {
            var fitted = 0.0
            for j in 0..<p { fitted += x[j * n + i] * beta[j] }
            residual += (y[i] - fitted) * (y[i] - fitted)
            total += y[i] * y[i]
        }
        let s2 = residual / Double(n - p - 1)
        self.contracts = contracts.enumerated().map { j, index in
            let name = all[index].coin
            // Each holding once, though hedged at several venues.
            let assets = s.hedges.filter { $0.contract == name }.map(\.asset)
            let hedged = assets.indices.filter { assets.firstIndex(of: assets[$0]) == $0 }
                .reduce(0.0) { $0 + s.holdingValue(of: assets[$1]) }
            let notional = -beta[j]
            let error = (s2 * inverse[j * p + j]).squareRoot()
            return Contract(
                contract: name, expiryDays: all[index].expiryDays, notionalUSD: notional, standardErrorUSD: error,
                ratio: hedged > 0 ? notional / hedged : 0, ratioStandardError: hedged > 0 ? error / hedged : 0)
        }
        residualVarianceShare = total > 0 ? residual / total : 0
    }
}

extension PortfolioScenario {
    /// The multiples of the minimum-variance ratio that `ratios: auto` tries.
    public static let automaticRatioFactors = [0.8, 0.9, 1, 1.1, 1.2]

    /// Fills the ratios of every hedge marked `ratios: auto` with `automaticRatioFactors` times its
    /// contract's minimum-variance ratio (rounded to 0.01, within [0, 2]), then checks the grid again
    /// (cell count, margins). The paths do not depend on the ratios, so this needs no second simulation.
    /// - Throws: `InputError` on the hedge's `ratios` when there is no vector (collinear contracts), or
    ///   the filled grid's problem.
    mutating func placeAutomaticRatios(around vector: MinimumVarianceHedge?) throws {
        guard hedges.contains(where: \.ratiosAroundMinimumVariance) else { return }
        for (index, hedge) in hedges.enumerated() where hedge.ratiosAroundMinimumVariance {
            guard let contract = vector?.contracts.first(where: { $0.contract == hedge.contract }) else {
                throw InputError(
                    flag: "", field: "hedges[\(index)].ratios", value: "auto",
                    allowed: "a list of ratios: the contracts' PnLs are collinear on these paths, so there is no minimum-variance ratio to place a grid around")
            }
            let ratios = Self.automaticRatioFactors.map { min(2, max(0, ($0 * contract.ratio * 100).rounded() / 100)) }
            hedges[index].ratios = ratios.enumerated().filter { i, r in ratios.firstIndex(of: r) == i }.map(\.element)
            hedges[index].ratiosAroundMinimumVariance = false
        }
        try validate()
    }
}
