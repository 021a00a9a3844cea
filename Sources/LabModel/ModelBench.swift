// Throughput and memory of the model: a training step, a prefill, or decoding at a context
// length, on random tokens. What `attnlab model bench` and a sweep harness call.
//
//   train:    tokens/s = B·T / (forward + backward + AdamW update), labels at every position
//   prefill:  tokens/s = B·T / (prefill of T tokens through fresh caches, logits of the last
//             position only: time to first token; KV-sharing consumers run on the suffix it needs)
//   decode:   prefill T tokens, then tokens/s = B·n / (n single-token decode steps)
// Every result carries the machine's roofline (`Roofline`, measured first in the same process) and
// its fraction: train model FLOP/s of the FMA peak; decode bytes/s of the triad bandwidth and the
// roofline bound max(FLOPs/peak, bytes/bandwidth) of a step (`decodeStepCost`) over its time.
// Model FLOPs per trained token (the 6N rule plus the mixing): 6·(non-embedding matmul params +
// head) + Σ over layers 3 × the layer variant's forward mixing FLOPs per token
// (`AttentionVariantConfig.mixerForwardFlopsPerToken`: softmax 4·pairs/T·H·D over the causal key
// pairs it visits; a linear branch the count of the kernel the dispatch picks for it).
import Foundation
import LabAttention
import LabCore

public struct ModelBenchResult: Codable, Sendable {
    public var mode: String
    public var batch: Int, length: Int, threads: Int
    public var parallelism: String
    public var secondsMedian: Double
    public var tokensPerSecond: Double
    /// Model FLOPs per second (train mode only).
    public var modelFlopsPerSecond: Double?
    /// Peak resident set (VmHWM) of the process, bytes.
    public var peakResidentBytes: Int
    /// Decode-state bytes after the prefill of the T tokens (prefill and decode modes; decode measures
    /// it before its steps add tokens), the measured counterpart of `ModelConfig.stateBytes`.
    public var stateBytes: Int?
    /// `OpenBLAS.coreDescription`: the core, with the `OPENBLAS_CORETYPE` that forced it if any.
    public var openBLASCore: String
    /// The attention kernels the layers ran at length T, `op: name` (`LanguageModel.kernelsRun`).
    public var kernels: [String]
    /// Time per op of a training step (`attnlab model bench --profile`), nil unless asked for.
    public var profile: ModelBenchProfile?
    /// The machine's roofline for `threads` threads, measured in this process before the run.
    public var roofline: Roofline
    /// Train: model FLOP/s ÷ the FMA peak on `threads` threads.
    public var fractionOfPeak: Double?
    /// Bytes and FLOPs of one call of the mode (`ModelBench.callCost`: analytic, not measured) and
    /// its roofline bound, max(FLOPs ÷ peak, bytes ÷ bandwidth), seconds; nil where the call's cost
    /// is unknown (prefill and decode without a state size).
    public var callBytes: Double?, callFlops: Double?, boundSeconds: Double?
    /// Decode: bytes moved per second (step bytes ÷ median step time) ÷ the triad bandwidth.
    public var fractionOfBandwidth: Double?
    /// The roofline bound ÷ the median call time (1 = at the roofline).
    public var fractionOfRoofline: Double?
}

/// Where a training step's time goes: per kind of op (`ProfileOp`), the thread-time it took
/// (summed over the threads that ran it), averaged over the profiled steps. The threads × the step's
/// wall time is the whole; what no measured op took is `other`: bookkeeping (parameter sets, saved
/// activations), allocation outside the ops, and threads idle (waiting for the slowest part, or
/// while one thread sums the gradients and runs the optimizer).
public struct ModelBenchProfile: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        /// `ProfileOp`'s description, or "other".
        public var op: String
        /// Thread-seconds per step.
        public var secondsPerStep: Double
        /// Measured calls per step, summed over threads (nil for "other").
        public var callsPerStep: Double?
        /// secondsPerStep / (threads × stepSeconds).
        public var share: Double
    }
    public var steps: Int
    /// Threads that run the step's parallel part.
    public var threads: Int
    /// Mean wall seconds of a profiled step (profiling adds two clock reads per op).
    public var stepSeconds: Double
    /// In `ProfileOp` order, ops that never ran left out, then "other".
    public var entries: [Entry]

    init(totals: Profile.Totals, steps: Int, threads: Int, seconds: Double) {
        self.steps = steps; self.threads = threads
        stepSeconds = seconds / Double(steps)
        let whole = Double(threads) * stepSeconds
        var entries: [Entry] = [], measured = 0.0
        for op in ProfileOp.allCases {
            guard let t = totals.seconds[op] else { continue }
            let perStep = t / Double(steps)
            measured += perStep
            entries.append(Entry(op: op.rawValue, secondsPerStep: perStep, callsPerStep: Double(totals.calls[op] ?? 0) / Double(steps),
                                 share: perStep / whole))
        }
        entries.append(Entry(op: "other", secondsPerStep: whole - measured, callsPerStep: nil, share: (whole - measured) / whole))
        self.entries = entries
    }

    /// The table `attnlab model bench --profile` prints.
    public var lines: [String] {
        let width = max(entries.map(\.op.count).max() ?? 0, 2)
        func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        var out = [String(format: "profile: %d steps, %d threads, %.1f ms a step: %.1f thread-ms", steps, threads,
                          stepSeconds * 1e3, Double(threads) * stepSeconds * 1e3)]
        out.append(pad("op") + "  thread-ms/step   share  calls/step")
        for e in entries {
            out.append(pad(e.op) + String(format: "  %14.2f  %5.1f %%", e.secondsPerStep * 1e3, e.share * 100)
                       + (e.callsPerStep.map { String(format: "  %10.0f", $0) } ?? ""))
        }
        return out
    }
}

/// Two configurations' training steps timed in alternation (`ModelBench.compareTraining`).
public struct ModelBenchComparison: Codable, Sendable {
    /// The first configuration's result and the second's, each `secondsMedian` over its timed steps.
    public var first: ModelBenchResult, second: ModelBenchResult
    /// Rounds timed: each a timed step of the first, and as many of the second as take about as
    /// long (one unless the first's step is 1.5× the second's or longer).
    public var rounds: Int
    /// The first's step seconds ÷ the second's, per round: the median, and the quartiles [q1, q3].
    public var ratioMedian: Double, ratioQuartiles: [Double]
}

/// `ModelBench.compareTraining`'s error for one configuration: `configuration` 0 (the first) or
/// 1 (the one compared against), and the `ModelError` its kernels gave (a named kernel declined a
/// shape).
public struct ComparisonError: Error {
    public let configuration: Int
    public let error: ModelError
}

public enum ModelBench {
    public enum Mode: String, CaseIterable, Sendable { case train, prefill, decode }

    /// Peak resident memory from /proc/self/status (VmHWM), bytes; 0 if unavailable.
    public static func peakResidentBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }

    /// Training FLOPs per token (forward + backward) at length T, as above.
    public static func trainFlopsPerToken(_ c: ModelConfig, length T: Int) -> Double {
        // forward + backward of the mixing: 3 × forward (as 6N = 3 × 2N)
        6 * matmulParameters(c) + 3 * mixingForwardFlopsPerToken(c, length: T)
    }

    /// Forward FLOPs per token of every layer's mixing at length T, summed over the layers (each
    /// layer's variant counts its own: `AttentionVariantConfig.mixerForwardFlopsPerToken`).
    public static func mixingForwardFlopsPerToken(_ c: ModelConfig, length T: Int) -> Double {
        c.pattern.layers(depth: c.layers).reduce(0.0) {
            $0 + $1.mixerForwardFlopsPerToken(length: T, heads: c.heads, headDim: c.headDim)
        }
    }

    /// Parameters read by the matmuls of one decoded token (every projection, MLP and the LM head;
    /// the embedding is one row): as in `trainFlopsPerToken`'s 6N, N = this.
    public static func matmulParameters(_ c: ModelConfig) -> Double {
        let (C, H, Hkv, D, F) = (Double(c.modelDim), Double(c.heads), Double(c.kvHeads), Double(c.headDim), Double(c.mlpHidden))
        let consumers = Double(c.pattern.kvSources(depth: c.layers).filter { $0 != nil }.count)
        let perLayer = C * (H + 2 * Hkv) * D + H * D * C + 3 * C * F
        return Double(c.layers) * perLayer - consumers * 2 * C * Hkv * D + Double(c.vocab) * C
    }

    /// The roofline cost of one decode step of `batch` sequences holding `stateBytes` of decode
    /// state (docs/conventions.md): bytes = 4·N (the weights, read once per step) + the state;
    /// FLOPs = 2·N·batch + 2·(state bytes ÷ 4) (every state value multiplied-added once: q·k and
    /// p·v over a KV cache, φ(q)ᵀS over a linear state; GQA re-reads, a KV-sharing consumer's re-read
    /// of its producer's cache and the linear fold are not counted).
    public static func decodeStepCost(_ c: ModelConfig, batch: Int, stateBytes: Int) -> (bytes: Double, flops: Double) {
        let n = matmulParameters(c)
        return (4 * n + Double(stateBytes), 2 * n * Double(batch) + 2 * Double(stateBytes) / 4)
    }

    /// The roofline cost of one call of `mode` on `batch` sequences of `T` tokens (docs/conventions.md,
    /// "Bytes"): FLOPs by the model count, and the bytes the call must move between memory and the
    /// cores even if every activation stays in cache (compulsory traffic), N = `matmulParameters`:
    ///   train    FLOPs B·T·`trainFlopsPerToken`; bytes 40·N: per parameter 10 floats (the weight
    ///            read by the forward and by the backward, the gradient written and read back, AdamW
    ///            reading the weight and its two moments and writing all three)
    ///   prefill  FLOPs B·T·(2·(N − V·C) + Σ layers mixing forward per token) + B·2·V·C (logits of
    ///            the last position only); bytes 4·N + `stateBytes` (the weights once, the state written)
    ///   decode   `decodeStepCost`
    /// nil for prefill and decode without `stateBytes`.
    public static func callCost(_ c: ModelConfig, mode: Mode, batch B: Int, length T: Int, stateBytes: Int?) -> (bytes: Double, flops: Double)? {
        let n = matmulParameters(c), tokens = Double(B * T)
        switch mode {
        case .train:
            return (40 * n, tokens * trainFlopsPerToken(c, length: T))
        case .prefill:
            guard let stateBytes else { return nil }
            let head = Double(c.vocab * c.modelDim)
            return (4 * n + Double(stateBytes), tokens * (2 * (n - head) + mixingForwardFlopsPerToken(c, length: T)) + Double(B) * 2 * head)
        case .decode:
            guard let stateBytes else { return nil }
            return decodeStepCost(c, batch: B, stateBytes: stateBytes)
        }
    }

    /// Times `mode` of `config` on `B` random sequences of `T` tokens (`budget` seconds of repeats);
    /// in train mode with `profileSteps` > 0, then profiles that many more steps (`profile`).
    /// `overrides`: op → kernel name (`KernelChoice(overrides:)`); empty = the dispatch.
    /// - Throws: `KernelInputError` for an unknown op or kernel; `ModelError` when a named kernel
    ///   declines one of the layers' shapes (its reason), before anything is timed.
    public static func run(config: ModelConfig, mode: Mode, batch B: Int, length T: Int, threads: Int,
                           parallelism: TrainOptions.Parallelism, decodeTokens: Int = 32, budget: Double = 5,
                           kernels overrides: [String: String] = [:], profileSteps: Int = 0) throws -> ModelBenchResult {
        // first, before any allocation of the run: its measurement resets the peak resident set
        let roofline = Roofline.measured(threads: threads)
        let bench = try Prepared(config: config, mode: mode, batch: B, length: T, threads: threads, parallelism: parallelism,
                                 kernels: overrides)
        let (model, tokens) = (bench.model, bench.tokens)
        var seconds: [Double] = []
        var tokensPerCall = B * T
        var stateBytes: Int? = nil
        var profile: ModelBenchProfile? = nil
        switch mode {
        case .train:
            let step = bench.trainingStep()
            seconds = Timing.samples(warmup: 2, minRepeats: 5, maxRepeats: 20, budget: budget) { step() }
            if profileSteps > 0 {
                Profile.start()
                let wall = Timing.seconds { for _ in 0..<profileSteps { step() } }
                profile = ModelBenchProfile(totals: Profile.stop(), steps: profileSteps,
                                            threads: parallelism == .batch ? max(1, min(threads, B)) : 1, seconds: wall)
            }
        case .prefill:
            let params = model.initialParameters(seed: 1)
            seconds = Timing.samples(warmup: 1, minRepeats: 3, maxRepeats: 10, budget: budget) {
                let state = model.makeDecodeState(batch: B)
                _ = model.prefill(tokens, params: params, state: state)
                stateBytes = state.bytes
            }
        case .decode:
            let params = model.initialParameters(seed: 1)
            let state = model.makeDecodeState(batch: B)
            _ = model.prefill(tokens, params: params, state: state)
            // the state of T tokens, as the analytic count at length T (the steps below add tokens)
            stateBytes = state.bytes
            var next = Array(tokens.suffix(B))
            tokensPerCall = B
            seconds = Timing.samples(warmup: 2, minRepeats: decodeTokens, maxRepeats: decodeTokens, budget: 0) {
                let l = model.step(next, params: params, state: state)
                next = model.argmax(model.lastPosition(l))
            }
        }
        return bench.result(seconds: seconds, tokensPerCall: tokensPerCall, stateBytes: stateBytes, profile: profile, roofline: roofline)
    }

    /// Training steps of `config` and of `against` (the same batch, length, threads, parallelism
    /// and kernel overrides) timed in alternation in one process (`Timing.pairedSamples`: each
    /// round one untimed and one timed step of `config`, then one untimed step of `against` and as
    /// many timed as take about one of `config`'s: one unless `config`'s step is 1.5× `against`'s or
    /// longer; `against`'s time is per step), so that other
    /// processes' load and the hour's clock speed hit both alike, where two processes run minutes
    /// apart see different machines. Each result's `secondsMedian` is the median of its timed
    /// steps; the ratio is `config`'s step ÷ `against`'s, per round. `budget`: seconds of timed
    /// steps (at least 6 rounds, at most 40; the untimed steps and warm-ups about double the wall
    /// time). Both results carry the process's peak resident set, which is both models' together.
    /// - Throws: `ComparisonError` (which configuration, and `run`'s `ModelError`) when a named
    ///   kernel declines one of a configuration's shapes; `KernelInputError` as `run`.
    public static func compareTraining(config: ModelConfig, against: ModelConfig, batch B: Int, length T: Int, threads: Int,
                                       parallelism: TrainOptions.Parallelism, budget: Double = 10,
                                       kernels overrides: [String: String] = [:]) throws -> ModelBenchComparison {
        let roofline = Roofline.measured(threads: threads)
        let benches = try [config, against].enumerated().map { i, c in
            do {
                return try Prepared(config: c, mode: .train, batch: B, length: T, threads: threads, parallelism: parallelism, kernels: overrides)
            } catch let e as ModelError { throw ComparisonError(configuration: i, error: e) }
        }
        let rounds = Timing.pairedSamples(minRounds: 6, maxRounds: 40, budget: budget, benches[0].trainingStep(), benches[1].trainingStep())
        let ratios = rounds.map { $0.a / $0.b }
        let results = [rounds.map(\.a), rounds.map(\.b)].enumerated().map { i, seconds in
            benches[i].result(seconds: seconds, tokensPerCall: B * T, stateBytes: nil, profile: nil, roofline: roofline)
        }
        return ModelBenchComparison(first: results[0], second: results[1], rounds: rounds.count, ratioMedian: Timing.median(ratios),
                                    ratioQuartiles: [Timing.quantile(ratios, 0.25), Timing.quantile(ratios, 0.75)])
    }

    /// One configuration's model, parameters and random tokens, ready to time.
    struct Prepared {
        let config: ModelConfig, mode: Mode, B: Int, T: Int, threads: Int, parallelism: TrainOptions.Parallelism
        let model: LanguageModel
        let kernelsRun: [String]
        let tokens: [Int]

        init(config: ModelConfig, mode: Mode, batch B: Int, length T: Int, threads: Int,
             parallelism: TrainOptions.Parallelism, kernels overrides: [String: String]) throws {
            (self.config, self.mode, self.B, self.T, self.threads, self.parallelism) = (config, mode, B, T, threads, parallelism)
            let kernelThreads = parallelism == .kernels || mode != .train ? threads : 1
            OpenBLAS.setThreads(kernelThreads)
            model = LanguageModel(config: config, kernels: try KernelChoice(overrides: overrides, threads: kernelThreads))
            kernelsRun = try model.checkKernels(lengths: [T])
            var rng = SeededGenerator(seed: 2, stream: "bench")
            tokens = (0..<(B * T)).map { _ in rng.nextInt(in: 0..<config.vocab) }
        }

        /// A training step a call: forward, backward and an AdamW update of the step's own
        /// parameters (seed 1; the only copy: peak memory counts one set and the optimizer's), on
        /// the tokens with each position's next token as its label.
        func trainingStep() -> () -> Void {
            var labels = Array(tokens.dropFirst()) + [0]
            for b in 0..<B { labels[b * T + T - 1] = -100 }
            let batch = TokenBatch(inputs: tokens, labels: labels, batch: B)
            var params = model.initialParameters(seed: 1)
            var opt = AdamW(config: OptimizerConfig(), parameters: params)
            let (model, threads, parallelism) = (model, threads, parallelism)
            return {
                let r = parallelism == .batch ? model.lossAndGradients(batch, params: params, threads: threads)
                                              : model.lossAndGradients(batch, params: params)
                opt.update(&params, grads: r.grads, norm: AdamW.globalNorm(r.grads))
            }
        }

        /// The result row of `seconds` (a call's times), with the roofline measured before the run.
        func result(seconds: [Double], tokensPerCall: Int, stateBytes: Int?, profile: ModelBenchProfile?, roofline: Roofline) -> ModelBenchResult {
            let median = Timing.median(seconds)
            let tps = Double(tokensPerCall) / median
            let flops = mode == .train ? tps * trainFlopsPerToken(config, length: T) : nil
            var r = ModelBenchResult(mode: mode.rawValue, batch: B, length: T, threads: threads, parallelism: parallelism.rawValue,
                                     secondsMedian: median, tokensPerSecond: tps, modelFlopsPerSecond: flops,
                                     peakResidentBytes: peakResidentBytes(), stateBytes: stateBytes, openBLASCore: OpenBLAS.coreDescription,
                                     kernels: kernelsRun, profile: profile, roofline: roofline, fractionOfPeak: flops.map(roofline.fractionOfPeak))
            if let cost = callCost(config, mode: mode, batch: B, length: T, stateBytes: stateBytes) {
                let bound = roofline.boundSeconds(flops: cost.flops, bytes: cost.bytes)
                r.callBytes = cost.bytes; r.callFlops = cost.flops; r.boundSeconds = bound
                r.fractionOfRoofline = bound / median
                if mode == .decode { r.fractionOfBandwidth = roofline.fractionOfBandwidth(cost.bytes / median) }
            }
            return r
        }
    }
}
