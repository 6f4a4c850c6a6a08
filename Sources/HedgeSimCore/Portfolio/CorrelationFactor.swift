/// A factor `F` of the coins' correlation matrix `C = F·Fᵀ` (LAPACK's pivoted Cholesky, `dpstrf`), so
/// that `z = F·ε` has correlation `C` for independent standard normals `ε`. A positive semi-definite
/// matrix is accepted (a correlation of 1 gives a factor of lower rank: the coins move as one); one
/// with a negative eigenvalue is refused.
struct CorrelationFactor: Sendable {
    /// Column-major `K × K`.
    let factor: [Double]
    let order: Int
    /// The rank of `C`: the number of independent shocks.
    let rank: Int

    /// - Throws: `InputError` on `correlations` when the matrix is not positive semi-definite: the
    ///   factor does not give it back within 1e-10.
    init(_ correlations: [[Double]]) throws {
        let k = correlations.count
        var matrix = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { matrix[i + j * k] = correlations[i][j] } }
        guard let (factor, rank) = BLAS.pivotedCholesky(matrix, order: k) else {
            throw InputError(flag: "", field: "correlations", value: "\(k)×\(k)", allowed: "a matrix LAPACK can factor")
        }
        var worst = 0.0
        for i in 0..<k {
            for j in 0..<k {
                var sum = 0.0
                for m in 0..<k { sum += factor[i + m * k] * factor[j + m * k] }
                worst = max(worst, abs(sum - matrix[i + j * k]))
            }
        }
        guard worst <= 1e-10 else {
            throw InputError(
                field: "correlations", value: "a \(k)×\(k) matrix that is not positive semi-definite",
                allowed: "correlations that some coins can have together (every eigenvalue ≥ 0); e.g. A–B 0.9, B–C 0.9 and A–C −0.9 cannot hold at once")
        }
        self.factor = factor
        order = k
        self.rank = rank
    }

    /// The factor column with the largest weight in coin `k`'s row (the first of equal ones): coins that
    /// move as one (correlation 1) share it, and with it their within-step bridge maxima.
    func dominantFactor(of k: Int) -> Int {
        var best = 0
        for j in 1..<max(1, order) where abs(factor[k + j * order]) > abs(factor[k + best * order]) { best = j }
        return best
    }
}
