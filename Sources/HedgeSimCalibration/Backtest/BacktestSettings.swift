import HedgeSimCore

/// What `hedgesim backtest` does: the rolling windows, the models, the simulation size and the hedge
/// grid. Times are epoch seconds (UTC); spans are whole days.
///
/// For each window end `t` (every `everyDays` days), each model is fitted to the trailing
/// `windowDays` of prices on the forecast grid (`stepsPerDay` steps a day), the next `horizonDays`
/// are simulated from the price at `t` for a holding of one coin and the hedge grid, and the forecast
/// is compared with what happened over `(t, t + horizonDays]`.
public struct BacktestSettings: Codable, Sendable, Equatable {
    /// Forecast horizon D in days (1 and 30 are the usual cases).
    public var horizonDays: Int
    /// Trailing calibration window W in days.
    public var windowDays: Int
    /// Spacing K of the window ends in days; `K < D` makes horizons overlap (see `VaRBacktest`).
    public var everyDays: Int
    /// The forecasting models: any of gbm, jump, garch, bootstrap.
    public var models: [PriceModelKind]
    /// Simulated paths per window and model.
    public var paths: Int
    /// Window `i` (0-based) is simulated with seed `seed + i`, the same for every model (common random
    /// numbers across models, independent Monte Carlo noise across windows).
    public var seed: UInt64
    /// Hedge ratios of the short (the unhedged holding, ratio 0, is always evaluated too).
    public var hedgeRatios: [Double]
    /// Leverages of the isolated-margin short.
    public var leverages: [Double]
    /// Steps a day of the forecast grid; the prices are resampled to it (a divisor of 24).
    public var stepsPerDay: Int
    /// Days between re-estimates of the jump, GARCH and funding AR(1) parameters (held in between;
    /// GARCH's conditional variance is still filtered up to every window end).
    public var refitEveryDays: Int
    /// Mean block length of the bootstrap in days.
    public var bootstrapBlockDays: Double
    /// Every forecast volatility is multiplied by this (1 = as fitted); below 1 it shows how a model that
    /// underestimates risk is rejected.
    public var volScale: Double
    /// First window end and last horizon end kept (nil: as far as the data reach). The trailing window
    /// may reach before `from`.
    public var from: Double?
    public var to: Double?
    /// Worker threads of the fits and simulations (nil: all cores); results do not depend on it.
    public var threads: Int?
    /// Margin policies replayed and forecast for every hedged cell, and their rules (as for `run`:
    /// `Scenario.policies`, `Scenario.management`).
    public var policies: [MarginPolicy] = [.none]
    public var management = MarginManagement()

    public init(
        horizonDays: Int, windowDays: Int = 365, everyDays: Int? = nil, models: [PriceModelKind] = [.gbm, .jump, .garch, .bootstrap],
        paths: Int = 10_000, seed: UInt64 = 1, hedgeRatios: [Double] = [0.5, 1], leverages: [Double] = [2, 5],
        stepsPerDay: Int = 1, refitEveryDays: Int = 7, bootstrapBlockDays: Double = 7, volScale: Double = 1,
        from: Double? = nil, to: Double? = nil, threads: Int? = nil
    ) {
        self.horizonDays = horizonDays
        self.windowDays = windowDays
        self.everyDays = everyDays ?? horizonDays
        self.models = models
        self.paths = paths
        self.seed = seed
        self.hedgeRatios = hedgeRatios
        self.leverages = leverages
        self.stepsPerDay = stepsPerDay
        self.refitEveryDays = refitEveryDays
        self.bootstrapBlockDays = bootstrapBlockDays
        self.volScale = volScale
        self.from = from
        self.to = to
        self.threads = threads
    }

    /// Models that backtest: the fitted and the bootstrap ones (not replay).
    public static let models: [PriceModelKind] = [.gbm, .jump, .garch, .bootstrap]

    /// Returns in the trailing window on the forecast grid: `windowDays · stepsPerDay`.
    var windowReturns: Int { windowDays * stepsPerDay }

    /// The fewest returns a window needs: 200 for jump and GARCH, 30 for GBM and the bootstrap.
    var minimumWindowReturns: Int {
        models.contains { $0 == .jump || $0 == .garch } ? max(JumpDiffusionFit.minimumReturns, GarchFit.minimumReturns) : GBMFit.minimumReturns
    }

    /// Checks every setting; throws the first problem as a one-line `InputError`.
    public func validate() throws {
        func require(_ field: String, _ value: String, _ condition: Bool, _ allowed: String) throws {
            if !condition { throw InputError(field: field, value: value, allowed: allowed) }
        }
        try require("models", models.map(\.rawValue).joined(separator: ","), !models.isEmpty && models.allSatisfy(BacktestSettings.models.contains)
            && Set(models).count == models.count, "a list of distinct models from gbm, jump, garch, bootstrap")
        try require("horizonDays", String(horizonDays), horizonDays >= 1 && horizonDays <= 3650, "whole days from 1 to 3650")
        try require("windowDays", String(windowDays), windowDays >= 1 && windowDays <= 36_500, "whole days from 1 to 36500")
        try require("everyDays", String(everyDays), everyDays >= 1 && everyDays <= 36_500, "whole days from 1 to 36500")
        try require("stepsPerDay", String(stepsPerDay), stepsPerDay >= 1 && 24 % stepsPerDay == 0, "a divisor of 24 (1, 2, 3, 4, 6, 8, 12 or 24)")
        try require(
            "windowDays", String(windowDays), windowReturns >= minimumWindowReturns,
            "at least \(minimumWindowReturns) returns at \(stepsPerDay) step(s) a day for "
                + models.map(\.rawValue).joined(separator: ",") + " (jump and GARCH need 200)")
        try require("paths", String(paths), paths >= 100 && paths <= 1_000_000, "a whole number from 100 to 1000000 (the 99 % VaR needs a tail)")
        try require("refitEveryDays", String(refitEveryDays), refitEveryDays >= 1 && refitEveryDays <= 36_500, "whole days from 1 to 36500")
        try require("bootstrapBlockDays", "\(bootstrapBlockDays)", bootstrapBlockDays.isFinite && bootstrapBlockDays * Double(stepsPerDay) >= 1
            && bootstrapBlockDays <= 36_500, "days ≥ one step and ≤ 36500")
        try require("volScale", "\(volScale)", volScale.isFinite && volScale > 0 && volScale <= 10, "a factor > 0 and ≤ 10")
        try require("hedgeRatios", hedgeRatios.map { "\($0)" }.joined(separator: ","), !hedgeRatios.isEmpty && hedgeRatios.count <= 20,
            "1 to 20 ratios (0 is always added as the unhedged holding)")
        try require("leverages", leverages.map { "\($0)" }.joined(separator: ","), !leverages.isEmpty && leverages.count <= 20, "1 to 20 leverages")
        if let from, let to, from >= to {
            throw InputError(field: "to", value: Timestamp.format(to), allowed: "a time after --from")
        }
        // The hedge grid is checked as a scenario: ratios in [0, 2], leverages in [1, 200], margin within the
        // holding, the policies and their rules.
        var scenario = Scenario()
        scenario.holding = 1
        scenario.horizonDays = Double(horizonDays)
        scenario.hedgeRatios = hedgeRatios
        scenario.leverages = leverages
        scenario.policies = policies
        scenario.management = management
        try scenario.validate()
    }
}
