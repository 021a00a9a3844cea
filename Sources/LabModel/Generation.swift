// Inference: prefill the prompt through every layer's cache, then greedy decoding one token at a
// time (batched: every sequence of a batch advances together), stopping at a stop token or a
// maximum length.
//
//   prefill:  x = E[prompt] [B, P, C] → each block's `step` (variant.prefill, conv history)
//             → logits of the last position [B, V]
//   decode:   x = E[token] [B, 1, C] → each block's `step` (variant.decode) → logits [B, V]
import LabAttention
import LabCore

/// Every layer's decode caches for a batch of sequences.
public final class DecodeState {
    let blocks: [TransformerBlock.Cache]
    public let batch: Int
    init(blocks: [TransformerBlock.Cache], batch: Int) { self.blocks = blocks; self.batch = batch }
    /// Tokens consumed so far.
    public var position: Int { blocks.first?.attn.position ?? 0 }
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
        let B = state.batch, T = tokens.count / B
        var x = Embedding.forward(tokens, batch: B, table: p["embedding"])
        for (i, block) in blocks.enumerated() { x = block.step(x, params: p.scoped("layers.\(i)"), cache: state.blocks[i]) }
        let (h, _) = RMSNorm.forward(x, gain: p["final_norm"])
        return LMHead.logits(h, weight: headWeight(p)).reshaped([B, T, config.vocab])
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
        var logits = lastPosition(step(Array(prompts.joined()), params: p, state: state))
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

    /// Row-wise argmax of [B, V].
    func argmax(_ logits: Tensor<Float>) -> [Int] {
        let V = logits.shape[1]
        return (0..<logits.shape[0]).map { b in
            var best = 0
            for v in 1..<V where logits.scalars[b * V + v] > logits.scalars[b * V + best] { best = v }
            return best
        }
    }
}
