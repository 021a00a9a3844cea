import Foundation
import Testing
import LabAttention
import LabCore
import LabTestSupport
@testable import LabModel

/// A tiny model: vocab 11, C 8, 2 heads of 4 (1 kv head), SwiGLU 2×, conv 3, RoPE; windows of 2
/// so that T = 7 really exercises them (and RAttention's linear branch).
func tinyConfig(_ pattern: String, conv: Int = 3, mlp: Double = 2, tied: Bool = true) throws -> ModelConfig {
    try ModelConfig.parse("""
    {vocab: 11, model_dim: 8, layers: 2, heads: 2, kv_heads: 1, head_dim: 4, mlp_ratio: \(mlp), conv_kernel: \(conv),
     pattern: \(pattern), positional: rope, embedding_std: 0.5, tied_head: \(tied)}
    """)
}

let patterns = [
    "[{kind: full}]",
    "[{kind: sliding_window, window: 2}]",
    "[{kind: rattention, window: 2}]",
    "[{kind: rattention, window: 2}, {kind: full}]",
    // KV sharing: layer 1 has no K/V projections and reads layer 0's keys and values
    "[{kind: full}, {kind: sliding_window, window: 2, kv_from: 0}]",
    "[{kind: rattention, window: 2}, {kind: rattention, window: 2, kv_from: 0}]",
]

func tinyBatch(seed: UInt64, batch B: Int = 2, length T: Int = 7, vocab: Int = 11) -> TokenBatch {
    var rng = SeededGenerator(seed: seed, stream: "batch")
    let inputs = (0..<(B * T)).map { _ in rng.nextInt(in: 0..<vocab) }
    let labels = (0..<(B * T)).map { i in i % 3 == 1 ? -100 : rng.nextInt(in: 0..<vocab) }
    return TokenBatch(inputs: inputs, labels: labels, batch: B)
}

@Suite struct ModelGradientTests {
    /// Every parameter's analytic gradient against central differences of the mean loss, in Double
    /// (up to 12 entries per tensor, chosen by a seeded generator).
    func check(_ config: ModelConfig) {
        let model = LanguageModel(config: config)
        let params = model.initialParameters(seed: 5).converted(to: Double.self)
        let batch = tinyBatch(seed: 6)
        let analytic = model.lossAndGradients(batch, params: params)
        func loss(_ p: ParameterSet<Double>) -> Double { model.lossAndGradients(batch, params: p).loss }
        var rng = SeededGenerator(seed: 7)
        let h = 1e-5
        for name in params.names {
            let t = params[name], g = analytic.grads[name]
            #expect(g.shape == t.shape, "\(name)")
            let picks = t.count <= 12 ? Array(0..<t.count) : (0..<12).map { _ in rng.nextInt(in: 0..<t.count) }
            var worst = 0.0
            for i in picks {
                var plus = params, minus = params
                plus[name].scalars[i] += h
                minus[name].scalars[i] -= h
                let numeric = (loss(plus) - loss(minus)) / (2 * h)
                worst = max(worst, abs(numeric - g.scalars[i]) / max(1, abs(numeric)))
            }
            #expect(worst < 1e-6, "\(config.pattern) d\(name): worst relative error \(worst)")
        }
    }

    @Test(arguments: patterns) func wholeModelGradients(pattern: String) throws {
        check(try tinyConfig(pattern))
    }

    @Test func untiedHeadWithoutConvOrMLP() throws {
        check(try tinyConfig("[{kind: full}]", conv: 0, mlp: 0, tied: false))
    }

    /// Splitting the batch across threads gives the same loss and gradients as one pass.
    @Test func batchSplitEqualsOnePass() throws {
        let model = LanguageModel(config: try tinyConfig(patterns[3]))
        let params = model.initialParameters(seed: 1)
        let batch = tinyBatch(seed: 2, batch: 4)
        let one = model.lossAndGradients(batch, params: params)
        let split = model.lossAndGradients(batch, params: params, threads: 2)
        #expect(abs(one.loss - split.loss) < 1e-5)
        for n in params.names { #expect(one.grads[n].maxAbsDifference(split.grads[n]) < 1e-5, "\(n)") }
    }

    /// Parts follow the tokens, not the threads: one per 1,024 tokens, at least `threads`, at most
    /// one per sequence; so 1 and 2 threads give the same bits once a batch holds two parts.
    @Test func partsFollowTokensNotThreads() throws {
        #expect(LanguageModel.partCount(batch: 64, length: 128, threads: 2) == 8)
        #expect(LanguageModel.partCount(batch: 64, length: 128, threads: 1) == 8)
        #expect(LanguageModel.partCount(batch: 8, length: 1024, threads: 2) == 8)
        #expect(LanguageModel.partCount(batch: 16, length: 512, threads: 2) == 8)
        #expect(LanguageModel.partCount(batch: 3, length: 100, threads: 2) == 2)   // fewer tokens than a part: threads
        #expect(LanguageModel.partCount(batch: 1, length: 8, threads: 4) == 1)     // never more parts than sequences
        #expect(LanguageModel.partCount(batch: 5, length: 1025, threads: 1) == 5)  // 5,125 tokens: 6 by tokens, 5 sequences
        let model = LanguageModel(config: try tinyConfig(patterns[3]))
        let params = model.initialParameters(seed: 1)
        let batch = tinyBatch(seed: 2, batch: 4, length: 512)  // 2,048 tokens: 2 parts
        // The projections choose their product by OpenBLAS's process-wide thread count
        // (`PanelProduct.applies`), which tests running alongside this one set (training: 1, a
        // bench: its threads; OpenBLAS starts at the core count), so one pair of passes can
        // straddle a change and differ in the last bits. A partition that followed the threads
        // would differ in every attempt; up to 5 attempts must give one bitwise-equal pair.
        var mismatches: [String] = []
        for _ in 0..<5 {
            let one = model.lossAndGradients(batch, params: params, threads: 1)
            let two = model.lossAndGradients(batch, params: params, threads: 2)
            let differing = params.names.filter { one.grads[$0].scalars != two.grads[$0].scalars }
            if one.loss == two.loss && differing.isEmpty { mismatches = []; break }
            mismatches.append("loss \(one.loss) vs \(two.loss), gradients of \(differing.joined(separator: ", ")) differ")
        }
        #expect(mismatches.isEmpty, "1 and 2 threads differed in every attempt: \(mismatches.joined(separator: "; "))")
    }
}

@Suite struct ModelDecodingTests {
    /// Prefill of the first 3 tokens then token-by-token decoding give the full forward's logits
    /// at every position, for every variant (conv and MLP on).
    @Test(arguments: AttentionRegistry.kinds) func decodeEqualsForward(kind: String) throws {
        let takesWindow = AttentionRegistry.type(ofKind: kind)!.configKeys.contains { $0.key == "window" }
        let layer = takesWindow ? "{kind: \(kind), window: 2}" : "{kind: \(kind)}"
        let config = try tinyConfig("[\(layer)]")
        let model = LanguageModel(config: config)
        let params = model.initialParameters(seed: 3)
        let batch = tinyBatch(seed: 4, length: 9)
        let (B, T, V) = (batch.batch, batch.length, config.vocab)
        let reference: Tensor<Float> = model.logits(batch.inputs, batch: B, params: params)
        let state = model.makeDecodeState(batch: B)
        func tokens(_ r: Range<Int>) -> [Int] { (0..<B).flatMap { b in batch.inputs[(b * T + r.lowerBound)..<(b * T + r.upperBound)] } }
        var got = Array(repeating: [Float](), count: B)
        let first = model.step(tokens(0..<3), params: params, state: state)
        for b in 0..<B { got[b] += first.scalars[(b * 3 * V)..<((b + 1) * 3 * V)] }
        for t in 3..<T {
            let l = model.step(tokens(t..<(t + 1)), params: params, state: state)
            for b in 0..<B { got[b] += l.scalars[(b * V)..<((b + 1) * V)] }
        }
        #expect(state.position == T)
        let decoded = Tensor(shape: [B, T, V], scalars: Array(got.joined()))
        #expect(decoded.maxAbsDifference(reference) < 1e-4, "\(kind): decode logits differ from forward by \(decoded.maxAbsDifference(reference))")
    }

    @Test func generateStopsAtStopTokenAndMaxLength() throws {
        let model = LanguageModel(config: try tinyConfig("[{kind: full}]"))
        let params = model.initialParameters(seed: 3)
        let free = try model.generate(prompts: [[1, 2, 3], [4, 5, 6]], params: params, maxNewTokens: 5)
        #expect(free.map(\.count) == [5, 5])
        // greedy generation equals the argmax of the full forward over the growing sequence
        var seq = [1, 2, 3]
        for _ in 0..<5 {
            let l: Tensor<Float> = model.logits(seq, batch: 1, params: params)
            let last = Array(l.scalars[((seq.count - 1) * 11)...])
            seq.append(last.indices.max { last[$0] < last[$1] }!)
        }
        #expect(Array(seq[3...]) == free[0])
        let stop = free[0][1]
        let stopped = try model.generate(prompts: [[1, 2, 3]], params: params, maxNewTokens: 5, stopToken: stop)
        #expect(stopped[0].last == stop && stopped[0].count <= 2)
        #expect(throws: ModelError.self) { try model.generate(prompts: [[1, 99]], params: params, maxNewTokens: 1) }
    }
}

@Suite struct ShortConvolutionTests {
    @Test func gradientsMatchFiniteDifferences() {
        var rng = SeededGenerator(seed: 1)
        let x = Tensor<Double>(randomNormal: [2, 6, 5], rng: &rng)
        let w = Tensor<Double>(randomNormal: [3, 5], rng: &rng)
        let dy = Tensor<Double>(randomNormal: [2, 6, 5], rng: &rng)
        func loss(_ x: Tensor<Double>, _ w: Tensor<Double>) -> Double {
            zip(ShortConvolution.forward(x, weight: w).scalars, dy.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let (dx, dw) = ShortConvolution.backward(x, weight: w, dy: dy)
        #expect(GradientCheck.maxError(of: dx, at: x, h: 1e-6) { loss($0, w) } < 1e-7, "dx")
        #expect(GradientCheck.maxError(of: dw, at: w, h: 1e-6) { loss(x, $0) } < 1e-7, "dw")
    }

    /// The residual forms (x + conv(x) and its gradient dy + convᵀ(dy), and RMSNorm's dx + residual)
    /// give the bits of the plain op followed by `LinearAlgebra.add`, in Float with channels past
    /// one 16-lane block (the SIMD path and its scalar tail).
    @Test func residualFormsEqualPlainOpPlusAdd() {
        var rng = SeededGenerator(seed: 3)
        let x = Tensor<Float>(randomNormal: [2, 9, 21], rng: &rng)
        let w = Tensor<Float>(randomNormal: [3, 21], rng: &rng)
        let dy = Tensor<Float>(randomNormal: [2, 9, 21], rng: &rng)
        #expect(ShortConvolution.forward(x, weight: w, residual: true).scalars
                == LinearAlgebra.add(x, ShortConvolution.forward(x, weight: w)).scalars)
        let plain = ShortConvolution.backward(x, weight: w, dy: dy), fused = ShortConvolution.backward(x, weight: w, dy: dy, residual: true)
        #expect(fused.dx.scalars == LinearAlgebra.add(dy, plain.dx).scalars)
        #expect(fused.dw.scalars == plain.dw.scalars)
        let gain = Tensor<Float>(randomNormal: [21], rng: &rng), around = Tensor<Float>(randomNormal: [2, 9, 21], rng: &rng)
        let r = RMSNorm.forward(x, gain: gain).r
        let norm = RMSNorm.backward(x, gain: gain, r: r, dy: dy), normFused = RMSNorm.backward(x, gain: gain, r: r, dy: dy, residual: around)
        #expect(normFused.dx.scalars == LinearAlgebra.add(around, norm.dx).scalars)
        #expect(normFused.dg.scalars == norm.dg.scalars)
    }

    @Test func decodeWithCacheEqualsForward() {
        var rng = SeededGenerator(seed: 2)
        let x = Tensor<Float>(randomNormal: [2, 8, 5], rng: &rng)
        let w = Tensor<Float>(randomNormal: [4, 5], rng: &rng)
        let full = ShortConvolution.forward(x, weight: w)
        let cache = ConvolutionCache(batch: 2, kernel: 4, channels: 5)
        var out = Array(repeating: [Float](), count: 2)
        let head = cache.step(Tensor(shape: [2, 2, 5], scalars: (0..<2).flatMap { b in x.scalars[(b * 40)..<(b * 40 + 10)] }), weight: w)
        for b in 0..<2 { out[b] += head.scalars[(b * 10)..<((b + 1) * 10)] }
        for t in 2..<8 {
            let y = cache.step(Tensor(shape: [2, 1, 5], scalars: (0..<2).flatMap { b in x.scalars[(b * 40 + t * 5)..<(b * 40 + t * 5 + 5)] }), weight: w)
            for b in 0..<2 { out[b] += y.scalars[(b * 5)..<((b + 1) * 5)] }
        }
        #expect(Tensor(shape: [2, 8, 5], scalars: Array(out.joined())).maxAbsDifference(full) < 1e-5)
    }
}

@Suite struct ModelConfigTests {
    @Test func decodesYAMLWithDefaultsAndRoundTrips() throws {
        let c = try ModelConfig.parse("vocab: 256\nmodel_dim: 64\nlayers: 2\n")
        #expect(c.heads == 1 && c.kvHeads == 1 && c.headDim == 64 && c.mlpRatio == 4 && c.convKernel == 0 && c.tiedHead)
        #expect(c.pattern.unit.map(\.kind) == ["full"])
        let again = try ModelConfig.parse(c.json)
        #expect(again == c)
    }

    @Test func unknownKeysAndBadValuesAreOneLineErrors() {
        #expect(throws: ModelError.self) { try ModelConfig.parse("vocab: 256\nmodel_dim: 64\nlayers: 2\nlayer: 3\n") }
        do { _ = try ModelConfig.parse("vocab: 256\nmodel_dim: 64\nlayers: 2\nlayer: 3\n") } catch {
            #expect("\(error)".contains("unknown key 'layer'"), "\(error)")
        }
        do { _ = try ModelConfig.parse("vocab: 256\nmodel_dim: 64\nlayers: 2\nheads: 3\nkv_heads: 2\n") } catch {
            #expect("\(error)".contains("kv_heads"), "\(error)")
        }
        do { _ = try ModelConfig.parse("vocab: 256\nmodel_dim: 64\nlayers: 2\npattern: [{kind: swa}]\n") } catch {
            #expect("\(error)".contains("unknown attention kind 'swa'"), "\(error)")
        }
    }

    @Test func initialisationIsDeterministic() throws {
        let model = LanguageModel(config: try tinyConfig(patterns[3]))
        #expect(model.initialParameters(seed: 9) == model.initialParameters(seed: 9))
        #expect(model.initialParameters(seed: 9) != model.initialParameters(seed: 10))
    }
}

@Suite struct FloatPathTests {
    /// The Float path (the registry's fast kernels) gives the Double path's (naive references)
    /// loss and gradients at the MQAR recipe's shapes, for each variant.
    @Test(arguments: ["{kind: full}", "{kind: sliding_window, window: 16}", "{kind: rattention, window: 16}"])
    func floatMatchesDouble(layer: String) throws {
        let config = try ModelConfig.parse("{vocab: 256, model_dim: 64, layers: 2, heads: 1, mlp_ratio: 0, conv_kernel: 3, pattern: [\(layer)]}")
        let model = LanguageModel(config: config)
        let p = model.initialParameters(seed: 1)
        let batch = tinyBatch(seed: 2, batch: 2, length: 128, vocab: 256)
        let f = model.lossAndGradients(batch, params: p)
        let d = model.lossAndGradients(batch, params: p.converted(to: Double.self))
        #expect(abs(f.loss - d.loss) < 1e-4)
        for n in p.names {
            let scale = max(d.grads[n].maxAbs, 1e-6)
            #expect(f.grads[n].converted(to: Double.self).maxAbsDifference(d.grads[n]) / scale < 1e-3, "\(layer) \(n)")
        }
    }
}

@Suite struct SwiGLUGateTests {
    /// The Float gate (16 lanes through the kernels' exp2, a scalar tail) against the generic path
    /// in Double, forward and backward, on rows of 7 × 19 = 133 elements (8 lanes past the last
    /// 16), including large |u| where σ saturates.
    @Test func floatGateMatchesDouble() throws {
        var rng = SeededGenerator(seed: 11, stream: "gate")
        var u = Tensor<Float>(randomNormal: [7, 19], std: 4, rng: &rng)
        u.scalars[0] = 100; u.scalars[1] = -100; u.scalars[2] = 0; u.scalars[132] = -95
        let g = Tensor<Float>(randomNormal: [7, 19], rng: &rng), da = Tensor<Float>(randomNormal: [7, 19], rng: &rng)
        let a = SwiGLU.gate(u, g)
        let (du, dg) = SwiGLU.gateBackward(da, u: u, g: g)
        for i in 0..<u.count {
            let (x, s) = (Double(u.scalars[i]), SwiGLU.sigmoid(Double(u.scalars[i])))
            let want = [x * s * Double(g.scalars[i]),
                        Double(da.scalars[i]) * Double(g.scalars[i]) * s * (1 + x * (1 - s)),
                        Double(da.scalars[i]) * x * s]
            for (got, w) in zip([a.scalars[i], du.scalars[i], dg.scalars[i]], want) {
                #expect(abs(Double(got) - w) <= 1e-5 * max(1, abs(w)), "element \(i) (u = \(x)): \(got) against \(w)")
            }
        }
    }
}
