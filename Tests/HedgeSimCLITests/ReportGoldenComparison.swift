import Foundation

/// Compares a rendered report with its golden file: all text exactly, each number to nine
/// significant digits.
///
/// Why numbers get a tolerance at all: the path kernel gives the same bits on every CPU level, but
/// the plan and the summaries call the platform's libm (`Foundation.exp`, `log`, `pow`), whose last
/// bits may differ between C libraries and CPUs. JSON and CSV print doubles to all 17 digits, so
/// goldens recorded on one machine could fail on another for noise of about 1e-16. Each run of
/// digits (with its decimal part and exponent) is therefore compared as a number with relative
/// difference at most 1e-9; everything between numbers — words, signs, separators, markup, column
/// layout — must match byte for byte. A real change (a different rounding or format, a moved value, a
/// new or missing field, a chart coordinate that moved by 0.1) still fails. Bit-identity of results is
/// tested separately (`DeterminismTests`, `ThreadInvarianceTests`).
enum ReportGoldenComparison {
    /// A description of the first difference between `expected` and `actual`, or nil when they match.
    static func firstDifference(expected: String, actual: String) -> String? {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (want, got)) in zip(expectedLines, actualLines).enumerated() where !linesMatch(want, got) {
            return "line \(index + 1) differs:\n  expected: \(want)\n  actual:   \(got)"
        }
        guard expectedLines.count == actualLines.count else {
            return "expected \(expectedLines.count) lines, got \(actualLines.count)"
        }
        return nil
    }

    /// Whether two lines have the same text between their numbers and numbers within the tolerance.
    static func linesMatch(_ expected: Substring, _ actual: Substring) -> Bool {
        if expected == actual { return true }
        let (wantText, wantNumbers) = split(expected), (gotText, gotNumbers) = split(actual)
        guard wantText == gotText, wantNumbers.count == gotNumbers.count else { return false }
        return zip(wantNumbers, gotNumbers).allSatisfy { a, b in
            a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
        }
    }

    /// The line with every unsigned number replaced by "#", and the numbers in order. A number is a
    /// run of digits, optionally with a decimal part and an exponent (`12`, `0.25`, `1e-05`, `3.5E+22`).
    static func split(_ line: Substring) -> (text: String, numbers: [Double]) {
        var text = "", numbers: [Double] = []
        let characters = Array(line)
        var index = 0
        func isDigit(_ i: Int) -> Bool { i < characters.count && characters[i].isASCII && characters[i].isNumber }
        while index < characters.count {
            guard isDigit(index) else {
                text.append(characters[index])
                index += 1
                continue
            }
            var end = index
            while isDigit(end) { end += 1 }
            if end < characters.count && characters[end] == "." && isDigit(end + 1) {
                end += 1
                while isDigit(end) { end += 1 }
            }
            if end < characters.count && (characters[end] == "e" || characters[end] == "E") {
                var exponent = end + 1
                if exponent < characters.count && (characters[exponent] == "+" || characters[exponent] == "-") { exponent += 1 }
                if isDigit(exponent) {
                    end = exponent
                    while isDigit(end) { end += 1 }
                }
            }
            numbers.append(Double(String(characters[index..<end])) ?? .nan)
            text.append("#")
            index = end
        }
        return (text, numbers)
    }
}
