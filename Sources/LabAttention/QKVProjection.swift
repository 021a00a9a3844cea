// The shared query/key/value projection with its positional encoding as a child: every variant
// calls it, none re-implements rotation. It hands out q and k both *before* the positional
// encoding (RAttention's linear branch needs those) and after it (the softmax branch's).
//
//   q = x·Wq → [B, H, T, D],  k = x·Wk, v = x·Wv → [B, Hkv, T, D]
//   qRot, kRot = rope(q), rope(k) at positions start ..< start+T
// Parameters: wq [C, H·D], wk [C, Hkv·D], wv [C, Hkv·D]. Cost: 2·B·T·C·(H + 2·Hkv)·D FLOPs.
import LabCore

public struct QKVProjection: Sendable {
    public var dims: AttentionDims
    public var positional: PositionalEncoding

    public init(dims: AttentionDims, positional: PositionalEncoding) {
        self.dims = dims
        self.positional = positional
    }

    public struct Output<S: TensorScalar> {
        /// Before the positional encoding: q [B, H, T, D], k and v [B, Hkv, T, D].
        public var q, k, v: Tensor<S>
        /// After it: what softmax attention consumes.
        public var qRot, kRot: Tensor<S>
    }

    public func initialParameters(_ initScales: AttentionInit, rng: inout SeededGenerator) -> ParameterSet<Float> {
        let (C, H, Hkv, D) = (dims.modelDim, dims.heads, dims.kvHeads, dims.headDim)
        var p = ParameterSet<Float>()
        p.add("wq", initScales.weight(fanIn: C, fanOut: H * D, rng: &rng))
        p.add("wk", initScales.weight(fanIn: C, fanOut: Hkv * D, rng: &rng))
        p.add("wv", initScales.weight(fanIn: C, fanOut: Hkv * D, rng: &rng))
        return p
    }

    /// x: [B, T, C], token t at position `start + t`.
    public func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, start: Int) -> Output<S> {
        let q = LinearAlgebra.splitHeads(LinearAlgebra.matmul(x, params["wq"]), heads: dims.heads)
        let k = LinearAlgebra.splitHeads(LinearAlgebra.matmul(x, params["wk"]), heads: dims.kvHeads)
        let v = LinearAlgebra.splitHeads(LinearAlgebra.matmul(x, params["wv"]), heads: dims.kvHeads)
        return Output(q: q, k: k, v: v, qRot: positional.apply(q, start: start), kRot: positional.apply(k, start: start))
    }

    // MARK: Query only (a KV-sharing consumer: k and v come from another layer)

    /// wq [C, H·D] alone.
    public func initialQueryParameters(_ initScales: AttentionInit, rng: inout SeededGenerator) -> ParameterSet<Float> {
        var p = ParameterSet<Float>()
        p.add("wq", initScales.weight(fanIn: dims.modelDim, fanOut: dims.heads * dims.headDim, rng: &rng))
        return p
    }

    /// q = x·Wq [B, H, T, D] and qRot = rope(q) at positions start ..< start+T. Cost 2·B·T·C·H·D.
    public func forwardQuery<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, start: Int) -> (q: Tensor<S>, qRot: Tensor<S>) {
        let q = LinearAlgebra.splitHeads(LinearAlgebra.matmul(x, params["wq"]), heads: dims.heads)
        return (q, positional.apply(q, start: start))
    }

    /// Backward of `forwardQuery`: dq = rope⁻¹(dqRot) (+ dq for the raw form); dx [B, T, C] and dwq.
    public func backwardQuery<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, start: Int, dqRot: Tensor<S>,
                                               dq: Tensor<S>? = nil) -> (dx: Tensor<S>, grads: ParameterSet<S>) {
        let dqTotal = positional.apply(dqRot, start: start, inverse: true, adding: dq)
        let gq = LinearAlgebra.matmulBackward(x, params["wq"], dy: LinearAlgebra.mergeHeads(dqTotal))
        var grads = ParameterSet<S>()
        grads.add("wq", gq.dw)
        return (gq.dx, grads)
    }

    /// Gradients arrive for the rotated forms (dqRot, dkRot), optionally for the raw forms too
    /// (dq, dk: RAttention's linear branch), and for v. Returns dx [B, T, C] and dwq, dwk, dwv.
    public func backward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, start: Int,
                                          dqRot: Tensor<S>, dkRot: Tensor<S>, dv: Tensor<S>,
                                          dq: Tensor<S>? = nil, dk: Tensor<S>? = nil) -> (dx: Tensor<S>, grads: ParameterSet<S>) {
        let dqTotal = positional.apply(dqRot, start: start, inverse: true, adding: dq)
        let dkTotal = positional.apply(dkRot, start: start, inverse: true, adding: dk)
        // dx = dq·Wqᵀ + dk·Wkᵀ + dv·Wvᵀ, summed by the products into one buffer
        let g = LinearAlgebra.matmulBackward(x, [params["wq"], params["wk"], params["wv"]],
                                             dys: [dqTotal, dkTotal, dv].map { LinearAlgebra.mergeHeads($0) })
        var grads = ParameterSet<S>()
        grads.add("wq", g.dws[0]); grads.add("wk", g.dws[1]); grads.add("wv", g.dws[2])
        return (g.dx, grads)
    }
}
