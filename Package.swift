// swift-tools-version: 6.1
// attention-lab: attention variants and their kernels, on the CPU.
// Layers, bottom up (docs/architecture.md). A target imports only targets of lower layers, and
// declares exactly the modules it imports. scripts/layer-check.py (`make layer-check`, run by CI)
// reads the lines below and fails when a declaration, an import or these lines disagree.
//   L0 CBLAS: OpenBLAS's cblas.h, glibc's mallopt and a cache prefetch hint (a system library)
//   L1 LabCore → CBLAS, Numerics: Tensor and its dense ops (the one BLAS wrapper), ParameterSet, .npy, threads, timing, output
//   L2 LabKernels → LabCore, Numerics: each op's reference and fast kernels (KernelRegistry), the OpenBLAS ceiling
//   L2 LabTasks → LabCore: synthetic tasks, text corpora, scoring
//   L2 LabResults → LabCore: result rows, results files, variant descriptions, metric names
//   L2 LabTestSupport → LabCore: gradient checks, running attnlab (for tests only)
//   L3 LabAttention → LabCore, LabKernels, LabResults, Numerics: variants (each describes itself), layer patterns, decode caches
//   L3 LabReport → LabCore, LabResults: figures, notebooks (rebuilt without compiling a kernel)
//   L4 LabModel → LabCore, LabKernels, LabAttention, Yams: model, trainer (fed by a BatchSource), checkpoints, decoding
//   L5 LabHarness → LabCore, LabKernels, LabAttention, LabModel, LabTasks, LabResults, Yams: studies, runs; binds tasks to the trainer
//   L6 attnlab → LabCore, LabKernels, LabAttention, LabTasks, LabModel, LabHarness, LabResults, LabReport, ArgumentParser: the CLI
// Test targets sit above every library and declare what they import.
import PackageDescription

// Release builds name the target CPU: without it a SIMD fma lowers to a libm call per lane,
// several times slower. A binary so built runs on CPUs with the same features (scripts/study.sbatch
// builds one per Slurm node type). Release builds keep bounds and overflow checks (`-O`, not
// `-Ounchecked`): an out-of-range value traps instead of reading wild memory. Kernel loops that
// need it use unchecked arithmetic locally, each with its measurement (today one: `transposeTile` and its blocks,
// TileGemm.swift); with it the kernel and model benchmarks are within −5…+3 % of `-Ounchecked`.
// Debug builds stay portable and checked.
let fast: [SwiftSetting] = [
    .unsafeFlags(["-O", "-target-cpu", "native"], .when(configuration: .release))
]
let numerics: Target.Dependency = .product(name: "Numerics", package: "swift-numerics")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")

let package = Package(
    name: "attention-lab",
    products: [
        .executable(name: "attnlab", targets: ["attnlab"]),
        .library(name: "LabKernels", targets: ["LabKernels"]),
        .library(name: "LabAttention", targets: ["LabAttention"]),
        .library(name: "LabModel", targets: ["LabModel"]),
        .library(name: "LabTasks", targets: ["LabTasks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", exact: "1.1.1"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // MARK: - Library layers, bottom up (imports point down only)
        .target(name: "LabCore", dependencies: ["CBLAS", numerics], swiftSettings: fast),
        .target(name: "LabKernels", dependencies: ["LabCore", numerics], swiftSettings: fast),
        .target(name: "LabTasks", dependencies: ["LabCore"], swiftSettings: fast),
        .target(name: "LabResults", dependencies: ["LabCore"], swiftSettings: fast),
        .target(name: "LabTestSupport", dependencies: ["LabCore"]),  // used by tests only
        .target(name: "LabAttention", dependencies: ["LabCore", "LabKernels", "LabResults", numerics], swiftSettings: fast),
        .target(name: "LabReport", dependencies: ["LabCore", "LabResults"], swiftSettings: fast),
        .target(name: "LabModel", dependencies: ["LabCore", "LabKernels", "LabAttention", yams], swiftSettings: fast),
        .target(name: "LabHarness", dependencies: ["LabCore", "LabKernels", "LabAttention", "LabModel", "LabTasks", "LabResults", yams], swiftSettings: fast),
        // MARK: - Command-line tool
        .executableTarget(
            name: "attnlab",
            dependencies: [
                "LabCore", "LabKernels", "LabAttention", "LabTasks", "LabModel", "LabHarness", "LabResults", "LabReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: fast
        ),
        // MARK: - Tests
        .testTarget(name: "LabCoreTests", dependencies: ["LabCore"]),
        .testTarget(name: "LabKernelsTests", dependencies: ["LabCore", "LabKernels", "LabTestSupport"]),
        .testTarget(name: "LabTasksTests", dependencies: ["LabCore", "LabTasks"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "LabResultsTests", dependencies: ["LabResults"]),
        .testTarget(name: "LabAttentionTests", dependencies: ["LabCore", "LabAttention", "LabTestSupport"]),
        .testTarget(name: "LabReportTests", dependencies: ["LabReport", "LabResults"], exclude: ["Fixtures"]),
        // the trainer's tests read tasks through the harness's binding (LabHarness `TaskData`)
        .testTarget(name: "LabModelTests", dependencies: ["LabCore", "LabKernels", "LabAttention", "LabTasks", "LabModel", "LabHarness", "LabTestSupport"]),
        .testTarget(name: "LabHarnessTests", dependencies: ["LabHarness", "LabModel", "LabResults", "LabTasks", "LabTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "AttnLabCLITests", dependencies: ["LabCore", "LabKernels", "LabTestSupport"], exclude: ["Corpus"]),
    ]
)
