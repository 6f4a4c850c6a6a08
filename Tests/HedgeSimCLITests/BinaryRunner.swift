import Foundation

/// What one run of the `hedgesim` executable left behind.
struct RunOutcome: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool

    /// The lines of standard error, without the final newline.
    var stderrLines: [Substring] {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast(stderr.hasSuffix("\n") ? 1 : 0).map { $0 }
    }
}

/// Finds the built `hedgesim` executable and runs it as a child process with a timeout.
///
/// `swift build --build-tests` puts the executable next to the test runner (the products folder); the
/// `HEDGESIM_BINARY` environment variable overrides the search.
enum BinaryRunner {
    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "hedgesim executable not found (run `swift build --build-tests`); searched: " + searched.joined(separator: ", ")
        }
    }

    /// The executable, or the places searched.
    static let executable: Result<URL, NotFound> = {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["HEDGESIM_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("hedgesim"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("hedgesim"))
        if let runner = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("hedgesim"))
        }
        // Tests/HedgeSimCLITests/BinaryRunner.swift → package root → .build/debug/hedgesim
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/hedgesim"))
        for candidate in candidates {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return .success(candidate.standardizedFileURL)
            }
        }
        return .failure(NotFound(searched: candidates.map(\.path)))
    }()

    /// Runs `hedgesim` with `arguments` in `directory`, with `environment` added to this process's, and
    /// waits at most `timeout` seconds.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], timeout: TimeInterval = 60
    ) throws -> RunOutcome {
        let executable = try executable.get()
        let capture = FileManager.default.temporaryDirectory
            .appendingPathComponent("hedgesim-capture-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        // Files, not pipes: a child that writes more than a pipe buffer can never block on us.
        let outURL = capture.appendingPathComponent("stdout")
        let errURL = capture.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        process.waitUntilExit()
        let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return RunOutcome(status: process.terminationStatus, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }
}

/// A fresh folder for a test's files; call `remove()` (usually in a `defer`).
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hedgesim-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `data` to `name` and returns its path.
    @discardableResult
    func write(_ data: Data, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ text: String, to name: String) throws -> String { try write(Data(text.utf8), to: name) }

    /// The names of the files in the folder, sorted.
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
