import Foundation
import HedgeSimCore

/// One scenario of a batch: a file without variants, or one variant of a file.
struct BatchItem {
    /// Folder name under the reports folder: the file's name without extension, `file.variant` for a
    /// variant of a folder's file, the variant's name for the variants of one file.
    let name: String
    /// The scenario file and its text, copied into the item's folder.
    let file: String
    let text: String
    /// The document's run, or the one-line reason the file could not be read.
    let run: Result<ScenarioDocument.Run, BatchItemError>
}

/// Why one scenario of a batch failed, in one line.
struct BatchItemError: Error, CustomStringConvertible {
    let description: String
}

/// Finds the scenarios of `hedgesim batch DIR|FILE`.
enum BatchInputs {
    /// The extensions read from a folder.
    static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Every *.yaml, *.yml and *.json of a folder (sorted by name, hidden files skipped), each file's
    /// variants in file order; or the variants of one file. A file that cannot be read or parsed is
    /// one failing item, so the others still run.
    /// - Throws: `InputError` on `input` when the path is missing or the folder has no scenario files.
    static func items(at path: String) throws -> [BatchItem] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw InputError(flag: "", field: "input", value: path, allowed: "a folder of scenario files or one scenario file")
        }
        guard isFolder.boolValue else { return items(of: path, prefix: nil) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let files = names.filter { !$0.hasPrefix(".") && extensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }.sorted()
        guard !files.isEmpty else {
            throw InputError(flag: "", field: "input", value: path, allowed: "a folder with *.yaml, *.yml or *.json scenario files")
        }
        return files.flatMap { file in
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            return items(of: URL(fileURLWithPath: path).appendingPathComponent(file).path, prefix: stem)
        }
    }

    /// The items of one file: named `prefix` (or the file's stem) without variants, `prefix.variant`
    /// (or the variant) with them.
    private static func items(of file: String, prefix: String?) -> [BatchItem] {
        let stem = prefix ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            let error = BatchItemError(description: "\(file) is not a readable UTF-8 file")
            return [BatchItem(name: stem, file: file, text: "", run: .failure(error))]
        }
        do {
            let runs = try ScenarioDocument(text: text, source: URL(fileURLWithPath: file).lastPathComponent).runs()
            return runs.map { run in
                let name = run.variant.map { prefix == nil ? $0 : "\(stem).\($0)" } ?? stem
                return BatchItem(name: name, file: file, text: text, run: .success(run))
            }
        } catch {
            return [BatchItem(name: stem, file: file, text: text, run: .failure(BatchItemError(description: "\(error)")))]
        }
    }
}
