import Foundation
import HedgeSimCore

/// Fuzz targets: any byte string must give either a valid scenario or one `InputError`, never a
/// crash, a hang or a multi-line message.
enum FuzzTargets {
    /// The scenario file path: parse, apply to the default scenario, validate.
    static func scenarioFile(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let text = String(bytes: bytes, encoding: .utf8) else { return }
        do {
            var scenario = Scenario()
            let document = try ScenarioDocument(text: text, source: "fuzz.yaml")
            try document.apply(to: &scenario)
            try scenario.validate()
        } catch let error as InputError {
            precondition(!error.description.contains("\n"), "multi-line error: \(error)")
        } catch {
            preconditionFailure("unexpected error type: \(error)")
        }
    }
}

#if FUZZING
/// libFuzzer's entry point (libFuzzer provides `main`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTargets.scenarioFile(UnsafeBufferPointer(start: data, count: size))
    return 0
}
#else
/// Without libFuzzer: replays files (a corpus or crash reproducers) through the same target.
@main
struct FuzzReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            data.withUnsafeBytes { FuzzTargets.scenarioFile($0.bindMemory(to: UInt8.self)) }
        }
    }
}
#endif
