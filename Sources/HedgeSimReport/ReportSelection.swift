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

    /// Where a cell sits on the grid: its ratio's index in `ratios` and its series' index in `leverages`.
    struct GridPosition: Hashable, Sendable {
        let ratio: Int
        let series: Int
    }

    /// Each cell's position, indexed by `CellSummary.cell`; and the cells at each position in report
    /// order (several when margin policies are compared).
    private let positions: [GridPosition]
    private let cellsAt: [GridPosition: [CellSummary]]

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
        // The grid is read from the cells once; the charts find cells by position from here on.
        let chosen = chosenLeverage
        let positions = result.cells.map { cell in
            GridPosition(
                ratio: ratios.firstIndex(of: cell.hedgeRatio) ?? 0, series: chosen ? 0 : leverages.firstIndex(of: cell.leverage) ?? 0)
        }
        self.positions = positions
        cellsAt = Dictionary(grouping: result.cells) { positions[$0.cell] }
        let recommended = result.recommendedCell
        self.recommended = recommended
        let recommendedSeries = positions[recommended.cell].series
        let atLeverage = result.cells.filter { positions[$0.cell].series == recommendedSeries }
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

    /// The position of the cell numbered `cell` (`CellSummary.cell`).
    func position(of cell: Int) -> GridPosition { positions[cell] }

    /// The first cell at ratio `ratio` (index in `ratios`) in series `series` (index in `leverages`).
    func cell(ratio: Int, series: Int) -> CellSummary? { cellsAt[GridPosition(ratio: ratio, series: series)]?.first }

    /// The cells of series `series` in report order.
    func cells(series: Int) -> [CellSummary] {
        ratios.indices.flatMap { cellsAt[GridPosition(ratio: $0, series: series)] ?? [] }.sorted { $0.cell < $1.cell }
    }

    /// How series `series` is named in chart titles: "3x leverage", or "the chosen leverages".
    func seriesPhrase(_ series: Int) -> String {
        chosenLeverage ? "the chosen leverages" : NumberFormatting.leverage(leverages[series]) + " leverage"
    }

    /// Whether `cell` is the recommended one.
    func isRecommended(_ cell: CellSummary) -> Bool {
        cell.cell == recommended.cell
    }
}
