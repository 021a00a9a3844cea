// Inference: prefill the prompt through every layer's cache, then greedy decoding one token at a
// time (batched: every sequence of a batch advances together), stopping at a stop token or a
// maximum length.
//
//   prefill:  x = E[prompt] [B, P, C] → each block's `step` (variant.prefill, conv history)
//             → logits of the last position [B, V]
//   decode:   x = E[token] [B, 1, C] → each block's `step` (variant.decode) → logits [B, V]
//
// KV sharing: a consumer block keeps no attention cache; in decoding it reads its producer's
// (which has already appended this token: producers come first). `prefill` (time to first token)
// runs the trailing consumer blocks (layers cut..<L, every one a consumer, nothing after them
// producing KV) on the prompt suffix that the last position depends on: with a convolution of
// kernel k, layer i ≥ cut needs its input at the last n_i = 1 + (k−1)·(L−i) positions (the conv
// reaches k−1 back; its cache keeps the last k−1 inputs); without one, n_i = 1. Their queries sit
// at positions T−n_i ..< T and attend over the producer's whole prompt. AFM's 5:3 split at L = 8
// thus skips 3 of 8 layers' work on T−1 of T positions: the predicted 37.5 % of prefill.
import LabAttention
import LabCore

/// Every layer's decode caches for a batch of sequences.
public final class DecodeState {
    let blocks: [TransformerBlock.Cache]
    public let batch: Int
    init(blocks: [TransformerBlock.Cache], batch: Int) { self.blocks = blocks; self.batch = batch }
    /// Tokens consumed so far (layer 0 never consumes, so it has a cache).
    public var position: Int { blocks.first(where: { $0.attn != nil })?.attn?.position ?? 0 }
    /// Bytes of decode state held now (KV caches, rings, linear states, convolution histories).
    public var bytes: Int { blocks.reduce(0) { $0 + $1.bytes } }
}

extension LanguageModel {
    public func makeDecodeState(batch: Int) -> DecodeState {
        DecodeState(blocks: blocks.map { $0.makeCache(batch: batch, modelDim: config.modelDim) }, batch: batch)
    }

    /// Runs `tokens` (B·T ids, T ≥ 1 each) through the caches; returns the logits of every
    /// position, [B, T, V].
    public func step(_ tokens: [Int], params p: ParameterSet<Float>, state: DecodeState) -> Tensor<Float> {
        run(tokens, params: p, state: state, lastOnly: false)
    }

    /// Runs a prompt (B·T ids) through the caches and returns the logits of its last position,
    /// [B, V]: time to first token. Trailing KV-sharing consumers run only on the positions the
    /// last one depends on (see the header), and the head only on the last position.
    public func prefill(_ tokens: [Int], params p: ParameterSet<Float>, state: DecodeState) -> Tensor<Float> {
        let l = run(tokens, params: p, state: state, lastOnly: true)
        return l.reshaped([state.batch, config.vocab])
    }

    /// First layer of the trailing run of consumers (layers cut..<L all read an earlier layer's
    /// keys and values); L if the last layer has its own.
    var trailingConsumersStart: Int {
        var cut = blocks.count
        while cut > 0 && blocks[cut - 1].kvFrom != nil { cut -= 1 }
        return cut
    }

    /// Logits [B, T, V] (or [B, 1, V] with `lastOnly`).
    func run(_ tokens: [Int], params p: ParameterSet<Float>, state: DecodeState, lastOnly: Bool) -> Tensor<Float> {
        let B = state.batch, T = tokens.count / B, L = blocks.count
        let shares = blocks.contains { $0.kvFrom != nil }
        if shares && T > 1 && state.position > 0 {
            // A chunk after the start: token by token (a producer's cache then holds exactly the
            // tokens its consumers may see). Not on the prefill path, which starts at 0.
            var rows = Array(repeating: [Float](), count: B)
            for t in 0..<T {
                let l = run((0..<B).map { tokens[$0 * T + t] }, params: p, state: state, lastOnly: false)
                for b in 0..<B where !lastOnly || t == T - 1 { rows[b] += l.scalars[(b * config.vocab)..<((b + 1) * config.vocab)] }
            }
            return Tensor(shape: [B, lastOnly ? 1 : T, config.vocab], scalars: Array(rows.joined()))
        }
        var x = Embedding.forward(tokens, batch: B, table: p["embedding"])
        let cut = lastOnly && T > 1 ? trailingConsumersStart : L
        var kvs: [Int: CachedKV] = [:]  // producer → its cache (and, in a prefill, the prompt's raw k, v)
        for (i, block) in blocks.enumerated() {
            let (params, cache) = (p.scoped("layers.\(i)"), state.blocks[i])
            if i >= cut { x = lastRows(x, min(T, 1 + max(config.convKernel - 1, 0) * (L - i))) }
            x = block.step(x, params: params, cache: cache) { h in
                let kv = block.kvFrom.map { kvs[$0]! }
                let (y, out) = T == 1 ? block.mixer.decode(h, params: params.scoped("attn"), cache: cache.attn, kv: kv)
                                      : block.mixer.prefill(h, params: params.scoped("attn"), cache: cache.attn, kv: kv)
                if block.isProducer { kvs[i] = out }
                return y
            }
        }
        if lastOnly { x = lastRows(x, 1) }
        let (h, _) = RMSNorm.forward(x, gain: p["final_norm"])
        return LMHead.logits(h, weight: headWeight(p)).reshaped([B, x.shape[1], config.vocab])
    }

    /// The last n rows of x: [B, T, C] → [B, n, C].
    func lastRows(_ x: Tensor<Float>, _ n: Int) -> Tensor<Float> {
        let (B, T, C) = (x.shape[0], x.shape[1], x.shape[2])
        guard n < T else { return x }
        var out = [Float]()
        out.reserveCapacity(B * n * C)
        for b in 0..<B { out.append(contentsOf: x.scalars[((b * T + T - n) * C)..<((b + 1) * T * C)]) }
        return Tensor(shape: [B, n, C], scalars: out)
    }

    /// Greedy continuation of `prompts` (equal lengths): up to `maxNewTokens` per sequence; a
    /// sequence stops after emitting `stopToken`. Returns the generated tokens of each sequence
    /// (the stop token included when it was emitted).
    public func generate(prompts: [[Int]], params p: ParameterSet<Float>, maxNewTokens: Int, stopToken: Int? = nil) throws -> [[Int]] {
        guard let P = prompts.first?.count, P > 0 else { throw ModelError("generate: empty prompt") }
        guard prompts.allSatisfy({ $0.count == P }) else { throw ModelError("generate: prompts of a batch must have equal lengths") }
        for t in prompts.joined() where t < 0 || t >= config.vocab {
            throw ModelError("generate: token \(t) outside the vocabulary 0..<\(config.vocab)")
        }
        let B = prompts.count
        let state = makeDecodeState(batch: B)
        var logits = prefill(Array(prompts.joined()), params: p, state: state)
        var out = Array(repeating: [Int](), count: B)
        var done = Array(repeating: false, count: B)
        for _ in 0..<maxNewTokens {
            let next = argmax(logits)
            for b in 0..<B where !done[b] {
                out[b].append(next[b])
                if next[b] == stopToken { done[b] = true }
            }
            if done.allSatisfy({ $0 }) || out.allSatisfy({ $0.count >= maxNewTokens }) { break }
            logits = lastPosition(step(next, params: p, state: state))
        }
        return out
    }

    /// [B, T, V] → [B, V] at t = T−1.
    func lastPosition(_ logits: Tensor<Float>) -> Tensor<Float> {
        let (B, T, V) = (logits.shape[0], logits.shape[1], logits.shape[2])
        var out = [Float]()
        for b in 0..<B { out.append(contentsOf: logits.scalars[((b * T + T - 1) * V)..<((b * T + T) * V)]) }
        return Tensor(shape: [B, V], scalars: out)
    }

    /// Row-wise argmax of [B, V] (the lowest index among equal maxima).
    public func argmax(_ logits: Tensor<Float>) -> [Int] {
        let V = logits.shape[1]
        return (0..<logits.shape[0]).map { b in
            var best = 0
            for v in 1..<V where logits.scalars[b * V + v] > logits.scalars[b * V + best] { best = v }
            return best
        }
    }
}
