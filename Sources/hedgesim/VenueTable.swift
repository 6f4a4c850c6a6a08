import Foundation
import HedgeSimCore

/// The `hedgesim venues` table: two summary tables with a row per preset, then every value with its
/// grade, source row, URL and note.
enum VenueTable {
    static func render(_ venues: [Venue]) -> String {
        let trading = table(
            ["venue", "margin", "contract", "taker", "maker", "settlement", "liquidation", "MM tier 1", "MM on"],
            venues.map { venue in
                [
                    venue.name, venue.contract == .linear ? "USD" : "coin", contractSize(venue),
                    CalculatorOutput.percent(venue.takerFee.value), CalculatorOutput.percent(venue.makerFee.value),
                    rate(venue.settlementFee.value, missing: "?"), rate(venue.liquidationFee.value, missing: "?"),
                    CalculatorOutput.percent(venue.maintenance.value.firstTier.rate), venue.maintenanceConvention.value.rawValue,
                ]
            })
        let funding = table(
            ["venue", "funding every", "neutral", "clamp band", "cap", "dead band", "accrual", "settlement avg"],
            venues.map { venue in
                let f = venue.funding
                return [
                    venue.name, "\(CalculatorOutput.grouped(f.intervalHours.value, decimals: 0)) h",
                    CalculatorOutput.percent(f.interestPerInterval.value), band(f.clampBand.value, missing: "none"),
                    band(f.cap.value, missing: "?"), f.deadBand.value == 0 ? "none" : band(f.deadBand.value, missing: ""),
                    f.continuousAccrual.value ? "continuous" : "at interval",
                    "\(CalculatorOutput.grouped(venue.settlementWindowMinutes.value, decimals: 0)) min",
                ]
            })
        var text = "Venue presets: fees and margin (rates of the traded value; ? = not in the research note)\n" + trading
        text += "\nFunding (rates per interval) and dated-contract settlement\n" + funding
        for venue in venues {
            text += "\n" + details(venue)
        }
        text += "\nChecked \(VenueFact<Double>.checkedDate) (inverse presets) and \(VenueFact<Double>.linearCheckedDate) (USD-margined). Grades: [P] primary, [S] secondary, [D] derived, "
            + "[?] uncertain — verify before relying on it.\n"
        return text
    }

    /// Left-aligned columns two spaces apart.
    private static func table(_ columns: [String], _ rows: [[String]]) -> String {
        let widths = columns.indices.map { column in ([columns[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(columns)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// An inverse contract's face value in USD, a linear one's quantity step in coin.
    private static func contractSize(_ venue: Venue) -> String {
        venue.contract == .linear
            ? "\(CalculatorOutput.compact(venue.faceValue.value)) coin"
            : "\(CalculatorOutput.grouped(venue.faceValue.value, decimals: 0)) USD"
    }

    private static func rate(_ value: Double?, missing: String) -> String {
        value.map(CalculatorOutput.percent) ?? missing
    }

    private static func band(_ value: Double?, missing: String) -> String {
        value.map { "±" + CalculatorOutput.percent($0) } ?? missing
    }

    /// Every value of one preset with its grade, row, source and note.
    private static func details(_ venue: Venue) -> String {
        let f = venue.funding
        var lines = ["\(venue.name) — \(venue.title)"]
        func add<Value>(_ label: String, _ fact: VenueFact<Value>, _ shown: String) {
            lines.append("  \(label): \(shown) [\(fact.grade.rawValue)] \(fact.row) — \(fact.source)")
            if let note = fact.note { lines.append("      \(note)") }
        }
        add(venue.contract == .linear ? "quantity step" : "face value", venue.faceValue, contractSize(venue))
        add("taker fee", venue.takerFee, CalculatorOutput.percent(venue.takerFee.value))
        add("maker fee", venue.makerFee, CalculatorOutput.percent(venue.makerFee.value))
        add("settlement fee", venue.settlementFee, rate(venue.settlementFee.value, missing: "not in the note"))
        add("maintenance", venue.maintenance, schedule(venue.maintenance.value))
        add("maintenance on", venue.maintenanceConvention, venue.maintenanceConvention.value.rawValue + " value")
        add("liquidation fee", venue.liquidationFee, rate(venue.liquidationFee.value, missing: "not in the note"))
        add("funding interval", f.intervalHours, "\(CalculatorOutput.grouped(f.intervalHours.value, decimals: 0)) h")
        add("interest (neutral rate)", f.interestPerInterval, CalculatorOutput.percent(f.interestPerInterval.value) + " per interval")
        add("clamp band", f.clampBand, band(f.clampBand.value, missing: "none"))
        add("funding cap", f.cap, band(f.cap.value, missing: "not in the note"))
        add("dead band", f.deadBand, f.deadBand.value == 0 ? "none" : band(f.deadBand.value, missing: ""))
        add("continuous accrual", f.continuousAccrual, f.continuousAccrual.value ? "yes" : "no")
        add("settlement averaging", venue.settlementWindowMinutes, "\(CalculatorOutput.grouped(venue.settlementWindowMinutes.value, decimals: 0)) min")
        lines.append("  note: \(venue.note)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A maintenance schedule in words.
    private static func schedule(_ schedule: MaintenanceSchedule) -> String {
        let number = { (value: Double) in CalculatorOutput.grouped(value, decimals: 0) }
        switch schedule {
        case .steps(let unit, let baseLimit, let stepSize, let baseRate, let stepRate):
            return "\(CalculatorOutput.percent(baseRate)) below \(number(baseLimit)) \(unit.rawValue), "
                + "+\(CalculatorOutput.percent(stepRate)) per further \(number(stepSize)) \(unit.rawValue)"
        case .brackets(let unit, let rows):
            return rows.map { row in
                let range = "\(number(row.over))–\(row.upTo.map(number) ?? "∞") \(unit.rawValue)"
                return row.deduction == 0 ? "\(range) \(CalculatorOutput.percent(row.rate))"
                    : "\(range) \(CalculatorOutput.percent(row.rate)) − \(row.deduction) coin"
            }.joined(separator: "; ")
        case .linear(let baseRate, let ratePerCoin):
            return "\(CalculatorOutput.percent(baseRate)) + \(CalculatorOutput.percent(ratePerCoin)) × size (coin)"
        }
    }
}
