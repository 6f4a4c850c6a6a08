import Testing
import HedgeSimCore

/// The code of the DocC article "Embedding the engine in your own program"
/// (HedgeSimCore.docc/EmbeddingTheEngine.md), so that it keeps compiling and running.
@Suite struct EmbeddingExampleTests {
    @Test func articleCodeRuns() throws {
        var scenario = Scenario()
        scenario.holding = 2
        scenario.price = 95_000
        scenario.horizonDays = 14
        scenario.hedgeRatios = [0, 0.5, 1]
        scenario.maxLiquidationProbability = 0.01
        scenario.paths = 2_000
        try scenario.validate()

        let result = try HedgeSimulation.run(scenario, seed: 42, threads: 4)
        let plan = result.recommendation
        #expect(!plan.reason.isEmpty)
        for cell in result.cells {
            _ = (cell.hedgeRatio, cell.leverage, cell.netValueUSD.mean, cell.netValueUSD.standardErrors?.mean ?? 0,
                 cell.liquidation.probability, cell.liquidation.ci95)
        }

        var fromFile = Scenario()
        try ScenarioDocument(text: "holding: 3\nhorizonDays: 10\n", source: "desk.yaml").apply(to: &fromFile)
        try ScenarioFields.apply(key: "venue", value: .text("deribit"), to: &fromFile)
        #expect(fromFile.holding == 3)

        let position = PositionMonitor.Position(
            venue: try Venue.preset(named: "bitmex"), entry: 70_000, size: .contracts(350_000),
            marginCoin: 1.6667, mark: 95_000)
        var market = Scenario()
        market.paths = 2_000
        let risk = try PositionMonitor.run(position, market: market, days: 7, seed: 42)
        #expect(risk.alerts(above: 0.05), "P(liq) ≈ 26 % in the README's example")
    }
}
