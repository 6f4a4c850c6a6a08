import Foundation
@_spi(Bench) import HedgeSimCore
import Testing
@testable import HedgeSimReport

/// `--pin`: workers bound to distinct physical cores, and results bit-identical to unpinned runs.
/// Serialized: both tests bind threads of the shared pool, and one test's binding must not be what
/// the other reads as its caller's CPUs (the only in-process pinning in the suite).
@Suite(.serialized) struct BenchPinningTests {
    private func canonical(_ result: SimulationResult) throws -> Data {
        var result = result
        result.timing = SimulationTiming(threads: 0, simulationSeconds: 0, summarySeconds: 0, pathSteps: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(result)
    }

    @Test func pinnedRunsAreBitIdenticalToUnpinnedOnes() throws {
        let topology = HostTopology.inspect()
        let usable = topology.coreCPUs.flatMap { $0 }.sorted()
        let callerCPUs = ThreadAffinity.allowedCPUs()
        var scenario = Scenario.w1
        scenario.paths = 4000
        var auto = Scenario()
        auto.paths = 3000
        for workload in [scenario, auto] {
            let plain = try HedgeSimulation.run(workload, seed: 17, threads: 3)
            let workers = WorkerThreads(topology: topology, pinned: true)
            let pinned = try HedgeSimulation.run(workload, seed: 17, threads: 3, workerSetup: { workers.setUp(worker: $0) })
            workers.release()
            #expect(ThreadAffinity.allowedCPUs() == callerCPUs, "the caller ran worker 0 and must get its CPUs back")
            #expect(try canonical(pinned) == canonical(plain))
            #expect(workers.workingThreads.count >= 1)
            if ThreadAffinity.isAvailable {
                // Each worker ran on exactly the CPU the plan gave it.
                let bound = workers.workerCPUs
                #expect(bound.keys.sorted() == [0, 1, 2])
                for (worker, cpus) in bound { #expect(cpus == [topology.pinnedCPU(worker: worker)]) }
            }
            // Unpinned, the hook gives every worker all usable CPUs back.
            let free = WorkerThreads(topology: topology, pinned: false)
            let again = try HedgeSimulation.run(workload, seed: 17, threads: 3, workerSetup: { free.setUp(worker: $0) })
            #expect(try canonical(again) == canonical(plain))
            if ThreadAffinity.isAvailable {
                for cpus in free.workerCPUs.values { #expect(cpus == usable) }
            }
        }
    }

    @Test(.enabled(if: ThreadAffinity.isAvailable, "needs Linux affinity"))
    func pinnedBenchRecordsOneCPUPerWorker() throws {
        let topology = HostTopology.inspect()
        var settings = BenchRunner.Settings()
        settings.repeats = 1
        settings.pinned = true
        settings.maxReruns = 0
        var workload = Scenario.w1
        workload.paths = 3000
        let callerCPUs = ThreadAffinity.allowedCPUs()
        let runner = BenchRunner(workload: workload, workloadName: "w1", topology: topology, settings: settings)
        let report = try runner.run(threadCounts: [1, 2])
        #expect(report.settings.pinned && report.label.hasSuffix("pinned"))
        #expect(report.points[0].pinnedCPUs == [topology.pinnedCPU(worker: 0)])
        #expect(report.points[1].pinnedCPUs == [0, 1].map { topology.pinnedCPU(worker: $0) })
        // The calling thread gets its CPUs back after every run.
        #expect(ThreadAffinity.allowedCPUs() == callerCPUs)
    }
}
