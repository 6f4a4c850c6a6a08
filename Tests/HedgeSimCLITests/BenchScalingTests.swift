import Foundation
import Testing
@testable import HedgeSimReport

/// What the report concludes from its points: placements, impossible speed-ups, intervals and the
/// Amdahl model.
@Suite struct BenchScalingTests {
    @Test func pointWithMoreThreadsThanLogicalCPUsIsMarked() throws {
        let machine = BenchFixtures.machine(physical: 2)
        let report = ScalingReport(
            context: BenchFixtures.context(machine: machine),
            measurements: [1, 2, 4].map { BenchFixtures.measurement(threads: $0, seconds: 1 / Double(min($0, 2)) * 1.02) })
        #expect(report.points.map(\.placement) == [.cores, .cores, .oversubscribed])
        #expect(report.points[2].flags.contains(.oversubscribed))
        #expect(!report.points[1].flags.contains(.oversubscribed))
        #expect(report.warnings.contains { $0.hasPrefix("Thread counts 4 exceed the 2 logical CPUs") })
        #expect(try report.render(as: .table).contains("oversubscribed"))
        #expect(try report.render(as: .csv).contains(",oversubscribed,"))
    }

    @Test func smtSiblingsAreTheirOwnPlacement() {
        let machine = BenchFixtures.machine(physical: 4, siblings: 2)
        #expect(machine.threadCounts() == [1, 2, 4, 8])
        #expect(machine.threadCounts(upTo: 6) == [1, 2, 4, 6])
        #expect(machine.threadCounts(upTo: 20) == [1, 2, 4, 8, 16, 20])
        #expect([3, 4, 5, 8, 9].map { machine.placement(threads: $0) } == [.cores, .cores, .smtSiblings, .smtSiblings, .oversubscribed])
        // One CPU per physical core first, then the siblings.
        #expect((0..<9).map { machine.pinnedCPU(worker: $0) } == [0, 1, 2, 3, 4, 5, 6, 7, 0])
        let six = BenchFixtures.machine(physical: 6, siblings: 2)
        #expect(six.threadCounts() == [1, 2, 4, 6, 8, 12])
    }

    /// 3.84 at 8 threads on 2 cores, or 106 % at 2 threads: noise, shown as such, never as a result.
    @Test func speedUpAboveTheThreadCountIsFlaggedAsNoise() throws {
        let machine = BenchFixtures.machine(physical: 2)
        let measurements = [
            BenchFixtures.measurement(threads: 1, seconds: 1.0),
            BenchFixtures.measurement(threads: 2, seconds: 1.0 / 2.12),
            BenchFixtures.measurement(threads: 8, seconds: 1.0 / 3.84),
        ]
        let report = ScalingReport(context: BenchFixtures.context(machine: machine), measurements: measurements)
        #expect(report.points[1].flags.contains(.impossibleSpeedUp))
        #expect(report.points[2].flags.contains(.impossibleSpeedUp) && report.points[2].flags.contains(.oversubscribed))
        #expect(!report.points[1].usable && !report.points[2].usable)
        #expect(report.points[1].efficiencyText == "noise")
        let table = try report.render(as: .table)
        #expect(!table.contains("3.84") && !table.contains("106.0%") && !table.contains("2.12"))
        #expect(table.contains("impossible-speed-up"))
        let csv = try report.render(as: .csv)
        #expect(!csv.contains(",3.84"))
        // Within the interval, a speed-up a little above the thread count is marked but stays a result.
        let close = ScalingReport(
            context: BenchFixtures.context(machine: machine),
            measurements: [BenchFixtures.measurement(threads: 1, seconds: 1), BenchFixtures.measurement(threads: 2, seconds: 0.4985)])
        #expect(close.points[1].speedUp > 2 && close.points[1].flags == [.aboveIdealWithinInterval] && close.points[1].usable)
    }

    @Test func pointAboveItsOwnRandomFloorShowsNoise() throws {
        var fast = BenchFixtures.measurement(threads: 1, seconds: 0.05)
        fast.randomFloorPathStepsPerSecond = 1e9
        let report = ScalingReport(context: BenchFixtures.context(machine: BenchFixtures.machine(physical: 2)), measurements: [fast])
        #expect(try #require(report.points[0].limits.fractionOfRandomFloor) > 1)
        #expect(report.points[0].ofFloorText == "noise")
        #expect(report.warnings.contains { $0.contains("floor at threads 1") })
        let normal = ScalingReport(
            context: BenchFixtures.context(machine: BenchFixtures.machine(physical: 2)),
            measurements: [BenchFixtures.measurement(threads: 1, seconds: 0.144)])
        #expect(normal.points[0].ofFloorText == "50.0%")
    }

    @Test func noisyBaselineMarksEveryPoint() throws {
        let machine = BenchFixtures.machine(physical: 2)
        let report = ScalingReport(
            context: BenchFixtures.context(machine: machine, threshold: 0.1),
            measurements: [BenchFixtures.measurement(threads: 1, seconds: 1, others: 0.3), BenchFixtures.measurement(threads: 2, seconds: 0.55)])
        #expect(report.points[0].flags == [.noisy])
        #expect(report.points[1].flags == [.noisyBaseline])
        #expect(report.points.allSatisfy { !$0.usable })
        // A model fitted to flagged points is shown, but not as a result.
        #expect(report.model?.usable == false)
        #expect(try report.render(as: .table).contains("Scaling model: NOT A RESULT"))
    }

    @Test func medianIntervalFromOrderStatistics() {
        let six = MedianInterval([6, 1, 5, 2, 4, 3])
        #expect(six.median == 3.5 && six.low == 1 && six.high == 6)
        #expect(abs(six.level - (1 - 2.0 / 64)) < 1e-12)
        let ten = MedianInterval((1...10).map(Double.init))
        #expect(ten.low == 2 && ten.high == 9)
        #expect(abs(ten.level - (1 - 2 * 11.0 / 1024)) < 1e-12)
        let five = MedianInterval([1, 2, 3, 4, 5])
        #expect(five.low == 1 && five.high == 5 && abs(five.level - 0.9375) < 1e-12)
        #expect(MedianInterval([2]).level == 0 && MedianInterval([2]).standardError == nil)
    }

    /// Synthetic timings from T(p) = T₁·(s + (1 − s)/p) with s = 0.07, scattered by ±0.5 %: the fit
    /// gives s back within its error, and the predictions hold the true efficiencies.
    @Test func amdahlFitRecoversAKnownSerialFraction() throws {
        let serial = 0.07, one = 8.0
        let counts = [1, 2, 4, 8, 16, 32]
        let observations = counts.map { threads -> AmdahlFit.Observation in
            let truth = one * (serial + (1 - serial) / Double(threads))
            let runs = BenchFixtures.measurement(threads: threads, seconds: truth, repeats: 7).seconds
            let median = MedianInterval(runs)
            return AmdahlFit.Observation(threads: threads, seconds: median.median, standardError: median.standardError)
        }
        let fit = try #require(AmdahlFit(observations))
        let error = try #require(fit.standardError)
        #expect(abs(fit.serialFraction - serial) < 0.002, "s = \(fit.serialFraction)")
        #expect(abs(fit.serialFraction - serial) < 3 * error && error < 0.01)
        #expect(abs(fit.oneThreadSeconds - one) < 0.05)
        for cores in [16, 32, 64, 128] {
            let (efficiency, interval) = fit.prediction(threads: cores)
            let truth = AmdahlFit.efficiency(serialFraction: serial, threads: cores)
            #expect(abs(efficiency - truth) < 0.02)
            #expect(try #require(interval).contains(truth))
        }
        // Exact timings and single runs: s exactly, the error from the (zero) residuals.
        let exact = counts.map { AmdahlFit.Observation(threads: $0, seconds: one * (0.25 + 0.75 / Double($0)), standardError: nil) }
        let perfect = try #require(AmdahlFit(exact))
        #expect(abs(perfect.serialFraction - 0.25) < 1e-12)
        #expect((perfect.standardError ?? 1) < 1e-9)
        // One thread count cannot determine s.
        #expect(AmdahlFit([AmdahlFit.Observation(threads: 4, seconds: 1, standardError: 0.01)]) == nil)
    }

    @Test func reportModelUsesThePhysicalCorePointsAndSaysWhereItComesFrom() throws {
        let machine = BenchFixtures.machine(physical: 4, siblings: 2)
        let timings = [1: 1.0, 2: 0.55, 4: 0.325, 8: 0.3]
        let report = ScalingReport(
            context: BenchFixtures.context(machine: machine),
            measurements: timings.keys.sorted().map { BenchFixtures.measurement(threads: $0, seconds: timings[$0]!) })
        let model = try #require(report.model)
        #expect(model.threadsFitted == [1, 2, 4] && model.usable)
        #expect(abs(model.serialFraction - 0.1) < 0.005)
        #expect(model.predictions.map(\.cores) == [16, 32, 64, 128])
        #expect(model.basis.contains("extrapolation") && model.basis.contains("1, 2, 4 threads"))
        #expect(try report.render(as: .table).contains("Scaling model: serial fraction s = 0.1"))
    }

    @Test func jsonRoundTripsAndCarriesTheSchemaVersion() throws {
        let report = ScalingReport(
            context: BenchFixtures.context(machine: BenchFixtures.machine(physical: 2)),
            measurements: [BenchFixtures.measurement(threads: 1, seconds: 1), BenchFixtures.measurement(threads: 2, seconds: 0.52)])
        let json = try report.render(as: .json)
        #expect(json.contains("\"schemaVersion\" : 2"))
        let back = try ScalingReport.decode(Data(json.utf8), source: "run.json")
        #expect(try back.render(as: .json) == json)
    }
}
