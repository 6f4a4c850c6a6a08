import Foundation
import Testing

/// Every command in README.md and docs/*.md runs from a fresh clone, so none may name a file that
/// only the development checkout has: `../shared`, `/work/` or a home folder.
/// (`Scripts/check-docs-commands.sh` runs the commands themselves.)
@Suite struct DocumentedCommandPathTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let forbidden = ["../shared", "/work/", "/home/", "/root/", "/Users/", "~/"]

    /// The documents: the README and every guide in docs/.
    static func documents() throws -> [URL] {
        let docs = root.appendingPathComponent("docs")
        let guides = try FileManager.default.contentsOfDirectory(at: docs, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
        return [root.appendingPathComponent("README.md")] + guides.sorted { $0.path < $1.path }
    }

    /// The command lines of one document with their line numbers: the `$ ` lines of `console` blocks
    /// (with their continuation lines), every line of `sh` blocks, and inline code that starts with
    /// `hedgesim ` or `Scripts/`.
    static func commandLines(of text: String) -> [(line: Int, text: String)] {
        var commands: [(line: Int, text: String)] = []
        var language: String?
        var continues = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") {
                language = language == nil ? String(line.dropFirst(3)) : nil
                continues = false
                continue
            }
            switch language {
            case "sh"?:
                commands.append((index + 1, line))
            case "console"?:
                if line.hasPrefix("$ ") || continues { commands.append((index + 1, line)) }
                continues = (line.hasPrefix("$ ") || continues) && line.hasSuffix("\\")
            case nil:
                let spans = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                for span in spans where span.hasPrefix("hedgesim ") || span.hasPrefix("Scripts/") {
                    commands.append((index + 1, span))
                }
            default:
                continue
            }
        }
        return commands
    }

    @Test func documentsHaveCommands() throws {
        let count = try Self.documents().map { Self.commandLines(of: try String(contentsOf: $0, encoding: .utf8)).count }
            .reduce(0, +)
        #expect(count > 30, "found only \(count) documented command lines; is the extraction broken?")
    }

    @Test func noCommandNeedsTheDevelopmentCheckout() throws {
        for document in try Self.documents() {
            let name = document.path.replacingOccurrences(of: Self.root.path + "/", with: "")
            for command in Self.commandLines(of: try String(contentsOf: document, encoding: .utf8)) {
                for path in Self.forbidden where command.text.contains(path) {
                    Issue.record("\(name):\(command.line): \(path) in a documented command: \(command.text)")
                }
            }
        }
    }

    @Test func extractionFindsEachKindOfCommand() {
        let text = "Run `hedgesim run --seed 1`.\n```console\n$ hedgesim a \\\n  --b\nout\n```\n```sh\nx\n```\n```text\ny\n```"
        #expect(Self.commandLines(of: text).map(\.text) == ["hedgesim run --seed 1", "$ hedgesim a \\", "--b", "x"])
    }
}
