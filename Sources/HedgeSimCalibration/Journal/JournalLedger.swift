import HedgeSimCore

/// Turns journal rows into hedges and yearly totals.
///
/// **Grouping.** With a `hedge` label on every row, a hedge is every row of one label. Without labels a
/// hedge runs from a trade that opens a short while none is open to the row that leaves it flat; a
/// funding row while no short is open belongs to the hedge closed last (venues often book the last
/// payment at the closing time).
///
/// **Valuation.** Each flow is paid in the margin currency (coin for inverse contracts, USD for linear
/// ones) and valued in the other at its own row's price: the index where given, else the row's price,
/// else (funding rows) the hedge's last price before it.
///
/// **Realised PnL and basis.** A trade that reduces the short by `q` realises its PnL against the average
/// entry of the open short: inverse `q/F − q/Ē` coin (`1/Ē` the size-weighted mean of `1/F` over the
/// sells, the venues' harmonic mean), linear `q·(Ē − F)` USD (`Ē` the coin-weighted mean). The same
/// at index prices is what the short made against the index it hedges; the basis cost is minus the
/// difference, `−(PnL at F − PnL at I)`, realised (and valued) at the reducing trade. Summed over a
/// hedge that is flat again it is `−Σ side·q·(1/F − 1/I)` (inverse). Without an index on every trade of
/// a hedge the basis stays in the PnL and is reported as 0 (`basisSeparated` false); an open short's
/// basis is not realised yet.
public enum JournalLedger {
    /// Hedges in order of opening, and yearly totals in year order.
    /// - Throws: `CSVError` naming the line of a row that turns the short long, mixes instruments in one
    ///   hedge, labels some rows but not others, or pays funding before any short was opened.
    public static func hedges(of entries: [JournalEntry], source: String) throws -> (hedges: [JournalHedge], years: [JournalYear]) {
        let groups = try group(entries, source: source)
        var hedges: [JournalHedge] = []
        var years: [Int: (hedges: [String], cost: RealisedCost)] = [:]
        for (label, rows) in groups {
            let (hedge, rowCosts) = try account(label: label, rows: rows, source: source)
            hedges.append(hedge)
            for (row, cost) in zip(rows, rowCosts) {
                let year = Self.year(of: row.time)
                var entry = years[year] ?? ([], RealisedCost())
                if !entry.hedges.contains(label) { entry.hedges.append(label) }
                entry.cost.add(cost)
                years[year] = entry
            }
        }
        let yearly = years.keys.sorted().map { year in
            JournalYear(year: year, hedges: years[year]?.hedges ?? [], cost: years[year]?.cost ?? RealisedCost())
        }
        return (hedges, yearly)
    }

    /// The rows of each hedge, in order of opening.
    static func group(_ entries: [JournalEntry], source: String) throws -> [(String, [JournalEntry])] {
        let labelled = entries.filter { $0.hedge != nil }
        if !labelled.isEmpty {
            if let unlabelled = entries.first(where: { $0.hedge == nil }) {
                throw CSVError(file: source, line: unlabelled.line, reason: "hedge \"\": expected a label on every row once one row has one")
            }
            var order: [String] = []
            var rows: [String: [JournalEntry]] = [:]
            for entry in entries {
                let label = entry.hedge ?? ""
                if rows[label] == nil { order.append(label) }
                rows[label, default: []].append(entry)
            }
            return order.map { ($0, rows[$0] ?? []) }
        }
        var groups: [(String, [JournalEntry])] = []
        var open: [JournalEntry] = []
        var short = 0.0
        var peak = 0.0
        for entry in entries {
            if open.isEmpty && entry.kind == .funding {
                guard !groups.isEmpty else {
                    throw CSVError(file: source, line: entry.line, reason: "type \"funding\": expected a short open before the first funding row")
                }
                groups[groups.count - 1].1.append(entry)
                continue
            }
            open.append(entry)
            short += entry.shortChange
            peak = max(peak, short)
            if isFlat(short, peak: peak) {
                groups.append(("hedge \(groups.count + 1)", open))
                open = []
                (short, peak) = (0, 0)
            }
        }
        if !open.isEmpty { groups.append(("hedge \(groups.count + 1)", open)) }
        return groups
    }

    /// A short within 1e-9 of its peak (rounding of decimal quantities) counts as flat; so does a
    /// negative one, which `account` then refuses.
    static func isFlat(_ short: Double, peak: Double) -> Bool { short <= 1e-9 * peak }

    /// The hedge's figures and each row's cost, in row order.
    static func account(label: String, rows: [JournalEntry], source: String) throws -> (JournalHedge, [RealisedCost]) {
        guard let first = rows.first else { preconditionFailure("a hedge has rows") }
        let instrument = first.instrument
        let linear = instrument.isLinear
        if let mixed = rows.first(where: { $0.instrument != instrument }) {
            throw CSVError(
                file: source, line: mixed.line,
                reason: "instrument \"\(mixed.instrument.rawValue)\": expected \(instrument.rawValue) like the rest of \(label)")
        }
        let trades = rows.filter { $0.kind != .funding }
        guard let opening = trades.first, opening.shortChange > 0 else {
            let line = trades.first?.line ?? first.line
            throw CSVError(file: source, line: line, reason: "side \"buy\": expected a sell to open \(label) (a hedge journal records shorts)")
        }
        let separated = trades.allSatisfy { $0.index != nil }
        var short = 0.0
        var peak = 0.0
        var peakUSD = 0.0
        var sold = (quantity: 0.0, weight: 0.0)
        var bought = (quantity: 0.0, weight: 0.0)
        var pnl = CoinAndUSD.zero
        // The open short: its size and the size-weighted sums of the contract and index price terms
        // (inverse `q/F`, `q/I`; linear `q·F`, `q·I`), whose ratios are the average entries.
        var open = (quantity: 0.0, contract: 0.0, index: 0.0)
        var lastPrice = opening.index ?? opening.price ?? 0
        var closedAt: Double?
        var costs: [RealisedCost] = []
        for row in rows {
            let value = row.index ?? row.price ?? lastPrice
            lastPrice = value
            /// A margin-currency amount in both currencies at this row's value.
            func both(_ amount: Double) -> CoinAndUSD {
                linear ? CoinAndUSD(coin: amount / value, usd: amount) : CoinAndUSD(coin: amount, usd: amount * value)
            }
            /// The price term a size is weighted by: `1/P` inverse, `P` linear.
            func term(_ price: Double) -> Double { linear ? price : 1 / price }
            var cost = RealisedCost()
            switch row.kind {
            case .funding:
                if row.amount >= 0 { cost.fundingReceived = both(row.amount) } else { cost.fundingPaid = both(-row.amount) }
            case .trade, .liquidation, .settlement:
                let change = row.shortChange
                let price = row.price ?? value
                let index = row.index ?? price
                short += change
                if short < -1e-9 * max(peak, row.quantity) {
                    throw CSVError(
                        file: source, line: row.line,
                        reason: "quantity \(NumberText.value(row.quantity)): expected at most the open short of \(label) (\(NumberText.value(short + row.quantity))); a hedge journal records shorts")
                }
                peak = max(peak, short)
                if change > 0 {
                    sold.quantity += change
                    sold.weight += change * term(price)
                    open = (open.quantity + change, open.contract + change * term(price), open.index + change * term(index))
                    peakUSD = max(peakUSD, linear ? short * sold.weight / sold.quantity : short)
                } else {
                    let q = -change
                    bought.quantity += q
                    bought.weight += q * term(price)
                    let share = min(1, q / open.quantity)
                    let entryContract = open.contract * share, entryIndex = open.index * share
                    // Realised PnL of the short on `q`: inverse `q/F − Σq/E` coin, linear `Σq·E − q·F` USD.
                    let atPrice = linear ? entryContract - q * price : q / price - entryContract
                    let atIndex = linear ? entryIndex - q * index : q / index - entryIndex
                    pnl += both(atPrice)
                    if separated { cost.basis = both(-(atPrice - atIndex)) }
                    open = (open.quantity - q, open.contract - entryContract, open.index - entryIndex)
                }
                if row.kind == .liquidation { cost.liquidation = both(row.fee) } else { cost.fees = both(row.fee) }
                if isFlat(short, peak: peak) {
                    short = 0
                    open = (0, 0, 0)
                    closedAt = row.time
                } else {
                    closedAt = nil
                }
            }
            cost.settleTotal()
            costs.append(cost)
        }
        var total = RealisedCost()
        for cost in costs { total.add(cost) }
        let end = closedAt ?? rows.last?.time ?? first.time
        let days = (end - opening.time) / 86_400
        func average(_ side: (quantity: Double, weight: Double)) -> Double? {
            guard side.quantity > 0 else { return nil }
            return linear ? side.weight / side.quantity : side.quantity / side.weight
        }
        let hedge = JournalHedge(
            label: label, instrument: instrument, openedAt: opening.time, opened: Timestamp.format(opening.time),
            closedAt: closedAt, closed: closedAt.map(Timestamp.format), days: days, peakNotionalUSD: peakUSD,
            openQuantity: closedAt == nil ? short : 0, entryPrice: average(sold) ?? 0, exitPrice: average(bought),
            trades: trades.count, fundingPayments: rows.count - trades.count,
            liquidated: rows.contains { $0.kind == .liquidation }, basisSeparated: separated, pnl: pnl, cost: total,
            annualisedPercent: days > 0 && peakUSD > 0 ? total.total.usd / peakUSD / (days / 365) * 100 : nil)
        return (hedge, costs)
    }

    /// The calendar year (UTC) of epoch seconds `time`.
    static func year(of time: Double) -> Int {
        Timestamp.civilFromDays(Int((time / 86_400).rounded(.down))).year
    }
}
