import ArgumentParser
import HedgeSimReport

/// The options the calculators (`liquidation-price`, `size`) share: the venue, the maintenance
/// overrides, and where and how the result is written.
struct CalculatorOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Venue preset: bitmex | bybit | deribit | okx | binance-coinm.") var venue: String?
    @Option(name: .customLong("maintenance-rate"), parsing: .unconditional, help: "Maintenance margin rate (0.005 = 0.5 %).")
    var maintenanceRate: String?
    @Option(parsing: .unconditional, help: "Maintenance on the entry or the mark value: entry | mark.") var convention: String?
    @Option(parsing: .unconditional, help: "Output format: table | json.", transform: ReportFormat.parser([.table, .json]))
    var format: ReportFormat = .table
    @Option(parsing: .unconditional, help: "Write the result to this file (atomically) instead of standard output.") var output: String?

    /// Writes `value` as JSON or as the table `table` renders, to `--output` or standard output.
    func emit<T: Encodable>(_ value: T, table: (T) -> String) throws {
        try OutputFile.emit(format == .json ? try CalculatorOutput.json(value) : table(value), to: output)
    }
}
