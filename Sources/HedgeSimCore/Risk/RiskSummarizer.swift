/// Turns the per-path outputs of a run into one `CellSummary` per cell.
struct RiskSummarizer {
    let plan: SimulationPlan
    let sink: SimulationSink

    /// Summarises every cell; the distributions (each a sort of `paths` values) are computed on up to
    /// `workers` threads, each into its own slot.
    func cellSummaries(workers: Int) -> [CellSummary] {
        let scenario = plan.scenario
        let n = scenario.paths
        let cellCount = plan.cells.count
        let startUSD = scenario.holding * scenario.price
        let paired = scenario.antithetic
        let distributions = parallelMap(count: 2 * cellCount + 1, workers: workers) { job -> ValueDistribution in
            if job == 2 * cellCount {
                return ValueDistribution(
                    values: UnsafeBufferPointer(start: sink.unhedgedUSD, count: n), initial: startUSD, antitheticPairs: paired)
            }
            let cell = job / 2
            return job % 2 == 0
                ? ValueDistribution(
                    values: UnsafeBufferPointer(start: sink.netUSD + cell * n, count: n), initial: startUSD,
                    antitheticPairs: paired)
                : ValueDistribution(
                    values: UnsafeBufferPointer(start: sink.netCoin + cell * n, count: n), initial: scenario.holding,
                    antitheticPairs: paired)
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
