import HedgeSimCore

extension SimulationResult {
    /// The cells the report tables list: every hedged cell and only the first unhedged one (ratio 0 is
    /// the same holding at every leverage, so one row says it all). The CSV keeps every cell, one row each.
    var shownCells: [CellSummary] {
        var seenUnhedged = false
        return cells.filter { cell in
            guard cell.notionalUSD == 0 else { return true }
            defer { seenUnhedged = true }
            return !seenUnhedged
        }
    }
}

extension CellSummary {
    /// The leverage as the reports print it, with the margin policy when there is one: "5x", "5x top-up",
    /// "5x deleverage", "5x rehedge".
    var leverageLabel: String {
        NumberFormatting.leverage(leverage) + (policy == .none ? "" : " " + policy.rawValue)
    }
}
