import Foundation
import Testing

/// `hedgesim liquidation-price` and `hedgesim size` against the venue test vectors of
/// `exchange-mechanics.md` §1.9, through the real binary and its JSON output.
@Suite struct CalculatorVectorTests {
    /// Runs a calculator with `--format json` and parses its object.
    static func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let outcome = try BinaryRunner.run(arguments + ["--format", "json"], timeout: 30)
        #expect(outcome.status == 0 && outcome.stderr.isEmpty, "\(arguments): \(outcome.stderr)", sourceLocation: sourceLocation)
        return try ReportJSON.parse(outcome.stdout)
    }

    static func liquidation(_ arguments: [String]) throws -> (price: Double?, bankruptcy: Double?, distance: Double?) {
        let object = try json(["liquidation-price"] + arguments)
        return (ReportJSON.number(object, "liquidationPrice"), ReportJSON.number(object, "bankruptcyPrice"),
                ReportJSON.number(object, "liquidationDistancePercent"))
    }

    @Test(arguments: [("entry", 45_662.10, 55_248.62), ("mark", 45_681.82, 55_277.78)])
    func bybitSixtyThousandAtFiftyThousand(_ convention: String, _ long: Double, _ short: Double) throws {
        let common = ["--venue", "bybit", "--entry", "50000", "--contracts", "60000", "--leverage", "10",
                      "--maintenance-rate", "0.005", "--convention", convention]
        #expect(abs((try Self.liquidation(common + ["--side", "long"]).price ?? 0) - long) < 0.005)
        #expect(abs((try Self.liquidation(common + ["--side", "short"]).price ?? 0) - short) < 0.005)
    }

    @Test func btcmexFiftyTimes() throws {
        let common = ["--entry", "8125", "--notional", "1000", "--margin", String(1_000.0 / (8_125 * 50)),
                      "--maintenance-rate", "0.005", "--convention", "entry"]
        #expect(abs((try Self.liquidation(common + ["--side", "long"]).price ?? 0) - 8_004.9) < 0.1)
        #expect(abs((try Self.liquidation(common + ["--side", "short"]).price ?? 0) - 8_248.7) < 0.1)
    }

    @Test(arguments: [("2", 99.0), ("5", 24.375), ("10", 10.5556)])
    func hedgerDistance(_ leverage: String, _ percent: Double) throws {
        let result = try Self.liquidation(["--venue", "okx", "--entry", "70000", "--notional", "70000", "--leverage", leverage])
        #expect(abs((result.distance ?? 0) - percent) < 1e-3)
    }

    @Test func oneTimesShortHasNoLiquidationPrice() throws {
        let object = try Self.json(["liquidation-price", "--venue", "okx", "--entry", "70000", "--notional", "70000", "--leverage", "1"])
        #expect(object["liquidationPrice"] is NSNull && object["bankruptcyPrice"] is NSNull)
        let table = try BinaryRunner.run(["liquidation-price", "--venue", "okx", "--entry", "70000", "--notional", "70000", "--leverage", "1"])
        #expect(table.status == 0 && table.stdout.contains("none (the margin covers any rise)"))
    }

    /// `size` agrees with `liquidation-price` for the same position, and with its own formulas.
    @Test func sizeAgreesWithLiquidationPrice() throws {
        let size = try Self.json(["size", "--holding", "5", "--price", "70000", "--ratio", "0.5", "--venue", "deribit", "--leverage", "4"])
        #expect(ReportJSON.number(size, "contracts") == 17_500 && ReportJSON.number(size, "notional") == 175_000)
        #expect(abs((ReportJSON.number(size, "initialMarginCoin") ?? 0) - 0.625) < 1e-12)
        #expect(abs((ReportJSON.number(size, "initialMarginUSD") ?? 0) - 43_750) < 1e-8)
        #expect(abs((ReportJSON.number(size, "entryFeeCoin") ?? 0) - 0.00125) < 1e-15)
        let quote = try Self.liquidation(["--venue", "deribit", "--entry", "70000", "--contracts", "17500", "--leverage", "4"])
        #expect(ReportJSON.number(size, "liquidationPrice") == quote.price)
        #expect(ReportJSON.number(size, "bankruptcyPrice") == quote.bankruptcy)

        let table = try BinaryRunner.run(["size", "--holding", "5", "--price", "70000", "--ratio", "0.5", "--venue", "deribit", "--leverage", "4"])
        #expect(table.status == 0 && table.stdout.contains("17,500 × 10 USD") && table.stdout.contains("0.62500000 coin = 43,750.00 USD"))
    }
}
