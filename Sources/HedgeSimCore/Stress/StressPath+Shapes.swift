import Foundation

extension StressPath {
    /// Days of the squeeze's rise and of its fall.
    static let squeezeRiseDays = 3.0
    static let squeezeFallDays = 7.0

    /// The path of a parameterised shape over the scenario's horizon: each move spread evenly in log
    /// terms over its steps (at least one), the index flat afterwards; a shape longer than the
    /// horizon is cut at the horizon.
    /// - Throws: `InputError` on `stress` for `basis-inversion` on a perpetual or `funding-cap` on a dated contract.
    public init(shape: StressSpec.Shape, name: String, scenario: Scenario) throws {
        let steps = scenario.stepCount
        let perDay = scenario.stepsPerDay
        /// Steps of a phase of `days`, at least one.
        func length(_ days: Double) -> Int { max(1, Int((days * perDay).rounded())) }
        /// Log returns of consecutive phases (total log move, steps), then zeros to the horizon.
        func phases(_ moves: [(Double, Int)]) -> [Double] {
            var returns: [Double] = []
            for (move, count) in moves { returns += Array(repeating: move / Double(count), count: count) }
            returns += Array(repeating: 0, count: max(0, steps - returns.count))
            return Array(returns.prefix(steps))
        }
        let percent = { (value: Double) in String(format: "%g %%", value * 100) }
        let days = { (value: Double) in String(format: "%g day", value) + (value == 1 ? "" : "s") }
        switch shape {
        case .crash(let drop, let span):
            try self.init(
                name: name, summary: "The index falls \(percent(drop)) over \(days(span)), then stays flat.",
                logReturns: phases([(log(1 - drop), length(span))]), keySteps: [length(span)], scenario: scenario)
        case .squeeze(let rise, let fall):
            let up = length(StressPath.squeezeRiseDays)
            let down = length(StressPath.squeezeFallDays)
            try self.init(
                name: name,
                summary: "The index rises \(percent(rise)) over 3 days, liquidating leveraged shorts, then falls "
                    + "\(percent(fall)) over the next 7 days, hurting the unhedged holder; flat afterwards.",
                logReturns: phases([(log(1 + rise), up), (log(1 - fall), down)]), keySteps: [up, up + down], scenario: scenario)
        case .fundingCap(let span):
            guard scenario.instrument.isPerpetual else {
                throw InputError(field: "stress", value: name, allowed: "a perpetual instrument for funding at the cap")
            }
            let capped = length(span)
            let mean = min(scenario.fundingCap, max(-scenario.fundingCap, scenario.fundingMean))
            try self.init(
                name: name,
                summary: "Funding at its cap (\(percent(scenario.fundingCap)) per \(String(format: "%g", scenario.fundingIntervalHours)) h) "
                    + "paid by the short for \(days(span)), the scenario's mean afterwards; the index flat.",
                logReturns: phases([]),
                fundingRates: StressPath.fundingSchedule(steps: steps, scenario: scenario) { $0 < capped ? -scenario.fundingCap : mean },
                keySteps: [capped], scenario: scenario)
        case .basisInversion(let target, let span):
            guard scenario.instrument.isDated else {
                throw InputError(field: "stress", value: name, allowed: "a dated instrument (instrument: dated) for a basis inversion")
            }
            let turn = length(span)
            let start = scenario.basis
            let basis = (0..<steps).map { step in
                step + 1 >= turn ? target : start + (target - start) * Double(step + 1) / Double(turn)
            }
            try self.init(
                name: name,
                summary: "The dated contract's annualised basis moves from \(percent(start)) to \(percent(target)) over "
                    + "\(days(span)) and stays there; the index flat.",
                logReturns: phases([]), basis: basis, keySteps: [turn], scenario: scenario)
        }
    }
}
