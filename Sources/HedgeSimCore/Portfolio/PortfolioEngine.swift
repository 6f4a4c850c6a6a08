internal import CVectorMath
import Dispatch
import Foundation

/// Every path's horizon state of a portfolio run, column-major by coin or contract (`index·paths + p`).
final class PortfolioSink: @unchecked Sendable {
    let paths: Int
    /// `ln P_T` per coin.
    let logPrice: UnsafeMutablePointer<Double>
    /// Per contract: `1/F_T`, the funding accrued `Φ_T` per USD of notional, and the lowest step-end
    /// account per USD of notional.
    let inverseMark: UnsafeMutablePointer<Double>
    let funding: UnsafeMutablePointer<Double>
    let lowest: UnsafeMutablePointer<Double>

    init(paths: Int, assets: Int, contracts: Int) {
        self.paths = paths
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
/// correlation factor), then `hs_portfolio_step` (C): the coins' GBM steps and each contract's account.
/// Blocks have a fixed size and every draw is addressed by (seed, purpose, path, step, pair), so a run
/// is bit-identical for any thread count on one machine; across CPUs the BLAS kernel's rounding may
/// differ in the last bits.
enum PortfolioEngine {
    static let blockSize = 512

    /// The distinct contract coins of the hedges, in order of first appearance, as coin indices.
    static func contractAssets(_ s: PortfolioScenario) -> [Int] {
        var seen: [Int] = []
        for hedge in s.hedges { if let c = s.assetIndex(hedge.contract), !seen.contains(c) { seen.append(c) } }
        return seen
    }

    static func simulate(
        _ s: PortfolioScenario, factor: CorrelationFactor, seed: UInt64, threads: Int?, workerSetup: (@Sendable (Int) -> Void)? = nil
    ) -> PortfolioSink {
        let k = s.assets.count
        let contracts = contractAssets(s)
        let n = s.paths
        let sink = PortfolioSink(paths: n, assets: k, contracts: contracts.count)
        let dt = 1 / (365 * s.stepsPerDay)
        let drift = s.assets.map { ($0.drift - 0.5 * $0.vol * $0.vol) * dt }
        let vol = s.assets.map { $0.vol * dt.squareRoot() }
        let contractAsset = contracts
        // Inverse short per USD of notional, maintenance on the mark: (1 − m)/F − 1/E + Φ.
        let coefficient = contracts.map { _ in 1 - s.maintenanceRate }
        let constant = contracts.map { -1 / s.assets[$0].price }
        let fundingPerStep = contracts.map { c in (s.hedges.first { s.assetIndex($0.contract) == c }?.fundingRate ?? 0) * dt }
        let blocks = (n + blockSize - 1) / blockSize
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, blocks))
        let steps = s.stepCount
        let pairs = (k + 1) / 2
        BLAS.useSingleThread()
        drift.withUnsafeBufferPointer { drift in
            vol.withUnsafeBufferPointer { vol in
                contractAsset.withUnsafeBufferPointer { contractAsset in
                    coefficient.withUnsafeBufferPointer { coefficient in
                        constant.withUnsafeBufferPointer { constant in
                            fundingPerStep.withUnsafeBufferPointer { fundingPerStep in
                                let plan = PlanPointers(plan: hs_portfolio_plan(
                                    assets: k, contracts: contracts.count, drift_per_step: drift.baseAddress,
                                    vol_per_step: vol.baseAddress, contract_asset: contractAsset.baseAddress,
                                    mark_coefficient: coefficient.baseAddress, account_constant: constant.baseAddress,
                                    funding_per_step: fundingPerStep.baseAddress))
                                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                                    workerSetup?(worker)
                                    var block = worker
                                    let normals = UnsafeMutablePointer<Double>.allocate(capacity: (2 * pairs) * blockSize)
                                    let shocks = UnsafeMutablePointer<Double>.allocate(capacity: k * blockSize)
                                    let logPrice = UnsafeMutablePointer<Double>.allocate(capacity: k * blockSize)
                                    let state = UnsafeMutablePointer<Double>.allocate(capacity: 3 * max(1, contracts.count) * blockSize)
                                    defer { [normals, shocks, logPrice, state].forEach { $0.deallocate() } }
                                    while block < blocks {
                                        let first = block * blockSize
                                        let count = min(blockSize, n - first)
                                        let c = contracts.count
                                        let funding = state, lowest = state + c * count, inverse = state + 2 * c * count
                                        for a in 0..<k { (logPrice + a * count).update(repeating: Foundation.log(s.assets[a].price), count: count) }
                                        funding.update(repeating: 0, count: c * count)
                                        lowest.update(repeating: .infinity, count: c * count)
                                        for step in 0..<steps {
                                            for j in 0..<pairs {
                                                hs_normal_rows(
                                                    seed, RandomPurpose.portfolio.rawValue, UInt32(j), UInt32(first), count, UInt32(step), 1,
                                                    normals + 2 * j * count, normals + (2 * j + 1) * count, nil)
                                            }
                                            factor.factor.withUnsafeBufferPointer { f in
                                                BLAS.multiplyTransposed(normals, f.baseAddress!, into: shocks, rows: count, columns: k, inner: k)
                                            }
                                            withUnsafePointer(to: plan.plan) { p in
                                                hs_portfolio_step(p, shocks, count, logPrice, funding, lowest, inverse)
                                            }
                                        }
                                        for a in 0..<k { (sink.logPrice + a * n + first).update(from: logPrice + a * count, count: count) }
                                        for j in 0..<c {
                                            (sink.funding + j * n + first).update(from: funding + j * count, count: count)
                                            (sink.lowest + j * n + first).update(from: lowest + j * count, count: count)
                                            (sink.inverseMark + j * n + first).update(from: inverse + j * count, count: count)
                                        }
                                        block += workers
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return sink
    }

    /// The plan's pointers, valid inside the `withUnsafeBufferPointer` closures that made them, shared
    /// read-only by the workers.
    private struct PlanPointers: @unchecked Sendable {
        let plan: hs_portfolio_plan
    }
}
