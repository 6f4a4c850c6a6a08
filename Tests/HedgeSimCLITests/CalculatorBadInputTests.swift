import Foundation
import Testing

/// Bad input to `venues`, `liquidation-price`, `size` and `run --venue`: one line on standard error
/// naming the flag and the value, nothing on standard output, a non-zero exit.
@Suite struct CalculatorBadInputTests {
    static let liquidation = ["liquidation-price", "--venue", "okx", "--entry", "70000", "--notional", "70000"]
    static let size = ["size", "--holding", "5", "--price", "70000"]

    static let corpus: [BadInput] = [
        BadInput(["venues", "binance"], mentions: ["--venue", "binance", "did you mean 'binance-coinm'"]),
        BadInput(["venues", "--format", "csv"], mentions: ["--format", "csv"]),
        BadInput(["run", "--venue", "bitmx", "--paths", "200"], mentions: ["--venue", "bitmx", "did you mean 'bitmex'"]),
        BadInput(liquidation + ["--leverage", "3", "--side", "up"], mentions: ["--side", "up"]),
        BadInput(liquidation + ["--leverage", "abc"], mentions: ["--leverage", "abc"]),
        BadInput(liquidation + ["--leverage", "0"], mentions: ["--leverage", "0"]),
        BadInput(liquidation + ["--leverage", "3", "--margin", "1"], mentions: ["--margin"]),
        BadInput(liquidation, mentions: ["--leverage"], label: "liquidation-price without --leverage or --margin"),
        BadInput(liquidation + ["--leverage", "3", "--contracts", "700"], mentions: ["--notional"]),
        BadInput(liquidation + ["--leverage", "3", "--convention", "spot"], mentions: ["--convention", "spot"]),
        BadInput(liquidation + ["--leverage", "3", "--maintenance-rate", "0.9"], mentions: ["--maintenance-rate", "0.9"]),
        BadInput(["liquidation-price", "--entry", "70000", "--contracts", "5", "--leverage", "3"], mentions: ["--contracts", "5"]),
        BadInput(["liquidation-price", "--venue", "okx", "--entry", "-1", "--notional", "7000", "--leverage", "3"], mentions: ["--entry", "-1"]),
        BadInput(["liquidation-price", "--entry", "70000", "--notional", "7000", "--leverage", "3"], mentions: ["--maintenance-rate"]),
        BadInput(size, mentions: ["--ratio"], label: "size without --ratio"),
        BadInput(size + ["--ratio", "3"], mentions: ["--ratio", "3"]),
        BadInput(size + ["--ratio", "1", "--venue", "kraken"], mentions: ["--venue", "kraken"]),
        BadInput(size + ["--ratio", "1", "--leverage", "0.5"], mentions: ["--leverage", "0.5"]),
        BadInput(["size", "--holding", "0", "--price", "70000", "--ratio", "1"], mentions: ["--holding", "0"]),
        BadInput(size + ["--ratio", "1", "--format", "xml"], mentions: ["--format", "xml"]),
    ]

    @Test(arguments: corpus)
    func refusedWithOneLine(_ input: BadInput) throws {
        BadInputTests.checkRefusal(try BinaryRunner.run(input.arguments, timeout: 30), input)
    }

    @Test func refusedOutputLeavesNoFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let outcome = try BinaryRunner.run(Self.size + ["--ratio", "9", "--output", "size.json"], in: scratch.url)
        BadInputTests.checkRefusal(outcome, BadInput([], mentions: ["--ratio", "9"]))
        #expect(try scratch.contents().isEmpty)
        let written = try BinaryRunner.run(Self.size + ["--ratio", "1", "--output", "size.json"], in: scratch.url)
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try scratch.contents() == ["size.json"])
    }
}
