/// Turns the per-path outputs of a run into one `CellSummary` per cell.
struct RiskSummarizer {
    let plan: SimulationPlan
    let sink: SimulationSink

    /// Every cell's summary, and the per-batch statistics of its USD value (for paired errors).
    struct Output {
        var cells: [CellSummary]
        var batches: [BatchStatistics]
        /// Variance of the unhedged USD value `P_T·S`.
        var unhedgedVariance: Double
    }

    /// Summarises every cell; the distributions are computed on up to `workers` threads, each into
    /// its own slot. A USD value is formed as `P_T × coin` in the worker's scratch row.
    func cellSummaries(workers: Int) -> Output {
        let scenario = plan.scenario
        let n = scenario.paths
        let cellCount = plan.cells.count
        let startUSD = scenario.startValueUSD
        let cash = scenario.stablecoinBalance ?? 0
        let paired = scenario.antithetic
        let jobs = 2 * cellCount + 1
        let rows = UnsafeMutablePointer<Double>.allocate(capacity: max(1, min(workers, jobs)) * n)
        defer { rows.deallocate() }
        let index = sink.terminalIndex
        let control = plan.expectedTerminalIndex.map {
            ControlVariate(values: UnsafeBufferPointer(start: index, count: n), expectation: $0, antitheticPairs: paired)
        }
        let summarised = parallelMap(count: jobs, workers: workers) { job, worker -> (ValueDistribution, BatchStatistics?) in
            let row = rows + worker * n
            if job == 2 * cellCount {
                for path in 0..<n { row[path] = index[path] * scenario.holding + cash }
                let values = UnsafeBufferPointer(start: UnsafePointer(row), count: n)
                let batches = BatchStatistics(values: values, initial: startUSD)
                return (ValueDistribution(
                    values: values, initial: startUSD, antitheticPairs: paired, control: control, batches: batches), batches)
            }
            let coin = sink.netCoin + (job / 2) * n
            if job % 2 == 1 {
                return (ValueDistribution(
                    values: UnsafeBufferPointer(start: coin, count: n), initial: scenario.holding, antitheticPairs: paired), nil)
            }
            for path in 0..<n { row[path] = index[path] * coin[path] }
            let values = UnsafeBufferPointer(start: UnsafePointer(row), count: n)
            let batches = BatchStatistics(values: values, initial: startUSD)
            return (ValueDistribution(
                values: values, initial: startUSD, antitheticPairs: paired, control: control, batches: batches), batches)
        }
        let distributions = summarised.map(\.0)
        let unhedged = distributions[2 * cellCount]
        let unhedgedBatches = summarised[2 * cellCount].1 ?? BatchStatistics()
        let unhedgedVariance = unhedged.stdev * unhedged.stdev
        let horizonYears = scenario.horizonDays / 365
        let cells = plan.cells.enumerated().map { index, cell in
            let usd = distributions[2 * index]
            let batches = summarised[2 * index].1 ?? BatchStatistics()
            let coin = distributions[2 * index + 1]
            let sums = sink.reducedSums(cell: index).map { $0 / Double(n) }
            let liquidations = sums[CellSums.liquidations] * Double(n)
            let meanSteps = liquidations > 0 ? sums[CellSums.liquidationSteps] * Double(n) / liquidations : nil
            let total = sums[CellSums.fundingCost] + sums[CellSums.fees] + sums[CellSums.basisCost]
                + sums[CellSums.liquidationLoss] + sums[CellSums.hedgeCut] + sums[CellSums.rollCost]
                + sums[CellSums.marginSale]
            let cost = HedgeCost(
                fundingUSD: sums[CellSums.fundingCost],
                fundingReceivedUSD: sums[CellSums.fundingReceived],
                fundingPaidUSD: sums[CellSums.fundingPaid],
                feesUSD: sums[CellSums.fees],
                basisUSD: sums[CellSums.basisCost],
                liquidationLossUSD: sums[CellSums.liquidationLoss],
                forfeitedMarginUSD: sums[CellSums.forfeitedMargin],
                exposureAfterLiquidationUSD: sums[CellSums.liquidationLoss] - sums[CellSums.forfeitedMargin],
                hedgeCutUSD: sums[CellSums.hedgeCut],
                rollUSD: sums[CellSums.rollCost],
                marginSaleUSD: sums[CellSums.marginSale],
                totalUSD: total,
                annualisedPercent: cell.notional > 0 ? total / cell.notional / horizonYears * 100 : 0,
                standardErrors: costErrors(cell: index, notional: cell.notional, horizonYears: horizonYears))
            let variance = usd.stdev * usd.stdev
            let batchEffectiveness = zip(batches.stdev, unhedgedBatches.stdev).map { h, u in u > 0 ? 1 - h * h / (u * u) : 0 }
            return CellSummary(
                cell: index,
                hedgeRatio: cell.hedgeRatio,
                leverage: cell.leverage,
                policy: cell.policy,
                management: cell.policy == .none
                    ? nil
                    : ManagementSummary(
                        probability: sums[CellSums.actedPaths], meanActions: sums[CellSums.actions],
                        meanCoinsMoved: sums[CellSums.coinsMoved], coinsMovedQuantiles: movedQuantiles(cell: index),
                        meanLiquidations: sums[CellSums.liquidationEvents],
                        meanHedgeLeft: sums[CellSums.hedgeLeft]),
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
                hedgeEffectiveness: unhedgedVariance > 0 ? 1 - variance / unhedgedVariance : nil,
                hedgeEffectivenessStandardError: unhedgedVariance > 0 && batchEffectiveness.count > 1
                    ? BatchStatistics.standardError(batchEffectiveness) : nil)
        }
        return Output(
            cells: cells, batches: plan.cells.indices.map { summarised[2 * $0].1 ?? BatchStatistics() },
            unhedgedVariance: unhedgedVariance)
    }

    /// Cluster errors of the cost components of `cell` from its per-block sums (see `CostErrors`).
    /// The quantiles of the coins a policy cell moved per path (`ManagementSummary.coinsMovedQuantiles`).
    private func movedQuantiles(cell: Int) -> [String: Double] {
        guard let moved = sink.movedCoin else { return [:] }
        let n = sink.paths
        let levels = ManagementSummary.movedLevels
        let values = OrderStatistics.select(
            UnsafeBufferPointer(start: moved + cell * n, count: n),
            ranks: levels.map { ValueDistribution.quantileRank(count: n, $0.p) })
        return Dictionary(uniqueKeysWithValues: zip(levels.map(\.key), values))
    }

    private func costErrors(cell: Int, notional: Double, horizonYears: Double) -> CostErrors? {
        guard sink.blockCount > 1 else { return nil }
        let n = plan.scenario.paths
        let sizes = (0..<sink.blockCount).map { block in
            Double(min(SimulationPlan.blockSize, n - (sink.firstBlock + block) * SimulationPlan.blockSize))
        }
        func field(_ fields: [Int], minus subtracted: [Int] = []) -> Double {
            let sums = (0..<sink.blockCount).map { block in
                let row = sink.sums(block: sink.firstBlock + block, cell: cell)
                return fields.reduce(0.0) { $0 + row[$1] } - subtracted.reduce(0.0) { $0 + row[$1] }
            }
            return CostErrors.clusterError(sums: sums, sizes: sizes)
        }
        let total = field([CellSums.fundingCost, CellSums.fees, CellSums.basisCost, CellSums.liquidationLoss, CellSums.hedgeCut, CellSums.rollCost, CellSums.marginSale])
        return CostErrors(
            fundingUSD: field([CellSums.fundingCost]), fundingReceivedUSD: field([CellSums.fundingReceived]),
            fundingPaidUSD: field([CellSums.fundingPaid]), feesUSD: field([CellSums.fees]),
            basisUSD: field([CellSums.basisCost]), liquidationLossUSD: field([CellSums.liquidationLoss]),
            forfeitedMarginUSD: field([CellSums.forfeitedMargin]),
            exposureAfterLiquidationUSD: field([CellSums.liquidationLoss], minus: [CellSums.forfeitedMargin]),
            hedgeCutUSD: field([CellSums.hedgeCut]),
            rollUSD: field([CellSums.rollCost]),
            marginSaleUSD: field([CellSums.marginSale]),
            totalUSD: total, annualisedPercent: notional > 0 ? total / notional / horizonYears * 100 : 0)
    }
}
