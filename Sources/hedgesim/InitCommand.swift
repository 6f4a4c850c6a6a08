import ArgumentParser
import Foundation
import HedgeSimCore

/// `hedgesim init`: write a commented starter scenario.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter scenario (YAML) that runs as is.",
        discussion: "Without FILE the scenario is printed. An existing FILE is kept unless --force is given. "
            + "Run the result with `hedgesim run --config FILE`." + "\n\nExample: hedgesim init desk.yaml")

    @Argument(help: "File to write (atomically); omit it to print the scenario.") var file: String?
    @Flag(help: "Overwrite FILE when it exists.") var force = false

    func run() throws {
        guard let file else {
            FileHandle.standardOutput.write(Data(StarterScenario.text.utf8))
            return
        }
        if !force && FileManager.default.fileExists(atPath: file) {
            throw ValidationError("\(file) already exists; use --force to overwrite it")
        }
        do {
            try OutputFile.writeAtomically(StarterScenario.text, to: file)
        } catch let error as InputError {
            throw ValidationError(error.description)
        }
    }
}
