// `attnlab model bench`: tokens/s and peak memory of the model in train, prefill or decode mode,
// and with --profile the time per op of a training step.
import ArgumentParser
import Foundation
import LabCore
import LabHarness
import LabModel

struct Model: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The language model: throughput and memory.",
                                                    subcommands: [Bench.self])

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tokens/s and peak resident memory (VmHWM) of train, prefill or decode.")

        @Option(help: "Model config (YAML or JSON).") var config: String
        @Option(name: .customLong("T"), help: "Sequence (context) length.") var T: Int = 2048
        @Option(help: "train, prefill or decode.") var mode: String = "train"
        @Option(help: "Sequences.") var batch: Int = 1
        @Option(help: "Threads.") var threads: Int = 2
        @Option(help: "Training: batch (the batch in parts of about 1,024 tokens, run across the threads) or kernels (parallel BLAS/kernels).") var parallelism: String = "batch"
        @Option(help: "Decode mode: tokens decoded after the prefill.") var decodeTokens: Int = 32
        @Flag(help: "Train mode: after the timing, profile 5 more steps and print the time per op (thread-ms a step, share of threads × wall).") var profile = false
        @Flag(help: "Print one JSON object.") var json = false
        @Option(help: "Train mode: a second model config whose training steps are timed in alternation with --config's in this process (same T, batch, threads, kernels); prints both and the per-round ratio of --config's step to this one's.") var against: String?
        @OptionGroup var kernelFlag: KernelFlag

        func run() throws {
            try reportingErrors {
                let kernels = try kernelFlag.overrides()
                guard let m = ModelBench.Mode(rawValue: mode) else { throw UsageFailure("--mode \(mode): expected train, prefill or decode") }
                let p: TrainOptions.Parallelism
                do { p = try .parse(parallelism) } catch let e as TrainOptions.Problem { throw e.usage }
                if profile && m != .train { throw UsageFailure("--profile: profiles a training step; give --mode train") }
                if against != nil && m != .train { throw UsageFailure("--against: compares training steps; give --mode train") }
                if against != nil && profile { throw UsageFailure("--against: not with --profile (profile each config on its own)") }
                try checkFlag("--T", T, StudyLimits.length)
                try checkFlag("--batch", batch, StudyLimits.benchBatch)
                try checkFlag("--threads", threads, StudyLimits.threads)
                try checkFlag("--decode-tokens", decodeTokens, StudyLimits.decodeTokens)
                let c = try ModelConfig.load(path: config)
                try c.checkMemory(batch: batch, length: T + (m == .decode ? decodeTokens : 0), training: m == .train)
                if let against {
                    let other = try ModelConfig.load(path: against)
                    do { try ModelConfig.checkMemory([c, other], batch: batch, length: T, training: true) }
                    catch let e as ModelError { throw UsageFailure("--against \(against): \(e.message)") }
                    let r: ModelBenchComparison
                    do {
                        r = try ModelBench.compareTraining(config: c, against: other, batch: batch, length: T, threads: threads,
                                                           parallelism: p, kernels: kernels)
                    } catch let e as ComparisonError {
                        throw UsageFailure("--kernel \(e.error.message) (the model of \(e.configuration == 0 ? "--config \(config)" : "--against \(against)"))")
                    }
                    if json { return try printJSON(r) }
                    print(String(format: "train B=%d T=%d threads=%d (%@), %d rounds in alternation:", batch, T, threads, p.rawValue, r.rounds))
                    for (path, row) in [(config, r.first), (against, r.second)] { print("  \(path): " + Self.summary(row, peak: false)) }
                    print(String(format: "  step of --config ÷ step of --against: %.3f (median of the rounds; q1–q3 %.3f–%.3f); peak RSS %.1f MiB (both models)",
                                 r.ratioMedian, r.ratioQuartiles[0], r.ratioQuartiles[1], Double(r.first.peakResidentBytes) / 1_048_576))
                    print("roofline (this process): \(r.first.roofline.summary)")
                    return
                }
                let r: ModelBenchResult
                do {
                    r = try ModelBench.run(config: c, mode: m, batch: batch, length: T, threads: threads, parallelism: p,
                                           decodeTokens: decodeTokens, kernels: kernels, profileSteps: profile ? 5 : 0)
                } catch let e as ModelError { throw UsageFailure("--kernel \(e.message)") }
                if json { return try printJSON(r) }
                print(String(format: "%@ B=%d T=%d threads=%d (%@): ", r.mode, r.batch, r.length, r.threads, r.parallelism) + Self.summary(r, peak: true))
                print("roofline (this process): \(r.roofline.summary)")
                for l in r.profile?.lines ?? [] { print(l) }
            }
        }

        /// A result's time, throughput, peak memory (if `peak`), fraction of the FMA peak and roofline
        /// bound, OpenBLAS core and kernels, on one line.
        static func summary(_ r: ModelBenchResult, peak: Bool) -> String {
            var line = String(format: "%.1f ms/call, %.0f tokens/s", r.secondsMedian * 1e3, r.tokensPerSecond)
            if peak { line += String(format: ", peak RSS %.1f MiB", Double(r.peakResidentBytes) / 1_048_576) }
            if let f = r.modelFlopsPerSecond { line += String(format: ", %.1f model GFLOP/s (%.2f of the FMA peak)", f / 1e9, r.fractionOfPeak ?? 0) }
            if let bw = r.fractionOfBandwidth, let bytes = r.callBytes {
                line += String(format: ", %.2f MiB a step at %.2f of the triad bandwidth", bytes / 1_048_576, bw)
            }
            if let bound = r.boundSeconds { line += String(format: ", roofline bound %.3f ms (%.2f× it)", bound * 1e3, r.secondsMedian / bound) }
            if let s = r.stateBytes { line += String(format: ", decode state %.2f MiB", Double(s) / 1_048_576) }
            return line + "; OpenBLAS core \(r.openBLASCore); kernels: \(r.kernels.joined(separator: ", "))"
        }

        func printJSON<T: Encodable>(_ value: T) throws {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys]
            print(String(decoding: try e.encode(value), as: UTF8.self))
        }
    }
}
