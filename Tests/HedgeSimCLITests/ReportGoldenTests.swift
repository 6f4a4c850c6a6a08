import Foundation
import HedgeSimCore
import HedgeSimReport
import Testing

/// Golden files of every report format (`Tests/ReportGolden/report.*`) rendered from one fixed small run
/// (`ReportGoldenFixture`: fixed scenario and seed, fixed timing, two stress outcomes), compared as
/// `ReportGoldenComparison` explains: text exactly, numbers to nine significant digits, because the
/// last bits of a double depend on the CPU's vector-math path.
///
/// To regenerate the files after an intended change of a report, run
/// `HEDGESIM_UPDATE_GOLDEN=1 swift test --skip-build --filter ReportGolden` and review the diff.
@Suite struct ReportGoldenTests {
    /// The folder of the golden files: `Tests/ReportGolden`, beside this target's folder rather than in it,
    /// because SwiftPM warns about files in a target that the manifest does not declare.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ReportGolden")

    /// The golden file of `format`.
    static func file(_ format: ReportFormat) -> URL {
        let fileExtension: String
        switch format {
        case .table: fileExtension = "txt"
        case .markdown: fileExtension = "md"
        case .json, .csv, .html: fileExtension = format.rawValue
        }
        return folder.appendingPathComponent("report.\(fileExtension)")
    }

    @Test(arguments: ReportFormat.allCases)
    func matchesTheGoldenFile(_ format: ReportFormat) throws {
        let rendered = try ReportRenderer.render(try ReportGoldenFixture.result(), as: format)
        let file = Self.file(format)
        if ProcessInfo.processInfo.environment["HEDGESIM_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: file)
            return
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        let difference = ReportGoldenComparison.firstDifference(expected: golden, actual: rendered)
        #expect(
            difference == nil,
            "\(file.lastPathComponent): \(difference ?? "") — if the change is intended, regenerate with HEDGESIM_UPDATE_GOLDEN=1")
    }

    @Test func theComparisonToleratesLastBitNoiseOnly() {
        let line: Substring = "\"mean\" : 350124.12345678901, \"q\" : 1e-05, 70,000 USD"
        #expect(ReportGoldenComparison.linesMatch(line, "\"mean\" : 350124.12345678906, \"q\" : 1.0000000000000002e-05, 70,000 USD"))
        #expect(!ReportGoldenComparison.linesMatch(line, "\"mean\" : 350124.2, \"q\" : 1e-05, 70,000 USD"))
        #expect(!ReportGoldenComparison.linesMatch(line, "\"mean\" : 350124.12345678901, \"q\" : 1e-05, 70,001 USD"))
        #expect(!ReportGoldenComparison.linesMatch(line, "\"mean\" : -350124.12345678901, \"q\" : 1e-05, 70,000 USD"))
        #expect(!ReportGoldenComparison.linesMatch(line, "\"mean\" : 350124.12345678901, \"q\" : 1e-05, 70,000 USDT"))
    }
}
