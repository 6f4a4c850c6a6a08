import Testing
@testable import HedgeSimCore

/// The engine side of automatic leverage: the second pass, which simulates again only the paths a
/// chosen cell liquidates, equals a full simulation of the chosen cells bit for bit, for every kernel
/// and thread count; the per-path lowest account decides liquidation exactly as the records do.
@Suite struct AutoLeverageEngineTests {
    /// Scenarios of several shapes of the path kernel: jumps with the bridge, step-end checks, GARCH-t, dated.
    static let shapes: [(String, @Sendable (inout Scenario) -> Void)] = [
        ("jump+bridge", { _ in }),
        ("step-end", { $0.betweenStepCheck = false }),
        ("garch", { $0.model = .garch }),
        ("dated", { $0.instrument = .dated; $0.expiryDays = 60 }),
    ]

    private func scenario(_ shape: Int) -> Scenario {
        var s = Scenario()
        s.paths = 3_000
        s.horizonDays = 10
        s.vol = 0.9
        s.hedgeRatios = [0, 0.5, 1]
        s.objective = .leastMargin
        s.maxLiquidationProbability = 0.03
        AutoLeverageEngineTests.shapes[shape].1(&s)
        return s
    }

    @Test(arguments: 0..<4)
    func reusedPassEqualsAFullSecondPass(shape: Int) throws {
        let s = scenario(shape)
        let auto = try HedgeSimulation.run(s, seed: 11, threads: 2)
        let chosen = try #require(auto.scenario.chosenLeverages)
        #expect(auto.cells.contains { $0.liquidation.probability > 0 }, "some path is simulated again")
        var pinned = s
        pinned.chosenLeverages = chosen
        let full = try HedgeSimulation.run(pinned, seed: 11, threads: 2)
        #expect(full.cells == auto.cells, "\(AutoLeverageEngineTests.shapes[shape].0)")
    }

    @Test(arguments: [1, 3, 7])
    func automaticLeverageIsThreadInvariant(threads: Int) throws {
        let s = scenario(0)
        let reference = try HedgeSimulation.run(s, seed: 5, threads: 1)
        let other = try HedgeSimulation.run(s, seed: 5, threads: threads)
        #expect(other.cells == reference.cells)
        #expect(other.recommendation == reference.recommendation)
        #expect(other.scenario.chosenLeverages == reference.scenario.chosenLeverages)
    }

    /// P̂(liq | L) from the lowest accounts equals the liquidation count of a fixed-leverage run.
    @Test func profileCountsMatchTheRecords() throws {
        var s = scenario(0)
        s.leverages = [1.5, 2, 3, 5]
        let result = try HedgeSimulation.run(s, seed: 3)
        let plan = SimulationPlan(scenario: s)
        let sink = HedgeSimulation.simulate(plan: plan, seed: 3, blocks: 0..<plan.blockCount, workers: 2)
        let profile = LeverageProfile(lowestAccount: sink.lowestAccount, paths: sink.paths, entryPrice: plan.entryPrice)
        for cell in result.cells where cell.notionalUSD > 0 {
            let counted = Double(profile.liquidations(atLeverage: cell.leverage)) / Double(s.paths)
            #expect(counted == cell.liquidation.probability, "leverage \(cell.leverage)")
        }
    }

    @Test func shardsNeedPinnedLeverage() {
        var s = Scenario()
        s.paths = 600
        #expect(throws: InputError.self) { try HedgeSimulation.runShard(s, seed: 1, shard: ShardSpec(index: 0, count: 2)) }
    }
}
