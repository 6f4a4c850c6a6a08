import Foundation

/// The lines of a CSV file after the checks every file gets: not empty, not binary (no NUL byte),
/// valid UTF-8 (a leading byte-order mark is dropped). Lines end at `\n` or `\r\n`.
struct CSVText {
    /// Every line with its 1-based number, blank lines included (so numbers match an editor's).
    let lines: [(number: Int, text: Substring)]

    /// - Throws: `CSVError` naming `source` (and the line, where one line is at fault).
    init(data: Data, source: String) throws {
        guard !data.isEmpty else { throw CSVError(file: source, line: nil, reason: "the file is empty") }
        let bytes = [UInt8](data)
        if let nul = bytes.firstIndex(of: 0) {
            throw CSVError(
                file: source, line: CSVText.lineNumber(of: nul, in: bytes),
                reason: "binary data (a NUL byte), not CSV text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CSVError(
                file: source, line: CSVText.firstInvalidLine(in: bytes),
                reason: "not UTF-8 text; save the file as UTF-8 CSV")
        }
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        var lines: [(Int, Substring)] = []
        for (offset, raw) in body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
            lines.append((offset + 1, line))
        }
        self.lines = lines
    }

    /// Whether a line holds nothing but spaces.
    static func isBlank(_ line: Substring) -> Bool {
        line.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    private static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    private static func firstInvalidLine(in bytes: [UInt8]) -> Int {
        for (offset, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where String(validating: line, as: UTF8.self) == nil {
            return offset + 1
        }
        return 1
    }
}
