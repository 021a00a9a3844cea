// The reference model config (configs/bench-256x4.yaml: vocab 256, d 256, 4 layers, 4 heads of 64,
// SwiGLU 4×, RoPE, tied head; the PyTorch anchor's shape): one training step (forward, backward,
// AdamW) at T = 512, batch 8, and one decode step after a 512-token prefill, for each attention
// variant of the variant suite (the pattern swapped, everything else fixed). 1 thread.
import Benchmark
import BenchSupport
import Foundation
import LabAttention
import LabCore
import LabModel

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The reference config with every layer of the given variant.
func referenceConfig(_ layer: String) -> ModelConfig {
    var config = try! ModelConfig.load(path: repository.appendingPathComponent("configs/bench-256x4.yaml").path)
    config.pattern = LayerPattern(uniform: try! AnyAttentionConfig.parse(json: layer))
    return config
}

let benchmarks: @Sendable () -> Void = {
    Allocator.keepLargeBlocks()
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 10,
        thresholds: labThresholds)
    let (B, T) = (8, 512)
    for layer in [#"{"kind": "full"}"#, #"{"kind": "sliding_window", "window": 64}"#, #"{"kind": "rattention", "window": 64}"#] {
        let config = referenceConfig(layer)
        let name = config.pattern.unit[0].window.map { "\(config.pattern.unit[0].kind)(\($0))" } ?? config.pattern.unit[0].kind
        let model = LanguageModel(config: config, kernels: KernelChoice(threads: 1))
        var rng = SeededGenerator(seed: 2, stream: "bench")
        let tokens = (0..<(B * T)).map { _ in rng.nextInt(in: 0..<config.vocab) }
        var labels = Array(tokens.dropFirst()) + [0]
        for b in 0..<B { labels[b * T + T - 1] = -100 }
        let batch = TokenBatch(inputs: tokens, labels: labels, batch: B)

        Benchmark("model-256x4:\(name):train-step-B8-T512") { b in
            var params = model.initialParameters(seed: 1)
            var optimizer = AdamW(config: OptimizerConfig(), parameters: params)
            for _ in b.scaledIterations {
                let r = model.lossAndGradients(batch, params: params, threads: 1)
                blackHole(optimizer.update(&params, grads: r.grads, norm: AdamW.globalNorm(r.grads)))
            }
        }

        let params = model.initialParameters(seed: 1)
        let state = model.makeDecodeState(batch: 1)
        Benchmark("model-256x4:\(name):decode-step-after-512", configuration: .init(maxIterations: 20), closure: { b in
            for _ in b.scaledIterations { blackHole(model.step([7], params: params, state: state)) }
        }, setup: { _ = model.step(Array(tokens.prefix(T)), params: params, state: state) })
    }
}

