import ArgumentParser
import Foundation
import HedgeSimCore

/// `hedgesim liquidation-price`: where an isolated inverse position is liquidated and bankrupt.
struct LiquidationPriceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liquidation-price",
        abstract: "Liquidation and bankruptcy prices of an isolated inverse position, and their distance from entry.",
        discussion: "Uses the formulas the simulation engine uses (exchange-mechanics.md §1.4). The venue gives the face "
            + "value, the maintenance tier for the position's size and the convention; --maintenance-rate and --convention "
            + "override them, and without --venue they are required. With a venue, --notional is rounded to whole contracts." + "\n\nExample: hedgesim liquidation-price --venue bitmex --entry 70000 --contracts 350000 --leverage 3")

    @Option(parsing: .unconditional, help: "Position side: short | long.") var side: String = "short"
    @Option(parsing: .unconditional, help: "Entry price, USD per coin.") var entry: String?
    @Option(parsing: .unconditional, help: "Position size in contracts (needs --venue).") var contracts: String?
    @Option(parsing: .unconditional, help: "Position size in USD (instead of --contracts).") var notional: String?
    @Option(parsing: .unconditional, help: "Leverage: isolated margin = notional/(entry × leverage).") var leverage: String?
    @Option(parsing: .unconditional, help: "Isolated margin in coin, or USD for a linear contract (instead of --leverage).") var margin: String?
    @Option(parsing: .unconditional, help: "Contract: perpetual | dated (inverse, the default) or linear-perpetual | linear-dated (USD-margined).",
            transform: choice(InstrumentKind.self))
    var instrument: InstrumentKind?
    @OptionGroup var common: CalculatorOptions

    func run() throws {
        do {
            try common.emit(try LiquidationQuote(try request()), table: Self.table)
        } catch let error as InputError {
            throw ValidationError(error.description)
        }
    }

    private func request() throws -> LiquidationQuote.Request {
        let preset = try common.venue.map(Venue.preset(named:))
        let parsedSide: InverseContract.Side
        switch side {
        case "short": parsedSide = .short
        case "long": parsedSide = .long
        default: throw InputError(field: "side", value: side, allowed: "short | long")
        }
        let size: LiquidationQuote.Size
        switch (try CalculatorOutput.number(contracts, field: "contracts"), try CalculatorOutput.number(notional, field: "notional")) {
        case (let count?, nil): size = .contracts(count)
        case (nil, let usd?): size = .notional(usd)
        case (.some, .some): throw InputError(field: "notional", value: notional ?? "", allowed: "either --contracts or --notional, not both")
        case (nil, nil): throw InputError(field: "contracts", value: "none", allowed: "--contracts N (with --venue) or --notional USD")
        }
        let collateral: LiquidationQuote.Collateral
        switch (try CalculatorOutput.number(leverage, field: "leverage"), try CalculatorOutput.number(margin, field: "margin")) {
        case (let value?, nil): collateral = .leverage(value)
        case (nil, let coin?): collateral = .margin(coin)
        case (.some, .some): throw InputError(field: "margin", value: margin ?? "", allowed: "either --leverage or --margin, not both")
        case (nil, nil): throw InputError(field: "leverage", value: "none", allowed: "--leverage L or --margin COIN")
        }
        var request = LiquidationQuote.Request(
            venue: preset, side: parsedSide,
            entry: try CalculatorOutput.required(entry, field: "entry", "the entry price in USD per coin"),
            size: size, collateral: collateral,
            maintenanceRate: try CalculatorOutput.number(common.maintenanceRate, field: "maintenanceRate"),
            convention: try CalculatorOutput.convention(common.convention))
        request.linear = instrument?.isLinear ?? false
        return request
    }

    static func table(_ quote: LiquidationQuote) -> String {
        let side = quote.side == .short ? "short" : "long"
        let size = quote.contracts.map { "\(CalculatorOutput.grouped($0, decimals: 0)) contracts = " } ?? ""
        let tier = quote.maintenanceDeduction == 0 ? quote.maintenanceTier
            : "\(quote.maintenanceTier), less \(CalculatorOutput.grouped(quote.maintenanceDeduction, decimals: 4)) coin"
        let none = quote.side == .short ? "none (the margin covers any rise)" : "none"
        return "Liquidation price · \(quote.venue ?? "no venue") · \(side) at \(CalculatorOutput.grouped(quote.entry)) USD\n"
            + CalculatorOutput.lines([
                ("position", size + "\(CalculatorOutput.grouped(quote.notional)) USD"),
                ("margin", "\(CalculatorOutput.grouped(quote.margin, decimals: quote.marginAsset == "USD" ? 2 : 8)) \(quote.marginAsset) "
                    + "(\(CalculatorOutput.compact(quote.leverage))x)"),
                ("maintenance", "\(CalculatorOutput.percent(quote.maintenanceRate)) on the \(quote.convention.rawValue) value (\(tier))"),
                ("liquidation", CalculatorOutput.price(quote.liquidationPrice, entry: quote.entry, none: none)),
                ("bankruptcy", CalculatorOutput.price(quote.bankruptcyPrice, entry: quote.entry, none: none)),
            ])
    }
}
