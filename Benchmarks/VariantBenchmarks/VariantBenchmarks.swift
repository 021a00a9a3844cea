// Every variant in AttentionRegistry × window W × context T: prefill of T tokens, and one decode
// step after a prefill of T tokens (the per-token cost that should stay flat in T for windowed
// variants). Model dim 256, 4 heads of 64, batch 1, RoPE.
import Benchmark
import BenchSupport
import LabAttention
import LabCore

let dims = AttentionDims(modelDim: 256, heads: 4, kvHeads: 4, headDim: 64)
let windows = [64, 256]
let lengths = [1024, 4096]

/// The variant configs to time: each kind with each window where it takes one, else its minimal config.
func configs() -> [AnyAttentionConfig] {
    AttentionRegistry.all.flatMap { type -> [AnyAttentionConfig] in
        let windowed = windows.compactMap { try? AnyAttentionConfig.parse(json: #"{"kind": "\#(type.kind)", "window": \#($0)}"#) }
        return windowed.isEmpty ? [try! AnyAttentionConfig.parse(json: type.minimalConfigJSON)] : windowed
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1, maxDuration: .seconds(2), maxIterations: 10,
        thresholds: labThresholds)
    for config in configs() {
        let variant = config.makeVariant(dims: dims, positional: .rope(theta: 10_000))
        var rng = SeededGenerator(seed: 0)
        let params = variant.initialParameters(rng: &rng)
        let name = config.window.map { "\(config.kind)(\($0))" } ?? config.kind
        for T in lengths {
            let x = Tensor<Float>(randomNormal: [1, T, dims.modelDim], rng: &rng)
            let token = Tensor<Float>(randomNormal: [1, 1, dims.modelDim], rng: &rng)
            Benchmark("\(name):T\(T):prefill") { b in
                for _ in b.scaledIterations {
                    blackHole(variant.prefill(x, params: params, cache: variant.makeCache(batch: 1)))
                }
            }
            // One decode step per iteration after a prefill of T tokens; the context grows by one
            // token an iteration (≤ 21 in all, negligible next to T).
            let cache = variant.makeCache(batch: 1)
            Benchmark("\(name):T\(T):decode-step", configuration: .init(maxIterations: 20), closure: { b in
                for _ in b.scaledIterations { blackHole(variant.decode(token, params: params, cache: cache)) }
            }, setup: { _ = variant.prefill(x, params: params, cache: cache) })
        }
    }
}

