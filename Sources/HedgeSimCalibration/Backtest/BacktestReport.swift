import HedgeSimCore

/// Everything `hedgesim backtest` reports (`schemaVersion` versions its JSON): the settings, the data
/// used, every window's forecasts and realised outcome, the VaR backtests and the realised hedge
/// outcomes. Losses are USD per coin held, positive when value is lost: `L = W_t − W_{t+D}` with
/// `W_t` the price at the window end (one coin).
public struct BacktestReport: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion = BacktestReport.currentSchemaVersion
    public var tool = "hedgesim " + HedgeSimVersion.current
    public var settings: BacktestSettings
    public var data: BacktestDataSummary
    /// The hedge cells in the order of every per-cell list; the first is the unhedged holding (ratio 0).
    public var cells: [BacktestCell]
    public var windows: [BacktestWindow]
    /// Window ends skipped, by reason.
    public var skipped: [SkippedWindows]
    public var varBacktests: [VaRBacktest]
    public var hedgeOutcomes: [HedgeOutcome]
    /// How the numbers were made, in sentences (also printed by every format).
    public var method: [String]
}

/// The histories used.
public struct BacktestDataSummary: Codable, Sendable {
    public var prices: String
    public var funding: String?
    /// The data's own step and the forecast step, in seconds.
    public var dataStepSeconds: Double
    public var forecastStepSeconds: Double
    /// First and last window end.
    public var firstWindowEnd: String
    public var lastWindowEnd: String
}

/// A hedge cell: ratio and leverage (ratio 0: the unhedged holding).
public struct BacktestCell: Codable, Sendable, Equatable {
    public var hedgeRatio: Double
    public var leverage: Double
    /// The margin policy the cell is run with.
    public var policy: MarginPolicy

    public var isUnhedged: Bool { hedgeRatio == 0 }
    public var label: String {
        isUnhedged ? "unhedged"
            : "h \(BacktestText.number(hedgeRatio)) · \(BacktestText.number(leverage))x" + (policy == .none ? "" : " · " + policy.rawValue)
    }
}

/// One window: its end, the prices at both ends, what happened, and what each model forecast.
public struct BacktestWindow: Codable, Sendable {
    /// The window end t (ISO-8601 UTC).
    public var end: String
    public var price: Double
    /// The price at t + D.
    public var horizonPrice: Double
    /// The highest price in `(t, t + D]` on the data's grid.
    public var peakPrice: Double
    /// Per cell (in `BacktestReport.cells` order).
    public var realised: [RealisedCell]
    /// Per model (in `settings.models` order).
    public var forecasts: [ModelForecast]
}

/// What a hedge cell did over `(t, t + D]` in the replay.
public struct RealisedCell: Codable, Sendable, Equatable {
    /// `W_t − W_{t+D}` in USD (one coin at the start).
    public var lossUSD: Double
    /// Funding received and paid by the short, USD at the horizon price.
    public var fundingReceivedUSD: Double
    public var fundingPaidUSD: Double
    /// Policy cells: the policy's actions and the coins moved into the margin in the window.
    public var actions: Double?
    public var coinsMoved: Double?
    /// When the short was liquidated (ISO-8601 UTC), nil when it was not.
    public var liquidatedAt: String?
}

/// One model's forecast for one window.
public struct ModelForecast: Codable, Sendable {
    public var model: PriceModelKind
    /// Per cell (in `BacktestReport.cells` order).
    public var cells: [ForecastCell]
}

/// A forecast of one cell's USD loss over the horizon.
public struct ForecastCell: Codable, Sendable, Equatable {
    /// Expected loss `W_t − E[W_{t+D}]`.
    public var meanLossUSD: Double
    public var var95: Double
    public var var99: Double
    public var liquidationProbability: Double
}

public struct SkippedWindows: Codable, Sendable, Equatable {
    public var reason: String
    public var count: Int
}
