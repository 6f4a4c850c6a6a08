import Foundation
import Testing
@testable import HedgeSimCore

/// Every input error is one line, whatever bytes the input held (the fuzzer's first find was a YAML
/// key with newlines inside, echoed into the message).
@Suite struct InputErrorTests {
    @Test func controlCharactersAreEscapedAndLongValuesCut() {
        let error = InputError(field: "con\nfig", value: "a\nb\r\tc\u{0}" + String(repeating: "x", count: 200), allowed: "text")
        #expect(!error.description.contains("\n") && !error.description.contains("\r"))
        #expect(error.description.contains("a\\nb\\r\\tc\\u{0}"))
        #expect(error.value.count <= 81)
    }

    /// The files in Fuzz/regressions once crashed the scenario fuzz target; each must now give one
    /// `InputError` of one line.
    @Test func fuzzRegressionsGiveOneLineErrors() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fuzz/regressions").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!files.isEmpty)
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let text = String(decoding: data, as: UTF8.self)
            do {
                var scenario = Scenario()
                try ScenarioDocument(text: text, source: file).apply(to: &scenario)
                try scenario.validate()
            } catch let error as InputError {
                #expect(!error.description.contains("\n"), "\(file)")
            }
        }
    }
}
