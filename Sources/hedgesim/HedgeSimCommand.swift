import ArgumentParser
import Foundation
import HedgeSimCore

/// `hedgesim`: Monte Carlo risk of hedging a coin holding with inverse futures.
@main
struct HedgeSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedgesim",
        abstract: "Choose a hedge ratio for a coin holding shorted against inverse (coin-margined) futures.",
        discussion: "`hedgesim` alone runs `hedgesim run`. See `hedgesim run --help` for every scenario option.",
        version: "hedgesim 0.1.0",
        subcommands: [RunCommand.self, CompareCommand.self, InitCommand.self, BatchCommand.self, MergeCommand.self, BenchCommand.self, CalibrateCommand.self, BacktestCommand.self, VenuesCommand.self, LiquidationPriceCommand.self, SizeCommand.self, MonitorCommand.self, JournalCommand.self, PortfolioCommand.self],
        defaultSubcommand: RunCommand.self)

    /// Parses and runs; every failure prints one line on standard error and exits non-zero, with no
    /// usage dump and no stack trace. Help and version requests print as usual.
    static func main() {
        InterruptCleanup.install()
        do {
            try checkSubcommand(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode where !exit.isSuccess {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error)
            }
            let message = typedOptionMessage(self.message(for: error).split(separator: "\n").first.map(String.init) ?? "failed")
            FileHandle.standardError.write(Data(("hedgesim: error: " + message + "\n").utf8))
            Foundation.exit(code == .failure ? 1 : code.rawValue)
        }
    }

    /// Matches the first word against the subcommands before any option is parsed, so a mistyped
    /// subcommand gets "did you mean" instead of falling through to `run` and failing on an option
    /// it does not have. `run` takes no positional argument, so a first word that is no subcommand
    /// (and not `help`) is always a mistake.
    /// - Throws: `ValidationError` naming the word and the closest subcommand.
    static func checkSubcommand(_ arguments: [String]) throws {
        guard let word = arguments.first, !word.hasPrefix("-"), word != "help" else { return }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        guard !names.contains(word) else { return }
        let closest = names.map { ($0, ScenarioFields.editDistance($0, word.lowercased())) }.min { $0.1 < $1.1 }
        let hint = closest.flatMap { $0.1 <= 3 || $0.0.hasPrefix(word.lowercased()) ? " (did you mean '\($0.0)'?)" : nil } ?? ""
        throw ValidationError(
            "unknown subcommand '\(word)'\(hint); allowed: \(names.joined(separator: " | ")), or run options alone")
    }

    /// A typed option's refusal ("The value 'X' is invalid for '--some-flag <some-flag>': allowed: …",
    /// ArgumentParser's words for a transform that threw `AllowedValues`) in the words of every other
    /// input error: "invalid someFlag (--some-flag): X; allowed: …". Other messages pass unchanged.
    static func typedOptionMessage(_ message: String) -> String {
        let pattern = #"^The value '(.*)' is invalid for '(--[a-z0-9-]+)[^']*': allowed: (.*)$"#
        guard let match = message.wholeMatch(of: try! Regex(pattern)),
              let value = match.output[1].substring, let flag = match.output[2].substring, let allowed = match.output[3].substring
        else { return message }
        let words = flag.dropFirst(2).split(separator: "-")
        let field = (words.first.map(String.init) ?? "") + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return "invalid \(field) (\(flag)): \(value); allowed: \(allowed)"
    }
}
