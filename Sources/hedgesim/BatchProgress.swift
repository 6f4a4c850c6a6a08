import Dispatch
import Foundation

/// The progress bar of `hedgesim batch` on standard error: percentage of the paths to simulate, paths
/// per second so far, time left, and the scenario running. Silent when standard error is not a
/// terminal (`isatty`), so logs and pipes get only the final summary.
struct BatchProgress {
    let enabled: Bool
    let scenarios: Int
    /// Paths to simulate in the scenarios that run (reused ones excluded).
    let totalPaths: Double
    private var donePaths = 0.0
    private var doneScenarios = 0
    private let started = DispatchTime.now().uptimeNanoseconds

    init(scenarios: Int, totalPaths: Double, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
        self.scenarios = scenarios
        self.totalPaths = totalPaths
    }

    /// Shows the bar while `name` runs.
    func starting(_ name: String) {
        draw("running \(name)")
    }

    /// Counts a finished scenario and its paths.
    mutating func finished(paths: Double) {
        donePaths += paths
        doneScenarios += 1
        draw("")
    }

    /// Clears the bar's line.
    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(_ note: String) {
        guard enabled else { return }
        let fraction = totalPaths > 0 ? min(1, donePaths / totalPaths) : Double(doneScenarios) / Double(max(1, scenarios))
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let rate = seconds > 0 ? donePaths / seconds : 0
        let eta = rate > 0 ? BatchProgress.clock((totalPaths - donePaths) / rate) : "--:--"
        var line = "[\(bar)] \(String(format: "%3.0f", fraction * 100)) % · \(doneScenarios)/\(scenarios) · "
        line += "\(CalculatorOutput.grouped(rate, decimals: 0)) paths/s · ETA \(eta)"
        if !note.isEmpty { line += " · " + note }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + String(line.prefix(120))).utf8))
    }

    /// `75` → "1:15", `3725` → "1:02:05".
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
