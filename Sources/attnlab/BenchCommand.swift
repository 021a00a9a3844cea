// `attnlab kernels bench`: median time of a kernel over repeats after warm-up, its GFLOP/s by the
// FLOP conventions of docs/conventions.md, and OpenBLAS SGEMM measured in the same process on the
// same thread count, with the ratio of the two: on a square 1024 problem, and on the shape of the
// kernel's main product (the ceiling for that attention shape: q·kᵀ is T×S×D; the linear state
// read φ(Q)·S is T×D×2D), and the machine's roofline measured first in the same process
// (`attnlab machine`): each row's fraction of the FMA peak and, for decode, of the triad bandwidth.
// On 1 thread the main-product GEMM is timed in alternation with the kernel, round by round
// (`Timing.pairedSamples`), and the row's ratio is the median of the rounds' ratios with their
// quartiles (so it is not exactly "GFLOP/s" ÷ "its GFLOP/s", the ratio of the medians): timed
// apart, the GEMM's few short calls moved its rate by up to 2× between processes (4096×64×128 on
// one core: 40–92 GFLOP/s in 9 processes), most of the ratio's spread.
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
            multiply-add (docs/conventions.md); fwdbwd = 3.5 × fwd. softmax-attention counts the exact \
            visible key pairs (causal halves). residual-linear-attention counts the state read \
            2·T·D'·D, the update 2·U·D'·D and the causal half of the intra-chunk blocks U·C·(D'+D) \
            (D' = 2D, U = T−W−1, C = chunk); --mode decode times one token at position T across the H \
            heads (T = 1k, 4k, 16k shows it is flat) and reports the decode state's bytes. Build in \
            release (`swift build -c release`): a debug build is tens of times slower.
            """)
    @Option(help: "The op.") var op = "softmax-attention"
    @Option(help: "Implementation name (default: the op's fastest).") var kernel: String?
    @Option(name: .customLong("B"), help: "Batch.") var B = 1
    @Option(name: .customLong("T"), help: "Sequence length, or decode position (repeatable).") var T: [Int] = [4096]
    @Option(name: .customLong("H"), help: "Query heads.") var H = 8
    @Option(name: .customLong("Hkv"), help: "KV heads (default H).") var Hkv: Int?
    @Option(name: .customLong("D"), help: "Head dim.") var D = 64
    @Option(parsing: .unconditionalSingleValue, help: "Window W (repeatable; -1: none for softmax-attention, plain causal linear attention for residual-linear-attention).")
    var window: [Int] = [-1]
    @Option(help: "residual-linear-attention: softmax2 (default) or relu2.") var featureMap: String?
    @Option(help: "residual-linear-attention: rows per chunk of a chunked kernel.") var chunk: Int?
    @Option(help: "fwd, fwdbwd, or decode (residual-linear-attention).") var mode = "fwd"
    @Option(help: "Threads (kernel and SGEMM alike).") var threads = 1
    @Option(parsing: .unconditional, help: "Seconds of timed repeats per row (at least 3 repeats; with a main-product GEMM on 1 thread, rounds of the kernel and the GEMM in alternation, their timed seconds together).") var budget = 2.0
    @Option(help: "wall (default), or cpu: the calling thread's CPU time, for --threads 1 on a busy shared machine (time other processes held the core is left out; kernel and SGEMM alike).")
    var clock = "wall"

    @Flag(help: "One JSON object per row instead of a table.") var json = false

    func run() throws {
        try reportingErrors {
            let handler = try KernelOps.named(op)
            guard threads >= 1 else { throw UsageFailure("threads: must be ≥ 1, got \(threads)") }
            guard budget.isFinite && budget >= 0 else { throw UsageFailure("budget: must be a finite number of seconds ≥ 0, got \(budget)") }
            guard let timingClock = Timing.Clock(rawValue: clock) else { throw UsageFailure("clock: must be wall or cpu, got '\(clock)'") }
            if timingClock == .cpu && threads != 1 { throw UsageFailure("clock: cpu times one thread; use it with --threads 1") }
            let cases = try handler.benchCases(self)
            let roofline = Roofline.measured(threads: threads)
            let sgemm = Sgemm.measureGFLOPs(n: 1024, threads: threads, clock: timingClock)
            var table = [["kernel", "T", "H", "D", "W", "mode", "thr", "median ms", "GFLOP/s", "of peak", "SGEMM GFLOP/s", "ratio",
                          "GEMM m×n×k", "its GFLOP/s", "ratio", "ratio q1–q3", "state KiB", "of BW"]]
            for c in cases {
                let body = c.prepare()
                var row = c.row
                // With a main product on 1 thread: the kernel and that GEMM in alternation
                // (`Timing.pairedSamples`), the ratio the median of the rounds' ratios. Else the
                // kernel's own repeats, and any GEMM timed after them: on several threads OpenBLAS's
                // workers spin for a while after each call and can take the kernel's cores (the
                // chunked branch on 2 threads, 3 processes each: 9.1–17.6 ms a call paired, 8.6–15
                // timed apart; too few and too noisy on 2 shared cores to settle it, so kept apart).
                let samples: [Double]
                if let g = c.gemm, threads == 1 {
                    let gemm = Sgemm.Problem(m: g.m, n: g.n, k: g.k)
                    let rounds = Sgemm.withThreads(threads) {
                        Timing.pairedSamples(warmup: 2, minRounds: 3, maxRounds: 50, budget: budget, clock: timingClock, body, gemm.multiply)
                    }
                    samples = rounds.map(\.a)
                    let ratios = rounds.map { (c.flopsPerItem * Double(c.itemsPerCall) / $0.a) / (gemm.flops / $0.b) }
                    row.gemm_shape = "\(g.m)x\(g.n)x\(g.k)"
                    row.gemm_gflops = gemm.flops / Timing.median(rounds.map(\.b)) / 1e9
                    row.ratio_to_gemm = Timing.median(ratios)
                    row.ratio_to_gemm_quartiles = [Timing.quantile(ratios, 0.25), Timing.quantile(ratios, 0.75)]
                } else {
                    samples = Timing.samples(warmup: 1, minRepeats: 3, maxRepeats: 50, budget: budget, clock: timingClock, body)
                }
                row.median_s = Timing.median(samples) / Double(c.itemsPerCall)
                row.repeats = samples.count
                row.gflops = c.flopsPerItem / row.median_s / 1e9
                if let g = c.gemm, threads > 1 {
                    let gemm = Sgemm.measureGFLOPs(m: g.m, n: g.n, k: g.k, threads: threads, clock: timingClock)
                    row.gemm_shape = "\(g.m)x\(g.n)x\(g.k)"
                    row.gemm_gflops = gemm
                    row.ratio_to_gemm = row.gflops / gemm
                }
                row.sgemm_gflops = sgemm
                row.ratio_to_sgemm = row.gflops / sgemm
                row.clock = clock
                row.fma_peak_gflops = roofline.peakFlops / 1e9
                row.triad_gbs = roofline.bandwidth / 1e9
                row.isa = roofline.isa
                row.fraction_of_peak = row.gflops * 1e9 / roofline.peakFlops
                if let bytes = c.bytesPerItem { row.fraction_of_bandwidth = roofline.fractionOfBandwidth(bytes / row.median_s) }
                if json {
                    print(row.jsonLine)
                } else {
                    table.append([row.kernel + (row.check_case.map { " [\($0)]" } ?? ""), "\(row.T)", "\(row.H)", "\(row.D)", row.W.map(String.init) ?? "-", row.mode, "\(row.threads)",
                                  String(format: "%.4g", row.median_s * 1e3), String(format: "%.1f", row.gflops),
                                  String(format: "%.2f", row.fraction_of_peak ?? 0),
                                  String(format: "%.1f", sgemm), String(format: "%.2f", row.ratio_to_sgemm),
                                  row.gemm_shape ?? "-", row.gemm_gflops.map { String(format: "%.1f", $0) } ?? "-",
                                  row.ratio_to_gemm.map { String(format: "%.2f", $0) } ?? "-",
                                  row.ratio_to_gemm_quartiles.map { String(format: "%.2f–%.2f", $0[0], $0[1]) } ?? "-",
                                  row.state_bytes.map { String(format: "%.1f", Double($0) / 1024) } ?? "-",
                                  row.fraction_of_bandwidth.map { String(format: "%.2f", $0) } ?? "-"])
                }
            }
            if !json {
                print(TextTable.render(table))
                print("roofline (this process): \(roofline.summary); of peak = GFLOP/s ÷ the FMA peak on \(threads) thread\(threads == 1 ? "" : "s"), of BW = state bytes read per token ÷ time ÷ the triad bandwidth")
                print("OpenBLAS core: \(OpenBLAS.coreName) (OPENBLAS_CORETYPE=\(OpenBLAS.forcedCore ?? "unset")); build: \(buildConfiguration)")
            }
        }
    }

    /// A row with the fields every op shares filled in; timing fields are set after the run.
    func row(kernel: String, T: Int, Hkv: Int, W: Int?, chunk: Int? = nil, featureMap: String? = nil,
             stateBytes: Int? = nil) -> BenchRow {
        BenchRow(op: op, kernel: kernel, B: B, T: T, H: H, Hkv: Hkv, D: D, W: W, mode: mode, threads: threads,
                 chunk: chunk, feature_map: featureMap, state_bytes: stateBytes, median_s: 0, repeats: 0,
                 gflops: 0, sgemm_gflops: 0, ratio_to_sgemm: 0, openblas_core: OpenBLAS.coreDescription, build: buildConfiguration)
    }

    /// The shape axes of the cases: every (T, W) pair.
    var grid: [(T: Int, W: Int)] { T.flatMap { t in window.map { (t, $0) } } }
}

extension KernelsBench {
    /// Refuses a case whose inputs (q, k, v, dout and as many outputs and gradients: 8 tensors of
    /// B·H·T·D floats, more than any kernel holds at once) would not fit in physical memory, so a
    /// mistyped --T is a one-line error rather than an allocation failure (or an O(T) FLOP count
    /// that runs for minutes). Call after the shape validated (no Int overflow), before anything
    /// is computed from T.
    func checkFitsInMemory(T t: Int) throws {
        let memory = Double(ProcessInfo.processInfo.physicalMemory)
        let floats = 8 * Double(B) * Double(H) * Double(t) * Double(D)
        if floats * 4 > memory {
            throw UsageFailure("T: \(t) needs about \(Int(floats * 4 / 1_073_741_824)) GiB of inputs and outputs (B \(B), H \(H), D \(D)); this machine has \(Int(memory / 1_073_741_824)) GiB")
        }
    }
}

/// One timed case of `kernels bench`: the row to report, and `prepare`, which builds the inputs
/// (untimed) and returns the timed call. One call does `itemsPerCall` items (decode: tokens) of
/// `flopsPerItem` FLOPs each; the reported median is per item.
struct BenchCase {
    var row: BenchRow
    var flopsPerItem: Double
    var itemsPerCall = 1
    /// The kernel's main product as a GEMM shape, for the same-process SGEMM ceiling (nil: none).
    var gemm: (m: Int, n: Int, k: Int)? = nil
    /// Bytes an item must read (decode: the state), for the fraction of the bandwidth (nil: not reported).
    var bytesPerItem: Double? = nil
    var prepare: () -> () -> Void
}

extension BenchCase {
    /// A case timing the op's own bench plan (`KernelOp.benchPlan`).
    init(row: BenchRow, plan: KernelBenchPlan) {
        self.init(row: row, flopsPerItem: plan.flops, gemm: plan.gemm, prepare: plan.prepare)
    }
}

extension SoftmaxAttentionCLI {
    func benchCases(_ o: KernelsBench) throws -> [BenchCase] {
        try KernelOps.reject([("feature-map", o.featureMap != nil), ("chunk", o.chunk != nil)], for: op)
        guard o.mode == "fwd" || o.mode == "fwdbwd" else { throw UsageFailure("mode: must be fwd or fwdbwd, got '\(o.mode)'") }
        let impl = try kernel(o.kernel)
        return try o.grid.map { t, w in
            guard w >= -1 else { throw UsageFailure("window: must be ≥ −1 (−1: no window), got \(w)") }
            let shape = AttentionShape(B: o.B, H: o.H, Hkv: o.Hkv, T: t, D: o.D, window: w < 0 ? nil : w)
            do { try shape.validate() } catch { throw UsageFailure("\(error)") }
            try o.checkFitsInMemory(T: t)
            if let reason = impl.unsupported(shape) { throw UsageFailure("kernel: \(impl.name) does not support \(shape): \(reason)") }
            let plan = KernelRegistry.softmaxAttention.benchPlan(impl, on: shape, backward: o.mode == "fwdbwd", threads: o.threads)!
            return BenchCase(row: o.row(kernel: impl.name, T: t, Hkv: shape.Hkv, W: shape.window), plan: plan)
        }
    }
}

extension ResidualLinearAttentionCLI {
    /// Decode: tokens timed per call (each token steps all H heads).
    static let decodeTokensPerCall = 64

    func benchCases(_ o: KernelsBench) throws -> [BenchCase] {
        guard ["fwd", "fwdbwd", "decode"].contains(o.mode) else { throw UsageFailure("mode: must be fwd, fwdbwd or decode, got '\(o.mode)'") }
        let fm = try featureMap(o.featureMap)
        return try o.grid.map { t, w in
            let shape = LinearAttentionShape(B: o.B, H: o.H, Hkv: o.Hkv, T: t, D: o.D, window: w, featureMap: fm)
            do { try shape.validate() } catch { throw UsageFailure("\(error)") }
            let impl = try kernel(o.kernel, chunk: o.chunk, for: shape)
            if o.mode == "decode" { return decodeCase(o, shape: shape) }  // O(D²) state: T is a position, not a size
            try o.checkFitsInMemory(T: t)
            if let reason = impl.unsupported(shape) { throw UsageFailure("kernel: \(impl.name) does not support \(shape): \(reason)") }
            let op = KernelRegistry.residualLinearAttention, testCase = LinearAttentionCase(shape, chunkSize: impl.chunkSize)
            let chunked = op.capabilities(of: impl).contains(.chunks)
            let plan = op.benchPlan(impl, on: testCase, backward: o.mode == "fwdbwd", threads: o.threads)!
            return BenchCase(row: o.row(kernel: impl.name, T: t, Hkv: shape.Hkv, W: w, chunk: chunked ? impl.chunkSize : nil, featureMap: fm.rawValue),
                             plan: plan)
        }
    }

    /// One token at position T (after T untimed steps) across the B·H heads of one layer;
    /// FLOPs per token: B·H·(2·D'·D fold + 2·D'·D read).
    func decodeCase(_ o: KernelsBench, shape: LinearAttentionShape) -> BenchCase {
        let (heads, D, window, fm) = (shape.B * shape.H, shape.D, shape.window, shape.featureMap)
        let bytes = heads * ResidualLinearAttentionDecodeState.stateBytes(D: D, window: window, tokens: shape.T)
        return BenchCase(row: o.row(kernel: "decode-step", T: shape.T, Hkv: shape.Hkv, W: window, featureMap: fm.rawValue, stateBytes: bytes),
                         flopsPerItem: Double(heads) * 4 * Double(shape.featureDim * D), itemsPerCall: Self.decodeTokensPerCall,
                         bytesPerItem: Double(bytes)) {
            var rng = SeededGenerator(seed: 0, stream: "decode")
            let pool = (0..<Self.decodeTokensPerCall).map { _ in (0..<3).map { _ in Tensor<Float>(randomNormal: [D], rng: &rng).scalars } }
            var states = (0..<heads).map { _ in try! ResidualLinearAttentionDecodeState(D: D, window: window, featureMap: fm) }
            func steps(_ n: Int) {
                for i in 0..<n {
                    let x = pool[i % pool.count]
                    for h in 0..<heads { _ = try! states[h].step(q: x[0], k: x[1], v: x[2]) }
                }
            }
            steps(shape.T)  // advance every head to position T
            return { steps(Self.decodeTokensPerCall) }
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
    /// residual-linear-attention only (null otherwise): chunk size, feature map, decode state bytes.
    var chunk: Int?, feature_map: String?, state_bytes: Int?
    /// An op benched on its check grid (no shape flags of its own): the case (its T, H, D, … are 0).
    var check_case: String? = nil
    var median_s: Double
    var repeats: Int
    var gflops: Double, sgemm_gflops: Double, ratio_to_sgemm: Double
    /// SGEMM on the kernel's main product shape ("T×S×D"), same process and threads (null for
    /// decode). On 1 thread timed in alternation with the kernel: its GFLOP/s at the median of its
    /// rounds, the median of the rounds' ratios (kernel GFLOP/s ÷ GEMM GFLOP/s) and their quartiles
    /// [q1, q3]. On several threads timed after the kernel: the ratio of the medians, no quartiles.
    var gemm_shape: String? = nil, gemm_gflops: Double? = nil, ratio_to_gemm: Double? = nil
    var ratio_to_gemm_quartiles: [Double]? = nil
    /// The roofline measured in the same process on the same threads (`attnlab machine`): FMA peak
    /// GFLOP/s, triad GB/s, the instruction set of the peak, GFLOP/s ÷ peak, and (decode) the
    /// state bytes read per token ÷ time ÷ triad bandwidth.
    var fma_peak_gflops: Double? = nil, triad_gbs: Double? = nil, isa: String? = nil
    var fraction_of_peak: Double? = nil, fraction_of_bandwidth: Double? = nil
    /// What the medians measure: wall-clock time or the thread's CPU time (`--clock`).
    var clock: String? = nil
    var openblas_core: String
    var build: String

    /// Optional fields are written as `null` (not omitted), so every row has every key.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(op, forKey: .op); try c.encode(kernel, forKey: .kernel)
        try c.encode(B, forKey: .B); try c.encode(T, forKey: .T); try c.encode(H, forKey: .H)
        try c.encode(Hkv, forKey: .Hkv); try c.encode(D, forKey: .D)
        func encodeOrNull<V: Encodable>(_ value: V?, _ key: CodingKeys) throws {
            if let value { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        try encodeOrNull(W, .W)
        try c.encode(mode, forKey: .mode); try c.encode(threads, forKey: .threads)
        try encodeOrNull(chunk, .chunk); try encodeOrNull(feature_map, .feature_map); try encodeOrNull(state_bytes, .state_bytes)
        try c.encode(median_s, forKey: .median_s); try c.encode(repeats, forKey: .repeats)
        try c.encode(gflops, forKey: .gflops); try c.encode(sgemm_gflops, forKey: .sgemm_gflops)
        try c.encode(ratio_to_sgemm, forKey: .ratio_to_sgemm); try c.encode(openblas_core, forKey: .openblas_core)
        try encodeOrNull(gemm_shape, .gemm_shape); try encodeOrNull(gemm_gflops, .gemm_gflops); try encodeOrNull(ratio_to_gemm, .ratio_to_gemm)
        try encodeOrNull(ratio_to_gemm_quartiles, .ratio_to_gemm_quartiles)
        try encodeOrNull(fma_peak_gflops, .fma_peak_gflops); try encodeOrNull(triad_gbs, .triad_gbs); try encodeOrNull(isa, .isa)
        try encodeOrNull(fraction_of_peak, .fraction_of_peak); try encodeOrNull(fraction_of_bandwidth, .fraction_of_bandwidth)
        try encodeOrNull(clock, .clock)
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
