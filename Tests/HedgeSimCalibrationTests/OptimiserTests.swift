import Foundation
import Testing
@testable import HedgeSimCalibration

/// The numerical tools under the maximum-likelihood fits.
@Suite struct OptimiserTests {
    @Test func nelderMeadFindsTheRosenbrockMinimum() {
        let rosenbrock = { (x: [Double]) -> Double in 100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2) }
        let result = NelderMead().minimise(rosenbrock, from: [-1.2, 1], scales: [0.5, 0.5])
        #expect(abs(result.point[0] - 1) < 1e-4 && abs(result.point[1] - 1) < 1e-4, "\(result.point)")
        #expect(result.value < 1e-8)
    }

    @Test func nelderMeadTreatsInfinityAsAWall() {
        let bounded = { (x: [Double]) -> Double in x[0] < 2 ? .infinity : (x[0] - 1) * (x[0] - 1) + x[1] * x[1] }
        let result = NelderMead().minimise(bounded, from: [3, 1], scales: [0.5, 0.5])
        #expect(abs(result.point[0] - 2) < 1e-4 && abs(result.point[1]) < 1e-4, "\(result.point)")
    }

    @Test func hessianOfAQuadraticIsExact() {
        // f = ½xᵀAx with A = [[4, 1], [1, 3]].
        let f = { (x: [Double]) -> Double in 0.5 * (4 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]) }
        let h = NumericalDerivatives.hessian(f, at: [0.3, -0.7])
        #expect(abs(h[0][0] - 4) < 1e-5 && abs(h[0][1] - 1) < 1e-5 && abs(h[1][0] - 1) < 1e-5 && abs(h[1][1] - 3) < 1e-5, "\(h)")
    }

    @Test func symmetricInverseInvertsAndRejectsIndefiniteMatrices() throws {
        let a = [[4.0, 2, 0.6], [2, 5, 1], [0.6, 1, 3]]
        let inverse = try #require(SymmetricInverse.inverse(a))
        for i in 0..<3 {
            for j in 0..<3 {
                let product = (0..<3).reduce(0.0) { $0 + a[i][$1] * inverse[$1][j] }
                #expect(abs(product - (i == j ? 1 : 0)) < 1e-12)
            }
        }
        #expect(SymmetricInverse.inverse([[1, 2], [2, 1]]) == nil)
    }

    @Test func deltaMethodCarriesTheCovarianceToTheModelParameters() {
        // −ln L = ½((θ₀ − 1)²/0.04 + θ₁²/0.09): θ̂ = (1, 0), Var θ₀ = 0.04, Var θ₁ = 0.09.
        let fit = MaximumLikelihood(
            negativeLogLikelihood: { 0.5 * (pow($0[0] - 1, 2) / 0.04 + $0[1] * $0[1] / 0.09) }, starts: [[0, 1]], scales: [0.5, 0.5])
        let estimates = fit.estimates { [exp($0[0]), $0[0] + $0[1]] }
        #expect(abs(estimates[0].value - exp(1)) < 1e-4)
        #expect(abs(estimates[0].standardError! - exp(1) * 0.2) < 1e-4, "se of e^θ₀ is e^θ₀·se θ₀")
        #expect(abs(estimates[1].standardError! - (0.04 + 0.09).squareRoot()) < 1e-4)
    }
}
