import ArgumentParser
import Foundation
import HedgeSimCore

/// `hedgesim size`: the short that hedges a ratio of a holding, sized as the engine sizes it.
struct SizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "size",
        abstract: "Contracts, notional, initial margin, entry fee and liquidation price of a hedge.",
        discussion: "Builds the same hedge cell as `hedgesim run` (whole contracts, isolated margin notional/(price × "
            + "leverage), entry fee paid from the holding). Without --venue the defaults of `hedgesim run` apply; "
            + "with one, its face value, taker fee, maintenance tier and convention, overridable here." + "\n\nExample: hedgesim size --holding 5 --price 70000 --ratio 1 --venue deribit --leverage 3")

    @Option(parsing: .unconditional, help: "Coins held.") var holding: String?
    @Option(parsing: .unconditional, help: "Spot price, USD per coin.") var price: String?
    @Option(parsing: .unconditional, help: "Hedge ratio h = notional/(holding × price), from 0 to 2.") var ratio: String?
    @Option(parsing: .unconditional, help: "Leverage of the isolated margin (default 3).") var leverage: String?
    @Option(parsing: .unconditional, help: "Contract: perpetual | dated (inverse) or linear-perpetual | linear-dated (USD-margined; default perpetual).",
            transform: choice(InstrumentKind.self))
    var instrument: InstrumentKind?
    @OptionGroup var common: CalculatorOptions

    func run() throws {
        do {
            try common.emit(try HedgeSizing(scenario: try scenario()), table: Self.table)
        } catch let error as InputError {
            throw ValidationError(error.description)
        }
    }

    /// The default scenario with the flags applied as `hedgesim run` applies them (venue first).
    private func scenario() throws -> Scenario {
        let ratio = try CalculatorOutput.required(ratio, field: "ratio", "a hedge ratio from 0 to 2")
        guard ratio >= 0 && ratio <= 2 else {
            throw InputError(field: "ratio", value: self.ratio ?? "", allowed: "a hedge ratio from 0 to 2")
        }
        var entries: [(key: String, value: FieldValue)] = [
            ("holding", .number(try CalculatorOutput.required(holding, field: "holding", "coins held > 0"))),
            ("price", .number(try CalculatorOutput.required(price, field: "price", "a price > 0 (USD per coin)"))),
        ]
        if let venue = common.venue {
            entries.append(("venue", .text(venue)))
        }
        if let value = try CalculatorOutput.number(leverage, field: "leverage") {
            entries.append(("leverages", .number(value)))
        }
        if let value = try CalculatorOutput.number(common.maintenanceRate, field: "maintenanceRate") {
            entries.append(("maintenanceRate", .number(value)))
        }
        var scenario = Scenario()
        scenario.hedgeRatios = [ratio]
        scenario.leverages = [3]
        if let instrument { scenario.instrument = instrument }
        try ScenarioFields.apply(entries, to: &scenario)
        if let convention = try CalculatorOutput.convention(common.convention) {
            scenario.maintenanceConvention = convention
        }
        return scenario
    }

    static func table(_ sizing: HedgeSizing) -> String {
        let s = sizing.scenario
        let cell = sizing.cell
        let entry = sizing.entryPrice
        let coin = { (value: Double) in
            "\(CalculatorOutput.grouped(value, decimals: 8)) coin = \(CalculatorOutput.grouped(value * entry)) USD"
        }
        let none = cell.notional > 0 ? "none (the margin covers any rise)" : "none (no position)"
        if s.instrument.isLinear {
            return "Hedge size · linear (USD-margined) · \(CalculatorOutput.grouped(s.holding, decimals: 8)) coins at "
                + "\(CalculatorOutput.grouped(s.price)) USD, ratio \(CalculatorOutput.compact(cell.hedgeRatio)), \(CalculatorOutput.compact(cell.leverage))x isolated\n"
                + CalculatorOutput.lines([
                    ("short", "\(CalculatorOutput.grouped(cell.contracts * HedgeCell.linearLot, decimals: 3)) coin "
                        + "(\(CalculatorOutput.grouped(cell.contracts, decimals: 0)) lots of \(CalculatorOutput.compact(HedgeCell.linearLot)))"),
                    ("notional", "\(CalculatorOutput.grouped(cell.notional)) USD"),
                    ("initial margin", "\(CalculatorOutput.grouped(cell.linearMarginUSD)) USD of stablecoin"),
                    ("entry fee", "\(CalculatorOutput.grouped(s.fee * cell.notional)) USD (\(CalculatorOutput.percent(s.fee)))"),
                    ("coins sold", "\(CalculatorOutput.grouped(cell.coinsSold, decimals: 8)) coin at \(CalculatorOutput.grouped(s.price)) USD for the margin and fee"),
                    ("spot left", "\(CalculatorOutput.grouped(cell.spotCoin, decimals: 8)) coin"),
                    ("maintenance", "\(CalculatorOutput.percent(s.maintenanceRate)) on the \(s.maintenanceConvention.rawValue) value"),
                    ("liquidation", CalculatorOutput.price(sizing.liquidationPrice, entry: entry, none: none)),
                    ("bankruptcy", CalculatorOutput.price(sizing.bankruptcyPrice, entry: entry, none: none)),
                ])
        }
        return "Hedge size · \(s.venue ?? "no venue (run defaults)") · \(CalculatorOutput.grouped(s.holding, decimals: 8)) coins at "
            + "\(CalculatorOutput.grouped(s.price)) USD, ratio \(CalculatorOutput.compact(cell.hedgeRatio)), \(CalculatorOutput.compact(cell.leverage))x isolated\n"
            + CalculatorOutput.lines([
                ("contracts", "\(CalculatorOutput.grouped(cell.contracts, decimals: 0)) × \(CalculatorOutput.grouped(s.faceValue, decimals: 0)) USD"),
                ("notional", "\(CalculatorOutput.grouped(cell.notional)) USD"),
                ("initial margin", coin(cell.marginCoin)),
                ("entry fee", coin(cell.entryFeeCoin) + " (\(CalculatorOutput.percent(s.fee)))"),
                ("spot left", "\(CalculatorOutput.grouped(cell.spotCoin, decimals: 8)) coin"),
                ("maintenance", "\(CalculatorOutput.percent(s.maintenanceRate)) on the \(s.maintenanceConvention.rawValue) value"),
                ("liquidation", CalculatorOutput.price(sizing.liquidationPrice, entry: entry, none: none)),
                ("bankruptcy", CalculatorOutput.price(sizing.bankruptcyPrice, entry: entry, none: none)),
            ])
    }
}
