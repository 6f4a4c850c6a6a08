import Foundation
import HedgeSimCore

/// The scenarios a backtest simulates: the forecast of each model for a window, and the replay of what
/// happened after it.
///
/// Common to both: a holding of one coin at the price at the window end `t`, the horizon D, the hedge
/// grid (ratio 0, the unhedged holding, first), an inverse perpetual on isolated margin with the
/// default contract terms (face value 1 USD, fee 0.05 %, maintenance 0.5 % of the mark value).
/// Without a funding history the funding is zero in both (mean and volatility 0).
///
/// Forecasts (`stepsPerDay` steps a day, liquidation also checked between steps by the Brownian
/// bridge) have **zero drift**, `E[P_{t+D}] = P_t`, for every model: a one-year mean return is mostly
/// noise (its standard error is about σ ≈ 70 % a year for BTC). With volatility scale X (`volScale`):
/// - gbm: σ = X·σ̂ of the window's GBM fit;
/// - jump: the Merton fit with σ, μ_J and σ_J times X;
/// - garch: the `GarchForecast` of the fit, σ times X;
/// - bootstrap: the window's own returns on the forecast grid, recentred and scaled,
///   `r'_i = X·(r_i − r̄) − X²s²/2` (s² their variance), so `E[e^{r'}] ≈ 1` like the zero-drift models,
///   with the window's funding per step when a funding history is given, blocks of mean length
///   `bootstrapBlockDays`.
/// With a funding history, the parametric models take the window's funding AR(1) (`FundingFit`; its
/// persistence φ clamped to [0, 1], its correlation 0 when not estimated). The simulator starts the
/// AR(1) at its mean, so, as for GARCH, the backtest gives it the mean rate expected over the horizon
/// from the last rate `f_t` paid by t, over the `m` funding intervals of the horizon:
///
///     f̄_D = f̄ + (f_t − f̄)·φ(1 − φᵐ) / (m(1 − φ))      (weight 1 at φ = 1, 0 at φ = 0).
struct ForecastScenario {
    let base: Scenario

    init(settings: BacktestSettings) {
        var scenario = Scenario()
        scenario.holding = 1
        scenario.horizonDays = Double(settings.horizonDays)
        scenario.stepsPerDay = Double(settings.stepsPerDay)
        scenario.paths = settings.paths
        scenario.hedgeRatios = [0] + settings.hedgeRatios.filter { $0 > 0 }
        scenario.leverages = settings.leverages
        scenario.policies = settings.policies
        scenario.management = settings.management
        scenario.drift = 0
        scenario.betweenStepCheck = true
        scenario.fundingMean = 0
        scenario.fundingVol = 0
        scenario.fundingPriceCorrelation = 0
        scenario.fundingIntervalHours = 24 / Double(settings.stepsPerDay)
        scenario.bootstrapBlockSteps = settings.bootstrapBlockDays * Double(settings.stepsPerDay)
        base = scenario
    }

    /// The forecast of `model` from price `price`, with the window's returns and estimates, and the
    /// history the bootstrap draws from.
    func forecast(
        _ model: PriceModelKind, price: Double, series: ReturnSeries, fits: WindowFits, lastFundingRate: Double?,
        window: @autoclosure () throws -> MarketHistory, volScale x: Double
    ) throws -> (scenario: Scenario, history: MarketHistory?) {
        var scenario = base
        scenario.price = price
        scenario.model = model
        if let funding = fits.funding { ForecastScenario.apply(funding, lastRate: lastFundingRate, to: &scenario) }
        switch model {
        case .gbm:
            scenario.vol = x * (try GBMFit(series)).vol.value
        case .jump:
            guard let jump = fits.jump else { preconditionFailure("the jump model is fitted when chosen") }
            scenario.vol = x * jump.vol.value
            scenario.jumpIntensity = jump.jumpIntensity.value
            scenario.jumpMean = x * jump.jumpMean.value
            scenario.jumpStdev = x * jump.jumpStdev.value
        case .garch:
            guard let garch = fits.garch else { preconditionFailure("GARCH is fitted when chosen") }
            let forecast = GarchForecast(fit: garch, returns: series, horizonSteps: scenario.stepCount)
            scenario.vol = x * forecast.vol
            scenario.garchAlpha = forecast.alpha
            scenario.garchBeta = forecast.beta
            scenario.garchDegreesOfFreedom = forecast.degreesOfFreedom
        case .bootstrap:
            let history = try window()
            let n = Double(history.logReturns.count)
            let mean = history.logReturns.reduce(0, +) / n
            let variance = history.logReturns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
            let returns = history.logReturns.map { x * ($0 - mean) - x * x * variance / 2 }
            return (scenario, try MarketHistory(logReturns: returns, fundingRates: history.fundingRates))
        case .replay:
            preconditionFailure("replay is not a forecasting model")
        }
        return (scenario, nil)
    }

    /// The replay of the data over `(t, t + D]` at the data's own step: one path, liquidation checked
    /// at the data's prices only (a replay draws nothing), the real funding of each step when a
    /// funding history is given (the history carries it), else none.
    func replay(price: Double, dataStep: Double) -> Scenario {
        var scenario = base
        scenario.price = price
        scenario.model = .replay
        scenario.paths = 1
        scenario.stepsPerDay = WindowSchedule.secondsPerDay / dataStep
        scenario.betweenStepCheck = false
        return scenario
    }

    private static func apply(_ funding: FundingFit, lastRate: Double?, to scenario: inout Scenario) {
        let phi = min(1, max(0, funding.persistence.value))
        let intervals = max(1, scenario.horizonDays * 24 / funding.intervalHours)
        let weight = phi == 1 ? 1 : phi * (1 - Foundation.pow(phi, intervals)) / (intervals * (1 - phi))
        scenario.fundingMean = funding.mean.value + ((lastRate ?? funding.mean.value) - funding.mean.value) * weight
        scenario.fundingVol = funding.innovationStdev.value
        scenario.fundingPersistence = phi
        scenario.fundingPriceCorrelation = funding.priceCorrelation?.value ?? 0
        scenario.fundingIntervalHours = funding.intervalHours
    }
}
