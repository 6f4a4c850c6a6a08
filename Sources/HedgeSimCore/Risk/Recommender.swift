import Foundation

/// The hedge choice the report recommends, and why.
public struct Recommendation: Codable, Sendable, Equatable {
    public var hedgeRatio: Double
    public var leverage: Double
    /// The objective's name, e.g. "min-variance".
    public var objective: String
    /// One sentence a holder can act on.
    public var reason: String
}

/// Picks the cell that minimises the scenario's objective among cells whose liquidation probability is
/// at most the limit (ties go to the smaller ratio, then the lower leverage). When no hedged cell
/// qualifies it recommends the best unhedged or least-liquidated cell and says so.
struct Recommender {
    let scenario: Scenario

    func recommend(_ cells: [CellSummary]) -> Recommendation {
        let limit = scenario.maxLiquidationProbability
        let unhedgedVariance = cells.first(where: { $0.notionalUSD == 0 })
            .map { $0.netValueUSD.stdev * $0.netValueUSD.stdev }
        let scale = max(unhedgedVariance ?? 0, cells.map { $0.netValueUSD.stdev * $0.netValueUSD.stdev }.max() ?? 0)
        func score(_ cell: CellSummary) -> Double {
            let variance = cell.netValueUSD.stdev * cell.netValueUSD.stdev
            switch scenario.objective {
            case .minVariance: return variance
            case .minES: return cell.netValueUSD.es95
            case .varianceLiquidation:
                return (scale > 0 ? variance / scale : 0) + scenario.liquidationPenalty * cell.liquidation.probability
            }
        }
        let ordered = cells.enumerated().sorted { lhs, rhs in
            let (a, b) = (score(lhs.element), score(rhs.element))
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
        let feasible = ordered.filter { $0.liquidation.probability <= limit }
        let best = feasible.first ?? cells.min { $0.liquidation.probability < $1.liquidation.probability } ?? cells[0]
        let excluded = ordered.prefix { $0 != best }.filter { $0.liquidation.probability > limit }
        return Recommendation(
            hedgeRatio: best.hedgeRatio, leverage: best.leverage, objective: scenario.objective.rawValue,
            reason: reason(best: best, feasible: !feasible.isEmpty, excluded: excluded.first, limit: limit))
    }

    private func reason(best: CellSummary, feasible: Bool, excluded: CellSummary?, limit: Double) -> String {
        let choice = best.notionalUSD > 0
            ? "Hedge ratio \(format(best.hedgeRatio)) at \(format(best.leverage))x"
            : "No hedge (ratio \(format(best.hedgeRatio)))"
        let goal: String
        switch scenario.objective {
        case .minVariance: goal = "has the smallest spread of the USD value (stdev \(usd(best.netValueUSD.stdev)))"
        case .minES: goal = "has the smallest 95 % expected shortfall (\(usd(best.netValueUSD.es95)))"
        case .varianceLiquidation:
            goal = "minimises variance plus \(format(scenario.liquidationPenalty))×P(liquidation)"
        }
        let risk = "liquidation probability \(percent(best.liquidation.probability)) within the \(percent(limit)) limit"
        guard feasible else {
            return "No cell keeps the liquidation probability within the \(percent(limit)) limit; "
                + "\(choice) has the lowest (\(percent(best.liquidation.probability))): lower the leverage or raise the limit."
        }
        if let excluded {
            return "\(choice) \(goal) with \(risk); ratio \(format(excluded.hedgeRatio)) at "
                + "\(format(excluded.leverage))x would do better but is liquidated on "
                + "\(percent(excluded.liquidation.probability)) of paths."
        }
        return "\(choice) \(goal) with \(risk)."
    }

    /// Up to 4 decimals without trailing zeros: 0.125 → "0.125", 3 → "3".
    private func format(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Whole USD with thousands separators: 62915.4 → "62,915 USD".
    private func usd(_ value: Double) -> String {
        let digits = String(format: "%.0f", abs(value))
        var grouped = ""
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 && digits != "0" ? "-" : "") + String(grouped.reversed()) + " USD"
    }

    /// Two decimals, or three significant digits below 0.1 % so a rare liquidation never reads 0.00 %.
    private func percent(_ value: Double) -> String {
        value > 0 && value < 0.001 ? String(format: "%.3g %%", value * 100) : String(format: "%.2f %%", value * 100)
    }
}
