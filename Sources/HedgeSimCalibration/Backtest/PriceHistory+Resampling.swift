import HedgeSimCore

extension PriceHistory {
    /// The prices on a coarser grid of `stepsPerDay` steps a day (step `T = 86400/stepsPerDay` s): the
    /// prices whose time is a whole number of steps `T` from the grid origin, which is UTC midnight
    /// when some price falls on a multiple of `T` since the epoch, else the first price's time. A grid
    /// point the data miss is a gap of the new series (no return is taken across it).
    /// - Throws: `InputError` when the data's own step is longer than `T` or does not divide it.
    func resampled(stepsPerDay: Int) throws -> PriceHistory {
        let target = 86_400 / Double(stepsPerDay)
        guard let step else {
            throw InputError(field: "prices", value: quality.source, allowed: "at least two prices")
        }
        let ratio = target / step
        guard ratio >= 1 - TimeGrid.tolerance, abs(ratio - ratio.rounded()) <= TimeGrid.tolerance else {
            throw InputError(
                field: "stepsPerDay", value: String(stepsPerDay),
                allowed: "a forecast step that is a whole number of the data's \(TimeGrid.describe(step: step)) steps")
        }
        if ratio.rounded() == 1 { return self }
        func isOnGrid(_ time: Double, origin: Double) -> Bool {
            let steps = (time - origin) / target
            return abs(steps - steps.rounded()) * target <= TimeGrid.tolerance * step
        }
        let origin = times.first { isOnGrid($0, origin: 0) } == nil ? times[0] : 0
        let kept = times.indices.filter { isOnGrid(times[$0], origin: origin) }
        return PriceHistory(times: kept.map { times[$0] }, prices: kept.map { prices[$0] }, source: quality.source)
    }
}
