import Foundation

/// The printed parts of a GARCH(1,1)-t fit of several coins (`ModelChoice.garch`): the fragment's
/// step, ν and per-coin comments, and the table's per-coin estimates and shared ν.
extension MultiCoinCalibration {
    /// The fragment's `stepsPerDay` (the data step, since α and β are per step; with a step longer than
    /// a day, to full precision and with `horizonDays` a whole number of steps, as for one coin) and
    /// `garchDegreesOfFreedom`, each with its comments.
    func garchFragmentLines(_ shared: MultivariateTFit) -> [String] {
        let stepText = TimeGrid.describe(step: step)
        let grid = GarchSimulationGrid(stepSeconds: step)
        var lines = ["# GARCH(1,1)-t per \(stepText) step: α and β are per step, so the simulation uses the data step."]
        if let horizon = grid.horizonDays {
            lines.append("# The horizon is a whole number of steps (the nearest to 30 days).")
            lines.append("stepsPerDay: \(grid.stepsPerDay)")
            lines.append("horizonDays: \(horizon)")
        } else {
            lines.append("stepsPerDay: \(grid.stepsPerDay)")
        }
        let targeted = coins.filter { $0.garchVarianceTargeted != nil }.map(\.name)
        lines.append("# vol is each coin's long-run σ = √(ω/(1−α−β)/Δt)"
            + (targeted.isEmpty ? "" : " (\(targeted.joined(separator: ", ")): variance-targeted, the sample vol, as α + β is not significantly below 1)")
            + ".")
        lines.append("# Standard errors of α, β: " + coins.compactMap { coin in
            coin.garchForSimulation.map { "\(coin.name) ±\(NumberText.error($0.alpha.standardError)), ±\(NumberText.error($0.beta.standardError))" }
        }.joined(separator: "; ") + ".")
        let nu = shared.degreesOfFreedom
        lines.append("# One ν for every coin's t shocks (they share one mixing variable): fitted on \(shared.observations) steps"
            + (shared.atBound ? ", at the bound of 3 … 60" : "") + "; each coin's own ν: "
            + coins.compactMap { coin in coin.garchForSimulation.map { "\(coin.name) \(NumberText.value($0.degreesOfFreedom.value))" } }.joined(separator: ", ") + ".")
        lines.append("garchDegreesOfFreedom: \(NumberText.value(nu.value))  # ± \(NumberText.error(nu.standardError))")
        return lines
    }

    /// α and β as the fragment writes them: six significant digits, or full precision when those
    /// would round α + β up to 1 (the portfolio wants α + β < 1).
    static func persistenceText(_ garch: GarchFit) -> (alpha: String, beta: String) {
        let (alpha, beta) = (NumberText.value(garch.alpha.value), NumberText.value(garch.beta.value))
        if let a = Double(alpha), let b = Double(beta), a + b < 1 { return (alpha, beta) }
        return (String(garch.alpha.value), String(garch.beta.value))
    }

    /// Per coin its GARCH estimates with standard errors, and why a fit is variance-targeted.
    func garchTableLines(_ shared: MultivariateTFit) -> [String] {
        var lines: [String] = []
        for coin in coins {
            guard let free = coin.garch, let fit = coin.garchForSimulation else { continue }
            func text(_ estimate: Estimate) -> String { "\(NumberText.value(estimate.value)) ± \(NumberText.error(estimate.standardError))" }
            lines.append("\(coin.name) GARCH(1,1)-t per \(TimeGrid.describe(step: step)) step: α \(text(fit.alpha)), β \(text(fit.beta)), "
                + "α+β \(text(fit.persistence)), own ν \(text(fit.degreesOfFreedom))")
            if fit.varianceTargeted {
                lines.append("  variance-targeted: the free fit's α+β = \(text(free.persistence)) is not significantly below 1, "
                    + "so the long-run vol is the sample vol")
            }
        }
        return lines
    }

    /// The shared ν with its standard error, against each coin's own.
    func sharedDegreesOfFreedomLines(_ shared: MultivariateTFit) -> [String] {
        let nu = shared.degreesOfFreedom
        var lines = ["", "Shared ν of the multivariate t shocks (unit variance, one mixing variable for all coins): "
            + "\(NumberText.value(nu.value)) ± \(NumberText.error(nu.standardError)), log-likelihood \(NumberText.grouped(shared.logLikelihood)) "
            + "over \(NumberText.count(shared.observations)) steps"]
        lines.append("Each coin's own ν (univariate GARCH-t): " + coins.compactMap { coin in
            coin.garchForSimulation.map { "\(coin.name) \(NumberText.value($0.degreesOfFreedom.value)) ± \(NumberText.error($0.degreesOfFreedom.standardError))" }
        }.joined(separator: ", "))
        if shared.atBound {
            lines.append(nu.value == MultivariateTFit.range.lowerBound
                ? "ν is at 3, the simulator's lowest: the shocks' joint tails are at least that fat"
                : "ν is at 60, the simulator's highest: the shocks are close to normal")
        }
        return lines
    }
}
