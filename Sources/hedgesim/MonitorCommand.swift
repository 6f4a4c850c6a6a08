import ArgumentParser
import Foundation
import HedgeSimCore
import HedgeSimReport

/// `hedgesim monitor`: how likely an open short inverse position is to be liquidated over the next
/// days, and the top-up that brings that within the limit. Exit 3 with `--alert-above` when the upper
/// bound of P(liq) exceeds it (for cron); 0 otherwise; 64 on bad input.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "P(liquidation) of an open short inverse position over the next days, and the top-up that keeps it within the limit.",
        discussion: "The position comes from flags or a position file (YAML or JSON with the keys venue, entry, contracts, "
            + "notional, margin, fundingAccrued, mark, maintenanceRate, convention; flags override the file). The paths start "
            + "at today's mark under the chosen model and funding (the venue's funding rules with --venue). With --alert-above P "
            + "the command exits 3 when the Wilson upper bound of P(liq) exceeds P." + "\n\nExample: hedgesim monitor --venue bitmex --entry 70000 --contracts 350000 --margin 1.6667 --mark 95000 --days 7")

    @Option(parsing: .unconditional, help: "Position file (YAML or JSON).") var position: String?
    @Option(parsing: .unconditional, help: "Venue preset: bitmex | bybit | deribit | okx | binance-coinm.") var venue: String?
    @Option(parsing: .unconditional, help: "Entry price of the short, USD per coin.") var entry: String?
    @Option(parsing: .unconditional, help: "Position size in contracts (needs --venue).") var contracts: String?
    @Option(parsing: .unconditional, help: "Position size in USD (instead of --contracts).") var notional: String?
    @Option(parsing: .unconditional, help: "The position's margin balance, coin.") var margin: String?
    @Option(name: .customLong("funding-accrued"), parsing: .unconditional,
            help: "Funding received (+) or paid (−) that the margin balance does not include yet, coin (default 0).")
    var fundingAccrued: String?
    @Option(parsing: .unconditional, help: "Today's mark price, USD per coin.") var mark: String?
    @Option(name: .customLong("maintenance-rate"), parsing: .unconditional, help: "Maintenance margin rate (default: the venue's tier).")
    var maintenanceRate: String?
    @Option(parsing: .unconditional, help: "Maintenance on the entry or the mark value: entry | mark.") var convention: String?
    @Option(parsing: .unconditional, help: "Days ahead.") var days: String = "7"
    @Option(name: .customLong("max-liquidation-probability"), parsing: .unconditional,
            help: "The P(liq) the top-up aims for, on its Wilson 95 % upper bound (default 0.01).")
    var maxLiquidationProbability: String?
    @Option(name: .customLong("alert-above"), parsing: .unconditional,
            help: "Exit 3 when the Wilson upper bound of P(liq) exceeds this probability.")
    var alertAbove: String?
    @OptionGroup var market: MarketOptions
    @OptionGroup var simulation: MonitorSimulationOptions
    @Option(parsing: .unconditional, help: "Random seed (0…18446744073709551615; default 1).", transform: Seed.init(parsing:))
    var seed: Seed?
    @Option(parsing: .unconditional, help: "Output format: table | json.", transform: ReportFormat.parser([.table, .json]))
    var format: ReportFormat = .table
    @Option(parsing: .unconditional, help: "Write the result to this file (atomically) instead of standard output.") var output: String?

    func run() throws {
        let result: MonitorResult
        let alert: Double?
        do {
            alert = try CalculatorOutput.number(alertAbove, field: "alertAbove")
            if let alert, !(alert >= 0 && alert <= 1) {
                throw InputError(field: "alertAbove", value: alertAbove ?? "", allowed: "a probability from 0 to 1")
            }
            let seed = Seed.resolve(self.seed)
            let (position, scenario) = try inputs()
            let days = try CalculatorOutput.required(self.days, field: "days", "days > 0")
            result = try PositionMonitor.run(position, market: scenario, days: days, seed: seed, threads: scenario.threads)
            try OutputFile.emit(format == .json ? try CalculatorOutput.json(result) : Self.table(result), to: output)
        } catch let error as InputError {
            throw ValidationError(error.description)
        }
        if let alert, result.alerts(above: alert) {
            FileHandle.standardError.write(Data((
                "hedgesim: alert: P(liquidation) within \(CalculatorOutput.compact(result.days)) days may be up to "
                + "\(CalculatorOutput.percent(result.liquidation.ci95[1])), above \(CalculatorOutput.percent(alert))\n").utf8))
            throw ExitCode(3)
        }
    }

    /// The position (file, then flags) and the market scenario (venue, then model flags).
    private func inputs() throws -> (PositionMonitor.Position, Scenario) {
        var fields: [String: String] = [:]
        if let position {
            let text: String
            do {
                text = try String(contentsOfFile: position, encoding: .utf8)
            } catch {
                throw InputError(field: "position", value: position, allowed: "a readable YAML or JSON file")
            }
            fields = try PositionMonitor.positionFields(text: text, source: position)
        }
        let flags: [(String, String?)] = [
            ("venue", venue), ("entry", entry), ("contracts", contracts), ("notional", notional), ("margin", margin),
            ("fundingAccrued", fundingAccrued), ("mark", mark), ("maintenanceRate", maintenanceRate), ("convention", convention),
        ]
        for case let (key, value?) in flags { fields[key] = value }
        let preset = try fields["venue"].map(Venue.preset(named:))
        let size: LiquidationQuote.Size
        switch (try CalculatorOutput.number(fields["contracts"], field: "contracts"), try CalculatorOutput.number(fields["notional"], field: "notional")) {
        case (let count?, nil): size = .contracts(count)
        case (nil, let usd?): size = .notional(usd)
        case (.some, .some): throw InputError(field: "notional", value: fields["notional"] ?? "", allowed: "either contracts or notional, not both")
        case (nil, nil): throw InputError(field: "contracts", value: "none", allowed: "--contracts N (with --venue) or --notional USD")
        }
        let position = PositionMonitor.Position(
            venue: preset,
            entry: try CalculatorOutput.required(fields["entry"], field: "entry", "the entry price in USD per coin"),
            size: size,
            marginCoin: try CalculatorOutput.required(fields["margin"], field: "margin", "the position's margin balance in coin"),
            fundingAccruedCoin: try CalculatorOutput.number(fields["fundingAccrued"], field: "fundingAccrued") ?? 0,
            mark: try CalculatorOutput.required(fields["mark"], field: "mark", "today's mark price in USD per coin"),
            maintenanceRate: try CalculatorOutput.number(fields["maintenanceRate"], field: "maintenanceRate"),
            convention: try CalculatorOutput.convention(fields["convention"]))
        var scenario = Scenario()
        if let name = fields["venue"] { try ScenarioFields.apply(key: "venue", value: .text(name), to: &scenario) }
        for (key, value) in market.overrides + simulation.overrides { try ScenarioFields.apply(key: key, value: value, to: &scenario) }
        if let limit = maxLiquidationProbability {
            try ScenarioFields.apply(key: "maxLiquidationProbability", value: .text(limit), to: &scenario)
        }
        return (position, scenario)
    }

    static func table(_ r: MonitorResult) -> String {
        let q = r.quote
        let size = q.contracts.map { "\(CalculatorOutput.grouped($0, decimals: 0)) contracts = " } ?? ""
        func price(_ value: Double?, _ distance: Double?) -> String {
            guard let value, let distance else { return "none (the margin covers any rise)" }
            return "\(CalculatorOutput.grouped(value)) USD (\(distance >= 0 ? "+" : "")\(CalculatorOutput.percent(distance)) from the mark)"
        }
        let liquidation = r.liquidation
        let topUp: String
        switch r.topUpCoin {
        case nil: topUp = "none can show P(liq) ≤ \(CalculatorOutput.percent(r.maxLiquidationProbability)) with \(r.paths) paths (use more --paths)"
        case 0?: topUp = "none needed: the upper bound is within \(CalculatorOutput.percent(r.maxLiquidationProbability))"
        case let coin?:
            topUp = "\(CalculatorOutput.grouped(coin, decimals: 8)) coin → liquidation at "
                + (r.liquidationPriceAfterTopUp.map { "\(CalculatorOutput.grouped($0)) USD" } ?? "none")
                + " (P(liq) bound ≤ \(CalculatorOutput.percent(r.maxLiquidationProbability)))"
        }
        return "Monitor · \(q.venue ?? "no venue") · short \(size)\(CalculatorOutput.grouped(q.notional)) USD from "
            + "\(CalculatorOutput.grouped(q.entry)) USD, mark \(CalculatorOutput.grouped(r.mark)) USD\n"
            + CalculatorOutput.lines([
                ("margin", "\(CalculatorOutput.grouped(q.margin, decimals: 8)) coin (funding accrued included), "
                    + "maintenance \(CalculatorOutput.percent(q.maintenanceRate)) on the \(q.convention.rawValue) value"),
                ("liquidation", price(r.liquidationPrice, r.liquidationDistance)),
                ("bankruptcy", price(r.bankruptcyPrice, r.bankruptcyDistance)),
                ("P(liq) \(CalculatorOutput.compact(r.days)) d", "\(CalculatorOutput.percent(liquidation.probability)) ± "
                    + "\(CalculatorOutput.percent(liquidation.standardError)) (95 % \(CalculatorOutput.percent(liquidation.ci95[0])) – "
                    + "\(CalculatorOutput.percent(liquidation.ci95[1]))), \(r.paths) paths, model \(r.model.rawValue), seed \(r.seed)"),
                ("top-up", topUp),
                ("funding", "\(CalculatorOutput.grouped(r.expectedFundingCoin, decimals: 8)) ± "
                    + "\(CalculatorOutput.grouped(r.expectedFundingStandardError, decimals: 8)) coin expected over the days ahead (+ received)"),
            ])
    }
}

/// The simulation flags of `monitor` beside the market model (`MarketOptions`): the check, the step, the
/// path count and the threads.
struct MonitorSimulationOptions: ParsableArguments {
    @Option(name: .customLong("between-step-check"), parsing: .unconditional, help: "Check liquidation between steps: true | false.")
    var betweenStepCheck: String?
    @Option(name: .customLong("steps-per-day"), parsing: .unconditional, help: "Simulation steps per day.") var stepsPerDay: String?
    @Option(parsing: .unconditional, help: "Simulated paths (default 20,000).") var paths: String?
    @Option(parsing: .unconditional, help: "Worker threads (results do not depend on it).") var threads: String?

    var overrides: [(key: String, value: FieldValue)] {
        let given: [(String, String?)] = [
            ("betweenStepCheck", betweenStepCheck), ("stepsPerDay", stepsPerDay), ("paths", paths), ("threads", threads),
        ]
        return given.compactMap { key, text in text.map { (key, FieldValue.text($0)) } }
    }
}
