import Foundation

/// Chooses the leverage of every hedge ratio from one pass over the paths (`LeverageProfile`), so the
/// ratio and the leverage are decided together (Alexander, Deng & Zou 2023).
///
/// For ratio `h` with notional `N` the search runs from the smallest feasible leverage
/// `L_min = max(1, N/(E·S − fee·N))` (the margin plus the entry fee take the whole holding; below 1x a
/// short inverse cannot be liquidated by price at all) to `L_hi`, the highest leverage (0.01 steps,
/// at most the venue's maximum) whose liquidation probability's Wilson upper 95 % bound is within the
/// limit. `least-margin` takes `L_hi`. The other objectives take the leverage of least score on a
/// ladder `L_min·1.01^i` (rounded down to the venue's 0.01 steps) plus `L_hi`, so the choice is
/// within 1 % of the best leverage of the range, scored exactly from the per-path outcomes: a path unliquidated at `L` ends with
/// `P_T·(S − fee + N·u)` USD, a liquidated one with `P_T·(S − fee − N/(E·L))` (its spot), where `u` is
/// `SimulationSink.horizonUnitCoin`. Equal scores go to the lower leverage. A ratio with no feasible
/// leverage keeps `L_min`, its least liquidated choice.
struct LeverageSearch {
    let scenario: Scenario
    let profile: LeverageProfile
    let terminalIndex: UnsafePointer<Double>
    let horizonUnitCoin: UnsafePointer<Double>
    let lowestAccount: UnsafePointer<Double>

    /// Ladder spacing of the value-based objectives.
    static let ladderStep = 1.01

    /// The chosen leverage of each of the scenario's ratios, in order.
    func leverages() -> [Double] {
        let ceiling = profile.highestFeasibleLeverage(limit: scenario.maxLiquidationProbability, maximum: scenario.maxLeverage)
        let needsValues = scenario.objective != .leastMargin
        let ordering = PathOrdering(
            lowestAccount: lowestAccount, paths: profile.paths, entryPrice: scenario.entryPrice,
            upTo: needsValues ? ceiling ?? 0 : 0)
        let unhedgedScale = needsValues ? unhedgedVariance() : 0
        return scenario.hedgeRatios.map { ratio in
            let floor = LeverageSearch.smallestLeverage(scenario: scenario, ratio: ratio)
            guard let ceiling, ceiling >= floor, HedgeCell(scenario: scenario, ratio: ratio, leverage: floor).notional > 0 else {
                return floor
            }
            if scenario.objective == .leastMargin { return ceiling }
            // The ladder in venue steps of 0.01 (rounded down, duplicates dropped).
            var candidates: [Double] = []
            var rung = floor
            while rung < ceiling {
                let leverage = max(floor, (rung * 100).rounded(.down) / 100)
                if candidates.last != leverage { candidates.append(leverage) }
                rung *= LeverageSearch.ladderStep
            }
            if candidates.last != ceiling { candidates.append(ceiling) }
            let scorer = CellScorer(search: self, ordering: ordering, ratio: ratio, unhedgedVariance: unhedgedScale)
            var best = candidates[0], bestScore = scorer.score(leverage: candidates[0])
            for candidate in candidates.dropFirst() {
                let score = scorer.score(leverage: candidate)
                if score < bestScore { (best, bestScore) = (candidate, score) }
            }
            return best
        }
    }

    /// `max(1, N/(E·S − fee·N))` rounded up to 0.01 (and up again until the cell fits the holding).
    static func smallestLeverage(scenario: Scenario, ratio: Double) -> Double {
        let notional = HedgeCell(scenario: scenario, ratio: ratio, leverage: 1).notional
        let entry = scenario.entryPrice
        let room = entry * scenario.holding - scenario.fee * notional
        var leverage = max(1, room > 0 ? (notional / room * 100).rounded(.up) / 100 : 1)
        while true {
            let cell = HedgeCell(scenario: scenario, ratio: ratio, leverage: leverage)
            if cell.marginCoin + cell.entryFeeCoin <= scenario.holding * (1 + 1e-12) || leverage >= scenario.maxLeverage {
                return leverage
            }
            leverage += 0.01
        }
    }

    /// Sample variance of the unhedged USD value `P_T·S`: the scale of `variance-liquidation`.
    func unhedgedVariance() -> Double {
        let n = profile.paths
        guard n > 1 else { return 0 }
        let start = scenario.holding * scenario.price
        var sum = 0.0, squares = 0.0
        for p in 0..<n {
            let value = terminalIndex[p] * scenario.holding - start
            sum += value
            squares += value * value
        }
        return max(0, (squares - sum * sum / Double(n)) / Double(n - 1))
    }
}

/// The paths liquidated at some leverage up to the search's ceiling, in ascending order of critical
/// leverage (ties by path), and each path's rank in that order (`Int.max` for the others): every
/// candidate leverage liquidates a prefix of `order`, and only these paths ever change value.
private struct PathOrdering {
    let order: [Int]
    let rank: [Int]

    init(lowestAccount: UnsafePointer<Double>, paths n: Int, entryPrice: Double, upTo ceiling: Double) {
        var liquidated: [(critical: Double, path: Int)] = []
        for path in 0..<n {
            let critical = LeverageProfile.criticalLeverage(lowestAccount[path], entryPrice: entryPrice)
            if critical <= ceiling { liquidated.append((critical, path)) }
        }
        liquidated.sort { $0.critical != $1.critical ? $0.critical < $1.critical : $0.path < $1.path }
        order = liquidated.map(\.path)
        var rank = [Int](repeating: .max, count: n)
        for (position, path) in order.enumerated() { rank[path] = position }
        self.rank = rank
    }
}

/// Scores one ratio at any leverage from prefix sums in critical-leverage order: the first `m(L)`
/// paths of that order are the ones liquidated at `L`.
private struct CellScorer {
    let scenario: Scenario
    let profile: LeverageProfile
    let ordering: PathOrdering
    let terminalIndex: UnsafePointer<Double>
    let notional: Double
    /// `S − fee` coin: the holding after the entry fee.
    let afterFee: Double
    let start: Double
    let unhedgedVariance: Double
    /// Sums over all paths of `A − W₀` and `(A − W₀)²`, where `A = P_T·(S − fee + N·u)` is the
    /// unliquidated USD value; and prefix sums in critical order (`PathOrdering.order`) of the same
    /// and of `P_T` and `P_T²`.
    let totalA: Double, totalA2: Double
    let prefixA: [Double], prefixA2: [Double], prefixP: [Double], prefixP2: [Double]
    /// Unliquidated USD values ascending, with their paths (for the expected shortfall).
    let sortedValues: [(value: Double, path: Int)]

    init(search: LeverageSearch, ordering: PathOrdering, ratio: Double, unhedgedVariance: Double) {
        scenario = search.scenario
        profile = search.profile
        self.ordering = ordering
        terminalIndex = search.terminalIndex
        let cell = HedgeCell(scenario: scenario, ratio: ratio, leverage: 1)
        notional = cell.notional
        afterFee = scenario.holding - cell.entryFeeCoin
        start = scenario.holding * scenario.price
        self.unhedgedVariance = unhedgedVariance
        let n = profile.paths
        let unitCoin = search.horizonUnitCoin, prices = search.terminalIndex
        let (kept, size, start) = (scenario.holding - cell.entryFeeCoin, cell.notional, scenario.holding * scenario.price)
        func value(_ path: Int) -> Double { prices[path] * (kept + size * unitCoin[path]) }
        var sum = 0.0, squares = 0.0
        for path in 0..<n {
            let centred = value(path) - start
            sum += centred
            squares += centred * centred
        }
        (totalA, totalA2) = (sum, squares)
        let m = ordering.order.count
        var a = [Double](repeating: 0, count: m + 1), a2 = a, p = a, p2 = a
        for (position, path) in ordering.order.enumerated() {
            let price = prices[path]
            let centred = value(path) - start
            a[position + 1] = a[position] + centred
            a2[position + 1] = a2[position] + centred * centred
            p[position + 1] = p[position] + price
            p2[position + 1] = p2[position] + price * price
        }
        (prefixA, prefixA2, prefixP, prefixP2) = (a, a2, p, p2)
        sortedValues = scenario.objective == .minES
            ? (0..<n).map { (value($0), $0) }.sorted { $0.value != $1.value ? $0.value < $1.value : $0.path < $1.path } : []
    }

    func score(leverage: Double) -> Double {
        let n = profile.paths
        let liquidated = min(profile.liquidations(atLeverage: leverage), ordering.order.count)
        let spot = afterFee - notional / (scenario.entryPrice * leverage)
        switch scenario.objective {
        case .minES:
            return expectedShortfall95(liquidated: liquidated, spot: spot)
        case .minVariance, .varianceLiquidation, .leastMargin:
            // Liquidated path: v − W₀ = P·spot − W₀.
            let m = liquidated
            let sum = (totalA - prefixA[m]) + spot * prefixP[m] - start * Double(m)
            let squares = (totalA2 - prefixA2[m])
                + spot * spot * prefixP2[m] - 2 * spot * start * prefixP[m] + start * start * Double(m)
            let variance = n > 1 ? max(0, (squares - sum * sum / Double(n)) / Double(n - 1)) : 0
            guard scenario.objective == .varianceLiquidation else { return variance }
            return ObjectiveScore.varianceLiquidation(
                variance: variance, unhedgedVariance: unhedgedVariance,
                penalty: scenario.liquidationPenalty, probability: Double(m) / Double(n))
        }
    }

    /// ES95 of the loss against `W₀` (Acerbi–Tasche tail mean, as `ValueDistribution`), merging the
    /// unliquidated values in ascending order with the liquidated ones `P_T·spot`.
    private func expectedShortfall95(liquidated m: Int, spot: Double) -> Double {
        let n = profile.paths
        let tail = ValueDistribution.tailPosition(count: n, confidence: 0.95)
        let needed = min(n, tail.whole + 1)
        let changed = ordering.order.prefix(m).map { terminalIndex[$0] * spot }.sorted()
        var lowest: [Double] = []
        lowest.reserveCapacity(needed)
        var i = 0, j = 0
        while lowest.count < needed {
            while i < sortedValues.count && ordering.rank[sortedValues[i].path] < m { i += 1 }
            let next = i < sortedValues.count ? sortedValues[i].value : .infinity
            if j < changed.count && changed[j] <= next {
                lowest.append(changed[j])
                j += 1
            } else {
                lowest.append(next)
                i += 1
            }
        }
        let sumBelow = lowest.prefix(tail.whole).reduce(0, +)
        let boundary = lowest[min(tail.whole, lowest.count - 1)]
        return ValueDistribution.tailRisk(value: boundary, sumBelow: sumBelow, position: tail, initial: start).1
    }
}

/// Scores shared by the leverage search and the recommendation.
enum ObjectiveScore {
    /// `Var_h/Var_0 + λ·P(liq)`, with `Var_0` the unhedged holding's variance (1 when it is 0).
    static func varianceLiquidation(variance: Double, unhedgedVariance: Double, penalty: Double, probability: Double) -> Double {
        variance / (unhedgedVariance > 0 ? unhedgedVariance : 1) + penalty * probability
    }
}
