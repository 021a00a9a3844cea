// The layer body shared by `full` and `sliding_window` (and RAttention's local branch):
//   q, k, v = QKV(x) with positional encoding;  o = softmax-attention(q, k, v; window);
//   y = merge(o)·Wo.
// Parameters: qkv.{wq, wk, wv} and wo [H·D, C].
// Cost per sequence: projections 2·T·C·(2H + 2Hkv)·D, attention 4·H·pairs·D (pairs ≈ T·(W+1)).
// A KV-sharing consumer (each call given a producer's `kv`; KVSharing.swift) projects q alone and
// attends over the producer's k (rotated here) and v: parameters qkv.wq and wo.
import LabCore
import LabKernels

public struct SoftmaxAttentionLayer: Sendable {
    public var dims: AttentionDims
    public var window: Int?
    public var projection: QKVProjection
    public var initScales: AttentionInit
    public var kernels: KernelChoice

    public init(dims: AttentionDims, window: Int?, positional: PositionalEncoding, initScales: AttentionInit, kernels: KernelChoice) {
        self.dims = dims; self.window = window; self.initScales = initScales; self.kernels = kernels
        projection = QKVProjection(dims: dims, positional: positional)
    }

    /// qkv.{wq, wk, wv} and wo; with `sharedKV` (a KV-sharing consumer) qkv.wq and wo only.
    public func initialParameters(rng: inout SeededGenerator, sharedKV: Bool = false) -> ParameterSet<Float> {
        var p = ParameterSet<Float>()
        p.merge(sharedKV ? projection.initialQueryParameters(initScales, rng: &rng) : projection.initialParameters(initScales, rng: &rng),
                prefix: "qkv")
        p.add("wo", initScales.weight(fanIn: dims.heads * dims.headDim, fanOut: dims.modelDim, rng: &rng))
        return p
    }

    func shape(batch: Int, T: Int, S: Int? = nil, window: Int?) -> AttentionShape {
        AttentionShape(B: batch, H: dims.heads, Hkv: dims.kvHeads, T: T, S: S, D: dims.headDim, window: window)
    }

    /// What `attend` keeps for `attendBackward` (n queries over S = start+n keys).
    public struct Saved<S: TensorScalar> {
        /// The input, [B, n, C].
        public var x: Tensor<S>
        /// q after the positional encoding [B, H, n, D]; k after it and v [B, Hkv, S, D].
        public var qRot, kRot, v: Tensor<S>
        /// The raw keys (before the positional encoding) [B, Hkv, S, D]: the layer's own or its producer's.
        public var k: Tensor<S>
        /// The attention output o [B, H, n, D] and its log-sum-exp lse [B, H, n].
        public var o, lse: Tensor<S>
        /// True when k, v are a KV-sharing producer's: backward hands their gradients back instead
        /// of running K/V projections.
        public var sharedKV: Bool
    }

    /// Projection and attention over x: [B, n, C]: o [B, H, n, D], the raw q (RAttention's linear
    /// branch), what backward needs and the kernel that ran. `kv`: a KV-sharing producer's raw k, v
    /// [B, Hkv, start+n, D]: queries at positions start ..< start+n, q projected alone, k rotated
    /// here with this layer's encoding at positions 0 ..< start+n (no K/V projections); nil: the
    /// layer's own q, k, v from position 0.
    public func attend<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, kv: SharedKV<S>?)
        -> (o: Tensor<S>, q: Tensor<S>, saved: Saved<S>, kernel: String) {
        let (B, n) = (x.shape[0], x.shape[1])
        let q: Tensor<S>, qRot: Tensor<S>, k: Tensor<S>, kRot: Tensor<S>, v: Tensor<S>, keys: Int?
        if let kv {
            keys = kv.k.shape[2]
            precondition(kv.k.shape[2] >= n, "consumer: \(kv.k.shape[2]) shared keys for \(n) queries")
            (q, qRot) = projection.forwardQuery(x, params: params.scoped("qkv"), start: kv.k.shape[2] - n)
            (k, kRot, v) = (kv.k, projection.positional.apply(kv.k, start: 0), kv.v)
        } else {
            let qkv = projection.forward(x, params: params.scoped("qkv"), start: 0)
            (q, qRot, k, kRot, v, keys) = (qkv.q, qkv.qRot, qkv.k, qkv.kRot, qkv.v, nil)
        }
        let (out, kernel) = SoftmaxAttentionOp.forward(q: qRot, k: kRot, v: v, shape: shape(batch: B, T: n, S: keys, window: window), choice: kernels)
        return (out.o, q, Saved(x: x, qRot: qRot, kRot: kRot, v: v, k: k, o: out.o, lse: out.lse, sharedKV: kv != nil), kernel)
    }

    /// Backward of `attend` (from position 0) given dO [B, H, T, D]; dq, dk, dvExtra: extra
    /// gradients of the raw q, raw k and v from another branch or, for k and v, from a producer's
    /// consumers. Returns dx, the qkv gradients and, when k, v were a producer's, the producer's
    /// dk (raw: rope⁻¹ of d kRot, plus dk) and dv.
    public func attendBackward<S: TensorScalar>(_ dO: Tensor<S>, params: ParameterSet<S>, saved: Saved<S>,
                                                dq: Tensor<S>? = nil, dk: Tensor<S>? = nil, dvExtra: Tensor<S>? = nil)
        -> (dx: Tensor<S>, grads: ParameterSet<S>, dkv: SharedKV<S>?) {
        let x = saved.x
        let g = SoftmaxAttentionOp.backward(q: saved.qRot, k: saved.kRot, v: saved.v,
                                            output: SoftmaxAttentionOutput(o: saved.o, lse: saved.lse), dout: dO,
                                            shape: shape(batch: x.shape[0], T: x.shape[1], window: window), choice: kernels)
        let dv = dvExtra.map { LinearAlgebra.add(g.dv, $0) } ?? g.dv
        var grads = ParameterSet<S>()
        guard saved.sharedKV else {
            let (dx, qkvGrads) = projection.backward(x, params: params.scoped("qkv"), start: 0,
                                                     dqRot: g.dq, dkRot: g.dk, dv: dv, dq: dq, dk: dk)
            grads.merge(qkvGrads, prefix: "qkv")
            return (dx, grads, nil)
        }
        precondition(saved.k.shape[2] == x.shape[1], "a KV-sharing consumer's backward runs from position 0")
        let dkRaw = projection.positional.apply(g.dk, start: 0, inverse: true, adding: dk)
        let (dx, qGrads) = projection.backwardQuery(x, params: params.scoped("qkv"), start: 0, dqRot: g.dq, dq: dq)
        grads.merge(qGrads, prefix: "qkv")
        return (dx, grads, SharedKV(k: dkRaw, v: dv))
    }

    /// y = merge(context)·Wo.
    public func outputProjection<S: TensorScalar>(_ context: Tensor<S>, params: ParameterSet<S>) -> Tensor<S> {
        outputProjection(mergedContext: LinearAlgebra.mergeHeads(context), params: params)
    }

    /// Backward of `outputProjection`: d(context) [B, H, T, D] and dWo.
    public func outputProjectionBackward<S: TensorScalar>(_ context: Tensor<S>, params: ParameterSet<S>, dy: Tensor<S>)
        -> (dContext: Tensor<S>, dwo: Tensor<S>) {
        let g = outputProjectionBackward(mergedContext: LinearAlgebra.mergeHeads(context), params: params, dy: dy)
        return (LinearAlgebra.splitHeads(g.dContext, heads: dims.heads), g.dwo)
    }

    /// y = context·Wo for a context already in the merged layout [B, T, H·D].
    public func outputProjection<S: TensorScalar>(mergedContext: Tensor<S>, params: ParameterSet<S>) -> Tensor<S> {
        LinearAlgebra.matmul(mergedContext, params["wo"])
    }

    /// Backward of `outputProjection(mergedContext:)`: d(context) [B, T, H·D] and dWo.
    public func outputProjectionBackward<S: TensorScalar>(mergedContext: Tensor<S>, params: ParameterSet<S>, dy: Tensor<S>)
        -> (dContext: Tensor<S>, dwo: Tensor<S>) {
        let g = LinearAlgebra.matmulBackward(mergedContext, params["wo"], dy: dy)
        return (g.dx, g.dw)
    }

    // MARK: - Whole layer (full, sliding_window)
    // As a KV-sharing consumer: parameters qkv.wq [C, H·D] and wo [H·D, C]; cost per sequence
    // 2·T·C·H·D (q) + attention + 2·T·H·D·C (wo); no K/V projections and, in decoding, no cache.

    public func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, kv: SharedKV<S>?) -> (y: Tensor<S>, saved: SavedActivations<S>) {
        let a = attend(x, params: params, kv: kv)
        return (outputProjection(a.o, params: params),
                SavedActivations(a.saved, kv: SharedKV(k: a.saved.k, v: a.saved.v), kernels: ["softmax-attention": a.kernel]))
    }

    /// `dkv`: a producer's consumers' dk (raw) and dv [B, Hkv, T, D], added before its K/V projections.
    public func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>, dkv: SharedKV<S>?)
        -> (dx: Tensor<S>, grads: ParameterSet<S>, dkv: SharedKV<S>?) {
        let s = saved.record(as: Saved<S>.self)
        let (dO, dwo) = outputProjectionBackward(s.o, params: params, dy: dy)
        var (dx, grads, dkvOut) = attendBackward(dO, params: params, saved: s, dk: dkv?.k, dvExtra: dkv?.v)
        grads.add("wo", dwo)
        return (dx, grads, dkvOut)
    }

    // MARK: - Decoding

    public func makeKVCache(batch: Int) -> KVCache {
        KVCache(batch: batch, kvHeads: dims.kvHeads, headDim: dims.headDim, capacity: window.map(windowSpan))
    }

    /// One token per sequence, x: [B, 1, C], through `cache` (`softmax-attention-decode`, read in
    /// place): o [B, H, 1, D], the raw q (for RAttention), what the ring evicted and the kernel.
    /// Own cache (`shared` false): projects q, k, v at position cache.count and appends rope(k), v
    /// first (every cached key is then visible: the ring holds exactly the window). A producer's
    /// (`shared` true), which already holds this token at position kv.count − 1: projects q alone
    /// and reads the last W+1 entries (all of them for full attention).
    public func decodeAttend(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: KVCache, shared: Bool = false)
        -> (o: Tensor<Float>, q: Tensor<Float>, evicted: (k: Tensor<Float>, v: Tensor<Float>)?, kernel: String) {
        if shared {
            let (q, qRot) = projection.forwardQuery(x, params: params.scoped("qkv"), start: cache.count - 1)
            let (o, kernel) = SoftmaxAttentionDecodeOp.decode(q: qRot, cache: cache, last: window.map(windowSpan), heads: dims.heads, choice: kernels)
            return (o, q, nil, kernel)
        }
        let qkv = projection.forward(x, params: params.scoped("qkv"), start: cache.count)
        let evicted = cache.append(k: qkv.kRot, v: qkv.v)
        let (o, kernel) = SoftmaxAttentionDecodeOp.decode(q: qkv.qRot, cache: cache, heads: dims.heads, choice: kernels)
        return (o, qkv.q, evicted, kernel)
    }

    /// Fills `cache` with the rotated keys and values of a whole prompt (positions 0..<T), keeping
    /// only the last W+1 in a ring. kRot, v: [B, Hkv, T, D].
    public func fill(_ cache: KVCache, kRot: Tensor<Float>, v: Tensor<Float>) {
        let (B, Hkv, T, D) = (kRot.shape[0], kRot.shape[1], kRot.shape[2], kRot.shape[3])
        for t in 0..<T {
            var kt = [Float](), vt = [Float]()
            for i in 0..<(B * Hkv) {
                kt.append(contentsOf: kRot.scalars[((i * T + t) * D)..<((i * T + t + 1) * D)])
                vt.append(contentsOf: v.scalars[((i * T + t) * D)..<((i * T + t + 1) * D)])
            }
            cache.append(k: Tensor(shape: [B, Hkv, 1, D], scalars: kt), v: Tensor(shape: [B, Hkv, 1, D], scalars: vt))
        }
    }

    /// Analytic KV bytes for one sequence: 2 (k and v) · Hkv · D · slots · 4.
    public func kvBytes(sequenceLength T: Int) -> Int {
        2 * dims.kvHeads * dims.headDim * (window.map { min(T, windowSpan($0)) } ?? T) * MemoryLayout<Float>.size
    }
}

/// The decode cache of `full` and `sliding_window`: just the KV cache.
public final class SoftmaxAttentionCache: AttentionCache, SharedKVSource {
    public let kv: KVCache
    public var kernels: [String: String] = [:]
    init(kv: KVCache) { self.kv = kv }
    public var position: Int { kv.count }
    public var bytes: Int { kv.bytes }
    public func readLinearState(_ i: Int, q: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        preconditionFailure("a softmax-layer cache keeps no linear state (LayerPattern's kv check rejects this pairing)")
    }
}

extension SoftmaxAttentionLayer {
    /// Prefill: from position 0, the parallel forward then the cache fill; later, token by token.
    /// A consumer (`kv`) runs the forward of its last n positions over the prompt's shared k, v.
    func prefill(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache?, kv: CachedKV?) -> (y: Tensor<Float>, kv: CachedKV?) {
        if let kv { return (forward(x, params: params, kv: kv.promptKV).y, kv) }
        let cache = cache as! SoftmaxAttentionCache
        guard cache.position == 0 else { return (decodeEach(x) { decode($0, params: params, cache: cache, kv: nil).y }, CachedKV(source: cache, prompt: nil)) }
        let (y, saved) = forward(x, params: params, kv: nil)
        let s = saved.record(as: Saved<Float>.self)
        fill(cache.kv, kRot: s.kRot, v: s.v)
        cache.kernels = saved.kernels
        return (y, CachedKV(source: cache, prompt: saved.kv))
    }

    func decode(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache?, kv: CachedKV?) -> (y: Tensor<Float>, kv: CachedKV?) {
        if let kv { return (outputProjection(decodeAttend(x, params: params, cache: kv.source.kv, shared: true).o, params: params), kv) }
        let cache = cache as! SoftmaxAttentionCache
        let step = decodeAttend(x, params: params, cache: cache.kv)
        cache.kernels = ["softmax-attention-decode": step.kernel]
        return (outputProjection(step.o, params: params), CachedKV(source: cache, prompt: nil))
    }
}

/// Runs `step` on each token of x: [B, T, C] as [B, 1, C] and concatenates the outputs.
func decodeEach(_ x: Tensor<Float>, _ step: (Tensor<Float>) -> Tensor<Float>) -> Tensor<Float> {
    let (B, T, C) = (x.shape[0], x.shape[1], x.shape[2])
    var out = [Float](repeating: 0, count: x.count)
    for t in 0..<T {
        var xt = [Float]()
        for b in 0..<B { xt.append(contentsOf: x.scalars[((b * T + t) * C)..<((b * T + t + 1) * C)]) }
        let y = step(Tensor(shape: [B, 1, C], scalars: xt))
        for b in 0..<B { out.replaceSubrange(((b * T + t) * C)..<((b * T + t + 1) * C), with: y.scalars[(b * C)..<((b + 1) * C)]) }
    }
    return Tensor(shape: x.shape, scalars: out)
}

/// A variant whose whole body is a `SoftmaxAttentionLayer` (`full`, `sliding_window`): everything
/// but its config comes from here, KV sharing included (it keeps, and reads, every token or a
/// window of W+1).
public protocol SoftmaxLayerVariant: AttentionVariant {
    var layer: SoftmaxAttentionLayer { get }
}

extension SoftmaxLayerVariant {
    public func initialParameters(rng: inout SeededGenerator, sharedKV: Bool) -> ParameterSet<Float> {
        layer.initialParameters(rng: &rng, sharedKV: sharedKV)
    }
    public func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, kv: SharedKV<S>?) -> (y: Tensor<S>, saved: SavedActivations<S>) {
        layer.forward(x, params: params, kv: kv)
    }
    public func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>, dkv: SharedKV<S>?)
        -> (dx: Tensor<S>, grads: ParameterSet<S>, dkv: SharedKV<S>?) {
        layer.backward(dy, params: params, saved: saved, dkv: dkv)
    }
    public func makeCache(batch: Int) -> AttentionCache { SoftmaxAttentionCache(kv: layer.makeKVCache(batch: batch)) }
    public func prefill(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache?, kv: CachedKV?) -> (y: Tensor<Float>, kv: CachedKV?) {
        layer.prefill(x, params: params, cache: cache, kv: kv)
    }
    public func decode(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache?, kv: CachedKV?) -> (y: Tensor<Float>, kv: CachedKV?) {
        layer.decode(x, params: params, cache: cache, kv: kv)
    }
    /// 2·Hkv·D·slots·4 bytes: slots = T (full) or min(T, W+1) (a ring).
    public func stateBytes(sequenceLength: Int) -> Int { layer.kvBytes(sequenceLength: sequenceLength) }

    /// Keeps every token (full) or the last W+1 (a ring); no linear state.
    public var kvOffer: KVOffer? { KVOffer(keptTokens: layer.window.map(windowSpan)) }
    /// Reads every token (full) or the last W+1.
    public var kvNeed: KVNeed? { KVNeed(tokens: layer.window.map(windowSpan)) }
}
