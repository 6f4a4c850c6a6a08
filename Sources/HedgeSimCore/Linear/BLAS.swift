#if canImport(Accelerate)
internal import Accelerate
#else
internal import COpenBLAS
#endif

/// The one place that talks to BLAS: OpenBLAS, or Accelerate on Apple platforms. Every call is named
/// for what it does; the doc comment names the BLAS routine behind it.
enum BLAS {
    #if canImport(Accelerate)
    /// Accelerate's classic CBLAS takes 32-bit sizes.
    typealias Size = Int32
    #else
    typealias Size = blasint
    #endif

    /// Makes OpenBLAS single-threaded: the simulation parallelises over path blocks itself, and
    /// OpenBLAS threads inside those workers would oversubscribe the cores. The first call also
    /// stops OpenBLAS's worker threads (`blas_thread_shutdown_`): started when the library loads,
    /// they spin on `sched_yield` for their first ~0.1 s and would take a core from the simulation
    /// (measured: 0.04–0.1 s of CPU per process). Single-threaded BLAS calls never restart them.
    /// Call before a parallel region; the setting is process-global and done once.
    static func useSingleThread() {
        _ = singleThreaded
    }

    private static let singleThreaded: Void = {
        #if !canImport(Accelerate)
        openblas_set_num_threads(1)
        _ = blas_thread_shutdown_()
        #endif
        // Accelerate runs a call of this size on the calling thread.
    }()

    /// The BLAS build and kernel, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH … Haswell", or "Accelerate".
    static var configuration: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        guard let config = openblas_get_config() else { return "OpenBLAS" }
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return String(cString: config) + " (core " + core + ")"
        #endif
    }
}

extension BLAS {
    /// `C = A·Bᵀ`, column-major: `A` is `rows × inner` (leading dimension `rows`), `B` is `columns ×
    /// inner`, `C` is `rows × columns` (`cblas_dgemm`, no transpose × transpose).
    static func multiplyTransposed(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
        rows: Int, columns: Int, inner: Int
    ) {
        cblas_dgemm(
            CblasColMajor, CblasNoTrans, CblasTrans, Size(rows), Size(columns), Size(inner), 1, a, Size(rows), b,
            Size(columns), 0, c, Size(rows))
    }

    /// `XᵀX` (`columns × columns`, both triangles filled) of a column-major `rows × columns` `X`
    /// (`cblas_dsyrk` on the lower triangle, mirrored).
    static func gram(_ x: [Double], rows: Int, columns: Int) -> [Double] {
        var c = [Double](repeating: 0, count: columns * columns)
        cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, Size(columns), Size(rows), 1, x, Size(rows), 0, &c, Size(columns))
        for j in 0..<columns { for i in 0..<j { c[i + j * columns] = c[j + i * columns] } }
        return c
    }

    /// `Xᵀy` of a column-major `rows × columns` `X` (`cblas_dgemv`, transposed).
    static func transposedTimes(_ x: [Double], _ y: [Double], rows: Int, columns: Int) -> [Double] {
        var out = [Double](repeating: 0, count: columns)
        cblas_dgemv(CblasColMajor, CblasTrans, Size(rows), Size(columns), 1, x, Size(rows), y, 1, 0, &out, 1)
        return out
    }

    /// Solves `A·X = B` for a symmetric positive definite `n × n` `A` and `n × count` `B`, column-major
    /// (LAPACK `dposv`); nil when `A` is not positive definite.
    static func solvePositiveDefinite(_ a: [Double], _ b: [Double], order n: Int, count: Int) -> [Double]? {
        var matrix = a
        var solution = b
        var order = Size(n), right = Size(count), lda = Size(n), ldb = Size(n), info = Size(0)
        var uplo = CChar(UInt8(ascii: "L"))
        #if canImport(Accelerate)
        dposv_(&uplo, &order, &right, &matrix, &lda, &solution, &ldb, &info)
        #else
        dposv_(&uplo, &order, &right, &matrix, &lda, &solution, &ldb, &info, 1)
        #endif
        return info == 0 ? solution : nil
    }

    /// The Cholesky factorisation with complete pivoting of a positive semi-definite `n × n` matrix
    /// (LAPACK `dpstrf`, lower): `PᵀAP = LLᵀ`. Returns `F = P·L` (so `A = F·Fᵀ`), column-major, with the
    /// columns past the rank zero, and the rank; nil when LAPACK reports an argument error.
    static func pivotedCholesky(_ a: [Double], order n: Int) -> (factor: [Double], rank: Int)? {
        var matrix = a
        var pivots = [Size](repeating: 0, count: n)
        var order = Size(n), lda = Size(n), rank = Size(0), info = Size(0)
        var tolerance = -1.0
        var work = [Double](repeating: 0, count: 2 * n)
        var uplo = CChar(UInt8(ascii: "L"))
        #if canImport(Accelerate)
        dpstrf_(&uplo, &order, &matrix, &lda, &pivots, &rank, &tolerance, &work, &info)
        #else
        dpstrf_(&uplo, &order, &matrix, &lda, &pivots, &rank, &tolerance, &work, &info, 1)
        #endif
        guard info >= 0 else { return nil }
        let r = Int(rank)
        var factor = [Double](repeating: 0, count: n * n)
        for j in 0..<r {
            for i in j..<n {
                factor[Int(pivots[i]) - 1 + j * n] = matrix[i + j * n]
            }
        }
        return (factor, r)
    }
}
