/// Turns the per-path outputs of a run into one `CellSummary` per cell.
struct RiskSummarizer {
    let plan: SimulationPlan
    let sink: SimulationSink

    /// One distribution to summarise: a cell's USD or coin value at the horizon, or the unhedged
    /// holding's USD value.
    private enum SummaryJob {
        case usd(cell: Int)
        case coin(cell: Int)
        case unhedged
    }

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
        let startUSD = scenario.startValueUSD
        let cash = scenario.stablecoinBalance ?? 0
        let paired = scenario.antithetic
        let jobs = plan.cells.indices.flatMap { [SummaryJob.usd(cell: $0), .coin(cell: $0)] } + [.unhedged]
        let rows = UnsafeMutablePointer<Double>.allocate(capacity: max(1, min(workers, jobs.count)) * n)
        defer { rows.deallocate() }
        let index = sink.terminalIndex
        let control = plan.expectedTerminalIndex.map {
            ControlVariate(values: UnsafeBufferPointer(start: index, count: n), expectation: $0, antitheticPairs: paired)
        }
        /// The USD values in `row` as a distribution with its batch statistics (for paired errors).
        func usdDistribution(_ row: UnsafeMutablePointer<Double>) -> (ValueDistribution, BatchStatistics) {
            let values = UnsafeBufferPointer(start: UnsafePointer(row), count: n)
            let batches = BatchStatistics(values: values, initial: startUSD)
            return (ValueDistribution(
                values: values, initial: startUSD, antitheticPairs: paired, control: control, batches: batches), batches)
        }
        let summarised = parallelMap(count: jobs.count, workers: workers) { job, worker -> (ValueDistribution, BatchStatistics?) in
            let row = rows + worker * n
            switch jobs[job] {
            case .unhedged:
                for path in 0..<n { row[path] = index[path] * scenario.holding + cash }
                return usdDistribution(row)
            case .coin(let cell):
                let coin = sink.netCoin + cell * n
                return (ValueDistribution(
                    values: UnsafeBufferPointer(start: coin, count: n), initial: scenario.holding, antitheticPairs: paired), nil)
            case .usd(let cell):
                let coin = sink.netCoin + cell * n
                for path in 0..<n { row[path] = index[path] * coin[path] }
                return usdDistribution(row)
            }
        }
        var usdOf: [(ValueDistribution, BatchStatistics)] = []
        var coinOf: [ValueDistribution] = []
        var unhedgedResult: (ValueDistribution, BatchStatistics)?
        for (job, (distribution, batches)) in zip(jobs, summarised) {
            switch job {
            case .usd: usdOf.append((distribution, batches ?? BatchStatistics()))
            case .coin: coinOf.append(distribution)
            case .unhedged: unhedgedResult = (distribution, batches ?? BatchStatistics())
            }
        }
        guard let (unhedged, unhedgedBatches) = unhedgedResult else { preconditionFailure("the unhedged job is always run") }
        let unhedgedVariance = unhedged.stdev * unhedged.stdev
        let horizonYears = scenario.horizonDays / 365
        let cells = plan.cells.enumerated().map { index, cell in
            let (usd, batches) = usdOf[index]
            let coin = coinOf[index]
            let sums = sink.reducedSums(cell: index).perPath(n)
            let liquidations = sums.liquidations * Double(n)
            let meanSteps = liquidations > 0 ? sums.liquidationSteps * Double(n) / liquidations : nil
            let total = sums.totalCost
            let cost = HedgeCost(
                fundingUSD: sums.fundingCost,
                fundingReceivedUSD: sums.fundingReceived,
                fundingPaidUSD: sums.fundingPaid,
                feesUSD: sums.fees,
                basisUSD: sums.basisCost,
                liquidationLossUSD: sums.liquidationLoss,
                forfeitedMarginUSD: sums.forfeitedMargin,
                exposureAfterLiquidationUSD: sums.liquidationLoss - sums.forfeitedMargin,
                hedgeCutUSD: sums.hedgeCut,
                rollUSD: sums.rollCost,
                marginSaleUSD: sums.marginSale,
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
                        probability: sums.actedPaths, meanActions: sums.actions,
                        meanCoinsMoved: sums.coinsMoved, coinsMovedQuantiles: movedQuantiles(cell: index),
                        meanLiquidations: sums.liquidationEvents,
                        meanHedgeLeft: sums.hedgeLeft),
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
            cells: cells, batches: usdOf.map(\.1),
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
        func field(_ fields: [KeyPath<CellSums, Double>], minus subtracted: [KeyPath<CellSums, Double>] = []) -> Double {
            let sums = (0..<sink.blockCount).map { block in
                let row = sink.sums(block: sink.firstBlock + block, cell: cell).pointee
                return fields.reduce(0.0) { $0 + row[keyPath: $1] } - subtracted.reduce(0.0) { $0 + row[keyPath: $1] }
            }
            return CostErrors.clusterError(sums: sums, sizes: sizes)
        }
        let total = field([\.fundingCost, \.fees, \.basisCost, \.liquidationLoss, \.hedgeCut, \.rollCost, \.marginSale])
        return CostErrors(
            fundingUSD: field([\.fundingCost]), fundingReceivedUSD: field([\.fundingReceived]),
            fundingPaidUSD: field([\.fundingPaid]), feesUSD: field([\.fees]),
            basisUSD: field([\.basisCost]), liquidationLossUSD: field([\.liquidationLoss]),
            forfeitedMarginUSD: field([\.forfeitedMargin]),
            exposureAfterLiquidationUSD: field([\.liquidationLoss], minus: [\.forfeitedMargin]),
            hedgeCutUSD: field([\.hedgeCut]),
            rollUSD: field([\.rollCost]),
            marginSaleUSD: field([\.marginSale]),
            totalUSD: total, annualisedPercent: notional > 0 ? total / notional / horizonYears * 100 : 0)
    }
}
