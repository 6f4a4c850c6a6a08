import HedgeSimCore

/// The cells a report singles out, and the grid's ratios and leverages in the order of the cells.
///
/// The distribution chart compares three choices at the recommended leverage: the unhedged holding
/// (ratio 0, or the lowest ratio on the grid), the recommended cell and the full hedge (ratio 1, or the
/// highest ratio). Choices that are the same cell are shown once, under all their names.
struct ReportSelection: Sendable {
    /// One highlighted cell and the names it goes by ("Unhedged", "Recommended", "Full hedge").
    struct Highlight: Sendable {
        var names: [String]
        var cell: CellSummary
        /// The chart colour of this choice.
        var colour: String

        var title: String {
            names.joined(separator: " = ") + " (ratio \(NumberFormatting.compact(cell.hedgeRatio)), "
                + "\(NumberFormatting.leverage(cell.leverage)))"
        }
    }

    let ratios: [Double]
    /// The leverage series the charts draw: the grid's leverages, or the single series
    /// `ReportSelection.chosenSeries` when every ratio has its own chosen leverage.
    let leverages: [Double]
    /// Whether each ratio's leverage was chosen by the run.
    let chosenLeverage: Bool
    /// The series key of chosen leverages.
    static let chosenSeries = 0.0
    let recommended: CellSummary
    let highlights: [Highlight]

    init(_ result: SimulationResult) {
        var ratios: [Double] = []
        var leverages: [Double] = []
        for cell in result.cells {
            if !ratios.contains(cell.hedgeRatio) { ratios.append(cell.hedgeRatio) }
            if !leverages.contains(cell.leverage) { leverages.append(cell.leverage) }
        }
        self.ratios = ratios
        chosenLeverage = result.scenario.leverageMode == .auto
        self.leverages = chosenLeverage ? [ReportSelection.chosenSeries] : leverages
        let recommended = result.recommendedCell
        self.recommended = recommended
        let atLeverage = result.cells.filter { result.scenario.leverageMode == .auto || $0.leverage == recommended.leverage }
        let lowest = atLeverage.first { $0.hedgeRatio == 0 } ?? atLeverage.min { $0.hedgeRatio < $1.hedgeRatio } ?? recommended
        let full = atLeverage.first { $0.hedgeRatio == 1 } ?? atLeverage.max { $0.hedgeRatio < $1.hedgeRatio } ?? recommended
        var highlights: [Highlight] = []
        let candidates = [
            (lowest.hedgeRatio == 0 ? "Unhedged" : "Lowest ratio", lowest, ChartPalette.unhedged),
            ("Recommended", recommended, ChartPalette.recommended),
            (full.hedgeRatio == 1 ? "Full hedge" : "Highest ratio", full, ChartPalette.fullHedge),
        ]
        for (name, cell, colour) in candidates {
            if let index = highlights.firstIndex(where: { $0.cell == cell }) {
                highlights[index].names.append(name)
                if name == "Recommended" { highlights[index].colour = colour }
            } else {
                highlights.append(Highlight(names: [name], cell: cell, colour: colour))
            }
        }
        self.highlights = highlights
    }

    /// Whether a cell of leverage `leverage` belongs to the chart series `series`.
    func inSeries(_ leverage: Double, _ series: Double) -> Bool { chosenLeverage || leverage == series }

    /// How a series is named in chart titles: "3x leverage", or "the chosen leverages".
    func seriesPhrase(_ series: Double) -> String {
        chosenLeverage ? "the chosen leverages" : NumberFormatting.leverage(series) + " leverage"
    }

    /// Whether `cell` is the recommended one.
    func isRecommended(_ cell: CellSummary) -> Bool {
        cell.cell == recommended.cell
    }
}
