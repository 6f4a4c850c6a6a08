// swift-tools-version: 6.1
import PackageDescription

/// The simulation kernels are optimised even in debug builds, so the statistical tests run on
/// realistic path counts within the test budget (debug info and testability are kept).
let optimisedSwift: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

/// Vector kernels in C: each is compiled for AVX-512, AVX2+FMA and baseline x86-64 (function target
/// attributes) and dispatched at run time. `-fno-math-errno` keeps square roots in registers;
/// `-ffp-contract=off` forbids implicit fused multiply-adds, so every level (and the Swift code the
/// fused kernel mirrors) rounds the same operations the same way. Functions and loops start on 64-byte
/// boundaries so that the hot loops' placement does not move with unrelated code: two builds with the
/// same instructions at another offset ran the bootstrap shape 16 % apart (docs/performance.md).
let cVectorFlags: [CSetting] = [.unsafeFlags(["-O3", "-fno-math-errno", "-ffp-contract=off", "-falign-functions=64", "-falign-loops=64"])]

let package = Package(
    name: "HedgeSim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hedgesim", targets: ["hedgesim"]),
        .library(name: "HedgeSimCore", targets: ["HedgeSimCore"]),
        .library(name: "HedgeSimRandom", targets: ["HedgeSimRandom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // DocC for the library products (Scripts/docs.sh); a command plugin, not linked into anything.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: C interop
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS",
            pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CVectorMath", path: "Sources/CVectorMath", cSettings: cVectorFlags),

        // MARK: Libraries
        .target(name: "HedgeSimRandom", dependencies: ["CVectorMath"], swiftSettings: optimisedSwift),
        .target(
            name: "HedgeSimCore",
            dependencies: [
                "HedgeSimRandom", "CVectorMath", .product(name: "Yams", package: "Yams"),
                // BLAS: OpenBLAS everywhere but Apple platforms, which use Accelerate's CBLAS.
                .target(name: "COpenBLAS", condition: .when(platforms: [.linux, .windows, .android, .openbsd])),
            ],
            swiftSettings: optimisedSwift,
            linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS, .iOS]))]),
        .target(name: "HedgeSimReport", dependencies: ["HedgeSimCore", "HedgeSimRandom"]),
        .target(name: "HedgeSimCalibration", dependencies: ["HedgeSimCore"], swiftSettings: optimisedSwift),

        // MARK: Command-line tool
        .executableTarget(
            name: "hedgesim",
            dependencies: [
                "HedgeSimCore", "HedgeSimReport", "HedgeSimCalibration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Fuzzing (Scripts/fuzz.sh builds it with --sanitize=fuzzer -DFUZZING)
        .executableTarget(name: "hedgesim-fuzz", dependencies: ["HedgeSimCore"]),

        // MARK: Tests
        .testTarget(name: "HedgeSimRandomTests", dependencies: ["HedgeSimRandom"]),
        .testTarget(name: "HedgeSimCoreTests", dependencies: ["HedgeSimCore", "HedgeSimRandom", "CVectorMath"]),
        .testTarget(name: "HedgeSimCLITests", dependencies: ["HedgeSimCore", "HedgeSimReport"]),
        .testTarget(name: "HedgeSimCalibrationTests", dependencies: ["HedgeSimCalibration", "HedgeSimCore"]),
    ]
)
