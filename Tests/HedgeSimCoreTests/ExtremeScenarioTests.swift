import Testing
@testable import HedgeSimCore

/// Extreme but legal scenarios finish with every reported number finite, or are refused with a
/// one-line reason; nothing in between (no NaN or infinity ever reaches a report).
@Suite struct ExtremeScenarioTests {
    static let cases: [(String, @Sendable (inout Scenario) -> Void)] = [
        ("vol 500 %", { $0.vol = 5 }),
        ("vol 500 % at daily steps", { $0.vol = 5; $0.stepsPerDay = 1 }),
        ("jumps of −90 %", { $0.jumpIntensity = 50; $0.jumpMean = -2.3; $0.jumpStdev = 0.5 }),
        ("funding at its cap throughout", { $0.fundingMean = 0.05; $0.fundingCap = 0.05 }),
        ("negative funding at its cap", { $0.fundingMean = -0.05; $0.fundingCap = 0.05; $0.leverages = [2] }),
        ("one path", { $0.paths = 1 }),
        ("one step", { $0.horizonDays = 1; $0.stepsPerDay = 1 }),
        ("price near 0", { $0.price = 1e-300 }),
        ("GARCH near unit persistence", { $0.model = .garch; $0.garchAlpha = 0.5; $0.garchBeta = 0.499; $0.vol = 5 }),
        ("wild basis", { $0.instrument = .dated; $0.basis = 5; $0.basisVol = 10; $0.expiryDays = 3650 }),
        ("zero vol", { $0.model = .gbm; $0.vol = 0 }),
        ("200x on a 2x hedge", { $0.leverages = [200]; $0.hedgeRatios = [2] }),
        ("drift and vol 1000 %", { $0.drift = 10; $0.vol = 10 }),
    ]

    @Test(arguments: 0..<cases.count)
    func finishesFiniteOrRefuses(index: Int) throws {
        var scenario = Scenario()
        scenario.paths = 1_500
        ExtremeScenarioTests.cases[index].1(&scenario)
        do {
            let result = try HedgeSimulation.run(scenario, seed: 3)
            let finite = result.cells.allSatisfy { $0.isFinite }
            #expect(finite, "\(ExtremeScenarioTests.cases[index].0)")
        } catch let error as InputError {
            #expect(!error.description.contains("\n"))
        } catch let error as NumericalError {
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func hugeValuesAndMemoryAreRefusedUpFront() throws {
        #expect(throws: InputError.self) { try Scenario().with { $0.price = 1e300 }.validate() }
        #expect(throws: InputError.self) { try Scenario().with { $0.paths = 50_000_000 }.validate() }
        try Scenario().with { $0.paths = 10_000_000 }.validate()
    }
}
