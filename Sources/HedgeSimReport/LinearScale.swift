import Foundation

/// A linear map from a data interval onto a canvas interval, with evenly spaced "nice" tick values
/// (1, 2, 2.5 or 5 times a power of ten) for its axis.
struct LinearScale: Sendable {
    var domain: ClosedRange<Double>
    var range: ClosedRange<Double>
    /// Whether larger values map towards `range.lowerBound` (the y axis, whose canvas coordinate grows
    /// downwards).
    var flipped = false

    /// A scale over `values` padded by `padding` of their spread on each side and widened to whole half
    /// tick steps; a single value gets an interval of ±5 % (at least ±1) around it.
    init(covering values: [Double], range: ClosedRange<Double>, flipped: Bool = false, padding: Double = 0, tickCount: Int = 5) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if high - low < 1e-9 * max(1, abs(high)) {
            let half = max(1, abs(high) * 0.05)
            low -= half
            high += half
        }
        let spread = high - low
        low -= spread * padding
        high += spread * padding
        let step = LinearScale.niceStep(spread: high - low, count: 2 * tickCount)
        domain = (low / step).rounded(.down) * step...(high / step).rounded(.up) * step
        self.range = range
        self.flipped = flipped
    }

    /// A scale over an exact interval.
    init(domain: ClosedRange<Double>, range: ClosedRange<Double>, flipped: Bool = false) {
        self.domain = domain
        self.range = range
        self.flipped = flipped
    }

    /// The canvas coordinate of `value`.
    func callAsFunction(_ value: Double) -> Double {
        let width = domain.upperBound - domain.lowerBound
        let fraction = width > 0 ? (value - domain.lowerBound) / width : 0.5
        let position = flipped ? 1 - fraction : fraction
        return range.lowerBound + position * (range.upperBound - range.lowerBound)
    }

    /// About `count` tick values inside the domain, multiples of a nice step.
    func ticks(count: Int = 5) -> [Double] {
        let step = LinearScale.niceStep(spread: domain.upperBound - domain.lowerBound, count: count)
        let first = (domain.lowerBound / step).rounded(.up)
        let last = (domain.upperBound / step).rounded(.down)
        guard first <= last else { return [] }
        // Multiplying whole step counts (not adding steps) keeps values like 0.3 exact enough to print.
        return stride(from: first, through: last, by: 1).map { $0 * step == 0 ? 0 : $0 * step }
    }

    /// The nice step that splits `spread` into about `count` parts.
    static func niceStep(spread: Double, count: Int) -> Double {
        guard spread > 0, spread.isFinite else { return 1 }
        let raw = spread / Double(max(1, count))
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        return nice * power
    }
}
