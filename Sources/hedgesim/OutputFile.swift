import Foundation
import HedgeSimCore

/// Writes reports so that a reader never sees half a file: the text goes to a temporary file in the
/// same folder, which is then renamed over the destination (an atomic replace on POSIX).
enum OutputFile {
    /// Writes `text` atomically to `path`, or to standard output when there is no path.
    static func emit(_ text: String, to path: String?) throws {
        if let path {
            try writeAtomically(text, to: path)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Data(text.utf8), to: path)
    }

    static func writeAtomically(_ data: Data, to path: String) throws {
        let destination = URL(fileURLWithPath: path)
        let folder = destination.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(field: "output", value: path, allowed: "a file in an existing folder")
        }
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(getpid()).tmp")
        do {
            try InterruptCleanup.whileWriting(temporary.path) {
                try data.write(to: temporary)
                if rename(temporary.path, destination.path) != 0 {
                    throw InputError(field: "output", value: path, allowed: "a writable file (\(String(cString: strerror(errno))))")
                }
            }
        } catch let error as InputError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(field: "output", value: path, allowed: "a writable file")
        }
    }
}
