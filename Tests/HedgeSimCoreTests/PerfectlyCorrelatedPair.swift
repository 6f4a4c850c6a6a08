import Foundation
import Testing
@testable import HedgeSimCore

/// Two equal coins `A` (3 held) and `B` (2 held) at 100 USD, vol 0.7, with correlation 1, each hedged
/// with its own contract at ratios 0 and 1 and leverage 4, against one coin `A` holding 5 with the same
/// hedge: the pair must be the one coin.
struct PerfectlyCorrelatedPair {
    var pair: PortfolioScenario
    var one: PortfolioScenario

    /// Both scenarios at 4,000 paths, with `model` applied to every coin and `configure` to both.
    init(model: (inout PortfolioAsset) -> Void = { _ in }, configure: (inout PortfolioScenario) -> Void = { _ in }) {
        func asset(_ name: String, _ holding: Double) -> PortfolioAsset {
            var asset = PortfolioAsset(name: name, holding: holding, price: 100, vol: 0.7)
            model(&asset)
            return asset
        }
        pair = PortfolioScenario(
            assets: [asset("A", 3), asset("B", 2)], correlations: [[1, 1], [1, 1]],
            hedges: [PortfolioHedge(asset: "A", ratios: [0, 1], leverage: 4), PortfolioHedge(asset: "B", ratios: [0, 1], leverage: 4)])
        one = PortfolioScenario(assets: [asset("A", 5)], hedges: [PortfolioHedge(asset: "A", ratios: [0, 1], leverage: 4)])
        for index in 0..<2 {
            var s = index == 0 ? pair : one
            s.paths = 4_000
            configure(&s)
            if index == 0 { pair = s } else { one = s }
        }
    }

    /// Runs both with seed 9 and expects the pair's cells 0 (no hedge) and 3 (both at ratio 1) to be the
    /// one coin's cells 0 and 1: mean, stdev and ES99 to rounding (1e-9 of the mean) and every hedge's
    /// P(liq) exactly; the pair's correlation rank is 1. Returns both results.
    func expectOneCoin() throws -> (twoCoins: PortfolioResult, oneCoin: PortfolioResult) {
        let twoCoins = try pair.run(seed: 9, threads: 2)
        let oneCoin = try one.run(seed: 9, threads: 2)
        #expect(twoCoins.correlationRank == 1)
        for (cellOfTwo, cellOfOne) in [(0, 0), (3, 1)] {
            let a = twoCoins.cells[cellOfTwo], b = oneCoin.cells[cellOfOne]
            #expect(abs(a.netValueUSD.mean - b.netValueUSD.mean) <= 1e-9 * b.netValueUSD.mean)
            #expect(abs(a.netValueUSD.stdev - b.netValueUSD.stdev) <= 1e-9 * b.netValueUSD.mean)
            #expect(abs(a.netValueUSD.es99 - b.netValueUSD.es99) <= 1e-9 * b.netValueUSD.mean)
            #expect(a.liquidation.compactMap { $0?.probability }.allSatisfy { $0 == (b.liquidation.first ?? nil)?.probability })
        }
        return (twoCoins, oneCoin)
    }
}
