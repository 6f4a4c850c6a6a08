import HedgeSimCore

/// How a backtest made its numbers, in the sentences every report format prints.
enum BacktestMethod {
    static func sentences(settings s: BacktestSettings, windows: Int, refits: Int, dataStep: Double, hasFunding: Bool) -> [String] {
        let step = TimeGrid.describe(step: WindowSchedule.secondsPerDay / Double(s.stepsPerDay))
        var lines = [
            "\(windows) window ends, one every \(s.everyDays) day(s); at each end t every model is fitted to the trailing "
                + "\(s.windowDays) days of prices on a \(step) grid and forecasts the \(s.horizonDays)-day loss of one coin, "
                + "unhedged and hedged, from \(s.paths) paths (seed \(s.seed) + window number; liquidation also checked between steps).",
        ]
        if s.everyDays < s.horizonDays {
            lines.append(
                "Horizons overlap: consecutive windows share \(s.horizonDays - s.everyDays) of \(s.horizonDays) days, so only about "
                    + "n·\(s.everyDays)/\(s.horizonDays) windows are independent. The χ² p-values assume independent windows and are too "
                    + "small here, and the independence test rejects from the overlap alone.")
        } else {
            lines.append("Horizons do not overlap (every \(s.everyDays) day(s), horizon \(s.horizonDays) day(s)).")
        }
        let slow = s.models.filter { $0 == .jump || $0 == .garch }.map(\.rawValue) + (hasFunding ? ["funding AR(1)"] : [])
        if !slow.isEmpty {
            lines.append(
                slow.joined(separator: ", ") + " re-estimated every \(s.refitEveryDays) day(s) (\(refits) estimates) and held in between; "
                    + "GBM σ and the bootstrap history come from every window's own data"
                    + (s.models.contains(.garch) ? "; GARCH's conditional variance is filtered up to every window end." : "."))
        }
        lines.append(
            "Every forecast has zero drift (E[P_{t+D}] = P_t). GARCH is simulated with the mean of its expected conditional variance "
                + "over the horizon\(hasFunding ? ", the funding AR(1) with its mean expected rate over the horizon from the last rate paid" : ""); "
                + "the bootstrap resamples the window's recentred returns in blocks of mean length \(BacktestText.number(s.bootstrapBlockDays)) day(s).")
        if s.volScale != 1 {
            lines.append("Every forecast volatility is multiplied by \(BacktestText.number(s.volScale)) (--vol-scale).")
        }
        lines.append(
            "Realised: the data over (t, t+D] replayed through the same engine at the data's \(TimeGrid.describe(step: dataStep)) step "
                + "(liquidation checked at those prices only), "
                + (hasFunding ? "with the funding actually paid in each step." : "with no funding (none given; the forecasts have none either)."))
        lines.append(
            "An exceedance is a realised loss above the forecast VaR (by more than 1e-9 of the starting value). Kupiec LR_uc ~ χ²(1), "
                + "Christoffersen LR_ind ~ χ²(1), LR_cc = LR_uc + LR_ind ~ χ²(2).")
        return lines
    }
}
