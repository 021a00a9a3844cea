// `linear_attention`: RAttention's linear branch alone over every token so far — the W = −1 end
// of the window axis ("linear only" in docs/training.md and the window-pareto study):
//   o_t = φ(q_t)ᵀ S_t,  S_t = Σ_{j ≤ t} φ(k_j) v_jᵀ   (residual-linear-attention with W = −1;
//                                                      raw q, k: no RoPE, no 1/√D, no denominator)
//   context = RMSNorm_rla(o)   per head, eps 1e-8, gain init `normGain`
//   y = merge(context)·Wo          (the norm writes the context merged, [B, T, H·D]: no separate merge)
// Parameters: qkv.{wq, wk, wv}, wo, norm_rla [H, D]. The projections carry no positional
// encoding (the model's `positional` setting does not apply: the linear branch never rotates).
// Decode state per layer and sequence: one 2D×D state per query head, H·2D·D floats, flat in T.
// Cost per sequence: O(T·D²) per head (the chunked kernel: ≈ 45 kFLOP per token per head at D=64).
import LabCore
import LabKernels
import LabResults

public struct LinearAttention: AttentionVariant {
    public struct Config: AttentionVariantConfig {
        public var featureMap: FeatureMap
        public var chunk: Int
        public var window: Int? { nil }
        /// Plain causal linear attention: the FLOPs of the kernel the dispatch picks, with no window.
        public func mixerForwardFlopsPerToken(length T: Int, heads H: Int, headDim D: Int) -> Double {
            LinearBranchKeys.forwardFlopsPerToken(length: T, heads: H, headDim: D, window: -1, featureMap: featureMap, chunk: chunk)
        }

        public init(featureMap: FeatureMap = .softmax2, chunk: Int = LinearAttentionShape.defaultChunkSize) { self.featureMap = featureMap; self.chunk = chunk }

        public init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, allowed: ["kind", "feature_map", "chunk"], in: "linear_attention config")
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            (featureMap, chunk) = try LinearBranchKeys.decode(c, decoder)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            try LinearBranchKeys.encode(featureMap: featureMap, chunk: chunk, into: &c)
        }
    }

    public static let kind = "linear_attention"
    public static let summary = "RMSNorm(causal linear attention over j ≤ t): RAttention's linear branch alone (W = −1)"
    public static let about = VariantDescription(kind: kind, label: "linear only", shortName: "linear only", rank: 1, colour: "#2ca02c")
    public static let configKeys = LinearBranchKeys.docs
    public static let minimalConfigJSON = #"{"kind": "linear_attention"}"#

    public let config: Config
    public let dims: AttentionDims
    /// Its projections only (qkv, wo); positional encoding none.
    let layer: SoftmaxAttentionLayer
    let initScales: AttentionInit
    let kernels: KernelChoice

    public init(config: Config, dims: AttentionDims, positional: PositionalEncoding, initScales: AttentionInit, kernels: KernelChoice) {
        self.config = config
        self.dims = dims
        self.initScales = initScales
        self.kernels = kernels
        layer = SoftmaxAttentionLayer(dims: dims, window: nil, positional: .none, initScales: initScales, kernels: kernels)
    }

    /// It cannot share keys and values (`kvOffer`, `kvNeed` nil; LayerPattern.validate rejects a
    /// pattern that asks it to): `sharedKV` is always false and every `kv` nil.
    static let cannotShare = "linear_attention cannot read another layer's keys and values"

    public func initialParameters(rng: inout SeededGenerator, sharedKV: Bool) -> ParameterSet<Float> {
        precondition(!sharedKV, Self.cannotShare)
        var p = layer.initialParameters(rng: &rng)
        p.add("norm_rla", HeadRMSNorm.initialScale(heads: dims.heads, headDim: dims.headDim, gain: initScales.normGain))
        return p
    }

    func linearShape(batch: Int, T: Int) -> LinearAttentionShape {
        LinearAttentionShape(B: batch, H: dims.heads, Hkv: dims.kvHeads, T: T, D: dims.headDim, window: -1, featureMap: config.featureMap)
    }

    /// What `forward` keeps for `backward`.
    public struct Saved<S: TensorScalar> {
        /// The input, [B, T, C].
        public var x: Tensor<S>
        public var linear: LinearBranchSaved<S>
        /// RMSNorm_rla(o_rla) in the merged layout Wo reads, [B, T, H·D].
        public var context: Tensor<S>
        /// The norm's r [B·H·T].
        public var normRMS: [S]
    }

    /// `kv` is always nil (see `initialParameters`).
    public func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, kv: SharedKV<S>?) -> (y: Tensor<S>, saved: SavedActivations<S>) {
        precondition(kv == nil, Self.cannotShare)
        let qkv = layer.projection.forward(x, params: params.scoped("qkv"), start: 0)
        let (out, kernel) = ResidualLinearAttentionOp.forward(q: qkv.q, k: qkv.k, v: qkv.v, shape: linearShape(batch: x.shape[0], T: x.shape[1]),
                                                              chunk: config.chunk, choice: kernels, keepForBackward: true)
        let (context, normRMS) = HeadRMSNorm.forward([(out.o, params["norm_rla"])], mergedHeads: true)
        let saved = Saved(x: x, linear: LinearBranchSaved(q: qkv.q, k: qkv.k, v: qkv.v, o: out.o, sT: out.sT, residuals: out.residuals), context: context,
                          normRMS: normRMS[0])
        return (layer.outputProjection(mergedContext: context, params: params),
                SavedActivations(saved, kv: nil, kernels: ["residual-linear-attention": kernel]))
    }

    public func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>, dkv: SharedKV<S>?)
        -> (dx: Tensor<S>, grads: ParameterSet<S>, dkv: SharedKV<S>?) {
        let s = saved.record(as: Saved<S>.self)
        let x = s.x
        let (dContext, dwo) = layer.outputProjectionBackward(mergedContext: s.context, params: params, dy: dy)
        let (dO, dg) = HeadRMSNorm.backward([(s.linear.o, params["norm_rla"], s.normRMS)], dy: dContext, mergedHeads: true)[0]
        let g = ResidualLinearAttentionOp.backward(q: s.linear.q, k: s.linear.k, v: s.linear.v, dout: dO, residuals: s.linear.residuals,
                                                   shape: linearShape(batch: x.shape[0], T: x.shape[1]), chunk: config.chunk, choice: kernels)
        // No rotation: the "rotated" gradients are the raw ones.
        let (dx, qkvGrads) = layer.projection.backward(x, params: params.scoped("qkv"), start: 0, dqRot: g.dq, dkRot: g.dk, dv: g.dv)
        var grads = ParameterSet<S>()
        grads.merge(qkvGrads, prefix: "qkv")
        grads.add("wo", dwo)
        grads.add("norm_rla", dg)
        return (dx, grads, nil)
    }

    // MARK: Decoding

    /// One linear state S [2D, D] per (sequence, query head); no keys or values are kept.
    public final class Cache: AttentionCache {
        let linear: LinearStates
        public var position = 0
        public var kernels: [String: String] = [:]
        init(linear: LinearStates) { self.linear = linear }
        public var bytes: Int { linear.bytes }
    }

    public func makeCache(batch: Int) -> AttentionCache {
        Cache(linear: LinearStates(batch: batch, heads: dims.heads, kvHeads: dims.kvHeads, headDim: dims.headDim, featureMap: config.featureMap))
    }

    public func prefill(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache?, kv: CachedKV?) -> (y: Tensor<Float>, kv: CachedKV?) {
        precondition(kv == nil, Self.cannotShare)
        let cache = cache as! Cache
        guard cache.position == 0 else { return (decodeEach(x) { decode($0, params: params, cache: cache, kv: kv).y }, nil) }
        let (y, saved) = forward(x, params: params, kv: nil)
        // With W = −1 the forward's sT = Σ_{j ≤ T−1} φ(k_j) v_jᵀ: every prompt token, as decoding leaves it.
        cache.linear.load(saved.record(as: Saved<Float>.self).linear.sT)
        cache.position = x.shape[1]
        cache.kernels = saved.kernels
        return (y, nil)
    }

    public func decode(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache?, kv: CachedKV?) -> (y: Tensor<Float>, kv: CachedKV?) {
        precondition(kv == nil, Self.cannotShare)
        let cache = cache as! Cache
        let qkv = layer.projection.forward(x, params: params.scoped("qkv"), start: cache.position)
        // W = −1: token t is folded into S before its own read.
        let (o, kernel) = cache.linear.step(q: qkv.q, fold: (k: qkv.k, v: qkv.v), choice: kernels)
        cache.position += 1
        cache.kernels = ["residual-linear-attention-decode": kernel]
        let context = HeadRMSNorm.forward(o, scale: params["norm_rla"])
        return (layer.outputProjection(context, params: params), nil)
    }

    /// H·2D·D·4: one linear state per query head, independent of T.
    public func stateBytes(sequenceLength: Int) -> Int { dims.heads * 2 * dims.headDim * dims.headDim * MemoryLayout<Float>.size }
}
