// swift-tools-version: 6.1
// Benchmarks live in their own package so the main build and the test suite do not compile
// ordo-one/benchmark. Run them with Scripts/benchmarks.sh.
import PackageDescription

let package = Package(
    name: "HedgeSimBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "HedgeSim", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HedgeSimBenchmarks",
            dependencies: [
                .product(name: "HedgeSimCore", package: "HedgeSim"),
                .product(name: "HedgeSimRandom", package: "HedgeSim"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "HedgeSimBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
