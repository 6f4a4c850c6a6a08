import CVectorMath
import Foundation
import Testing
@testable import HedgeSimCore
@testable import HedgeSimRandom

/// The C path kernel (`hs_simulate_paths`) against the reference model (`ReferenceKernel`), for every
/// shape of scenario: every price model, perpetual and dated, isolated and cross margin, step-end and
/// between-step checks, funding every step, every few steps, several times a step or from history.
/// They use the same draws and the same arithmetic, so every path must agree bit for bit: terminal
/// state, lowest account, each liquidation record and the band points. The same shapes are then run
/// on every vector level and on several thread counts and shard splits.
@Suite struct PathKernelTests {
    struct Shape: Sendable, CustomStringConvertible {
        let description: String
        let scenario: Scenario
        let history: MarketHistory?
    }

    /// A synthetic hourly history: returns with fat tails and volatility clusters, funding rates
    /// around 0.01 %/8 h, an annualised basis around 5 %.
    static let history: MarketHistory = {
        var generator = SplitMix(seed: 77)
        func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 }
        let count = 3_000
        var returns: [Double] = [], funding: [Double] = [], basis: [Double] = []
        for i in 0..<count {
            let scale = i % 500 < 100 ? 0.02 : 0.006
            returns.append(scale * (uniform() + uniform() + uniform() - 1.5))
            funding.append(0.0000125 + 0.00005 * (uniform() - 0.5))
            basis.append(0.05 + 0.04 * (uniform() - 0.5))
        }
        return try! MarketHistory(logReturns: returns, fundingRates: funding, basis: basis)
    }()

    static let shapes: [Shape] = {
        var list: [Shape] = []
        func add(_ name: String, _ change: (inout Scenario) -> Void, history: MarketHistory? = nil) {
            var s = Scenario()
            s.paths = 203
            s.horizonDays = 20
            s.leverages = [2, 5, 10]
            change(&s)
            list.append(Shape(description: name, scenario: s, history: history))
        }
        add("W1: step-end check, hourly funding, leverage up to 25") { s in
            s = .w1
            s.paths = 203
            s.horizonDays = 20
            s.leverages = [3, 10, 25]
        }
        add("default: jumps, between-step check") { _ in }
        add("jumps, dead zone, antithetic, vol 120 %") { s in
            s.fundingDeadZone = 0.00005
            s.antithetic = true
            s.vol = 1.2
        }
        add("GBM, cross margin, daily funding, step-end check") { s in
            s.model = .gbm
            s.margin = .cross
            s.leverages = [3]
            s.fundingIntervalHours = 24
            s.betweenStepCheck = false
        }
        add("GBM, entry convention, funding every 8 steps") { s in
            s.model = .gbm
            s.maintenanceConvention = .entry
            s.fundingIntervalHours = 8
        }
        add("GARCH-t, ν = 3.5, antithetic, between-step check") { s in
            s.model = .garch
            s.garchDegreesOfFreedom = 3.5
            s.antithetic = true
        }
        add("GARCH-t, ν = 7, dated, step-end check") { s in
            s.model = .garch
            s.garchDegreesOfFreedom = 7
            s.instrument = .dated
            s.expiryDays = 45
            s.betweenStepCheck = false
        }
        add("dated with jumps, expiry after the horizon") { s in
            s.instrument = .dated
            s.expiryDays = 90
            s.basisVol = 0.2
        }
        add("dated GBM held to expiry, fixed collateral") { s in
            s.model = .gbm
            s.instrument = .dated
            s.expiryDays = 20
            s.leverages = [3]
            s.collateral = 0.05
        }
        add("dated GBM rolled twice (10-day contracts, backwardation), between-step check") { s in
            s.model = .gbm
            s.instrument = .dated
            s.expiryDays = 8
            s.contractCycleDays = 10
            s.rollDaysBefore = 1.5
            s.basis = -0.2
            s.basisVol = 0.5
            s.fee = 0.0006
        }
        add("linear perpetual, between-step check, entry convention") { s in
            s.instrument = .linearPerpetual
            s.maintenanceConvention = .entry
        }
        add("linear dated GARCH-t rolled once, step-end check") { s in
            s.model = .garch
            s.instrument = .linearDated
            s.expiryDays = 12
            s.rollDaysBefore = 2
            s.basis = 0.15
            s.betweenStepCheck = false
        }
        add("several payments per step (15-minute funding, hourly steps)") { s in
            s.model = .gbm
            s.fundingIntervalHours = 0.25
            s.fundingDeadZone = 0.00001
        }
        add("bootstrap with history funding", { s in
            s.model = .bootstrap
            s.bootstrapBlockSteps = 24
        }, history: history)
        add("replay, dated with history basis", { s in
            s.model = .replay
            s.leverages = [25, 50, 100]
            s.instrument = .dated
            s.expiryDays = 30
        }, history: history)
        add("bootstrap, antithetic, cross margin", { s in
            s.model = .bootstrap
            s.antithetic = true
            s.margin = .cross
            s.leverages = [3]
        }, history: history)
        return list
    }()

    /// The kernel's output for one block (paths `first ..< first + count`), per path.
    static func kernelPaths(_ plan: SimulationPlan, seed: UInt64, first: Int, count: Int) -> [ReferenceKernel.PathResult] {
        let scratch = BlockScratch(paths: SimulationPlan.blockSize, groups: plan.thresholds.count, bandPoints: plan.bands.steps.count)
        PathBlockKernel(plan: plan, random: CounterRandomSource(seed: seed)).run(firstPath: first, count: count, scratch: scratch)
        let groups = plan.thresholds.count
        return (0..<count).map { p in
            ReferenceKernel.PathResult(
                logIndex: scratch.stateLogIndex[p], inverseMark: scratch.stateInverseMark[p],
                fundingIn: scratch.stateFundingIn[p], fundingOut: scratch.stateFundingOut[p],
                lowestAccount: scratch.stateLowestAccount[p],
                records: (0..<groups).map { g in
                    let r = scratch.records[p * groups + g]
                    return r.step < 0 ? [-1, 0, 0, 0, 0] : [r.step, r.funding_in, r.funding_out, r.inverse_mark, r.inverse_index]
                },
                band: (0..<plan.bands.steps.count).map { scratch.bandLogIndex[p * plan.bands.steps.count + $0] })
        }
    }

    static func bits(_ r: ReferenceKernel.PathResult) -> [UInt64] {
        ([r.logIndex, r.inverseMark, r.fundingIn, r.fundingOut, r.lowestAccount] + r.records.flatMap { $0 } + r.band)
            .map(\.bitPattern)
    }

    @Test(arguments: shapes)
    func kernelMatchesTheReferenceModel(shape: Shape) throws {
        try shape.scenario.validate()
        let plan = SimulationPlan(scenario: shape.scenario, history: shape.history)
        // The second block of a run (paths 256 ..< 459), so path numbers are not block offsets.
        let first = SimulationPlan.blockSize
        let count = shape.scenario.paths
        let kernel = Self.kernelPaths(plan, seed: 31, first: first, count: count)
        let reference = ReferenceKernel(plan: plan, seed: 31)
        var liquidations = 0
        for p in 0..<count {
            let expected = reference.run(path: first + p)
            // Band points are kept only for the first `bandPaths` paths of the run.
            var got = kernel[p]
            if first + p >= plan.bands.paths { got.band = expected.band }
            #expect(Self.bits(got) == Self.bits(expected), "\(shape) path \(first + p): \(got) vs \(expected)")
            liquidations += expected.records.filter { $0[0] >= 0 }.count
        }
        #expect(kernel.allSatisfy { $0.logIndex.isFinite && $0.inverseMark > 0 }, "\(shape)")
        print("\(shape): \(count) paths, \(liquidations) liquidation records compared")
    }

    /// Each shape through the kernel compiled for AVX-512, AVX2 and baseline x86-64 (levels the CPU
    /// lacks run as the highest it has): the same bits everywhere.
    @Test(arguments: shapes)
    func everyLevelGivesTheSameBits(shape: Shape) {
        let plan = SimulationPlan(scenario: shape.scenario, history: shape.history)
        func run(level: Int) -> [UInt64] {
            VectorMath.withLevel(level) { _ in
                Self.kernelPaths(plan, seed: 8, first: 0, count: shape.scenario.paths).flatMap(Self.bits)
            }
        }
        let top = run(level: 3)
        for level in [2, 0] { #expect(run(level: level) == top, "\(shape) level \(level)") }
    }

    /// Each shape on 1 and 3 threads and as 3 merged shards (a short last block: 1,001 paths): the
    /// same results, number for number.
    @Test(arguments: shapes)
    func threadsAndShardsDoNotChangeResults(shape: Shape) throws {
        var s = shape.scenario
        s.paths = 1_001
        let one = try HedgeSimulation.run(s, seed: 5, threads: 1, history: shape.history)
        let three = try HedgeSimulation.run(s, seed: 5, threads: 3, history: shape.history)
        #expect(one.cells == three.cells, "\(shape)")
        #expect(one.priceBands == three.priceBands, "\(shape)")
        let partials = try (0..<3).map {
            try HedgeSimulation.runShard(s, seed: 5, shard: ShardSpec(index: $0, count: 3), threads: 2, history: shape.history)
        }
        let merged = try HedgeSimulation.merge(partials)
        #expect(merged.cells == one.cells, "\(shape)")
    }
}
