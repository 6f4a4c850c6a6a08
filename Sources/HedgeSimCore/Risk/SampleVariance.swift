/// The sample variance `Σ(x − x̄)²/(n − 1)`, two passes (the mean first, then the squared deviations
/// summed in order); 0 for fewer than two values.
func sampleVariance(_ values: [Double]) -> Double {
    let n = Double(values.count)
    guard n > 1 else { return 0 }
    let mean = values.reduce(0, +) / n
    return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
}
