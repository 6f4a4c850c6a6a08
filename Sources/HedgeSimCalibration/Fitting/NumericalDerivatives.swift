/// Central finite differences.
enum NumericalDerivatives {
    /// The step for coordinate value `x`: `h = 2·10⁻⁴·max(1, |x|)`, near the optimum of ε^{1/4} for a
    /// second difference of a function known to about 1e-15 relative.
    static func step(_ x: Double) -> Double { 2e-4 * max(1, abs(x)) }

    /// The Hessian of `f` at `x`: `H_ii = (f(x+h_i) − 2f(x) + f(x−h_i))/h_i²`,
    /// `H_ij = (f(x+h_i+h_j) − f(x+h_i−h_j) − f(x−h_i+h_j) + f(x−h_i−h_j))/(4h_i h_j)`.
    static func hessian(_ f: ([Double]) -> Double, at x: [Double]) -> [[Double]] {
        let n = x.count
        let h = x.map(step)
        let center = f(x)
        func shifted(_ moves: [(Int, Double)]) -> Double {
            var point = x
            for (i, sign) in moves { point[i] += sign * h[i] }
            return f(point)
        }
        var result = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            result[i][i] = (shifted([(i, 1)]) - 2 * center + shifted([(i, -1)])) / (h[i] * h[i])
            for j in 0..<i {
                let value = (shifted([(i, 1), (j, 1)]) - shifted([(i, 1), (j, -1)]) - shifted([(i, -1), (j, 1)])
                    + shifted([(i, -1), (j, -1)])) / (4 * h[i] * h[j])
                result[i][j] = value
                result[j][i] = value
            }
        }
        return result
    }

    /// The Jacobian `J_ki = ∂g_k/∂x_i` of a vector function at `x`, by central differences.
    static func jacobian(_ g: ([Double]) -> [Double], at x: [Double]) -> [[Double]] {
        let columns = x.indices.map { i -> [Double] in
            let h = 1e-6 * max(1, abs(x[i]))
            var up = x, down = x
            up[i] += h
            down[i] -= h
            return zip(g(up), g(down)).map { ($0 - $1) / (2 * h) }
        }
        let rows = columns.first?.count ?? 0
        return (0..<rows).map { k in columns.map { $0[k] } }
    }
}
