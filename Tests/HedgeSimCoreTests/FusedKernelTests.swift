import Testing
@testable import HedgeSimCore
@testable import HedgeSimRandom

/// The fused C kernel (`hs_perpetual_paths`) against the general chunked kernel, which serves as
/// its independent reference: same random numbers, same formulas, written once in Swift over
/// step rows and once in C over vector lanes. They may differ only by the rounding of the 2×2
/// correlation (BLAS `dgemm` in the general kernel), so every path value must agree to a relative
/// 1e-12 and every liquidation must happen at the same step.
@Suite struct FusedKernelTests {
    /// Per-path outputs of one run of `plan` (every block, one thread).
    struct PathOutputs {
        var netCoin: [Double]
        var terminalIndex: [Double]
        var sums: [[Double]]
        var bands: [Double]
    }

    func outputs(_ plan: SimulationPlan, seed: UInt64) -> PathOutputs {
        let sink = HedgeSimulation.simulate(plan: plan, seed: seed, blocks: 0..<plan.blockCount, workers: 1)
        let n = plan.scenario.paths * plan.cells.count
        return PathOutputs(
            netCoin: Array(UnsafeBufferPointer(start: sink.netCoin, count: n)),
            terminalIndex: Array(UnsafeBufferPointer(start: sink.terminalIndex, count: plan.scenario.paths)),
            sums: (0..<plan.cells.count).map { sink.reducedSums(cell: $0) },
            bands: Array(UnsafeBufferPointer(start: sink.bandLogIndex, count: sink.bandPathCount * sink.bandPoints)))
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b), 1e-300)
    }

    /// W1 and variations that switch on every branch of the fused kernel: GBM, antithetic pairs,
    /// the between-step check, a funding dead zone, funding every step and every 8 steps, cross
    /// margin, a short last block (paths not a multiple of 8 or 256) and the price bands.
    static let scenarios: [(String, Scenario)] = {
        var list: [(String, Scenario)] = [("w1", .w1)]
        var s = Scenario.w1
        s.paths = 1_003
        s.betweenStepCheck = true
        s.fundingDeadZone = 0.00005
        s.leverages = [2, 5, 10]
        list.append(("bridge, dead zone, leverage 10", s))
        s = Scenario()
        s.paths = 2_050
        s.antithetic = true
        s.vol = 1.2
        s.leverages = [4, 8]
        list.append(("default, antithetic, vol 120 %", s))
        s = Scenario()
        s.model = .gbm
        s.paths = 777
        s.margin = .cross
        s.fundingIntervalHours = 24
        s.stepsPerDay = 24
        list.append(("gbm, cross margin, daily funding", s))
        return list
    }()

    @Test(arguments: 0..<scenarios.count)
    func fusedKernelMatchesTheGeneralKernel(index: Int) throws {
        let (name, scenario) = Self.scenarios[index]
        try scenario.validate()
        let fused = SimulationPlan(scenario: scenario)
        #expect(fused.usesFusedKernel, "\(name)")
        var general = fused
        general.forcesGeneralKernel = true
        #expect(!general.usesFusedKernel)
        let a = outputs(fused, seed: 31)
        let b = outputs(general, seed: 31)
        #expect(a.terminalIndex == b.terminalIndex, "\(name): the price paths must be identical")
        #expect(a.bands == b.bands, "\(name)")
        let coin = zip(a.netCoin, b.netCoin).filter { !Self.close($0, $1) }.count
        #expect(coin == 0, "\(name): \(coin) coin values differ")
        for cell in 0..<fused.cells.count {
            #expect(a.sums[cell][CellSums.liquidations] == b.sums[cell][CellSums.liquidations], "\(name) cell \(cell)")
            #expect(a.sums[cell][CellSums.liquidationSteps] == b.sums[cell][CellSums.liquidationSteps], "\(name) cell \(cell)")
            for field in 0..<CellSums.fieldCount {
                #expect(Self.close(a.sums[cell][field], b.sums[cell][field]), "\(name) cell \(cell) field \(field)")
            }
        }
        let liquidations = a.sums.reduce(0) { $0 + $1[CellSums.liquidations] }
        print("\(name): \(liquidations) liquidations, \(a.netCoin.count) values compared")
    }

    /// One block (a short one: 203 paths) through the fused kernel compiled for AVX-512, AVX2 and
    /// baseline x86-64: the same bits everywhere (levels the CPU lacks run as the highest it has).
    @Test func everyLevelGivesTheSameBits() {
        var scenario = Scenario.w1
        scenario.paths = 203
        scenario.betweenStepCheck = true
        scenario.leverages = [2, 5]
        scenario.horizonDays = 10
        let plan = SimulationPlan(scenario: scenario)
        let kernel = PathBlockKernel(plan: plan, random: CounterRandomSource(seed: 8))
        func state(level: Int) -> [Double] {
            let scratch = BlockScratch(
                paths: SimulationPlan.blockSize, chunkSteps: SimulationPlan.chunkSteps, groups: plan.thresholds.count,
                bandPoints: plan.bandSteps.count)
            VectorMath.withLevel(level) { _ in kernel.run(firstPath: 0, count: scenario.paths, scratch: scratch) }
            let n = scenario.paths
            let records = plan.thresholds.count * LiquidationRecord.fieldCount * n
            let rows: [UnsafeMutablePointer<Double>] = [
                scratch.stateLogIndex, scratch.stateInverseMark, scratch.stateFundingIn, scratch.stateFundingOut,
            ]
            return rows.flatMap { Array(UnsafeBufferPointer(start: $0, count: n)) }
                + Array(UnsafeBufferPointer(start: scratch.records, count: records))
        }
        let reference = state(level: 3)
        for level in [2, 0] {
            #expect(zip(reference, state(level: level)).allSatisfy { $0.bitPattern == $1.bitPattern }, "level \(level)")
        }
    }

    @Test func otherModelsAndInstrumentsUseTheGeneralKernel() {
        var s = Scenario()
        s.model = .garch
        #expect(!SimulationPlan(scenario: s).usesFusedKernel)
        s = Scenario()
        s.instrument = .dated
        s.expiryDays = 60
        #expect(!SimulationPlan(scenario: s).usesFusedKernel)
        s = Scenario()
        s.stepsPerDay = 24 * 4
        s.fundingIntervalHours = 0.125
        #expect(!SimulationPlan(scenario: s).usesFusedKernel)
    }
}
