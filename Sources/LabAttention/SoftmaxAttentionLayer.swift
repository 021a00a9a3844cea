// The layer body shared by `full` and `sliding_window` (and RAttention's local branch):
//   q, k, v = QKV(x) with positional encoding;  o = softmax-attention(q, k, v; window);
//   y = merge(o)·Wo.
// Parameters: qkv.{wq, wk, wv} and wo [H·D, C].
// Cost per sequence: projections 2·T·C·(2H + 2Hkv)·D, attention 4·H·pairs·D (pairs ≈ T·(W+1)).
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

    public func initialParameters(rng: inout SeededGenerator) -> ParameterSet<Float> {
        var p = ParameterSet<Float>()
        p.merge(projection.initialParameters(initScales, rng: &rng), prefix: "qkv")
        p.add("wo", initScales.weight(fanIn: dims.heads * dims.headDim, fanOut: dims.modelDim, rng: &rng))
        return p
    }

    func shape(batch: Int, T: Int, S: Int? = nil, window: Int?) -> AttentionShape {
        AttentionShape(B: batch, H: dims.heads, Hkv: dims.kvHeads, T: T, S: S, D: dims.headDim, window: window)
    }

    /// Projection and attention: o [B, H, T, D]; saves qkv outputs, o and lse.
    public func attend<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, saved: inout SavedActivations<S>)
        -> (o: Tensor<S>, qkv: QKVProjection.Output<S>) {
        let qkv = projection.forward(x, params: params.scoped("qkv"), start: 0)
        let (out, kernel) = SoftmaxAttentionOp.forward(q: qkv.qRot, k: qkv.kRot, v: qkv.v,
                                                       shape: shape(batch: x.shape[0], T: x.shape[1], window: window), choice: kernels)
        saved["x"] = x
        saved["qRot"] = qkv.qRot; saved["kRot"] = qkv.kRot; saved["v"] = qkv.v
        saved["k"] = qkv.k  // raw keys: what a KV-sharing producer hands its consumers
        saved["o"] = out.o; saved["lse"] = out.lse
        saved.kernels["softmax-attention"] = kernel
        return (out.o, qkv)
    }

    /// Backward of `attend` given dO [B, H, T, D]: dx and the qkv gradients; `dq`, `dk` are extra
    /// gradients for the raw (un-rotated) q and k from another branch, if any.
    public func attendBackward<S: TensorScalar>(_ dO: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>,
                                                dq: Tensor<S>? = nil, dk: Tensor<S>? = nil, dvExtra: Tensor<S>? = nil)
        -> (dx: Tensor<S>, grads: ParameterSet<S>) {
        let x = saved["x"]
        let g = SoftmaxAttentionOp.backward(q: saved["qRot"], k: saved["kRot"], v: saved["v"],
                                            output: SoftmaxAttentionOutput(o: saved["o"], lse: saved["lse"]), dout: dO,
                                            shape: shape(batch: x.shape[0], T: x.shape[1], window: window), choice: kernels)
        let dv = dvExtra.map { LinearAlgebra.add(g.dv, $0) } ?? g.dv
        let (dx, qkvGrads) = projection.backward(x, params: params.scoped("qkv"), start: 0,
                                                 dqRot: g.dq, dkRot: g.dk, dv: dv, dq: dq, dk: dk)
        var grads = ParameterSet<S>()
        grads.merge(qkvGrads, prefix: "qkv")
        return (dx, grads)
    }

    /// y = merge(context)·Wo.
    public func outputProjection<S: TensorScalar>(_ context: Tensor<S>, params: ParameterSet<S>) -> Tensor<S> {
        LinearAlgebra.matmul(LinearAlgebra.mergeHeads(context), params["wo"])
    }

    /// Backward of `outputProjection`: d(context) [B, H, T, D] and dWo.
    public func outputProjectionBackward<S: TensorScalar>(_ context: Tensor<S>, params: ParameterSet<S>, dy: Tensor<S>)
        -> (dContext: Tensor<S>, dwo: Tensor<S>) {
        let g = LinearAlgebra.matmulBackward(LinearAlgebra.mergeHeads(context), params["wo"], dy: dy)
        return (LinearAlgebra.splitHeads(g.dx, heads: dims.heads), g.dw)
    }

    // MARK: - Whole layer (full, sliding_window)

    public func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>) -> (y: Tensor<S>, saved: SavedActivations<S>) {
        var saved = SavedActivations<S>()
        let (o, _) = attend(x, params: params, saved: &saved)
        return (outputProjection(o, params: params), saved)
    }

    public func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>)
        -> (dx: Tensor<S>, grads: ParameterSet<S>) {
        let (dO, dwo) = outputProjectionBackward(saved["o"], params: params, dy: dy)
        var (dx, grads) = attendBackward(dO, params: params, saved: saved)
        grads.add("wo", dwo)
        return (dx, grads)
    }

    /// Backward of `forward` with a KV-sharing producer's consumer gradients: dk (raw) and dv
    /// [B, Hkv, T, D] added before the K/V projections.
    public func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>, kvGrad: SharedKV<S>)
        -> (dx: Tensor<S>, grads: ParameterSet<S>) {
        let (dO, dwo) = outputProjectionBackward(saved["o"], params: params, dy: dy)
        var (dx, grads) = attendBackward(dO, params: params, saved: saved, dk: kvGrad.k, dvExtra: kvGrad.v)
        grads.add("wo", dwo)
        return (dx, grads)
    }

    // MARK: - KV-sharing consumer: q from x, k and v from an earlier layer (KVSharing.swift)
    // Parameters: qkv.wq [C, H·D] and wo [H·D, C]. Cost per sequence: 2·T·C·H·D (q) + attention +
    // 2·T·H·D·C (wo); no K/V projections and, in decoding, no cache.

    public func consumerInitialParameters(rng: inout SeededGenerator) -> ParameterSet<Float> {
        var p = ParameterSet<Float>()
        p.merge(projection.initialQueryParameters(initScales, rng: &rng), prefix: "qkv")
        p.add("wo", initScales.weight(fanIn: dims.heads * dims.headDim, fanOut: dims.modelDim, rng: &rng))
        return p
    }

    /// x: [B, n, C], queries at positions start ..< start+n over the shared keys 0 ..< start+n
    /// (shared k raw, rotated here with this layer's encoding): o [B, H, n, D] and the raw q.
    public func consumerAttend<S: TensorScalar>(_ x: Tensor<S>, shared: SharedKV<S>, params: ParameterSet<S>, start: Int,
                                                saved: inout SavedActivations<S>) -> (o: Tensor<S>, q: Tensor<S>) {
        let (B, n, keys) = (x.shape[0], x.shape[1], shared.k.shape[2])
        precondition(keys == start + n, "consumer: \(keys) shared keys for queries at \(start)..<\(start + n)")
        let (q, qRot) = projection.forwardQuery(x, params: params.scoped("qkv"), start: start)
        let kRot = projection.positional.apply(shared.k, start: 0)
        let (out, kernel) = SoftmaxAttentionOp.forward(q: qRot, k: kRot, v: shared.v,
                                                       shape: shape(batch: B, T: n, S: keys, window: window), choice: kernels)
        saved["x"] = x
        saved["qRot"] = qRot; saved["kRot"] = kRot; saved["v"] = shared.v
        saved["o"] = out.o; saved["lse"] = out.lse
        saved.kernels["softmax-attention"] = kernel
        return (out.o, q)
    }

    /// Backward of `consumerAttend` (start 0) given dO [B, H, T, D]; dq, dk, dvExtra: extra
    /// gradients of the raw q, raw k and v from another branch. Returns dx, dwq (as qkv.wq) and
    /// the producer's dk (raw: rope⁻¹ of d kRot) and dv.
    public func consumerAttendBackward<S: TensorScalar>(_ dO: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>,
                                                        dq: Tensor<S>? = nil, dk: Tensor<S>? = nil, dvExtra: Tensor<S>? = nil)
        -> (dx: Tensor<S>, grads: ParameterSet<S>, kvGrad: SharedKV<S>) {
        let x = saved["x"]
        let g = SoftmaxAttentionOp.backward(q: saved["qRot"], k: saved["kRot"], v: saved["v"],
                                            output: SoftmaxAttentionOutput(o: saved["o"], lse: saved["lse"]), dout: dO,
                                            shape: shape(batch: x.shape[0], T: x.shape[1], window: window), choice: kernels)
        var dkRaw = projection.positional.apply(g.dk, start: 0, inverse: true)
        if let dk { dkRaw = LinearAlgebra.add(dkRaw, dk) }
        let dv = dvExtra.map { LinearAlgebra.add(g.dv, $0) } ?? g.dv
        let (dx, qGrads) = projection.backwardQuery(x, params: params.scoped("qkv"), start: 0, dqRot: g.dq, dq: dq)
        var grads = ParameterSet<S>()
        grads.merge(qGrads, prefix: "qkv")
        return (dx, grads, SharedKV(k: dkRaw, v: dv))
    }

    /// One token per sequence against the producer's cache, whose newest entry is this token
    /// (position kv.count − 1): a window W reads only the last W+1 entries. o [B, H, 1, D], raw q.
    public func consumerDecodeAttend(_ x: Tensor<Float>, params: ParameterSet<Float>, source: SharedKVSource)
        -> (o: Tensor<Float>, q: Tensor<Float>, kernel: String) {
        let position = source.kv.count - 1
        let (q, qRot) = projection.forwardQuery(x, params: params.scoped("qkv"), start: position)
        let (o, kernel) = SoftmaxAttentionDecodeOp.decode(q: qRot, cache: source.kv, last: window.map(windowSpan),
                                                          heads: dims.heads, choice: kernels)
        return (o, q, kernel)
    }

    public func consumerForward<S: TensorScalar>(_ x: Tensor<S>, shared: SharedKV<S>, params: ParameterSet<S>, start: Int)
        -> (y: Tensor<S>, saved: SavedActivations<S>) {
        var saved = SavedActivations<S>()
        let (o, _) = consumerAttend(x, shared: shared, params: params, start: start, saved: &saved)
        return (outputProjection(o, params: params), saved)
    }

    public func consumerBackward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>)
        -> (dx: Tensor<S>, grads: ParameterSet<S>, kvGrad: SharedKV<S>) {
        let (dO, dwo) = outputProjectionBackward(saved["o"], params: params, dy: dy)
        var (dx, grads, kvGrad) = consumerAttendBackward(dO, params: params, saved: saved)
        grads.add("wo", dwo)
        return (dx, grads, kvGrad)
    }

    // MARK: - Decoding

    public func makeKVCache(batch: Int) -> KVCache {
        KVCache(batch: batch, kvHeads: dims.kvHeads, headDim: dims.headDim, capacity: window.map(windowSpan))
    }

    /// One token per sequence at the cache's position: appends its rotated k and v, attends over the
    /// cache in place (`softmax-attention-decode`), returns o [B, H, 1, D], the raw projections (for RAttention), what the ring evicted and
    /// the kernel that ran.
    public func decodeAttend(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: KVCache)
        -> (o: Tensor<Float>, qkv: QKVProjection.Output<Float>, evicted: (k: Tensor<Float>, v: Tensor<Float>)?, kernel: String) {
        let qkv = projection.forward(x, params: params.scoped("qkv"), start: cache.count)
        let evicted = cache.append(k: qkv.kRot, v: qkv.v)
        // Every cached key is visible to the newest query (the ring holds exactly the window); the
        // decode kernel reads the cache in place.
        let (o, kernel) = SoftmaxAttentionDecodeOp.decode(q: qkv.qRot, cache: cache, heads: dims.heads, choice: kernels)
        return (o, qkv, evicted, kernel)
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
    /// Prefill for a plain softmax layer: from position 0, the parallel forward then the cache fill;
    /// otherwise token by token.
    func prefill(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: SoftmaxAttentionCache) -> Tensor<Float> {
        if cache.position == 0 {
            let (y, saved) = forward(x, params: params)
            fill(cache.kv, kRot: saved["kRot"], v: saved["v"])
            cache.kernels = saved.kernels
            return y
        }
        return decodeEach(x) { decode($0, params: params, cache: cache) }
    }

    func decode(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: SoftmaxAttentionCache) -> Tensor<Float> {
        let step = decodeAttend(x, params: params, cache: cache.kv)
        cache.kernels = ["softmax-attention-decode": step.kernel]
        return outputProjection(step.o, params: params)
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
public protocol SoftmaxLayerVariant: KVSharingVariant {
    var layer: SoftmaxAttentionLayer { get }
}

extension SoftmaxLayerVariant {
    public func initialParameters(rng: inout SeededGenerator) -> ParameterSet<Float> { layer.initialParameters(rng: &rng) }
    public func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>) -> (y: Tensor<S>, saved: SavedActivations<S>) {
        layer.forward(x, params: params)
    }
    public func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>)
        -> (dx: Tensor<S>, grads: ParameterSet<S>) {
        layer.backward(dy, params: params, saved: saved)
    }
    public func makeCache(batch: Int) -> AttentionCache { SoftmaxAttentionCache(kv: layer.makeKVCache(batch: batch)) }
    public func prefill(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache) -> Tensor<Float> {
        layer.prefill(x, params: params, cache: cache as! SoftmaxAttentionCache)
    }
    public func decode(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache) -> Tensor<Float> {
        layer.decode(x, params: params, cache: cache as! SoftmaxAttentionCache)
    }
    /// 2·Hkv·D·slots·4 bytes: slots = T (full) or min(T, W+1) (a ring).
    public func stateBytes(sequenceLength: Int) -> Int { layer.kvBytes(sequenceLength: sequenceLength) }

    // MARK: KV sharing

    /// Keeps every token (full) or the last W+1 (a ring); no linear state.
    public var kvOffer: KVOffer { KVOffer(keptTokens: layer.window.map(windowSpan)) }
    /// Reads every token (full) or the last W+1.
    public var kvNeed: KVNeed { KVNeed(tokens: layer.window.map(windowSpan)) }
    public func sharedKV<S: TensorScalar>(_ saved: SavedActivations<S>) -> SharedKV<S> { SharedKV(k: saved["k"], v: saved["v"]) }
    public func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>, kvGrad: SharedKV<S>)
        -> (dx: Tensor<S>, grads: ParameterSet<S>) {
        layer.backward(dy, params: params, saved: saved, kvGrad: kvGrad)
    }
    public func producerPrefill(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache) -> (y: Tensor<Float>, shared: SharedKV<Float>) {
        let cache = cache as! SoftmaxAttentionCache
        precondition(cache.position == 0, "producerPrefill runs from position 0")
        let (y, saved) = layer.forward(x, params: params)
        layer.fill(cache.kv, kRot: saved["kRot"], v: saved["v"])
        cache.kernels = saved.kernels
        return (y, sharedKV(saved))
    }
    public func sharedSource(_ cache: AttentionCache) -> SharedKVSource { cache as! SoftmaxAttentionCache }

    public func consumerInitialParameters(rng: inout SeededGenerator) -> ParameterSet<Float> { layer.consumerInitialParameters(rng: &rng) }
    public func consumerForward<S: TensorScalar>(_ x: Tensor<S>, shared: SharedKV<S>, params: ParameterSet<S>, start: Int)
        -> (y: Tensor<S>, saved: SavedActivations<S>) {
        layer.consumerForward(x, shared: shared, params: params, start: start)
    }
    public func consumerBackward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>)
        -> (dx: Tensor<S>, grads: ParameterSet<S>, kvGrad: SharedKV<S>) {
        layer.consumerBackward(dy, params: params, saved: saved)
    }
    public func consumerPrefill(_ x: Tensor<Float>, params: ParameterSet<Float>, shared: SharedKV<Float>, source: SharedKVSource,
                                start: Int) -> Tensor<Float> {
        layer.consumerForward(x, shared: shared, params: params, start: start).y
    }
    public func consumerDecode(_ x: Tensor<Float>, params: ParameterSet<Float>, source: SharedKVSource) -> Tensor<Float> {
        layer.outputProjection(layer.consumerDecodeAttend(x, params: params, source: source).o, params: params)
    }
}
