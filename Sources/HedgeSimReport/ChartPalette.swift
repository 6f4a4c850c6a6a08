/// The colours of the charts: one per highlighted choice, one per cost component, distinct colours
/// for leverages, and ramps for hedge ratios and for the heat map. Key pairs contrast blue with
/// orange, which colour-blind readers can still tell apart.
enum ChartPalette {
    /// The highlighted choices, the price fan and the liquidation lines.
    static let unhedged = "#e8590c"
    static let recommended = "#1864ab"
    static let fullHedge = "#2f9e44"
    static let price = "#1c7ed6"
    static let liquidation = "#c92a2a"

    /// The cost components and the total mark.
    static let funding = "#4263eb"
    static let fees = "#f08c00"
    static let basis = "#0ca678"
    static let liquidationLoss = "#e03131"
    static let total = "#212529"

    /// Distinct colours for the leverages, cycled when there are more.
    static let series = ["#1864ab", "#e8590c", "#2f9e44", "#862e9c", "#c92a2a", "#0b7285", "#5c940d", "#a61e4d"]

    /// The colour of the leverage at `index`.
    static func series(_ index: Int) -> String { series[index % series.count] }

    /// The colour of a series at `fraction` (0…1) along the hedge ratios shown: from the unhedged orange
    /// through purple to the blue of a full hedge, so more hedge reads bluer.
    static func ratio(_ fraction: Double) -> String {
        let stops: [(Double, Double, Double)] = [(232, 89, 12), (134, 46, 156), (24, 100, 171)]
        return ramp(stops, min(1, max(0, fraction)))
    }

    /// The heat-map colour of a probability `p` in [0, 1]: white at 0, through amber to dark red at
    /// `p ≥ 0.5`, on a square-root scale so that small probabilities stay visible.
    static func heat(_ p: Double) -> String {
        let stops: [(Double, Double, Double)] = [(255, 255, 255), (255, 212, 59), (240, 140, 0), (201, 42, 42), (120, 20, 20)]
        return ramp(stops, min(1, max(0, p / 0.5)).squareRoot())
    }

    /// The colour at `t` (0…1) of a ramp through evenly spaced RGB stops.
    private static func ramp(_ stops: [(Double, Double, Double)], _ t: Double) -> String {
        let position = t * Double(stops.count - 1)
        let index = min(stops.count - 2, Int(position))
        let fraction = position - Double(index)
        let (a, b) = (stops[index], stops[index + 1])
        func mix(_ u: Double, _ v: Double) -> Int { Int((u + (v - u) * fraction).rounded()) }
        return "rgb(\(mix(a.0, b.0)),\(mix(a.1, b.1)),\(mix(a.2, b.2)))"
    }

    /// Whether text on the heat colour of `p` should be white rather than black.
    static func heatNeedsLightText(_ p: Double) -> Bool { min(1, max(0, p / 0.5)).squareRoot() > 0.6 }
}
