import Testing
import HedgeSimRandom

@Suite("Box–Muller normals")
struct NormalTransformTests {
    /// 2·500 000 = 10⁶ normals from a fixed seed (deterministic, so the statistical tests never flake).
    static let pairs = 500_000
    static let normals = TestData.normals(seed: 20_240_601, purpose: 1, pairs: pairs)

    @Test func moments() {
        let z = Self.normals
        let n = Double(z.count)
        var s1 = 0.0
        for x in z { s1 += x }
        let mean = s1 / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for x in z {
            let d = x - mean, d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        m2 /= n; m3 /= n; m4 /= n
        let skew = m3 / (m2 * m2.squareRoot())
        let kurt = m4 / (m2 * m2) - 3
        // Standard errors for N(0,1) samples: mean 1/√n, variance √(2/n), skewness √(6/n),
        // excess kurtosis √(24/n).
        let seMean = (1 / n).squareRoot(), seVar = (2 / n).squareRoot()
        let seSkew = (6 / n).squareRoot(), seKurt = (24 / n).squareRoot()
        print("normal moments (n = \(z.count)): mean z = \(mean / seMean), variance z = \((m2 - 1) / seVar), skew z = \(skew / seSkew), kurtosis z = \(kurt / seKurt)")
        #expect(abs(mean) < 4 * seMean)
        #expect(abs(m2 - 1) < 4 * seVar)
        #expect(abs(skew) < 4 * seSkew)
        #expect(abs(kurt) < 4 * seKurt)
    }

    @Test func kolmogorovSmirnov() {
        let z = Self.normals.sorted()
        let n = Double(z.count)
        var d = 0.0
        for (i, x) in z.enumerated() {
            let f = TestMath.normalCDF(x)
            d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
        }
        // Asymptotic critical value at the 0.1 % level: 1.949/√n.
        let critical = 1.949 / n.squareRoot()
        print("KS: D = \(d), critical (0.1 %) = \(critical)")
        #expect(d < critical)
    }

    @Test func chiSquareOnEquiprobableBins() {
        let bins = 50
        var counts = [Int](repeating: 0, count: bins)
        for x in Self.normals {
            counts[min(bins - 1, Int(TestMath.normalCDF(x) * Double(bins)))] += 1
        }
        let expected = Double(Self.normals.count) / Double(bins)
        var chi2 = 0.0
        for c in counts {
            let d = Double(c) - expected
            chi2 += d * d / expected
        }
        // χ²₄₉ upper 0.1 % point.
        let critical = 85.351
        print("chi-square (49 df): \(chi2), critical (0.1 %) = \(critical)")
        #expect(chi2 < critical)
    }

    @Test func normalsAreFinite() {
        #expect(Self.normals.allSatisfy { $0.isFinite })
        // Extreme uniforms: the largest radius comes from the smallest u1 = 2⁻⁵³ (√(106 ln 2) ≈ 8.57).
        let (a, b) = NormalTransform.boxMuller(0x1p-53, 0.125)
        #expect(a.isFinite && b.isFinite && (a * a + b * b).squareRoot() < 8.6)
    }

    @Test func scalarMatchesBulk() {
        let (u1, u2) = TestData.uniforms(seed: 8, purpose: 2, pairs: 37)
        var z1 = [Double](repeating: 0, count: 37), z2 = z1
        NormalTransform.boxMuller(u1: u1, u2: u2, z1: &z1, z2: &z2, count: 37)
        for i in 0..<37 {
            let (a, b) = NormalTransform.boxMuller(u1[i], u2[i])
            #expect(a == z1[i] && b == z2[i])
        }
    }
}
