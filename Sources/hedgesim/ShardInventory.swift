import Foundation
import HedgeSimCore

/// What a folder of partial files holds for `hedgesim merge --missing DIR`: the shards of one run
/// whose complete, unaltered partial file is there, and so the ones to run again.
///
/// Only `*.part` files that are not hidden count (an interrupted shard's temporary file is hidden and
/// ends in `.tmp`, so it never does). A damaged file counts as absent and is reported, so that the
/// shard it held is resubmitted. The shard count comes from the files themselves.
struct ShardInventory {
    /// A `*.part` file that could not be read as a partial file, with the reason.
    struct Ignored {
        let file: String
        let reason: String
    }

    /// The shard count of the run the folder's partial files belong to.
    let shardCount: Int
    /// The files found per shard index (more than one is a mistake that `merge` refuses).
    let files: [Int: [String]]
    /// The `*.part` files that are damaged or not partial files at all.
    let ignored: [Ignored]

    /// The shard indices without a readable partial file, ascending.
    var missing: [Int] { (0..<shardCount).filter { files[$0] == nil } }

    /// The shard indices with more than one partial file, ascending.
    var repeated: [Int] { files.filter { $0.value.count > 1 }.keys.sorted() }

    /// The line printed on standard output: `missing: 1 3`, or `missing: none`.
    var line: String {
        let missing = self.missing
        return "missing: " + (missing.isEmpty ? "none" : missing.map(String.init).joined(separator: " "))
    }

    /// Reads every `*.part` file of `folder`, one at a time.
    /// - Throws: `InputError` when the folder does not exist, holds no readable partial file (then
    ///   the shard count is unknown: every shard must run), or holds partials of more than one run.
    init(folder: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else {
            throw InputError(flag: "--missing", field: "folder", value: folder, allowed: "a readable folder of partial files (*.part)")
        }
        let candidates = names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".part") }.sorted()
        var files: [Int: [String]] = [:]
        var ignored: [Ignored] = []
        var first: (identity: RunIdentity, file: String)?
        for name in candidates {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            let identity: RunIdentity
            do {
                guard let data = FileManager.default.contents(atPath: path) else {
                    ignored.append(Ignored(file: path, reason: "not readable"))
                    continue
                }
                identity = try RunIdentity(data: data, source: name)
            } catch let error as InputError {
                ignored.append(Ignored(file: path, reason: Self.reason(error.allowed)))
                continue
            }
            if let first, let other = first.identity.difference(identity) {
                throw InputError(
                    flag: "--missing", field: "folder", value: folder,
                    allowed: "a folder with the partial files of one run (\(first.file) and \(name) differ: \(other))")
            }
            if first == nil { first = (identity, name) }
            files[identity.shard.index, default: []].append(path)
        }
        guard let first else {
            let found = candidates.isEmpty ? "no *.part file" : "no readable one among \(candidates.count) *.part files"
            throw InputError(
                flag: "--missing", field: "folder", value: folder,
                allowed: "a folder with at least one partial file of the run (it holds \(found); with none, every shard runs again)")
        }
        shardCount = first.identity.shard.count
        self.files = files
        self.ignored = ignored
    }

    /// The parenthesised reason at the end of a partial file's refusal ("truncated or altered").
    private static func reason(_ allowed: String) -> String {
        guard allowed.hasSuffix(")"), let open = allowed.lastIndex(of: "(") else { return allowed }
        return String(allowed[allowed.index(after: open)..<allowed.index(before: allowed.endIndex)])
    }

}

/// The run a partial file of `hedgesim run --shard` or `hedgesim portfolio --shard` belongs to: its
/// version, seed, shard and scenario (as sorted-key JSON, without the thread count, which does not
/// change results).
private struct RunIdentity {
    let tool: String
    let seed: UInt64
    let shard: ShardSpec
    let setup: Data

    init(data: Data, source: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if PortfolioPartial.isPortfolioPartial(data) {
            let header = try PortfolioPartial(data: data, source: source).header
            var scenario = header.scenario
            scenario.threads = nil
            (tool, seed, shard) = (header.tool, header.seed, header.shard)
            setup = Data("portfolio".utf8) + (try encoder.encode(scenario))
        } else {
            let header = try PartialResult(data: data, source: source).header
            var scenario = header.scenario
            scenario.threads = nil
            (tool, seed, shard) = (header.tool, header.seed, header.shard)
            setup = Data("run".utf8) + (try encoder.encode(scenario))
        }
    }

    /// How `other` differs from this run (nil when both are shards of one run).
    func difference(_ other: RunIdentity) -> String? {
        if tool != other.tool { return "versions \(tool) and \(other.tool)" }
        if seed != other.seed { return "seeds \(seed) and \(other.seed)" }
        if shard.count != other.shard.count { return "shard counts \(shard.count) and \(other.shard.count)" }
        if setup != other.setup { return "different scenarios" }
        return nil
    }
}
