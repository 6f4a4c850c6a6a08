/// Turns the per-path outputs of a run into one `CellSummary` per cell.
struct RiskSummarizer {
    let plan: SimulationPlan
    let sink: SimulationSink

    /// Summarises every cell; the distributions are computed on up to `workers` threads, each into
    /// its own slot. A USD value is formed as `P_T × coin` in the worker's scratch row.
    func cellSummaries(workers: Int) -> [CellSummary] {
        let scenario = plan.scenario
        let n = scenario.paths
        let cellCount = plan.cells.count
        let startUSD = scenario.holding * scenario.price
        let paired = scenario.antithetic
        let jobs = 2 * cellCount + 1
        let rows = UnsafeMutablePointer<Double>.allocate(capacity: max(1, min(workers, jobs)) * n)
        defer { rows.deallocate() }
        let index = sink.terminalIndex
        let control = plan.expectedTerminalIndex.map {
            ControlVariate(values: UnsafeBufferPointer(start: index, count: n), expectation: $0, antitheticPairs: paired)
        }
        let distributions = parallelMap(count: jobs, workers: workers) { job, worker -> ValueDistribution in
            let row = rows + worker * n
            if job == 2 * cellCount {
                for path in 0..<n { row[path] = index[path] * scenario.holding }
                return ValueDistribution(
                    values: UnsafeBufferPointer(start: row, count: n), initial: startUSD, antitheticPairs: paired,
                    control: control)
            }
            let coin = sink.netCoin + (job / 2) * n
            if job % 2 == 1 {
                return ValueDistribution(
                    values: UnsafeBufferPointer(start: coin, count: n), initial: scenario.holding, antitheticPairs: paired)
            }
            for path in 0..<n { row[path] = index[path] * coin[path] }
            return ValueDistribution(
                values: UnsafeBufferPointer(start: row, count: n), initial: startUSD, antitheticPairs: paired,
                control: control)
        }
        let unhedged = distributions[2 * cellCount]
        let unhedgedVariance = unhedged.stdev * unhedged.stdev
        let horizonYears = scenario.horizonDays / 365
        return plan.cells.enumerated().map { index, cell in
            let usd = distributions[2 * index]
            let coin = distributions[2 * index + 1]
            let sums = sink.reducedSums(cell: index).map { $0 / Double(n) }
            let liquidations = sums[CellSums.liquidations] * Double(n)
            let meanSteps = liquidations > 0 ? sums[CellSums.liquidationSteps] * Double(n) / liquidations : nil
            let total = sums[CellSums.fundingCost] + sums[CellSums.fees] + sums[CellSums.basisCost]
                + sums[CellSums.liquidationLoss]
            let cost = HedgeCost(
                fundingUSD: sums[CellSums.fundingCost],
                fundingReceivedUSD: sums[CellSums.fundingReceived],
                fundingPaidUSD: sums[CellSums.fundingPaid],
                feesUSD: sums[CellSums.fees],
                basisUSD: sums[CellSums.basisCost],
                liquidationLossUSD: sums[CellSums.liquidationLoss],
                totalUSD: total,
                annualisedPercent: cell.notional > 0 ? total / cell.notional / horizonYears * 100 : 0)
            let variance = usd.stdev * usd.stdev
            return CellSummary(
                hedgeRatio: cell.hedgeRatio,
                leverage: cell.leverage,
                contracts: cell.contracts,
                notionalUSD: cell.notional,
                marginCoin: cell.marginCoin,
                liquidationPriceUSD: plan.liquidationPrice(of: index),
                netValueUSD: usd,
                netValueCoin: coin,
                liquidation: LiquidationSummary(
                    probability: liquidations / Double(n),
                    ci95: LiquidationSummary.wilsonInterval(successes: liquidations, trials: Double(n)),
                    meanTimeDays: meanSteps.map { $0 / scenario.stepsPerDay }),
                cost: cost,
                hedgeEffectiveness: unhedgedVariance > 0 ? 1 - variance / unhedgedVariance : nil)
        }
    }
}
