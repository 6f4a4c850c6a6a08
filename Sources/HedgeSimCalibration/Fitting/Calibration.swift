import HedgeSimCore

/// Which price models `Calibration` fits.
public enum ModelChoice: String, CaseIterable, Sendable {
    case gbm, jump, garch, all

    var models: [PriceModelKind] {
        switch self {
        case .gbm: return [.gbm]
        case .jump: return [.jump]
        case .garch: return [.garch]
        case .all: return [.gbm, .jump, .garch]
        }
    }
}

/// Everything `hedgesim calibrate` reports: the data-quality reports, the return grid, each fitted
/// price model, the funding AR(1), and the price model with the lowest AIC.
public struct Calibration: Codable, Sendable {
    public let prices: DataQualityReport
    public let funding: DataQualityReport?
    /// Log returns used, and the runs of consecutive grid points they form.
    public let returns: Int
    public let returnRuns: Int
    /// The price grid step Δ in seconds.
    public let stepSeconds: Double
    public let gbm: GBMFit?
    public let jump: JumpDiffusionFit?
    public let garch: GarchFit?
    /// GARCH with ω tied to the sample variance of the returns, fitted only when the free fit is not
    /// significantly stationary (`GarchFit.isStationary`); the scenario fragment then uses it.
    public let garchVarianceTargeted: GarchFit?
    public let fundingAR1: FundingFit?
    /// The fitted price model with the lowest AIC.
    public let bestModel: PriceModelKind
    /// The requested models the data could not support, each with the reason (e.g. how many returns it
    /// needs); the others are still fitted and reported.
    public let notFitted: [NotFitted]

    /// A requested model left out, and why.
    public struct NotFitted: Codable, Sendable, Equatable {
        public let model: PriceModelKind
        public let reason: String
    }

    /// - Throws: `CalibrationError` when the data supports none of the requested models (one that it
    ///   cannot support is left out with its reason in `notFitted`), or the funding fit.
    public init(prices: PriceHistory, funding: FundingHistory?, models: ModelChoice) throws {
        let series = try ReturnSeries(prices: prices)
        self.prices = prices.quality
        self.funding = funding?.quality
        returns = series.returns.count
        returnRuns = series.runStarts.count
        stepSeconds = series.step
        let wanted = models.models
        var notFitted: [NotFitted] = []
        var firstError: CalibrationError?
        func fit<F>(_ model: PriceModelKind, _ body: () throws -> F) throws -> F? {
            guard wanted.contains(model) else { return nil }
            do {
                return try body()
            } catch let error as CalibrationError {
                notFitted.append(NotFitted(model: model, reason: error.description))
                firstError = firstError ?? error
                return nil
            }
        }
        gbm = try fit(.gbm) { try GBMFit(series) }
        jump = try fit(.jump) { try JumpDiffusionFit(series) }
        garch = try fit(.garch) { try GarchFit(series) }
        if gbm == nil && jump == nil && garch == nil, let firstError { throw firstError }
        self.notFitted = notFitted
        garchVarianceTargeted = try garch.flatMap { try $0.varianceTargetedFit(series) }
        fundingAR1 = try funding.map { try FundingFit(funding: $0, prices: prices) }
        let candidates: [(PriceModelKind, Double)] = [(.gbm, gbm?.aic), (.jump, jump?.aic), (.garch, garch?.aic)]
            .compactMap { model, aic in aic.map { (model, $0) } }
        bestModel = candidates.min { $0.1 < $1.1 }?.0 ?? .gbm
    }

    /// The GARCH fit the simulator gets: the variance-targeted one when it was needed, else the free one.
    var garchForSimulation: GarchFit? { garchVarianceTargeted ?? garch }

    /// The chosen model's annualised volatility and drift: GBM σ and μ, the jump model's diffusion σ
    /// and μ, or GARCH's long-run σ and μ (of `garchForSimulation`).
    func volAndDrift(for model: PriceModelKind) -> (vol: Estimate, drift: Estimate)? {
        switch model {
        case .gbm: return gbm.map { ($0.vol, $0.drift) }
        case .jump: return jump.map { ($0.vol, $0.drift) }
        case .garch: return garchForSimulation.map { ($0.longRunVol, $0.drift) }
        case .bootstrap, .replay: return nil
        }
    }

    /// The AIC of a fitted model.
    func aic(of model: PriceModelKind) -> Double? {
        switch model {
        case .gbm: return gbm?.aic
        case .jump: return jump?.aic
        case .garch: return garch?.aic
        case .bootstrap, .replay: return nil
        }
    }
}
