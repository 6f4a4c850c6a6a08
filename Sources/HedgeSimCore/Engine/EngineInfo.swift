import HedgeSimRandom

/// What the engine runs on, for benchmark reports: the vector-math path and the BLAS build.
public enum EngineInfo {
    /// "avx512", "avx2" or "scalar": the kernels chosen for this CPU.
    public static var vectorLevel: String { VectorMath.level }

    /// OpenBLAS version, build options and core, e.g. "OpenBLAS 0.3.21 … (core Haswell)".
    public static var blas: String { BLAS.configuration }
}
