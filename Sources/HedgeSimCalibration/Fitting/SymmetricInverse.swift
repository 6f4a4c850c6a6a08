import Foundation

/// The inverse of a symmetric positive-definite matrix through its Cholesky factor `A = L·Lᵀ`.
enum SymmetricInverse {
    /// The lower-triangular Cholesky factor `L` of `A = L·Lᵀ`, or nil when `A` is not (numerically)
    /// positive definite.
    static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i][j]
                for k in 0..<j { sum -= l[i][k] * l[j][k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        return l
    }

    /// `ln|A| = 2·Σ ln L_ii`, or nil when `A` is not (numerically) positive definite.
    static func logDeterminant(_ a: [[Double]]) -> Double? {
        cholesky(a).map { l in 2 * l.indices.reduce(0) { $0 + Foundation.log(l[$1][$1]) } }
    }

    /// `A⁻¹`, or nil when `A` is not (numerically) positive definite.
    static func inverse(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        guard let l = cholesky(a) else { return nil }
        // Column j of A⁻¹ solves L·Lᵀ·x = e_j.
        var inverse = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var sum = i == j ? 1.0 : 0.0
                for k in 0..<i { sum -= l[i][k] * y[k] }
                y[i] = sum / l[i][i]
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                var sum = y[i]
                for k in (i + 1)..<n { sum -= l[k][i] * inverse[k][j] }
                inverse[i][j] = sum / l[i][i]
            }
        }
        return inverse
    }
}
