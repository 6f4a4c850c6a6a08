import Glibc
import Testing
@testable import HedgeSimRandom

/// Runs one of the bulk kernels on `count` elements of `input` (one or two input arrays).
private enum Kernel: String, CaseIterable, Sendable {
    case exp, log, boxMuller

    /// The value placed in the probed slot, and the filler for the other slots.
    var probes: [(Double, Double)] {
        switch self {
        case .exp: [(-37.5, 0.3), (0.1, 0.7), (1e-300, 0.2), (39.9, 0.9), (-0.7, 0.1)]
        case .log: [(1e-300, 0.3), (0.999_999, 0.7), (3.5, 0.2), (1e300, 0.9), (0x1p-53, 0.1)]
        case .boxMuller: [(0x1p-53, 0.25), (0.5, 0.999), (0.999_999, 1e-9), (0.01, 0.5), (0.3, 0.7)]
        }
    }

    /// Returns the outputs for inputs (a, b) of length n; b is only read by Box–Muller.
    func run(_ a: [Double], _ b: [Double], inPlace: Bool) -> ([Double], [Double]) {
        let n = a.count
        var x = a, y = b
        var outX = [Double](repeating: .nan, count: n), outY = outX
        switch self {
        case .exp:
            if inPlace { x.withUnsafeMutableBufferPointer { VectorMath.exp($0.baseAddress!, into: $0.baseAddress!, count: n) }; return (x, []) }
            VectorMath.exp(x, into: &outX, count: n); return (outX, [])
        case .log:
            if inPlace { x.withUnsafeMutableBufferPointer { VectorMath.log($0.baseAddress!, into: $0.baseAddress!, count: n) }; return (x, []) }
            VectorMath.log(x, into: &outX, count: n); return (outX, [])
        case .boxMuller:
            if inPlace {
                x.withUnsafeMutableBufferPointer { px in
                    y.withUnsafeMutableBufferPointer { py in
                        NormalTransform.boxMuller(u1: px.baseAddress!, u2: py.baseAddress!,
                                                  z1: px.baseAddress!, z2: py.baseAddress!, count: n)
                    }
                }
                return (x, y)
            }
            NormalTransform.boxMuller(u1: x, u2: y, z1: &outX, z2: &outY, count: n)
            return (outX, outY)
        }
    }
}

@Suite("Vector math kernels")
struct VectorMathTests {
    /// Levels run by the level-parameterised tests: AVX-512, AVX2, scalar. A level the CPU lacks
    /// runs the highest one it has (the printed name says which).
    static let levels = [3, 2, 0]

    /// The kernels are one source compiled for each level with only correctly rounded operations,
    /// so every level must give the same bits.
    @Test func everyLevelGivesTheSameBits() {
        let (u1, u2) = TestData.uniforms(seed: 77, purpose: 3, pairs: 10_001)
        let wide = u1.map { ($0 - 0.5) * 1_400 }
        func outputs(level: Int) -> [Double] {
            var e = [Double](repeating: 0, count: u1.count), l = e, z1 = e, z2 = e
            VectorMath.withLevel(level) { _ in
                VectorMath.exp(wide, into: &e, count: wide.count)
                VectorMath.log(u1, into: &l, count: u1.count)
                NormalTransform.boxMuller(u1: u1, u2: u2, z1: &z1, z2: &z2, count: u1.count)
            }
            return e + l + z1 + z2
        }
        let reference = outputs(level: 3)
        for level in [2, 0] {
            #expect(zip(reference, outputs(level: level)).allSatisfy { $0.bitPattern == $1.bitPattern }, "level \(level)")
        }
    }

    @Test func levelIsReported() {
        print("VectorMath.level = \(VectorMath.level)")
        #expect(["avx512", "avx2", "scalar"].contains(VectorMath.level))
        // Forcing a level on this thread gives that level, or the best one below it that the CPU has.
        let forced = Self.levels.map { level in VectorMath.withLevel(level) { $0 } }
        print("forced levels 3, 2, 0 run as \(forced)")
        #expect(["avx512", "avx2", "scalar"].contains(forced[0]))
        #expect(forced[1] == (forced[0] == "scalar" ? "scalar" : "avx2"))
        #expect(forced[2] == "scalar")
    }

    /// Element i's result must not depend on the array length or on i's position (the vector
    /// paths pad the tail, n % 8 or n % 4, instead of switching to scalar code).
    @Test(arguments: Kernel.allCases, Self.levels)
    fileprivate func positionIndependence(_ kernel: Kernel, level: Int) {
        VectorMath.withLevel(level) { _ in positionIndependence(kernel) }
    }

    private func positionIndependence(_ kernel: Kernel) {
        var mismatches: [String] = []
        for (value, filler) in kernel.probes {
            let reference = kernel.run([value], [filler], inPlace: false)
            for length in 1...19 {
                for offset in 0..<min(10, length) {
                    // Other slots get varied fillers so neighbours differ from the probe.
                    var a = (0..<length).map { filler + Double($0) * 1e-3 }
                    var b = (0..<length).map { 0.9 - Double($0) * 0.05 }
                    a[offset] = value
                    b[offset] = filler
                    for inPlace in [false, true] {
                        let (x, y) = kernel.run(a, b, inPlace: inPlace)
                        let same = x[offset].bitPattern == reference.0[0].bitPattern
                            && (y.isEmpty || y[offset].bitPattern == reference.1[0].bitPattern)
                        if !same { mismatches.append("\(kernel) value \(value) length \(length) offset \(offset) inPlace \(inPlace)") }
                    }
                }
            }
        }
        let mismatchCount = mismatches.count
        #expect(mismatchCount == 0, "\(VectorMath.level): first mismatches: \(mismatches.prefix(5))")
    }

    @Test func zeroCountTouchesNothing() {
        var x = [1.0], y = [Double.nan]
        VectorMath.exp(x, into: &y, count: 0)
        VectorMath.log(x, into: &y, count: 0)
        NormalTransform.boxMuller(u1: x, u2: x, z1: &y, z2: &x, count: 0)
        #expect(y[0].isNaN && x[0] == 1)
    }

    // MARK: Accuracy against scalar glibc

    /// Deterministic inputs: `count` points spread over [lo, hi], evenly or log-evenly.
    private static func grid(_ lo: Double, _ hi: Double, count: Int, logScale: Bool) -> [Double] {
        (0..<count).map { i in
            let t = (Double(i) + 0.5) / Double(count)
            return logScale ? TestMath.exp(TestMath.log(lo) + t * (TestMath.log(hi) - TestMath.log(lo)))
                            : lo + t * (hi - lo)
        }
    }

    /// Largest relative error accepted for exp and log against scalar glibc: 4·2⁻⁵² ≈ 8.9e-16.
    /// Both sides are within about 1 ulp of the true value; measured (2·10⁵ points, every level
    /// alike, as the levels agree bit for bit): exp 0.99·2⁻⁵², log 1.0·2⁻⁵².
    static let bound = 4 * 0x1p-52

    /// Box–Muller composes log, sqrt, cos/sin and a product, so it gets 6·2⁻⁵² ≈ 1.3e-15 against
    /// an 80-bit reference (`logl`, `cosl`, `sinl` after the exact reduction of 4·u2 to a quadrant
    /// and a remainder in [−½, ½], so the reference angle carries no rounding of 2π·u2 either; near
    /// the zeros of sin and cos a double-precision `cos(2π·u2)` would itself be wrong by 100 %).
    static let boxMullerBound = 6 * 0x1p-52

    /// `(cos 2πu, sin 2πu)` in 80-bit precision: `4u = n + r` exactly, angle `r·π/2` in Float80,
    /// rotated by the quadrant `n mod 4`.
    static func referenceCosSin(_ u: Double) -> (Float80, Float80) {
        let v = 4 * u
        let n = v.rounded(.toNearestOrEven)
        let theta = Float80(v - n) * (Float80.pi / 2)
        let (c, s) = (cosl(theta), sinl(theta))
        switch Int(n) & 3 {
        case 0: return (c, s)
        case 1: return (-s, c)
        case 2: return (-c, -s)
        default: return (s, -c)
        }
    }

    @Test(arguments: Self.levels)
    func expAccuracy(level: Int) {
        let x = Self.grid(-40, 40, count: 200_003, logScale: false)
        var y = [Double](repeating: 0, count: x.count)
        let name = VectorMath.withLevel(level) { name in
            VectorMath.exp(x, into: &y, count: x.count)
            return name
        }
        var maxErr = 0.0
        for i in x.indices { maxErr = max(maxErr, TestData.relativeError(y[i], TestMath.exp(x[i]))) }
        print("[\(name)] exp on [-40, 40]: max relative error vs glibc = \(maxErr) (\(maxErr / 0x1p-52) × 2⁻⁵²)")
        #expect(maxErr <= Self.bound, "\(name)")
    }

    @Test(arguments: Self.levels)
    func logAccuracy(level: Int) {
        let wide = Self.grid(1e-300, 1e300, count: 200_003, logScale: true)
        let unit = Self.grid(0, 1, count: 200_000, logScale: false) + [0x1p-53, 1 - 0x1p-53, 1]
        for (range, x) in [("[1e-300, 1e300]", wide), ("(0, 1]", unit)] {
            var y = [Double](repeating: 0, count: x.count)
            let name = VectorMath.withLevel(level) { name in
                VectorMath.log(x, into: &y, count: x.count)
                return name
            }
            var maxErr = 0.0
            for i in x.indices { maxErr = max(maxErr, TestData.relativeError(y[i], TestMath.log(x[i]))) }
            print("[\(name)] log on \(range): max relative error vs glibc = \(maxErr) (\(maxErr / 0x1p-52) × 2⁻⁵²)")
            #expect(maxErr <= Self.bound, "\(name): log on \(range)")
        }
    }

    @Test(arguments: Self.levels)
    func boxMullerAccuracy(level: Int) {
        // Uniforms from the generator itself, plus the extreme values of the conversion.
        var (u1, u2) = TestData.uniforms(seed: 4242, purpose: 9, pairs: 200_000)
        u1 += [0x1p-53, 1 - 0x1p-53, 0.5, 0x1p-53]
        u2 += [0x1p-53, 1 - 0x1p-53, 0.25, 0.75]
        // Angles next to the zeros of cos (u2 ≈ ¼, ¾) and sin (u2 ≈ ½), where relative error is hardest.
        for center in [0.25, 0.5, 0.75] {
            for k in -200...200 {
                u1.append(u1[k + 200])
                u2.append(center + Double(k) * 0x1p-52)
            }
        }
        let n = u1.count
        var z1 = [Double](repeating: 0, count: n), z2 = z1
        let name = VectorMath.withLevel(level) { name in
            NormalTransform.boxMuller(u1: u1, u2: u2, z1: &z1, z2: &z2, count: n)
            return name
        }
        var maxErr = 0.0
        for i in 0..<n {
            let r = (-2 * logl(Float80(u1[i]))).squareRoot()
            let (c, s) = Self.referenceCosSin(u2[i])
            maxErr = max(maxErr, TestData.relativeError(z1[i], Double(r * c)),
                         TestData.relativeError(z2[i], Double(r * s)))
        }
        print("[\(name)] Box–Muller: max relative error vs 80-bit reference = \(maxErr) (\(maxErr / 0x1p-52) × 2⁻⁵²)")
        #expect(maxErr <= Self.boxMullerBound, "\(name)")
    }
}
