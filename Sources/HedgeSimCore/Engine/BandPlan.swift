/// The steps at which the fan chart records the index of the first `paths` paths (`hs_band_plan`).
struct BandPlan: Sendable {
    static let maxPaths = 4_096
    static let maxPoints = 61
    let paths: Int
    /// Steps (0-based, index after the step) at which the band paths are recorded, ascending: up to
    /// `maxPoints − 1` steps spread evenly, the last one the horizon.
    let steps: [Int]
    /// For each step, its position in `steps`, or −1.
    let pointOfStep: [Int]

    init(scenario: Scenario) {
        paths = min(scenario.paths, BandPlan.maxPaths)
        let stepCount = scenario.stepCount
        let points = min(stepCount, BandPlan.maxPoints - 1)
        steps = Array(Set((1...points).map { ($0 * stepCount + points - 1) / points - 1 })).sorted()
        var pointOfStep = [Int](repeating: -1, count: stepCount)
        for (point, step) in steps.enumerated() { pointOfStep[step] = point }
        self.pointOfStep = pointOfStep
    }
}
