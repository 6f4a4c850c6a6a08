import Foundation
import HedgeSimCore
import Testing
@testable import HedgeSimReport

/// The noise column: others' CPU time during a point, flagged above the threshold in every format.
@Suite struct BenchNoiseTests {
    /// Spins on its own thread until stopped: a busy loop that is not part of the measured work.
    final class Spinner: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false
        private let running = DispatchSemaphore(value: 0)

        func start() {
            Thread.detachNewThread { self.spin() }
            running.wait()
        }

        func stop() {
            lock.lock()
            stopped = true
            lock.unlock()
        }

        private func spin() {
            running.signal()
            var counter: UInt64 = 0
            while true {
                for _ in 0..<200_000 { counter = counter &* 6_364_136_223_846_793_005 &+ 1 }
                lock.lock()
                let done = stopped
                lock.unlock()
                if done { break }
            }
            if counter == 42 { print(counter) }
        }
    }

    static let measurable = CPUNoiseProbe(cpus: [0]) != nil

    @Test(.enabled(if: measurable, "needs /proc/stat (Linux)"))
    func busyLoopOnAnotherThreadIsDetectedAndFlagged() throws {
        let topology = HostTopology.inspect()
        var settings = BenchRunner.Settings()
        settings.repeats = 3
        settings.maxReruns = 1
        settings.measuresLimits = false
        // The busy loop takes one CPU of the usable ones; half of that is the threshold, so the test
        // holds on any core count and however busy the machine already is.
        let oneCPU = 1 / Double(topology.logicalCores)
        settings.noiseThreshold = 0.5 * oneCPU
        var workload = Scenario.w1
        workload.paths = 40_000
        let runner = BenchRunner(workload: workload, workloadName: "w1", topology: topology, settings: settings)
        let spinner = Spinner()
        spinner.start()
        let report = try runner.run(threadCounts: [1])
        spinner.stop()
        let point = try #require(report.points.first)
        let noise = try #require(point.noise)
        #expect(noise.othersCPUFraction > 0.7 * oneCPU, "others \(noise.othersCPUFraction), one CPU \(oneCPU)")
        #expect(point.flags.contains(.noisy))
        #expect(!point.usable)
        #expect(point.discardedRuns == 1, "one rerun allowed, and it was noisy too")
        #expect(report.warnings.contains { $0.hasPrefix("Noisy points at threads 1") })
        for format in [ReportFormat.table, .csv, .html, .json] {
            #expect(try report.render(as: format).contains("noisy"), "\(format) does not flag the noisy point")
        }
    }

    /// Others = busy time of the usable CPUs − (process time − time of threads outside the work).
    @Test func othersAreBusyTimeLessTheWorkingThreads() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.path("proc"), withIntermediateDirectories: true)
        try "cpu  1 2 3 4\ncpu0 1 0 0 0\ncpu1 1 0 0 0\n".write(toFile: scratch.path("proc/stat"), atomically: true, encoding: .utf8)
        let probe = try #require(CPUNoiseProbe(cpus: [0, 1], files: SystemFiles(root: scratch.url.path)))
        let ticks = probe.ticksPerSecond
        let start = CPUNoiseProbe.Snapshot(
            wallNanoseconds: 0, busyTicks: 0, processCPUSeconds: 10, threadCPUSeconds: [1: 4, 2: 3, 7: 3])
        // 1 s of wall time on 2 CPUs: 3 s busy in all; the process used 2.5 s, of which the foreign
        // thread 7 used 1 s and the new thread 9 (not a worker either) 0.2 s.
        let end = CPUNoiseProbe.Snapshot(
            wallNanoseconds: 1_000_000_000, busyTicks: UInt64(3 * ticks), processCPUSeconds: 12.5,
            threadCPUSeconds: [1: 4.8, 2: 3.5, 7: 4, 9: 0.2])
        let reading = probe.reading(from: start, to: end, working: [1, 2])
        #expect(abs(reading.othersCPUSeconds - 1.7) < 1e-9)
        #expect(abs(reading.capacitySeconds - 2) < 1e-9)
        #expect(abs(reading.fraction - 0.85) < 1e-9)
    }

    @Test func readsBusyTicksOfTheUsableCPUsOnly() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.path("proc"), withIntermediateDirectories: true)
        // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
        let stat = "cpu  9 9 9 9 9 9 9 9 0 0\ncpu0 1 2 3 100 50 4 5 6 0 0\ncpu1 1000 0 0 0 0 0 0 0 0 0\ncpu2 10 0 0 0 0 0 0 0 0 0\nintr 5\n"
        try stat.write(toFile: scratch.path("proc/stat"), atomically: true, encoding: .utf8)
        let probe = try #require(CPUNoiseProbe(cpus: [0, 2], files: SystemFiles(root: scratch.url.path)))
        #expect(probe.busyTicks() == 21 + 10)
    }
}
