#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HedgeSimRandom

/// Scalar libm functions, named so they do not clash with `VectorMath`.
enum TestMath {
    static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    static func log(_ x: Double) -> Double { Glibc.log(x) }
    static func sin(_ x: Double) -> Double { Glibc.sin(x) }
    static func cos(_ x: Double) -> Double { Glibc.cos(x) }
    static func erfc(_ x: Double) -> Double { Glibc.erfc(x) }

    /// Standard normal CDF Φ(z) = ½·erfc(−z/√2).
    static func normalCDF(_ z: Double) -> Double { 0.5 * Glibc.erfc(-z / 2.0.squareRoot()) }
}

enum TestData {
    /// `pairs` uniform pairs from one path row (path 0, steps 0..<pairs).
    static func uniforms(seed: UInt64, purpose: UInt32, pairs: Int) -> ([Double], [Double]) {
        var first = [Double](repeating: 0, count: pairs)
        var second = [Double](repeating: 0, count: pairs)
        let source = CounterRandomSource(seed: seed)
        first.withUnsafeMutableBufferPointer { f in
            second.withUnsafeMutableBufferPointer { s in
                source.fillUniformPairs(purpose: purpose, index: 0, paths: 0..<1, steps: 0..<pairs,
                                        first: f.baseAddress!, second: s.baseAddress!)
            }
        }
        return (first, second)
    }

    /// `2·pairs` standard normals: Box–Muller of `uniforms(seed:purpose:pairs:)`, cosine half first.
    static func normals(seed: UInt64, purpose: UInt32, pairs: Int) -> [Double] {
        let (u1, u2) = uniforms(seed: seed, purpose: purpose, pairs: pairs)
        var z = [Double](repeating: 0, count: 2 * pairs)
        z.withUnsafeMutableBufferPointer { out in
            NormalTransform.boxMuller(u1: u1, u2: u2, z1: out.baseAddress!,
                                      z2: out.baseAddress! + pairs, count: pairs)
        }
        return z
    }

    /// Relative difference |a − b| / |b| (absolute when b = 0).
    static func relativeError(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        return b == 0 ? abs(a) : abs(a - b) / abs(b)
    }
}
