internal import CVectorMath

/// Uniform → standard normal transforms with a fixed number of inputs per output.
public enum NormalTransform {
    /// Bulk Box–Muller transform (Box & Muller, "A note on the generation of random normal
    /// deviates", Ann. Math. Statist. 29, 1958): for `0 ≤ i < count`,
    /// ```
    /// r     = √(−2 ln u1[i])
    /// z1[i] = r · cos 2πu2[i]
    /// z2[i] = r · sin 2πu2[i]
    /// ```
    /// with the angle reduced exactly (4·u2 split into a quadrant and a remainder in [−½, ½], no
    /// rounding of 2πu2). Two independent uniforms give two independent N(0, 1) draws. HedgeSim's own
    /// log and sin/cos polynomials (within 2 ulp), identical on every kernel level (see
    /// ``VectorMath/level``). Element `i` depends only on `u1[i]` and `u2[i]`, never on `count` or
    /// position.
    ///
    /// - Parameters:
    ///   - u1: `count` uniforms in (0, 1] (radius input); 0 gives an infinite radius.
    ///   - u2: `count` uniforms in (0, 1) (angle input).
    ///   - z1: Receives the cosine normals; may be the same buffer as `u1`.
    ///   - z2: Receives the sine normals; may be the same buffer as `u2`.
    ///   - count: Number of pairs, ≥ 0.
    public static func boxMuller(
        u1: UnsafePointer<Double>, u2: UnsafePointer<Double>,
        z1: UnsafeMutablePointer<Double>, z2: UnsafeMutablePointer<Double>, count: Int
    ) {
        precondition(count >= 0, "count must be non-negative")
        hs_box_muller(u1, u2, z1, z2, count)
    }

    /// Box–Muller for one pair; returns exactly what the bulk
    /// ``boxMuller(u1:u2:z1:z2:count:)`` returns for these inputs, as `(z1, z2)` =
    /// `(√(−2 ln u1)·cos 2πu2, √(−2 ln u1)·sin 2πu2)`.
    public static func boxMuller(_ u1: Double, _ u2: Double) -> (Double, Double) {
        var z1 = 0.0, z2 = 0.0
        withUnsafePointer(to: u1) { p1 in
            withUnsafePointer(to: u2) { p2 in hs_box_muller(p1, p2, &z1, &z2, 1) }
        }
        return (z1, z2)
    }
}
