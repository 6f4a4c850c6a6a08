import ArgumentParser
import Foundation

/// `hedgesim`: Monte Carlo risk of hedging a coin holding with inverse futures.
@main
struct HedgeSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedgesim",
        abstract: "Choose a hedge ratio for a coin holding shorted against inverse (coin-margined) futures.",
        discussion: "`hedgesim` alone runs `hedgesim run`. See `hedgesim run --help` for every scenario option.",
        version: "hedgesim 0.1.0",
        subcommands: [RunCommand.self, CompareCommand.self, InitCommand.self, BatchCommand.self, MergeCommand.self, BenchCommand.self, CalibrateCommand.self, BacktestCommand.self, VenuesCommand.self, LiquidationPriceCommand.self, SizeCommand.self],
        defaultSubcommand: RunCommand.self)

    /// Parses and runs; every failure prints one line on standard error and exits non-zero, with no
    /// usage dump and no stack trace. Help and version requests print as usual.
    static func main() {
        InterruptCleanup.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "failed"
            FileHandle.standardError.write(Data(("hedgesim: error: " + message + "\n").utf8))
            Foundation.exit(code == .failure ? 1 : code.rawValue)
        }
    }
}
