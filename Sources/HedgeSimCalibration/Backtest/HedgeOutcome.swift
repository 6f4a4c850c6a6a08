import HedgeSimCore

/// What one hedge cell actually did over the windows (the replays), beside what the models expected:
/// mean realised loss against each model's mean forecast loss, funding received and paid per window,
/// liquidations against the number each model expected (the sum of its liquidation probabilities),
/// and the worst window.
public struct HedgeOutcome: Codable, Sendable {
    public var cell: BacktestCell
    public var windows: Int
    public var meanRealisedLossUSD: Double
    public var meanForecastLossUSD: [ModelValue]
    public var meanFundingReceivedUSD: Double
    public var meanFundingPaidUSD: Double
    public var liquidations: Int
    public var expectedLiquidations: [ModelValue]
    /// Policy cells: the windows in which the policy acted (top-up, deleverage or re-hedge) and the mean
    /// coins moved per window (nil for a hedge left alone).
    public var windowsWithActions: Int?
    public var meanCoinsMoved: Double?
    /// The window with the largest realised loss as a fraction of the starting value.
    public var worst: WorstWindow

    static func all(_ report: BacktestReport) -> [HedgeOutcome] {
        let n = Double(report.windows.count)
        return report.cells.enumerated().map { cellIndex, cell in
            let realised = report.windows.map { $0.realised[cellIndex] }
            let perModel = { (value: (ForecastCell) -> Double) in
                report.settings.models.enumerated().map { modelIndex, model in
                    ModelValue(model: model, value: report.windows.reduce(0) { $0 + value($1.forecasts[modelIndex].cells[cellIndex]) })
                }
            }
            let worstIndex = report.windows.indices.max { a, b in
                realised[a].lossUSD / report.windows[a].price < realised[b].lossUSD / report.windows[b].price
            } ?? 0
            let window = report.windows[worstIndex]
            return HedgeOutcome(
                cell: cell, windows: report.windows.count,
                meanRealisedLossUSD: realised.reduce(0) { $0 + $1.lossUSD } / n,
                meanForecastLossUSD: perModel(\.meanLossUSD).map { ModelValue(model: $0.model, value: $0.value / n) },
                meanFundingReceivedUSD: realised.reduce(0) { $0 + $1.fundingReceivedUSD } / n,
                meanFundingPaidUSD: realised.reduce(0) { $0 + $1.fundingPaidUSD } / n,
                liquidations: realised.filter { $0.liquidatedAt != nil }.count,
                expectedLiquidations: perModel(\.liquidationProbability),
                windowsWithActions: cell.policy == .none ? nil : realised.filter { ($0.actions ?? 0) > 0 }.count,
                meanCoinsMoved: cell.policy == .none ? nil : realised.reduce(0) { $0 + ($1.coinsMoved ?? 0) } / n,
                worst: WorstWindow(
                    end: window.end, lossUSD: realised[worstIndex].lossUSD, lossFraction: realised[worstIndex].lossUSD / window.price,
                    peakRise: window.peakPrice / window.price - 1, priceChange: window.horizonPrice / window.price - 1,
                    liquidatedAt: realised[worstIndex].liquidatedAt))
        }
    }
}

/// A number per model.
public struct ModelValue: Codable, Sendable, Equatable {
    public var model: PriceModelKind
    public var value: Double
}

/// The worst window of a cell: its end, the loss, the price path's highest rise and its change over
/// the horizon (a squeeze and a crash), and when the short was liquidated.
public struct WorstWindow: Codable, Sendable, Equatable {
    public var end: String
    public var lossUSD: Double
    /// Loss over the starting value `W_t`.
    public var lossFraction: Double
    /// `max P / P_t − 1` over `(t, t + D]`.
    public var peakRise: Double
    /// `P_{t+D}/P_t − 1`.
    public var priceChange: Double
    public var liquidatedAt: String?
}
