import Foundation
import Testing

/// Results do not depend on the number of worker threads: bit-identical JSON once timing is dropped.
@Suite struct ThreadInvarianceTests {
    @Test func bitIdenticalReportsForOneTwoThreeAndSevenThreads() throws {
        var canonical: [Int: String] = [:]
        for threads in [1, 2, 3, 7] {
            let report = try ReportJSON.run(["--seed", "42", "--paths", "3000", "--threads", String(threads)])
            #expect(ReportJSON.number(report, "timing", "threads") == Double(threads))
            canonical[threads] = try ReportJSON.canonical(report)
        }
        let reference = try #require(canonical[1])
        #expect(ReportJSON.cells(try ReportJSON.parse(reference)).count == 11)
        for threads in [2, 3, 7] {
            #expect(canonical[threads] == reference, "--threads \(threads) differs from --threads 1")
        }
    }
}
