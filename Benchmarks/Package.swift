// swift-tools-version: 6.1
// attention-lab's benchmarks: a separate package so `swift test` in the main package never builds
// benchmark tooling. Run from the repository root with `make bench` (or here with
// `swift package benchmark`). Suites loop over the registries: a new kernel or variant is
// benchmarked with no new code here.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between clones.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent
let benchmark = Target.Dependency.product(name: "Benchmark", package: "benchmark")

let package = Package(
    name: "attention-lab-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "BenchSupport", dependencies: [benchmark], path: "BenchSupport"),
        .executableTarget(
            name: "KernelBenchmarks",
            dependencies: [.product(name: "LabKernels", package: root), "BenchSupport", benchmark],
            path: "KernelBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "VariantBenchmarks",
            dependencies: [.product(name: "LabAttention", package: root), "BenchSupport", benchmark],
            path: "VariantBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ModelBenchmarks",
            dependencies: [.product(name: "LabModel", package: root), "BenchSupport", benchmark],
            path: "ModelBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
