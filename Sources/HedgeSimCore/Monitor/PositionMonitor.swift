import Foundation
import Yams

/// `hedgesim monitor`: the liquidation risk of an open short inverse position over the next days,
/// simulated from today's mark with the same path kernel as a run.
///
/// The kernel follows the account per USD of notional of a position entered at today's mark `P₀`,
/// `x_t = a/F_t + c₀ + Φ_t` (`a = 1−m`, `c₀ = −1/P₀` under the mark convention; `a = 1`,
/// `c₀ = −(1+m)/P₀` under the entry convention), and keeps each path's lowest `x`. The open position,
/// entered at `E`, differs only by the constant: `x_t + (c − c₀)` with `c = −1/E` or `−(1+m)/E`. With
/// margin balance `B` (coin, funding accrued added, plus a tier's deduction `D`) it is liquidated on a
/// path exactly when the lowest `x ≤ θ = −B/N − c + c₀`, so one pass gives P(liq) for every balance,
/// and the top-up is the smallest extra balance whose Wilson 95 % upper bound is within the limit.
public enum PositionMonitor {
    /// An open position.
    public struct Position: Sendable {
        public var venue: Venue?
        public var entry: Double
        public var size: LiquidationQuote.Size
        /// The position's margin balance, coin, as the venue shows it.
        public var marginCoin: Double
        /// Funding received (+) or paid (−) since the position opened that the margin balance does not
        /// yet include, coin.
        public var fundingAccruedCoin: Double
        /// Today's mark price, USD per coin.
        public var mark: Double
        public var maintenanceRate: Double?
        public var convention: MaintenanceConvention?

        public init(
            venue: Venue?, entry: Double, size: LiquidationQuote.Size, marginCoin: Double, fundingAccruedCoin: Double = 0,
            mark: Double, maintenanceRate: Double? = nil, convention: MaintenanceConvention? = nil
        ) {
            self.venue = venue
            self.entry = entry
            self.size = size
            self.marginCoin = marginCoin
            self.fundingAccruedCoin = fundingAccruedCoin
            self.mark = mark
            self.maintenanceRate = maintenanceRate
            self.convention = convention
        }
    }

    /// Simulates `market` (its model, funding and step; price, horizon and maintenance come from the
    /// position and `days`) and reports the position's risk.
    /// - Throws: `InputError` for a bad position (`mark`, `margin` already below maintenance, the quote's
    ///   fields), `days`, `maxLiquidationProbability` or market.
    public static func run(
        _ position: Position, market: Scenario, days: Double, seed: UInt64, threads: Int? = nil
    ) throws -> MonitorResult {
        guard position.mark.isFinite, position.mark > 0, position.mark <= 1e12 else {
            throw InputError(field: "mark", value: describe(position.mark), allowed: "a price > 0 and ≤ 1e12 (USD per coin)")
        }
        guard days.isFinite, days > 0, days <= 3_650 else {
            throw InputError(field: "days", value: describe(days), allowed: "days > 0 and ≤ 3650")
        }
        guard position.fundingAccruedCoin.isFinite else {
            throw InputError(field: "fundingAccrued", value: describe(position.fundingAccruedCoin), allowed: "a finite coin amount")
        }
        let balance = position.marginCoin + position.fundingAccruedCoin
        guard balance > 0 else {
            throw InputError(field: "fundingAccrued", value: describe(position.fundingAccruedCoin),
                             allowed: "funding paid smaller than the margin \(describe(position.marginCoin)) coin (the position is bankrupt)")
        }
        let quote = try LiquidationQuote(LiquidationQuote.Request(
            venue: position.venue, side: .short, entry: position.entry, size: position.size, collateral: .margin(balance),
            maintenanceRate: position.maintenanceRate, convention: position.convention))
        if let price = quote.liquidationPrice, position.mark >= price {
            throw InputError(field: "margin", value: describe(position.marginCoin),
                             allowed: "a balance above maintenance at the mark: with it the position is liquidated at "
                                + "\(describe(price)) USD, at or below the mark \(describe(position.mark))")
        }
        var scenario = market
        scenario.price = position.mark
        scenario.horizonDays = days
        scenario.instrument = .perpetual
        scenario.margin = .isolated
        scenario.collateral = nil
        scenario.maintenanceRate = quote.maintenanceRate
        scenario.maintenanceConvention = quote.convention
        try HedgeSimulation.validate(scenario, history: nil)

        let plan = SimulationPlan(scenario: scenario, cells: [])
        let sink = HedgeSimulation.simulate(
            plan: plan, seed: seed, blocks: 0..<plan.blockCount, workers: HedgeSimulation.workerCount(threads, plan: plan),
            keepsPathState: true)
        let n = sink.paths
        let rate = quote.maintenanceRate
        let constant = quote.convention == .mark ? -1 / quote.entry : -(1 + rate) / quote.entry
        let shift = plan.account.constant - constant
        let notional = quote.notional
        let effective = balance + quote.maintenanceDeduction
        let sorted = (0..<n).map { sink.lowestAccount[$0] }.sorted()
        func liquidated(balance: Double) -> Int {
            let threshold = -balance / notional + shift
            var low = 0, high = n
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] <= threshold { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let count = liquidated(balance: effective)
        let limit = scenario.maxLiquidationProbability
        let topUp = topUpCoin(sorted: sorted, count: count, limit: limit, balance: effective, notional: notional, shift: shift,
                              liquidated: liquidated)
        let after = try topUp.map { coin in
            try LiquidationQuote(LiquidationQuote.Request(
                venue: position.venue, side: .short, entry: position.entry, size: position.size, collateral: .margin(balance + coin),
                maintenanceRate: position.maintenanceRate, convention: position.convention)).liquidationPrice
        }
        let funding = (0..<n).map { path -> Double in
            let state = sink.pathState! + path * SimulationSink.pathStateFields
            return notional * (state[2] - state[3])
        }
        let meanFunding = funding.reduce(0, +) / Double(n)
        let fundingVariance = funding.reduce(0) { $0 + ($1 - meanFunding) * ($1 - meanFunding) } / Double(max(1, n - 1))
        let probability = Double(count) / Double(n)
        return MonitorResult(
            quote: quote, mark: position.mark, fundingAccruedCoin: position.fundingAccruedCoin, days: days,
            model: scenario.model, seed: seed, paths: n,
            liquidationDistance: quote.liquidationPrice.map { $0 / position.mark - 1 },
            bankruptcyDistance: quote.bankruptcyPrice.map { $0 / position.mark - 1 },
            liquidation: MonitorResult.Liquidation(
                probability: probability,
                standardError: (probability * (1 - probability) / Double(n)).squareRoot(),
                ci95: LiquidationSummary.wilsonInterval(successes: Double(count), trials: Double(n)),
                liquidatedPaths: count),
            maxLiquidationProbability: limit, topUpCoin: topUp, liquidationPriceAfterTopUp: after ?? nil,
            expectedFundingCoin: meanFunding, expectedFundingStandardError: (fundingVariance / Double(n)).squareRoot())
    }

    /// The smallest extra balance, rounded up to 10⁻⁸ coin, after which at most the paths the Wilson
    /// bound allows are liquidated: the balance must lift `θ` just below the `(k+1)`-th lowest account.
    /// 0 when the position is already within the limit; nil when no balance is (the limit is below what
    /// the path count can show).
    private static func topUpCoin(
        sorted: [Double], count: Int, limit: Double, balance: Double, notional: Double, shift: Double,
        liquidated: (Double) -> Int
    ) -> Double? {
        guard let allowed = LiquidationSummary.allowedLiquidations(limit: limit, trials: sorted.count) else { return nil }
        guard count > allowed else { return 0 }
        let needed = notional * (shift - sorted[allowed]) - balance
        var coin = max(0, (needed * 1e8).rounded(.up) / 1e8)
        while liquidated(balance + coin) > allowed { coin += 1e-8 }
        return coin
    }
}

extension PositionMonitor {
    /// The keys of a position file, as `monitor`'s flags name them.
    public static let positionKeys = [
        "venue", "entry", "contracts", "notional", "margin", "fundingAccrued", "mark", "maintenanceRate", "convention",
    ]

    /// Reads a position file (YAML or JSON): a mapping of `positionKeys` to scalars, as text.
    /// - Throws: `InputError` naming an unknown key (with the closest known one), a non-scalar value
    ///   or malformed text.
    public static func positionFields(text: String, source: String) throws -> [String: String] {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let reason = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
            throw InputError(field: "position", value: source, allowed: "a YAML or JSON mapping of position keys (\(reason))")
        }
        guard let mapping = node?.mapping else {
            throw InputError(field: "position", value: source, allowed: "a YAML or JSON mapping, e.g. 'entry: 70000'")
        }
        var fields: [String: String] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string, positionKeys.contains(key) else {
                let key = keyNode.string ?? "?"
                let closest = positionKeys.min { ScenarioFields.editDistance($0, key) < ScenarioFields.editDistance($1, key) }
                let hint = closest.map { ScenarioFields.editDistance($0, key) <= 3 ? " (did you mean '\($0)'?)" : "" } ?? ""
                throw InputError(field: "position", value: "unknown key '\(key)' in \(source)",
                                 allowed: positionKeys.joined(separator: " | ") + hint)
            }
            guard let scalar = valueNode.scalar?.string else {
                throw InputError(field: key, value: "a non-scalar in \(source)", allowed: "a number or a word")
            }
            fields[key] = scalar
        }
        return fields
    }
}
