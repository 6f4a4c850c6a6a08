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
