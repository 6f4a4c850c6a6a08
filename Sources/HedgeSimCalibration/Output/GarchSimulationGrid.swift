/// The simulation grid a GARCH fit writes into a scenario fragment: α and β are per step, so the
/// simulation takes the data step. `stepsPerDay` is `1/step` in days; for a step longer than a day both
/// keys are written to full precision, with `horizonDays` the whole number of steps nearest to 30 days,
/// so that `horizonDays × stepsPerDay` is a whole number of steps.
struct GarchSimulationGrid {
    /// The `stepsPerDay` value, as written.
    let stepsPerDay: String
    /// The `horizonDays` value, as written; nil for a step of a day or less (the default horizon).
    let horizonDays: String?

    init(stepSeconds: Double) {
        let stepDays = stepSeconds / 86_400
        if stepDays <= 1 {
            stepsPerDay = NumberText.value(1 / stepDays)
            horizonDays = nil
        } else {
            stepsPerDay = String(1 / stepDays)
            horizonDays = String(max(1, (30 / stepDays).rounded()) * stepDays)
        }
    }
}
