// `attnlab kernels bench`: median time of a kernel over repeats after warm-up, its GFLOP/s by the
// FLOP conventions of benchmarks.md §4, and OpenBLAS SGEMM measured in the same process on the
// same thread count, with the ratio of the two.
import ArgumentParser
import Foundation
import LabCore
import LabKernels

struct KernelsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time a kernel; report GFLOP/s beside same-process OpenBLAS SGEMM.",
        discussion: """
            Repeat --T and --window to get one row per combination. FLOPs: matmuls only, 2 per \
            multiply-add, exact visible key pairs (causal halves); fwdbwd = 3.5 × fwd. Build in \
            release (`swift build -c release`): a debug build is tens of times slower.
            """)
    @Option(help: "The op.") var op = "softmax-attention"
    @Option(help: "Implementation name.") var kernel = "tiled-online-softmax"
    @Option(name: .customLong("B"), help: "Batch.") var B = 1
    @Option(name: .customLong("T"), help: "Sequence length (repeatable).") var T: [Int] = [4096]
    @Option(name: .customLong("H"), help: "Query heads.") var H = 8
    @Option(name: .customLong("Hkv"), help: "KV heads (default H).") var Hkv: Int?
    @Option(name: .customLong("D"), help: "Head dim.") var D = 64
    @Option(help: "Left window W (repeatable; -1 for none).") var window: [Int] = [-1]
    @Option(help: "fwd or fwdbwd.") var mode = "fwd"
    @Option(help: "Threads (kernel and SGEMM alike).") var threads = 1
    @Option(help: "Seconds of timed repeats per row (at least 3 repeats).") var budget = 2.0
    @Flag(help: "One JSON object per row instead of a table.") var json = false

    func run() throws {
        try reportingErrors {
            guard op == "softmax-attention" else {
                throw UsageFailure("op: unknown op '\(op)' (known: \(KernelRegistry.ops.map(\.op).joined(separator: ", ")))")
            }
            guard mode == "fwd" || mode == "fwdbwd" else { throw UsageFailure("mode: must be fwd or fwdbwd, got '\(mode)'") }
            guard threads >= 1 else { throw UsageFailure("threads: must be ≥ 1, got \(threads)") }
            let impl = try KernelRegistry.softmaxAttention(named: kernel)
            let sgemm = Sgemm.measureGFLOPs(n: 1024, threads: threads)
            var table = [["kernel", "T", "H", "D", "W", "mode", "thr", "median ms", "GFLOP/s", "SGEMM GFLOP/s", "ratio"]]
            for t in T {
                for w in window {
                    let shape = AttentionShape(B: B, H: H, Hkv: Hkv, T: t, D: D, window: w < 0 ? nil : w)
                    do { try shape.validate() } catch { throw UsageFailure("\(error)") }
                    if let reason = impl.unsupported(shape) { throw UsageFailure("kernel: \(kernel) does not support \(shape): \(reason)") }
                    let p = SoftmaxAttentionProblem(shape)
                    let flops = mode == "fwd" ? shape.forwardFLOPs : shape.forwardBackwardFLOPs
                    let samples = Timing.samples(warmup: 1, minRepeats: 3, maxRepeats: 50, budget: budget) {
                        let out = impl.forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: threads)
                        if mode == "fwdbwd" {
                            _ = impl.backward(q: p.q, k: p.k, v: p.v, output: out, dout: p.dout, shape: shape, threads: threads)
                        }
                    }
                    let median = Timing.median(samples)
                    let gflops = flops / median / 1e9
                    let row = BenchRow(op: op, kernel: impl.name, B: B, T: t, H: H, Hkv: shape.Hkv, D: D, W: shape.window,
                                       mode: mode, threads: threads, median_s: median, repeats: samples.count,
                                       gflops: gflops, sgemm_gflops: sgemm, ratio_to_sgemm: gflops / sgemm,
                                       openblas_core: OpenBLAS.coreName, build: buildConfiguration)
                    if json {
                        print(row.jsonLine)
                    } else {
                        table.append([impl.name, "\(t)", "\(H)", "\(D)", shape.window.map(String.init) ?? "-", mode, "\(threads)",
                                      String(format: "%.2f", median * 1e3), String(format: "%.1f", gflops),
                                      String(format: "%.1f", sgemm), String(format: "%.2f", gflops / sgemm)])
                    }
                }
            }
            if !json {
                print(TextTable.render(table))
                print("OpenBLAS core: \(OpenBLAS.coreName) (OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset")); build: \(buildConfiguration)")
            }
        }
    }
}

/// One `bench` result; field names are the JSON keys (shared with the PyTorch peer script).
struct BenchRow: Codable {
    var op: String, kernel: String
    var B: Int, T: Int, H: Int, Hkv: Int, D: Int
    var W: Int?
    var mode: String
    var threads: Int
    var median_s: Double
    var repeats: Int
    var gflops: Double, sgemm_gflops: Double, ratio_to_sgemm: Double
    var openblas_core: String
    var build: String

    /// `W` is written as `null` (not omitted) when there is no window, so every row has every key.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(op, forKey: .op); try c.encode(kernel, forKey: .kernel)
        try c.encode(B, forKey: .B); try c.encode(T, forKey: .T); try c.encode(H, forKey: .H)
        try c.encode(Hkv, forKey: .Hkv); try c.encode(D, forKey: .D)
        if let W { try c.encode(W, forKey: .W) } else { try c.encodeNil(forKey: .W) }
        try c.encode(mode, forKey: .mode); try c.encode(threads, forKey: .threads)
        try c.encode(median_s, forKey: .median_s); try c.encode(repeats, forKey: .repeats)
        try c.encode(gflops, forKey: .gflops); try c.encode(sgemm_gflops, forKey: .sgemm_gflops)
        try c.encode(ratio_to_sgemm, forKey: .ratio_to_sgemm); try c.encode(openblas_core, forKey: .openblas_core)
        try c.encode(build, forKey: .build)
    }

    var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}

#if DEBUG
let buildConfiguration = "debug"
#else
let buildConfiguration = "release"
#endif
