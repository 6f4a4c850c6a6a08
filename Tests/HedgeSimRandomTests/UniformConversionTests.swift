import Testing
import HedgeSimRandom

@Suite("Bits → uniform conversion")
struct UniformConversionTests {
    @Test func smallestValueIsHalfSpacing() {
        let u = UniformConversion.openUnit(top52: 0)
        #expect(u > 0)
        #expect(u == 0x1p-53)
        #expect(UniformConversion.openUnit(high: 0, low: 0) == u)
        #expect(UniformConversion.openUnit(high: 0, low: 0xFFF) == u)  // low 12 bits are dropped
    }

    @Test func largestValueIsBelowOne() {
        let u = UniformConversion.openUnit(top52: UniformConversion.maxTop52)
        #expect(u < 1)
        #expect(u == 1 - 0x1p-53)
        #expect(UniformConversion.openUnit(high: .max, low: .max) == u)
        #expect(-2 * TestMath.log(u) > 0)  // the Box–Muller radius input stays positive
    }

    @Test func bitTrickEqualsFormula() {
        // u = (k + ½)·2⁻⁵² evaluated directly (exact for k < 2⁵²) versus the bit-pattern route.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<10_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let k = state >> 12
            #expect(UniformConversion.openUnit(top52: k) == (Double(k) + 0.5) * 0x1p-52)
            let high = UInt32(truncatingIfNeeded: state >> 32), low = UInt32(truncatingIfNeeded: state)
            #expect(UniformConversion.openUnit(high: high, low: low) == (Double(k) + 0.5) * 0x1p-52)
        }
    }

    @Test func millionUniformsAreInsideAndHaveUniformMoments() {
        let n = 1_000_000
        let pairs = n / 2
        let (first, second) = TestData.uniforms(seed: 2024, purpose: 11, pairs: pairs)
        var sum = 0.0, sumSq = 0.0
        var inside = true
        for u in first + second {
            inside = inside && u > 0 && u < 1
            sum += u
            sumSq += u * u
        }
        #expect(inside)
        let mean = sum / Double(n)
        let variance = sumSq / Double(n) - mean * mean
        // U(0,1): σ² = 1/12, μ₄ = 1/80. SE(mean) = √(σ²/n);
        // SE(variance) = √((μ₄ − σ⁴)/n) = √((1/80 − 1/144)/n) = √(1/(180 n)).
        let seMean = (1.0 / 12 / Double(n)).squareRoot()
        let seVariance = (1.0 / 180 / Double(n)).squareRoot()
        print("uniform: mean \(mean) (z = \((mean - 0.5) / seMean)), variance \(variance) (z = \((variance - 1.0 / 12) / seVariance))")
        #expect(abs(mean - 0.5) < 4 * seMean)
        #expect(abs(variance - 1.0 / 12) < 4 * seVariance)
    }
}
