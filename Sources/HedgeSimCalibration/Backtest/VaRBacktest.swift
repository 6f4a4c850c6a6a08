import HedgeSimCore

/// The VaR backtest of one model, hedge cell and confidence level over the windows, in time order:
/// the exceedances `I_t = 1{L_t > VaR_t}` (a loss above the forecast VaR by more than 10⁻⁹ of the
/// starting value, so that ties such as the fee-only loss of a full hedge do not count), Kupiec's
/// unconditional-coverage test and Christoffersen's independence and conditional-coverage tests.
///
/// **Overlap:** with window spacing K shorter than the horizon D, consecutive horizons share D − K days,
/// so exceedances cluster by construction: the χ² p-values (which assume independent windows) are then
/// too small, and the independence test rejects for that reason alone. Only about `n·K/D` windows are
/// independent; `effectiveObservations` says how many.
public struct VaRBacktest: Codable, Sendable {
    public var model: PriceModelKind
    public var cell: BacktestCell
    /// 0.95 or 0.99.
    public var level: Double
    public var kupiec: KupiecTest
    public var christoffersen: ChristoffersenTest
    /// `n·min(1, K/D)`: the windows whose horizons do not overlap.
    public var effectiveObservations: Double
    /// Window ends of the exceedances (ISO-8601 UTC).
    public var exceedanceDates: [String]

    public static let levels = [0.95, 0.99]

    /// Whether a realised loss exceeds the forecast VaR, relative to the starting value `initial`.
    public static func isExceedance(loss: Double, valueAtRisk: Double, initial: Double) -> Bool {
        loss > valueAtRisk + 1e-9 * initial
    }

    /// One backtest per model, cell and level, models outer, then cells, then levels.
    static func all(_ report: BacktestReport) -> [VaRBacktest] {
        let overlap = min(1, Double(report.settings.everyDays) / Double(report.settings.horizonDays))
        var tests: [VaRBacktest] = []
        for (modelIndex, model) in report.settings.models.enumerated() {
            for (cellIndex, cell) in report.cells.enumerated() {
                for level in levels {
                    let hits = report.windows.map { window in
                        let forecast = window.forecasts[modelIndex].cells[cellIndex]
                        return isExceedance(
                            loss: window.realised[cellIndex].lossUSD, valueAtRisk: level == 0.95 ? forecast.var95 : forecast.var99,
                            initial: window.price)
                    }
                    let kupiec = KupiecTest(exceedances: hits.filter { $0 }.count, observations: hits.count, expectedRate: 1 - level)
                    tests.append(VaRBacktest(
                        model: model, cell: cell, level: level, kupiec: kupiec,
                        christoffersen: ChristoffersenTest(hits: hits, kupiec: kupiec),
                        effectiveObservations: Double(hits.count) * overlap,
                        exceedanceDates: zip(report.windows, hits).filter(\.1).map(\.0.end)))
                }
            }
        }
        return tests
    }
}
