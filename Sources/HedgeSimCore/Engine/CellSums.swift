/// What the paths of one block add up to for one cell, filled by the settlement and added over blocks
/// in block order (so the totals do not depend on the thread count). Costs are USD valued at the
/// horizon price `P_T`; counts are paths or events.
struct CellSums: Sendable, Equatable {
    /// Funding cost (paid − received) and its two sides.
    var fundingCost = 0.0
    var fundingReceived = 0.0
    var fundingPaid = 0.0
    var fees = 0.0
    /// Basis cost (minus the basis PnL; a dated short: less the roll yield).
    var basisCost = 0.0
    /// The rest of the gap to the synthetic dollar on paths liquidated at least once.
    var liquidationLoss = 0.0
    /// Paths liquidated at least once, and the sum of their first liquidation times in steps (the
    /// step's end, `step + 1`).
    var liquidations = 0.0
    var liquidationSteps = 0.0
    /// The part of `liquidationLoss` the venue keeps: the margin balances left at the liquidations.
    var forfeitedMargin = 0.0
    /// Policy cells: coins moved from the spot holding into the margin, the policy's actions (top-ups,
    /// deleverages, re-hedges), paths with at least one action, liquidations in all (a re-hedged path
    /// may be liquidated again), the share of the notional still open at the horizon, and the hedge
    /// PnL missed on notional a deleverage bought back (USD, as a cost).
    var coinsMoved = 0.0
    var actions = 0.0
    var actedPaths = 0.0
    var liquidationEvents = 0.0
    var hedgeLeft = 0.0
    var hedgeCut = 0.0
    /// Fees of rolling a dated short into the next contracts.
    var rollCost = 0.0
    /// Linear contracts: the coins sold at the start for the stablecoin margin and fee, at what they
    /// would have been worth at the horizon less what they fetched, `sold·(P_T − P₀)`.
    var marginSale = 0.0

    /// Every field, in the order a partial result stores them.
    static let fields: [WritableKeyPath<CellSums, Double> & Sendable] = [
        \.fundingCost, \.fundingReceived, \.fundingPaid, \.fees, \.basisCost, \.liquidationLoss, \.liquidations,
        \.liquidationSteps, \.forfeitedMargin, \.coinsMoved, \.actions, \.actedPaths, \.liquidationEvents, \.hedgeLeft,
        \.hedgeCut, \.rollCost, \.marginSale,
    ]

    init() {}

    /// The sums stored as `fields` in order.
    init(_ values: ArraySlice<Double>) {
        for (field, value) in zip(Self.fields, values) { self[keyPath: field] = value }
    }

    /// The fields in the order of `fields`.
    var values: [Double] { Self.fields.map { self[keyPath: $0] } }

    /// Every cost of the hedge in USD: funding, fees, basis, liquidation loss, hedge cut, rolls and the
    /// margin sale (they add up to the gap to the synthetic dollar).
    var totalCost: Double { fundingCost + fees + basisCost + liquidationLoss + hedgeCut + rollCost + marginSale }

    static func + (lhs: CellSums, rhs: CellSums) -> CellSums {
        var sum = lhs
        for field in fields { sum[keyPath: field] += rhs[keyPath: field] }
        return sum
    }

    /// Every field divided by `count` (per-path means).
    func perPath(_ count: Int) -> CellSums {
        var mean = self
        for field in Self.fields { mean[keyPath: field] /= Double(count) }
        return mean
    }
}
