import Foundation

/// Reads the small text files of `/proc` and `/sys`, under `root` (empty for the real ones; tests
/// point it at a fake tree).
struct SystemFiles: Sendable {
    var root = ""

    /// The whole file, or nil when it is missing or unreadable.
    func text(_ path: String) -> String? {
        // /proc and /sys files report a size of 0 or 4096, so read them as a stream, not by size.
        guard let handle = FileHandle(forReadingAtPath: root + path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The file's first line, trimmed.
    func line(_ path: String) -> String? {
        text(path).flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).first }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The file's first line as an integer.
    func integer(_ path: String) -> Int? { line(path).flatMap { Int($0) } }

    /// The names in a folder, or an empty list.
    func names(in path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: root + path)) ?? []
    }

    /// The value of the first `key : value` line of `/proc/cpuinfo`-style text whose key is `key`.
    static func field(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
