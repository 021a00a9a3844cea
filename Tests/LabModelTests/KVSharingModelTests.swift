// Cross-layer KV sharing through the whole model: training forward, prefill (all positions and
// last-position-only, which runs the trailing consumers on a suffix) and token-by-token decoding
// all equal an unshared reference, and the whole-model gradients match finite differences.
//
// The reference is written here from the plain pieces: each consumer layer is an *unshared*
// variant of its kind given the producer's K/V projections and reading the producer's stream, by
// running it on [h_c | h_p] ([B, T, 2C]) with Wq' = [Wq_c; 0], Wk' = [0; Wk_p], Wv' = [0; Wv_p],
// Wo' = [Wo_c | 0] (so q = h_c·Wq_c, k = h_p·Wk_p, v = h_p·Wv_p) and keeping its first C channels.
import Foundation
import Testing
import LabAttention
import LabCore
import LabTestSupport
@testable import LabModel

/// A tiny model of `layers` layers (C 8, H 2, Hkv 1, D 4, RoPE), conv `conv`, SwiGLU 2×.
func sharingConfig(_ pattern: String, layers: Int, conv: Int) throws -> ModelConfig {
    try ModelConfig.parse("""
    {vocab: 11, model_dim: 8, layers: \(layers), heads: 2, kv_heads: 1, head_dim: 4, mlp_ratio: 2, conv_kernel: \(conv),
     pattern: \(pattern), positional: rope, embedding_std: 0.5}
    """)
}

struct SharedModelCase: CustomStringConvertible, Sendable {
    let name: String, pattern: String, layers: Int
    var description: String { name }
}

let sharedModelCases = [
    // trailing consumers 2 (rattention ← rattention) and 3 (sliding_window ← full)
    SharedModelCase(name: "ratt+full, trailing ratt←0, swa←1", pattern:
        "[{kind: rattention, window: 2}, {kind: full}, {kind: rattention, window: 2, kv_from: 0}, {kind: sliding_window, window: 2, kv_from: 1}]",
        layers: 4),
    // AFM 5:3 over alternating full/SWA: layers 5 (SWA), 6 (full), 7 (SWA) read layer 4 (full)
    SharedModelCase(name: "AFM 5:3 over full/swa", pattern:
        "{layers: [{kind: full}, {kind: sliding_window, window: 2}], kv_share: {ratio: \"5:3\"}}", layers: 8),
    // a consumer in the middle, a producer after it (no trailing consumers)
    SharedModelCase(name: "consumer mid-stack", pattern:
        "[{kind: full}, {kind: sliding_window, window: 2, kv_from: 0}, {kind: rattention, window: 2}]", layers: 3),
]

/// [B, T, C1] | [B, T, C2] → [B, T, C1+C2].
private func concatChannels(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Tensor<Float> {
    let (BT, C1, C2) = (a.shape[0] * a.shape[1], a.shape[2], b.shape[2])
    var out = [Float]()
    for r in 0..<BT { out += a.scalars[(r * C1)..<((r + 1) * C1)]; out += b.scalars[(r * C2)..<((r + 1) * C2)] }
    return Tensor(shape: [a.shape[0], a.shape[1], C1 + C2], scalars: out)
}

private func firstChannels(_ x: Tensor<Float>, _ C: Int) -> Tensor<Float> {
    let (BT, Cw) = (x.shape[0] * x.shape[1], x.shape[2])
    var out = [Float]()
    for r in 0..<BT { out += x.scalars[(r * Cw)..<(r * Cw + C)] }
    return Tensor(shape: [x.shape[0], x.shape[1], C], scalars: out)
}

/// The unshared reference's logits [B, T, V] (see the header).
func referenceLogits(_ config: ModelConfig, params p: ParameterSet<Float>, tokens: [Int], batch B: Int) -> Tensor<Float> {
    let (C, dims) = (config.modelDim, config.dims)
    let (HD, KD) = (dims.heads * dims.headDim, dims.kvHeads * dims.headDim)
    let wide = AttentionDims(modelDim: 2 * C, heads: dims.heads, kvHeads: dims.kvHeads, headDim: dims.headDim)
    let sources = config.pattern.kvSources(depth: config.layers)
    var x = Embedding.forward(tokens, batch: B, table: p["embedding"])
    var h: [Tensor<Float>] = []
    for i in 0..<config.layers {
        let lp = p.scoped("layers.\(i)"), layer = config.pattern.config(forLayer: i)
        let x1 = config.convKernel > 0 ? LinearAlgebra.add(x, ShortConvolution.forward(x, weight: lp["conv"])) : x
        let h1 = RMSNorm.forward(x1, gain: lp["norm_attn"]).y
        h.append(h1)
        let a: Tensor<Float>
        if let src = sources[i] {
            let (pc, pp) = (lp.scoped("attn"), p.scoped("layers.\(src).attn"))
            var w = ParameterSet<Float>()
            w.add("qkv.wq", Tensor(shape: [2 * C, HD], scalars: pc["qkv.wq"].scalars + [Float](repeating: 0, count: C * HD)))
            w.add("qkv.wk", Tensor(shape: [2 * C, KD], scalars: [Float](repeating: 0, count: C * KD) + pp["qkv.wk"].scalars))
            w.add("qkv.wv", Tensor(shape: [2 * C, KD], scalars: [Float](repeating: 0, count: C * KD) + pp["qkv.wv"].scalars))
            var wo = [Float]()
            for r in 0..<HD { wo += pc["wo"].scalars[(r * C)..<((r + 1) * C)]; wo += [Float](repeating: 0, count: C) }
            w.add("wo", Tensor(shape: [HD, 2 * C], scalars: wo))
            for n in pc.names where !n.hasPrefix("qkv.") && n != "wo" { w.add(n, pc[n]) }
            let plain = layer.makeVariant(dims: wide, positional: config.positional)
            a = firstChannels(plain.forward(concatChannels(h1, h[src]), params: w).y, C)
        } else {
            a = layer.makeVariant(dims: dims, positional: config.positional).forward(h1, params: lp.scoped("attn")).y
        }
        let x2 = LinearAlgebra.add(x1, a)
        x = config.mlpHidden > 0 ? LinearAlgebra.add(x2, SwiGLU.forward(RMSNorm.forward(x2, gain: lp["norm_mlp"]).y, params: lp.scoped("mlp")).y) : x2
    }
    let hf = RMSNorm.forward(x, gain: p["final_norm"]).y
    return LMHead.logits(hf, weight: p["embedding"]).reshaped([B, tokens.count / B, config.vocab])
}

@Suite struct KVSharingModelTests {
    /// logits [B, T, V] at time rows `range` → [B, range.count, V].
    func rows(_ l: Tensor<Float>, _ range: Range<Int>) -> Tensor<Float> {
        let (B, T, V) = (l.shape[0], l.shape[1], l.shape[2])
        var out = [Float]()
        for b in 0..<B { out += l.scalars[((b * T + range.lowerBound) * V)..<((b * T + range.upperBound) * V)] }
        return Tensor(shape: [B, range.count, V], scalars: out)
    }

    func tokens(_ batch: TokenBatch, _ r: Range<Int>) -> [Int] {
        (0..<batch.batch).flatMap { b in batch.inputs[(b * batch.length + r.lowerBound)..<(b * batch.length + r.upperBound)] }
    }

    /// Training forward, prefill of every position, last-position prefill (trailing consumers on a
    /// suffix), a 2-token chunk and single-token decoding all give the reference's logits; the
    /// attention caches hold exactly the pattern's analytic state bytes (shared caches once).
    @Test(arguments: sharedModelCases, [0, 3]) func sharedModelEqualsUnsharedReference(c: SharedModelCase, conv: Int) throws {
        let config = try sharingConfig(c.pattern, layers: c.layers, conv: conv)
        let model = LanguageModel(config: config)
        let params = model.initialParameters(seed: 31)
        let batch = tinyBatch(seed: 32, length: 10)
        let (B, T, V) = (batch.batch, batch.length, config.vocab)
        let reference = referenceLogits(config, params: params, tokens: batch.inputs, batch: B)
        let tol = 1e-4
        func check(_ got: Tensor<Float>, _ want: Tensor<Float>, _ what: String) {
            #expect(got.maxAbsDifference(want) < tol, "\(c) conv \(conv): \(what) differs by \(got.maxAbsDifference(want))")
        }
        check(model.logits(batch.inputs, batch: B, params: params), reference, "training forward")

        let all = model.makeDecodeState(batch: B)
        check(model.step(batch.inputs, params: params, state: all), reference, "prefill of every position")

        let state = model.makeDecodeState(batch: B)
        let first = model.prefill(tokens(batch, 0..<6), params: params, state: state)
        check(first.reshaped([B, 1, V]), rows(reference, 5..<6), "last-position prefill")
        check(model.step(tokens(batch, 6..<8), params: params, state: state), rows(reference, 6..<8), "a 2-token chunk after the prefill")
        for t in 8..<T { check(model.step(tokens(batch, t..<(t + 1)), params: params, state: state), rows(reference, t..<(t + 1)), "decode at \(t)") }
        #expect(state.position == T)

        let attnBytes = state.blocks.reduce(0) { $0 + ($1.attn?.bytes ?? 0) }
        #expect(attnBytes == B * config.pattern.stateBytes(depth: c.layers, dims: config.dims, sequenceLength: T), "\(c)")
        // the whole decode state, convolution histories included, is the model's analytic count
        #expect(state.bytes == B * config.stateBytes(sequenceLength: T), "\(c) conv \(conv)")
        let consumers = config.pattern.kvSources(depth: c.layers).enumerated().filter { $0.element != nil }.map(\.offset)
        #expect(consumers.allSatisfy { state.blocks[$0].attn == nil }, "consumers keep no attention cache")
    }

    /// The whole-model analytic gradient check over a producer read by two consumers of other
    /// kinds (their dk, dv sum into its K/V projections) and over AFM's split.
    @Test(arguments: [
        ("[{kind: rattention, window: 2}, {kind: rattention, window: 2, kv_from: 0}, {kind: sliding_window, window: 1, kv_from: 0}]", 3),
        ("{layers: [{kind: full}], kv_share: {ratio: \"5:3\"}}", 3),
    ]) func wholeModelGradients(pattern: String, layers: Int) throws {
        let config = try sharingConfig(pattern, layers: layers, conv: 3)
        #expect(config.pattern.kvSources(depth: layers).contains { $0 != nil })
        let names = LanguageModel(config: config).initialParameters(seed: 0).names
        #expect(!names.contains("layers.\(layers - 1).attn.qkv.wk") && names.contains("layers.0.attn.qkv.wk"))
        ModelGradientTests().check(config)
    }

    /// AFM 5:3 at depth 8: layers 5…7 read layer 4, keep no cache, and prefill runs from layer 5 on
    /// the last position only; the trained model has 3 fewer pairs of K/V projections.
    @Test func afmSplitStructure() throws {
        let afm = try sharingConfig("{layers: [{kind: full}], kv_share: {ratio: \"5:3\"}}", layers: 8, conv: 0)
        let uniform = try sharingConfig("[{kind: full}]", layers: 8, conv: 0)
        let model = LanguageModel(config: afm)
        #expect(model.trailingConsumersStart == 5)
        #expect(LanguageModel(config: uniform).trailingConsumersStart == 8)
        let kvParams = 2 * afm.modelDim * afm.kvHeads * afm.headDim
        #expect(LanguageModel(config: uniform).parameterCount - model.parameterCount == 3 * kvParams)
        #expect(afm.pattern.stateBytes(depth: 8, dims: afm.dims, sequenceLength: 64) * 8
                == uniform.pattern.stateBytes(depth: 8, dims: uniform.dims, sequenceLength: 64) * 5)
    }

    @Test func badSharingInAModelConfigIsAOneLineErrorNamingTheLayer() throws {
        let cases = [
            ("[{kind: full}, {kind: full, kv_from: 2}]", "layer 1 (0-based; full): kv_from 2: no such layer"),
            ("[{kind: sliding_window, window: 2}, {kind: full, kv_from: 0}]", "layer 1 (0-based; full) cannot read the keys and values of layer 0"),
            ("{layers: [{kind: full}], kv_share: {ratio: \"5:3\"}, kv_frm: 1}", "unknown key 'kv_frm'"),
        ]
        for (pattern, part) in cases {
            do { _ = try sharingConfig(pattern, layers: 2, conv: 0); Issue.record("accepted \(pattern)") } catch {
                #expect("\(error)".contains("pattern") && "\(error)".contains(part), "\(error)")
            }
        }
        // round trip of a shared config through its canonical JSON
        let c = try sharingConfig("{layers: [{kind: full}], kv_share: {ratio: \"5:3\"}}", layers: 8, conv: 0)
        #expect(try ModelConfig.parse(c.json) == c)
    }
}
