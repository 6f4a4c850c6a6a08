import Foundation
import HedgeSimCore

extension TableReport {
    /// Stress columns per table, so a row stays within `width`.
    static let stressColumnsPerTable = 4

    /// The stress section: what each stress does, then per cell the net value change at the end of
    /// each stress (in % of the starting value) and the day the hedge was liquidated, if it was;
    /// followed by a blank line. Empty without stresses.
    static func stressSection(_ result: SimulationResult) -> [String] {
        guard !result.stress.isEmpty else { return [] }
        let start = result.scenario.startValueUSD
        var lines = ["Stress scenarios (one deterministic path each, beside the random paths)"]
        for stress in result.stress {
            lines += wrap("  \(stress.name): \(stress.summary)")
        }
        let widths = [5, 5] + Array(repeating: 18, count: stressColumnsPerTable)
        for first in stride(from: 0, to: result.stress.count, by: stressColumnsPerTable) {
            let group = Array(result.stress[first..<min(result.stress.count, first + stressColumnsPerTable)])
            lines.append("")
            lines.append("Net value change at the end of the stress; 'liq d' = day the hedge was liquidated")
            lines.append(stressRow(["ratio", "lev"] + group.map { String($0.name.prefix(18)) }, widths))
            for (index, cell) in result.cells.enumerated() {
                let values = group.map { stress -> String in
                    let path = stress.cells[index]
                    let change = ((path.netValueUSD.last ?? start) - start) / start
                    let liquidation = path.liquidatedAtDays.map { " liq d" + String(format: "%.1f", $0) } ?? ""
                    let percent = (change * 1000).rounded() / 10
                    return (percent == 0 ? "0.0 %" : String(format: "%+.1f %%", percent)) + liquidation
                }
                let leverage = cell.notionalUSD > 0 ? NumberFormatting.compact(cell.leverage) + "x" : "–"
                lines.append(stressRow([NumberFormatting.compact(cell.hedgeRatio), leverage] + values, widths))
            }
        }
        return lines + [""]
    }

    private static func stressRow(_ values: [String], _ widths: [Int]) -> String {
        zip(values, widths).map { value, width in
            String(repeating: " ", count: max(0, width - value.count)) + value
        }.joined(separator: " ")
    }
}
