// Cross-layer KV-cache sharing (Apple's 2025 on-device model, docs/rattention.md): a *consumer*
// layer has query and output projections only and attends over the keys and values of an earlier
// *producer* layer. Which layer reads which is pattern data (LayerPattern: `kv_from`, `kv_share`);
// this file holds what a producer hands its consumers and the soundness rule.
//
// One mechanism, as AXLearn threads a `kv_state` through its layers: every call of a variant
// (`forward`, `backward`, `prefill`, `decode`; AttentionVariant.swift) takes an optional producer
// state and hands out its own. Training: forward(x, kv: SharedKV?) leaves the raw k, v it attended
// with in `saved.kv`; backward(dkv:) takes a producer's consumers' summed gradients and returns a
// consumer's. Inference: prefill and decode take and return a `CachedKV` (the producer's cache and,
// after a prefill, the prompt's raw k, v). A variant takes part by declaring `kvOffer`/`kvNeed`.
//
// What is shared (per sequence): the producer's keys k *before* the positional encoding and its
// values v, [B, Hkv, T, D] (k = h_p·Wk_p, v = h_p·Wv_p, h_p the producer's normed input).
// Each consumer applies its own rotation: kRot = rope(k) at positions 0..<T, then
//   o_c = attention(rope(h_c·Wq_c), kRot, v; window_c),  y_c = merge(o_c)·Wo_c.
// In decoding the producer's cache stores kRot = rope_p(k) once. Every layer of one model has the
// same positional encoding (ModelConfig.positional), so rope_c(k) = rope_p(k) and a consumer reads
// the stored kRot as is; a per-layer RoPE base (Gemma 3's local/global split) would have to store
// raw keys and rotate on read, O(S·Hkv·D) per consumer and token.
//
// Soundness: a consumer needs a set of past tokens (all of them for `full`, the last W+1 for a
// window W) and possibly a linear state; the producer's decode state keeps a set (every token, or
// a ring of W+1) and possibly a linear state. need ⊆ offer or the pattern is rejected (KVNeed.check).
//
// Gradients: the consumer's backward returns dk (raw, before RoPE) and dv; the model sums them over
// every consumer of a producer and hands the sum to the producer's backward, which adds it to its
// own dk, dv before the K/V projections: dWk_p = h_pᵀ·(dk_own + Σ_c dk_c), same for Wv_p.
import LabCore

/// The raw keys (before positional encoding) and values a producer hands to its consumers, or
/// their gradients: k, v [B, Hkv, T, D].
public struct SharedKV<S: TensorScalar> {
    public var k: Tensor<S>, v: Tensor<S>
    public init(k: Tensor<S>, v: Tensor<S>) { self.k = k; self.v = v }
    /// Element-wise sum (gradients from two consumers).
    public static func + (a: SharedKV, b: SharedKV) -> SharedKV {
        SharedKV(k: LinearAlgebra.add(a.k, b.k), v: LinearAlgebra.add(a.v, b.v))
    }
}

/// What a producer's `prefill` or `decode` hands its consumers.
public struct CachedKV {
    /// The producer's decode cache, already advanced over this call's tokens (read-only to consumers).
    public let source: SharedKVSource
    /// After a prefill from position 0: the prompt's raw k, v [B, Hkv, T, D] (a consumer's prefill
    /// of the last n positions attends over them); nil after a decode step.
    public let prompt: SharedKV<Float>?
    public init(source: SharedKVSource, prompt: SharedKV<Float>?) { self.source = source; self.prompt = prompt }
    /// `prompt`, which a consumer's parallel prefill needs (the model prefills producers from position 0).
    var promptKV: SharedKV<Float> {
        guard let prompt else { preconditionFailure("a KV-sharing consumer's prefill needs its producer's prompt keys and values") }
        return prompt
    }
}

/// What a producer's decode state keeps for its consumers.
public struct KVOffer: Hashable, Sendable {
    /// Past tokens whose keys and values the state keeps: nil = every token, n = the last n (a ring).
    public var keptTokens: Int?
    /// Identity of a linear state over the tokens older than the ring (e.g. `rattention(W=64, softmax2)`), if kept.
    public var linearState: String?
    public init(keptTokens: Int?, linearState: String? = nil) { self.keptTokens = keptTokens; self.linearState = linearState }
    public var summary: String {
        (keptTokens.map { "the last \($0) keys and values" } ?? "every key and value")
            + (linearState.map { " and the linear state of \($0)" } ?? "")
    }
}

/// What a consumer reads from its producer's decode state.
public struct KVNeed: Hashable, Sendable {
    /// Past tokens it attends to: nil = every token, n = the last n (window W → W+1).
    public var tokens: Int?
    /// The linear state it reads, if any (must equal the producer's `KVOffer.linearState`).
    public var linearState: String?
    public init(tokens: Int?, linearState: String? = nil) { self.tokens = tokens; self.linearState = linearState }

    /// nil if `offer` covers this need, else the reason (one clause, for an error naming both layers).
    public func check(against offer: KVOffer) -> String? {
        switch (tokens, offer.keptTokens) {
        case (nil, let kept?): return "it attends to every past key but the producer keeps only the last \(kept)"
        case (let n?, let kept?) where n > kept: return "it attends to the last \(n) keys but the producer keeps only the last \(kept)"
        default: break
        }
        if let need = linearState, need != offer.linearState {
            return "it reads the linear state of \(need) but the producer keeps "
                + (offer.linearState.map { "that of \($0)" } ?? "no linear state")
        }
        return nil
    }
}

/// A producer's decode cache as its consumers see it (read-only for them: the producer advances it).
public protocol SharedKVSource: AnyObject {
    /// Keys after the producer's positional encoding and values; the newest token is `kv.count − 1`.
    var kv: KVCache { get }
    /// out = φ(q)ᵀ S of linear state i (i = b·H + h), if the source keeps linear states. q, out: [D].
    func readLinearState(_ i: Int, q: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>)
}

/// The variants' shared "kind(W=…)" label for messages.
func layerLabel(_ config: AnyAttentionConfig) -> String {
    config.kind + (config.window.map { ", W=\($0)" } ?? "")
}
