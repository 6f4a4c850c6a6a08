/// The Nelder–Mead simplex minimiser with the dimension-adapted coefficients of Gao & Han (2012)
/// (reflection 1, expansion 1 + 2/n, contraction 3/4 − 1/(2n), shrink 1 − 1/n), restarted from its
/// own optimum with a fresh simplex until a restart no longer improves the value (a restart escapes
/// the collapsed simplices plain Nelder–Mead can stall in). Points where the function is not finite
/// count as +∞, so constraints are expressed by returning `.infinity`.
struct NelderMead {
    /// Stop a run when the values across the simplex differ by at most `tolerance·(1 + |f_best|)` or
    /// the simplex is smaller than `tolerance` in every coordinate.
    var tolerance = 1e-10
    /// Most function evaluations per run.
    var maxEvaluations = 5_000
    /// Most restarts after the first run.
    var maxRestarts = 6

    /// The best point found from `start`; `scales` are the initial simplex edges per coordinate.
    func minimise(_ f: ([Double]) -> Double, from start: [Double], scales: [Double]) -> (point: [Double], value: Double) {
        var best = run(f, from: start, scales: scales)
        for _ in 0..<maxRestarts {
            let next = run(f, from: best.point, scales: scales.map { $0 / 4 })
            let improved = next.value < best.value - tolerance * (1 + abs(best.value))
            if next.value < best.value { best = next }
            if !improved { break }
        }
        return best
    }

    private func run(_ f: ([Double]) -> Double, from start: [Double], scales: [Double]) -> (point: [Double], value: Double) {
        let n = start.count
        let dimension = Double(n)
        let expansion = 1 + 2 / dimension
        let contraction = 0.75 - 1 / (2 * dimension)
        let shrink = 1 - 1 / dimension
        func value(_ x: [Double]) -> Double {
            let y = f(x)
            return y.isFinite ? y : .infinity
        }
        var points = [start]
        for i in 0..<n {
            var vertex = start
            vertex[i] += scales[i]
            points.append(vertex)
        }
        var values = points.map(value)
        var evaluations = n + 1
        func along(_ from: [Double], _ to: [Double], _ t: Double) -> [Double] {
            zip(from, to).map { $0 + t * ($1 - $0) }
        }
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            points = order.map { points[$0] }
            values = order.map { values[$0] }
            let spread = values[n] - values[0]
            var size = 0.0
            for i in 0..<n {
                let coordinates = points.map { $0[i] }
                size = max(size, (coordinates.max() ?? 0) - (coordinates.min() ?? 0))
            }
            if (spread.isFinite && spread <= tolerance * (1 + abs(values[0]))) || size <= tolerance { break }
            var centroid = [Double](repeating: 0, count: n)
            for point in points.dropLast() {
                for i in 0..<n { centroid[i] += point[i] / dimension }
            }
            let reflected = along(centroid, points[n], -1)
            let reflectedValue = value(reflected)
            evaluations += 1
            if reflectedValue < values[0] {
                let expanded = along(centroid, points[n], -expansion)
                let expandedValue = value(expanded)
                evaluations += 1
                (points[n], values[n]) = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
            } else if reflectedValue < values[n - 1] {
                (points[n], values[n]) = (reflected, reflectedValue)
            } else {
                let outside = reflectedValue < values[n]
                let contracted = along(centroid, points[n], outside ? -contraction : contraction)
                let contractedValue = value(contracted)
                evaluations += 1
                if contractedValue < min(reflectedValue, values[n]) {
                    (points[n], values[n]) = (contracted, contractedValue)
                } else {
                    for i in 1...n {
                        points[i] = along(points[0], points[i], shrink)
                        values[i] = value(points[i])
                    }
                    evaluations += n
                }
            }
        }
        let bestIndex = values.indices.min { values[$0] < values[$1] } ?? 0
        return (points[bestIndex], values[bestIndex])
    }
}
