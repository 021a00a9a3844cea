// `rattention(window: W, feature_map, chunk)`: sliding-window attention plus a residual linear
// attention over the tokens that have left the window (docs/rattention.md):
//   o_swa = SWA_W(rope(q), rope(k), v)                 keys t−W … t
//   o_rla = φ(q)ᵀ S_t,  S_t = Σ_{j ≤ t−W−1} φ(k_j) v_jᵀ  keys 0 … t−W−1 (raw q, k: no RoPE, no 1/√D)
//   context = RMSNorm_swa(o_swa) + RMSNorm_rla(o_rla)   per head, eps 1e-8, gains init `normGain`
//   y = merge(context)·Wo          (the norms write the context merged, [B, T, H·D]: no separate merge)
// Every past token is counted once. With `linear_branch: off` the layer is RMSNorm(SWA) alone
// (the paper's ablation). Parameters: qkv.{wq, wk, wv}, wo, norm_swa [H, D], norm_rla [H, D].
// Decode state per layer and sequence: the SWA ring of W+1 keys and values plus one 2D×D linear
// state per query head (as AXLearn keeps it): 2·Hkv·D·(W+1) + H·2D·D floats, flat in T.
// Cost per sequence: O(T·(W+1)·D) softmax + O(T·D²) linear per head.
// KV sharing (KVSharing.swift): as a producer it offers its ring of W+1 (rotated keys, values) *and*
// its linear states S (which depend only on its k, v, W and φ, not on any query). A sliding-window
// consumer with W' ≤ W reads the ring; a rattention consumer with the same W and φ reads both (its
// linear branch is then φ(q_c)ᵀ S_p: no state of its own); a full consumer is rejected. As a
// consumer it needs the last W+1 tokens and, with its linear branch on, exactly that linear state,
// so its producer must be a rattention layer with the same W and φ (or, branch off, any layer
// keeping ≥ W+1 tokens).
import LabCore
import LabKernels
import LabResults

public struct RAttention: AttentionVariant {
    public enum LinearBranch: String, Codable, Sendable, Hashable { case on, off }

    public struct Config: AttentionVariantConfig {
        public var windowSize: Int
        public var featureMap: FeatureMap
        public var chunk: Int
        public var linearBranch: LinearBranch
        public var window: Int? { windowSize }
        /// The windowed softmax branch plus, when on, the linear branch over the tokens that left
        /// the window (the FLOPs of the kernel the dispatch picks for it).
        public func mixerForwardFlopsPerToken(length T: Int, heads H: Int, headDim D: Int) -> Double {
            let softmax = softmaxForwardFlopsPerToken(length: T, heads: H, headDim: D, window: windowSize)
            guard linearBranch == .on else { return softmax }
            return softmax + LinearBranchKeys.forwardFlopsPerToken(length: T, heads: H, headDim: D, window: windowSize,
                                                                  featureMap: featureMap, chunk: chunk)
        }

        public init(window: Int, featureMap: FeatureMap = .softmax2, chunk: Int = LinearAttentionShape.defaultChunkSize, linearBranch: LinearBranch = .on) {
            windowSize = window; self.featureMap = featureMap; self.chunk = chunk; self.linearBranch = linearBranch
        }

        public init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, allowed: ["kind", "window", "feature_map", "chunk", "linear_branch"], in: "rattention config")
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            func fail(_ key: String, _ message: String) -> DecodingError {
                .dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key)], debugDescription: message))
            }
            guard let w = try c.integer("window", in: ConfigLimits.window) else {
                throw DecodingError.keyNotFound(AnyCodingKey("window"), .init(codingPath: decoder.codingPath, debugDescription: "window is required"))
            }
            windowSize = w
            (featureMap, chunk) = try LinearBranchKeys.decode(c, decoder)
            // `on`/`off` unquoted are YAML 1.1 booleans (true/false): take them as the words they
            // spell, and the words true/false (quoted) as on/off too
            let key = AnyCodingKey("linear_branch")
            var branch = "on"
            if c.contains(key) {
                if let flag = try? c.decode(Bool.self, forKey: key) {
                    branch = flag ? "on" : "off"
                } else if let word = try? c.decode(String.self, forKey: key) {
                    branch = ["true": "on", "false": "off"][word.lowercased()] ?? word
                } else {
                    if (try? c.decodeNil(forKey: key)) == true { _ = try c.optional(Bool.self, "linear_branch") }  // null's own message
                    throw fail("linear_branch", "must be on or off, got a number or a list")
                }
            }
            guard let lb = LinearBranch(rawValue: branch) else { throw fail("linear_branch", "must be on or off, got '\(branch)'") }
            linearBranch = lb
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            try c.encode(windowSize, forKey: AnyCodingKey("window"))
            try LinearBranchKeys.encode(featureMap: featureMap, chunk: chunk, into: &c)
            try c.encode(linearBranch.rawValue, forKey: AnyCodingKey("linear_branch"))
        }
    }

    public static let kind = "rattention"
    public static let summary = "RMSNorm(SWA) + RMSNorm(residual linear attention over tokens older than the window)"
    public static let about = VariantDescription(kind: kind, shortName: "ratt", rank: 3, colour: "#d62728")
    public static let configKeys = [ConfigKeyDoc("window", "required", "W ≥ 0 of the softmax branch; the linear branch covers tokens j ≤ t−W−1")]
        + LinearBranchKeys.docs + [ConfigKeyDoc("linear_branch", "on", "off: RMSNorm(SWA) alone (ablation)")]
    public static let minimalConfigJSON = #"{"kind": "rattention", "window": 3}"#

    public let config: Config
    public let dims: AttentionDims
    let local: SoftmaxAttentionLayer
    let initScales: AttentionInit
    let kernels: KernelChoice

    public init(config: Config, dims: AttentionDims, positional: PositionalEncoding, initScales: AttentionInit, kernels: KernelChoice) {
        self.config = config
        self.dims = dims
        self.initScales = initScales
        self.kernels = kernels
        local = SoftmaxAttentionLayer(dims: dims, window: config.windowSize, positional: positional, initScales: initScales, kernels: kernels)
    }

    var linearOn: Bool { config.linearBranch == .on }

    /// As a KV-sharing consumer (`sharedKV`) without qkv.wk, qkv.wv.
    public func initialParameters(rng: inout SeededGenerator, sharedKV: Bool) -> ParameterSet<Float> {
        var p = local.initialParameters(rng: &rng, sharedKV: sharedKV)
        p.add("norm_swa", HeadRMSNorm.initialScale(heads: dims.heads, headDim: dims.headDim, gain: initScales.normGain))
        if linearOn { p.add("norm_rla", HeadRMSNorm.initialScale(heads: dims.heads, headDim: dims.headDim, gain: initScales.normGain)) }
        return p
    }

    func linearShape(batch: Int, T: Int) -> LinearAttentionShape {
        LinearAttentionShape(B: batch, H: dims.heads, Hkv: dims.kvHeads, T: T, D: dims.headDim,
                             window: config.windowSize, featureMap: config.featureMap)
    }

    /// What `forward` keeps for `backward`.
    public struct Saved<S: TensorScalar> {
        /// The SWA branch (its raw k, v are the linear branch's too).
        public var local: SoftmaxAttentionLayer.Saved<S>
        /// The linear branch; nil when it is off.
        public var linear: LinearBranchSaved<S>?
        /// RMSNorm_swa(o_swa) + RMSNorm_rla(o_rla) in the merged layout Wo reads, [B, n, H·D].
        public var context: Tensor<S>
        /// The norms' r [B·H·n]: RMSNorm_swa's, then RMSNorm_rla's when the linear branch is on.
        public var normRMS: [[S]]
    }

    /// With a producer's raw k, v (`kv`, KV sharing) and a suffix (start > 0), the linear branch
    /// runs over the whole prompt with q zero at positions < start (row t of o_rla depends on q_t
    /// only) and keeps the last n rows: O(T·D²) per head, the producer's cost, not the suffix's.
    public func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, kv: SharedKV<S>?) -> (y: Tensor<S>, saved: SavedActivations<S>) {
        let swa = local.attend(x, params: params, kv: kv)
        var kernels = ["softmax-attention": swa.kernel]
        var norms: [HeadRMSNorm.Branch<S>] = [(swa.o, params["norm_swa"])]
        var linear: LinearBranchSaved<S>? = nil
        if linearOn {
            let (n, T, k, v) = (x.shape[1], swa.saved.k.shape[2], swa.saved.k, swa.saved.v)
            let start = T - n
            let (out, kernel) = ResidualLinearAttentionOp.forward(q: padTime(swa.q, before: start), k: k, v: v,
                                                                  shape: linearShape(batch: x.shape[0], T: T), chunk: config.chunk, choice: self.kernels,
                                                                  keepForBackward: start == 0)  // a suffix's backward is not taken
            let oRLA = start == 0 ? out.o : lastTime(out.o, n)
            linear = LinearBranchSaved(q: swa.q, k: k, v: v, o: oRLA, sT: out.sT, residuals: out.residuals)
            kernels["residual-linear-attention"] = kernel
            norms.append((oRLA, params["norm_rla"]))
        }
        let (context, normRMS) = HeadRMSNorm.forward(norms, mergedHeads: true)
        let saved = Saved(local: swa.saved, linear: linear, context: context, normRMS: normRMS)
        return (local.outputProjection(mergedContext: context, params: params),
                SavedActivations(saved, kv: SharedKV(k: swa.saved.k, v: swa.saved.v), kernels: kernels))
    }

    /// As a producer, `dkv` (its consumers' dk (raw), dv) is added to the linear branch's before
    /// the K/V projections; as a consumer it returns the producer's dk, dv.
    public func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>, dkv: SharedKV<S>?)
        -> (dx: Tensor<S>, grads: ParameterSet<S>, dkv: SharedKV<S>?) {
        let s = saved.record(as: Saved<S>.self)
        let (dContext, dwo) = local.outputProjectionBackward(mergedContext: s.context, params: params, dy: dy)
        let norms = HeadRMSNorm.backward([(s.local.o, params["norm_swa"], s.normRMS[0])]
                                             + (s.linear.map { [($0.o, params["norm_rla"], s.normRMS[1])] } ?? []), dy: dContext,
                                         mergedHeads: true)
        let (dOSWA, dgSWA) = norms[0]
        var branch = ParameterSet<S>()
        branch.add("wo", dwo)
        branch.add("norm_swa", dgSWA)
        var (dq, dk, dv): (Tensor<S>?, Tensor<S>?, Tensor<S>?) = (nil, nil, nil)
        if let linear = s.linear {
            let (dORLA, dg) = norms[1]
            let x = s.local.x
            let g = ResidualLinearAttentionOp.backward(q: linear.q, k: linear.k, v: linear.v, dout: dORLA, residuals: linear.residuals,
                                                       shape: linearShape(batch: x.shape[0], T: x.shape[1]), chunk: config.chunk, choice: kernels)
            branch.add("norm_rla", dg)
            (dq, dk, dv) = (g.dq, g.dk, g.dv)
        }
        if let dkv {
            dk = dk.map { LinearAlgebra.add($0, dkv.k) } ?? dkv.k
            dv = dv.map { LinearAlgebra.add($0, dkv.v) } ?? dkv.v
        }
        var (dx, grads, dkvOut) = local.attendBackward(dOSWA, params: params, saved: s.local, dq: dq, dk: dk, dvExtra: dv)
        grads.merge(branch, prefix: "")
        return (dx, grads, dkvOut)
    }

    // MARK: Decoding

    /// The SWA ring (rotated keys and values) plus one linear state S per (sequence, query head).
    /// There is one ring: the token the ring evicts (t − W − 1) is un-rotated and folded into S.
    public final class Cache: AttentionCache, SharedKVSource {
        public let kv: KVCache
        /// nil when the linear branch is off.
        let linear: LinearStates?
        public var kernels: [String: String] = [:]
        init(kv: KVCache, linear: LinearStates?) { self.kv = kv; self.linear = linear }
        public var position: Int { kv.count }
        public var bytes: Int { kv.bytes + (linear?.bytes ?? 0) }
        /// φ(q)ᵀ S_i for a consumer (i = b·H + h); S covers tokens ≤ position − W − 2 … i.e. every
        /// token older than the ring, exactly what the newest query's linear branch reads.
        public func readLinearState(_ i: Int, q: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
            guard let linear else { preconditionFailure("rattention cache: no linear state \(i) (linear branch off)") }
            linear.read(i, q: q, into: out)
        }
    }

    public func makeCache(batch: Int) -> AttentionCache {
        let states = linearOn ? LinearStates(batch: batch, heads: dims.heads, kvHeads: dims.kvHeads, headDim: dims.headDim,
                                             featureMap: config.featureMap) : nil
        return Cache(kv: local.makeKVCache(batch: batch), linear: states)
    }

    /// From position 0 the parallel forward fills the ring and the linear states; later, token by
    /// token. A KV-sharing consumer (`kv`): one query row reads the producer's cache as decoding
    /// does; more rows run `forward` over the prompt's shared k, v.
    public func prefill(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache?, kv: CachedKV?) -> (y: Tensor<Float>, kv: CachedKV?) {
        if let kv { return x.shape[1] == 1 ? decode(x, params: params, cache: nil, kv: kv) : (forward(x, params: params, kv: kv.promptKV).y, kv) }
        let cache = cache as! Cache
        guard cache.position == 0 else { return (decodeEach(x) { decode($0, params: params, cache: cache, kv: nil).y }, CachedKV(source: cache, prompt: nil)) }
        let (y, saved) = forward(x, params: params, kv: nil)
        let s = saved.record(as: Saved<Float>.self)
        local.fill(cache.kv, kRot: s.local.kRot, v: s.local.v)
        // sT holds every token up to T−W−2; the ring holds the rest, exactly as decoding leaves it.
        if let linear = s.linear { cache.linear?.load(linear.sT) }
        cache.kernels = saved.kernels
        return (y, CachedKV(source: cache, prompt: saved.kv))
    }

    /// A KV-sharing consumer (`kv`): SWA over the producer's ring plus φ(q)ᵀ S_p from its linear states.
    public func decode(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache?, kv: CachedKV?) -> (y: Tensor<Float>, kv: CachedKV?) {
        if let kv { return (consumerDecode(x, params: params, source: kv.source), kv) }
        let cache = cache as! Cache
        let position = cache.position
        let step = local.decodeAttend(x, params: params, cache: cache.kv)
        var norms: [HeadRMSNorm.Branch<Float>] = [(step.o, params["norm_swa"])]
        var kernels = ["softmax-attention-decode": step.kernel]
        if let linear = cache.linear {
            // token t − W − 1 leaves the window: S += φ(k) vᵀ with k before RoPE, then o = φ(q)ᵀ S
            let fold = step.evicted.map { evicted in
                (k: local.projection.positional.apply(evicted.k, start: position - config.windowSize - 1, inverse: true), v: evicted.v)
            }
            let (o, kernel) = linear.step(q: step.q, fold: fold, choice: self.kernels)
            norms.append((o, params["norm_rla"]))
            kernels["residual-linear-attention-decode"] = kernel
        }
        cache.kernels = kernels
        return (local.outputProjection(HeadRMSNorm.forward(norms).y, params: params), CachedKV(source: cache, prompt: nil))
    }

    func consumerDecode(_ x: Tensor<Float>, params: ParameterSet<Float>, source: SharedKVSource) -> Tensor<Float> {
        let step = local.decodeAttend(x, params: params, cache: source.kv, shared: true)
        var norms: [HeadRMSNorm.Branch<Float>] = [(step.o, params["norm_swa"])]
        if linearOn {
            let (B, H, D) = (x.shape[0], dims.heads, dims.headDim)
            var o = [Float](repeating: 0, count: B * H * D)
            step.q.scalars.withUnsafeBufferPointer { qb in o.withUnsafeMutableBufferPointer { ob in
                for i in 0..<(B * H) { source.readLinearState(i, q: qb.baseAddress! + i * D, into: ob.baseAddress! + i * D) }
            }}
            norms.append((Tensor(shape: [B, H, 1, D], scalars: o), params["norm_rla"]))
        }
        return local.outputProjection(HeadRMSNorm.forward(norms).y, params: params)
    }

    /// 2·Hkv·D·min(T, W+1)·4 (the ring) + H·2D·D·4 (the linear states, when the branch is on).
    public func stateBytes(sequenceLength: Int) -> Int {
        local.kvBytes(sequenceLength: sequenceLength)
            + (linearOn ? dims.heads * 2 * dims.headDim * dims.headDim * MemoryLayout<Float>.size : 0)
    }

    // MARK: KV sharing (see the header)

    /// The linear state's identity: S_t = Σ_{j ≤ t−W−1} φ(k_j) v_jᵀ depends on W and φ only.
    var linearStateID: String { "rattention(W=\(config.windowSize), \(config.featureMap.rawValue))" }
    public var kvOffer: KVOffer? { KVOffer(keptTokens: windowSpan(config.windowSize), linearState: linearOn ? linearStateID : nil) }
    public var kvNeed: KVNeed? { KVNeed(tokens: windowSpan(config.windowSize), linearState: linearOn ? linearStateID : nil) }
}

/// x: [B, H, n, D] → [B, H, p+n, D] with p zero rows first.
private func padTime<S: TensorScalar>(_ x: Tensor<S>, before p: Int) -> Tensor<S> {
    guard p > 0 else { return x }
    let (BH, n, D) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
    var out = [S](repeating: 0, count: BH * (p + n) * D)
    for i in 0..<BH { out.replaceSubrange(((i * (p + n) + p) * D)..<((i + 1) * (p + n) * D), with: x.scalars[(i * n * D)..<((i + 1) * n * D)]) }
    return Tensor(shape: [x.shape[0], x.shape[1], p + n, D], scalars: out)
}

/// The last n time rows of x: [B, H, T, D] → [B, H, n, D].
private func lastTime<S: TensorScalar>(_ x: Tensor<S>, _ n: Int) -> Tensor<S> {
    let (BH, T, D) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
    var out = [S]()
    out.reserveCapacity(BH * n * D)
    for i in 0..<BH { out.append(contentsOf: x.scalars[((i * T + T - n) * D)..<((i + 1) * T * D)]) }
    return Tensor(shape: [x.shape[0], x.shape[1], n, D], scalars: out)
}
