import Foundation

/// Removes the temporary file of an atomic write when the process is interrupted (SIGINT, SIGTERM,
/// SIGHUP), so an interrupted run leaves neither a partial report nor a stray temporary file. The
/// handler only calls async-signal-safe functions (`unlink`, `_exit`).
enum InterruptCleanup {
    /// The temporary path being written, as a C string owned here (nil when none).
    nonisolated(unsafe) private static var pendingPath: UnsafeMutablePointer<CChar>?

    /// Installs the handlers once and unblocks the signals (a parent may start us with them
    /// blocked); call at start-up, before any worker thread exists.
    static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            Foundation.signal(signal) { number in
                if let path = InterruptCleanup.pendingPath { unlink(path) }
                _exit(128 + number)
            }
        }
    }

    /// Runs `write` with `path` registered for removal on interrupt.
    static func whileWriting<T>(_ path: String, _ write: () throws -> T) rethrows -> T {
        let copy = strdup(path)
        pendingPath = copy
        defer {
            pendingPath = nil
            free(copy)
        }
        return try write()
    }
}
