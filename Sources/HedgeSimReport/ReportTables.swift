import HedgeSimCore

/// The tables of the HTML and Markdown reports, as plain text for people (70,000 USD, 1.2 %). The
/// numbers behind every chart are in one of them, so the Markdown report loses no information.
enum ReportTables {
    private typealias F = NumberFormatting

    /// Risk of the net USD value per cell: mean, spread, tail losses, liquidation and effectiveness.
    static func risk(_ result: SimulationResult, _ selection: ReportSelection) -> ReportTable {
        var table = ReportTable(
            caption: "Net value at the horizon in USD, per hedge ratio and leverage (VaR and ES are losses against the start; negative = gain)",
            header: ["Ratio", "Leverage", "Mean", "Stdev", "VaR 95 %", "ES 95 %", "ES 99 %", "P(liquidation)", "95 % interval", "Effectiveness"],
            rows: [])
        for cell in result.shownCells {
            let usd = cell.netValueUSD
            let ci = cell.liquidation.ci95
            table.rows.append([
                F.compact(cell.hedgeRatio), cell.leverageLabel, F.grouped(usd.mean), F.grouped(usd.stdev), F.grouped(usd.var95),
                F.grouped(usd.es95), F.grouped(usd.es99), F.readablePercent(cell.liquidation.probability),
                F.readablePercent(ci[0]) + " – " + F.readablePercent(ci[1]),
                cell.hedgeEffectiveness.map(F.readablePercent) ?? "–",
            ])
            if selection.isRecommended(cell) { table.emphasised.insert(table.rows.count - 1) }
        }
        return table
    }

    /// The expected hedge cost per cell, split by source.
    static func cost(_ result: SimulationResult, _ selection: ReportSelection) -> ReportTable {
        let cut = result.scenario.policies.contains(where: \.cutsTheShort)
        let roll = result.scenario.rollsBeforeHorizon > 0
        let sale = result.scenario.instrument.isLinear
        var table = ReportTable(
            caption: "Expected hedge cost in USD per path (positive = cost, negative = income"
                + (cut ? "; hedge cut = PnL missed on the notional a deleverage, de-hedge or funding exit bought back" : "")
                + (roll ? "; rolls = fees of rolling into the next contract, the roll yield is in basis" : "")
                + (sale ? "; margin sale = the coins sold for the stablecoin margin, sold·(P_T − P₀)" : "") + ")",
            header: ["Ratio", "Leverage", "Funding", "Fees", "Basis", "Liquidation"] + (cut ? ["Hedge cut"] : [])
                + (roll ? ["Rolls"] : []) + (sale ? ["Margin sale"] : []) + ["Total", "Per year of notional"],
            rows: [])
        for cell in result.shownCells {
            let cost = cell.cost
            table.rows.append([
                F.compact(cell.hedgeRatio), cell.leverageLabel, F.grouped(cost.fundingUSD), F.grouped(cost.feesUSD),
                F.grouped(cost.basisUSD), F.grouped(cost.liquidationLossUSD),
            ] + (cut ? [F.grouped(cost.hedgeCutUSD)] : []) + (roll ? [F.grouped(cost.rollUSD)] : [])
                + (sale ? [F.grouped(cost.marginSaleUSD)] : []) + [
                F.grouped(cost.totalUSD), F.readablePercent(cost.annualisedPercent / 100),
            ])
            if selection.isRecommended(cell) { table.emphasised.insert(table.rows.count - 1) }
        }
        return table
    }

    /// What each margin policy did in each cell that has one (nil when the run has none).
    static func management(_ result: SimulationResult, _ selection: ReportSelection) -> ReportTable? {
        let managed = result.shownCells.filter { $0.management != nil }
        guard !managed.isEmpty else { return nil }
        var table = ReportTable(
            caption: "What each margin policy did, per path (means over every path; coins moved stay in the portfolio "
                + "unless a liquidation takes them)",
            header: ["Ratio", "Leverage", "P(liq)", "Acted on", "Actions", "Coins moved (mean)", "Median", "99 %",
                     "Liquidations", "Open at horizon"],
            rows: [])
        for cell in managed {
            guard let m = cell.management else { continue }
            let q = m.coinsMovedQuantiles
            table.rows.append([
                F.compact(cell.hedgeRatio), cell.leverageLabel, F.readablePercent(cell.liquidation.probability),
                F.readablePercent(m.probability), String(format: "%.2f", m.meanActions), String(format: "%.4f", m.meanCoinsMoved),
                String(format: "%.4f", q["0.5"] ?? 0), String(format: "%.4f", q["0.99"] ?? 0),
                String(format: "%.2f", m.meanLiquidations), F.readablePercent(m.meanHedgeLeft),
            ])
            if selection.isRecommended(cell) { table.emphasised.insert(table.rows.count - 1) }
        }
        return table
    }

    /// The short position of each cell, where it is liquidated, and the value counted in coin.
    static func position(_ result: SimulationResult, _ selection: ReportSelection) -> ReportTable {
        var table = ReportTable(
            caption: "The short position per cell, its liquidation price, and the net value in coin",
            header: [
                "Ratio", "Leverage", "Contracts", "Notional USD", "Margin coin", "Liquidation price USD", "Mean liquidation day",
                "Mean coin", "VaR 95 % coin",
            ],
            rows: [])
        for cell in result.shownCells {
            table.rows.append([
                F.compact(cell.hedgeRatio), cell.leverageLabel, F.grouped(cell.contracts), F.grouped(cell.notionalUSD),
                F.grouped(cell.marginCoin, decimals: 4), cell.liquidationPriceUSD.map { F.grouped($0) } ?? "none",
                cell.liquidation.meanTimeDays.map { F.grouped($0, decimals: 1) } ?? "–",
                F.grouped(cell.netValueCoin.mean, decimals: 4), F.grouped(cell.netValueCoin.var95, decimals: 4),
            ])
            if selection.isRecommended(cell) { table.emphasised.insert(table.rows.count - 1) }
        }
        return table
    }

    /// The quantiles of the net USD value of the highlighted choices (the distribution chart's points).
    static func quantiles(_ selection: ReportSelection) -> ReportTable {
        let levels = ValueDistribution.levels
        var table = ReportTable(
            caption: "Net value at the horizon in USD: the value below which the given share of paths ends",
            header: ["Choice"] + levels.map { F.compact($0.p * 100) + " %" } + ["Mean"],
            rows: [], labelColumns: 1)
        for highlight in selection.highlights {
            let usd = highlight.cell.netValueUSD
            table.rows.append([highlight.title] + levels.map { F.grouped(usd.quantiles[$0.key] ?? .nan) } + [F.grouped(usd.mean)])
        }
        return table
    }

    /// The price bands at about seven evenly spaced times (the fan chart's numbers).
    static func priceBands(_ bands: PriceBands) -> ReportTable {
        var table = ReportTable(
            caption: "Index price in USD per coin: quantiles over \(F.grouped(Double(bands.paths))) paths",
            header: ["Day"] + PriceBands.levels.map { $0.key == "0.5" ? "Median" : F.compact($0.p * 100) + " %" },
            rows: [], labelColumns: 1)
        let count = bands.days.count
        let indices = count <= 7 ? Array(0..<count) : (0...6).map { Int((Double($0) * Double(count - 1) / 6).rounded()) }
        for index in indices {
            let values = PriceBands.levels.map { level in bands.quantiles[level.key].map { F.grouped($0[index]) } ?? "–" }
            table.rows.append([F.day(bands.days[index])] + values)
        }
        return table
    }

    /// One stress scenario: per cell, the start, lowest and final value and whether the hedge was
    /// liquidated.
    static func stress(_ outcome: StressOutcome, _ selection: ReportSelection) -> ReportTable {
        var table = ReportTable(
            caption: "\(outcome.name): \(outcome.summary)",
            header: ["Ratio", "Leverage", "Value at start USD", "Lowest value USD", "Lowest on day", "Value at end USD", "Hedge liquidated"],
            rows: [])
        for (index, path) in outcome.cells.enumerated() {
            let values = path.netValueUSD
            let lowest = values.indices.min { values[$0] < values[$1] }
            table.rows.append([
                F.compact(path.hedgeRatio), F.leverage(path.leverage), values.first.map { F.grouped($0) } ?? "–",
                lowest.map { F.grouped(values[$0]) } ?? "–",
                lowest.flatMap { outcome.days.indices.contains($0) ? F.day(outcome.days[$0]) : nil } ?? "–",
                values.last.map { F.grouped($0) } ?? "–",
                path.liquidatedAtDays.map { "day " + F.day($0) } ?? "no",
            ])
            if path.cell == selection.recommended.cell {
                table.emphasised.insert(index)
            }
        }
        return table
    }

    /// Every scenario field and the seed.
    static func scenario(_ result: SimulationResult) throws -> ReportTable {
        let listing = try ScenarioListing(result.scenario)
        return ReportTable(
            caption: "Every field of the scenario as run, and the seed",
            header: ["Field", "Value"],
            rows: listing.entries.map { [$0.key, $0.value] } + [["seed", String(result.seed)]],
            labelColumns: 2)
    }
}
