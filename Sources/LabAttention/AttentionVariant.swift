// The attention-variant protocol: what every mixer in the lab provides, and nothing more.
// A variant is one file (Variants/X.swift) plus one line in AttentionRegistry.swift; nothing else
// names it. The model, the cache builder, the memory accounting and the tests reach variants only
// through the registry and `AnyAttentionConfig`; the harness and the report know a variant only by
// its `about` (LabResults.VariantDescription: names, legend rank, colour, whether it is the
// reference, its extra metrics), which the harness writes into every result row.
//
// Shapes: x, y: [B, T, C]. Parameters live outside the variant (a `ParameterSet`), so the same
// variant value runs in Float (training, decoding) and Double (finite-difference checks).
import LabCore
import LabResults

/// A variant's configuration: only its own knobs (the parent injects `AttentionDims`).
/// Decoding must reject unknown keys and apply defaults by hand (see ConfigDecoding.swift).
public protocol AttentionVariantConfig: Codable, Hashable, Sendable {
    /// The window W if the variant has one (W+1 visible keys), for patterns and accounting.
    var window: Int? { get }
    /// How many tokens back (besides itself) one layer of this variant can see, if that is bounded
    /// (sliding window: W); nil (the default) when it sees every earlier token, exactly or through
    /// a state. A stack's reach is the sum over its layers (`LayerPattern.reach`).
    var reach: Int? { get }
    /// Forward matmul FLOPs per token of the mixing itself (not the Q/K/V/O projections) at
    /// training length T, for `heads` query heads of dimension `headDim`, averaged over the T
    /// positions; 2 FLOPs per multiply-add (docs/conventions.md). `ModelBench.trainFlopsPerToken`
    /// adds 3 × this per layer to the 6N of the dense matmuls. Default: softmax attention over the
    /// causal keys of `window` (`softmaxForwardFlopsPerToken`).
    func mixerForwardFlopsPerToken(length T: Int, heads H: Int, headDim D: Int) -> Double
}

extension AttentionVariantConfig {
    public var reach: Int? { nil }
    public func mixerForwardFlopsPerToken(length T: Int, heads H: Int, headDim D: Int) -> Double {
        softmaxForwardFlopsPerToken(length: T, heads: H, headDim: D, window: window)
    }
}

/// Softmax attention's forward FLOPs per token: q·k and p·v over the visible causal keys,
/// 4·pairs·H·D with pairs = the keys a query sees averaged over the T positions: (T + 1)/2
/// without a window (or W ≥ T − 1), else (W + 1) − W(W + 1)/(2T) (the first W positions see fewer).
public func softmaxForwardFlopsPerToken(length T: Int, heads H: Int, headDim D: Int, window: Int?) -> Double {
    let t = Double(T), w = window.map(Double.init) ?? t
    let pairs = w >= t - 1 ? (t + 1) / 2 : (w + 1) - w * (w + 1) / (2 * t)
    return 4 * pairs * Double(H) * Double(D)
}

public protocol AttentionVariant: Sendable {
    associatedtype Config: AttentionVariantConfig
    /// The `kind` that names this variant in study files, e.g. `"sliding_window"`.
    static var kind: String { get }
    /// One line on what it is.
    static var summary: String { get }
    /// How it presents itself to the harness and the report (`kind` must be `Self.kind`): legend
    /// and short names, legend rank, colour, whether it is the reference, extra metrics its rows carry.
    static var about: VariantDescription { get }
    /// Its config keys: name, default ("required" if none) and meaning, for `attnlab variants list`.
    static var configKeys: [ConfigKeyDoc] { get }
    /// The smallest valid study-file config (only required keys), e.g. `{"kind": "full"}`;
    /// the registry-driven tests decode it, so defaults are known to apply.
    static var minimalConfigJSON: String { get }

    var config: Config { get }
    var dims: AttentionDims { get }
    init(config: Config, dims: AttentionDims, positional: PositionalEncoding, initScales: AttentionInit, kernels: KernelChoice)

    /// Initial parameters; with `sharedKV` (the layer reads a KV-sharing producer's keys and
    /// values) without the K/V projections qkv.wk, qkv.wv.
    func initialParameters(rng: inout SeededGenerator, sharedKV: Bool) -> ParameterSet<Float>

    // Cross-layer KV sharing (KVSharing.swift) is one optional argument of each call below, as
    // AXLearn threads a `kv_state` through its layers: nil, the layer projects its own keys and
    // values (and hands them out, for its consumers); given, it attends over a producer's.

    /// Training/prefill forward over x: [B, n, C]: y [B, n, C] and what backward needs, with the
    /// raw k, v the layer attended with (`saved.kv`, what a producer hands its consumers).
    /// `kv`: a producer's raw k, v [B, Hkv, start+n, D], queries then at positions start ..< start+n
    /// (training: start 0, n = T; prefill of a suffix: start = T − n); nil: its own, from position 0.
    func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>, kv: SharedKV<S>?) -> (y: Tensor<S>, saved: SavedActivations<S>)
    /// Backward of `forward` (from position 0): dx [B, T, C], the parameter gradients (same names as
    /// params) and, if the forward read a producer's k, v, their gradients dk (raw), dv for it.
    /// `dkv`: a producer's consumers' summed dk, dv [B, Hkv, T, D], added to its own before its K/V projections.
    func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>, dkv: SharedKV<S>?)
        -> (dx: Tensor<S>, grads: ParameterSet<S>, dkv: SharedKV<S>?)

    /// An empty decode cache for `batch` sequences (a consumer has none: it reads its producer's).
    func makeCache(batch: Int) -> AttentionCache
    /// Runs x: [B, n, C] at the cache's position and leaves the cache ready for the next token;
    /// returns y and what the layer hands its consumers (its cache and, from position 0, the
    /// prompt's raw k, v). With `kv` (a producer's, after its prefill of the whole prompt; `cache`
    /// nil) x holds the prompt's last n positions.
    func prefill(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache?, kv: CachedKV?) -> (y: Tensor<Float>, kv: CachedKV?)
    /// One token per sequence, x: [B, 1, C], through the cache; with `kv` (`cache` nil) through the
    /// producer's, which has already appended the token.
    func decode(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache?, kv: CachedKV?) -> (y: Tensor<Float>, kv: CachedKV?)

    /// Analytic decode-state bytes of one layer for one sequence after `sequenceLength` tokens
    /// (fp32; keys and values both counted): the memory axis of every Pareto plot.
    func stateBytes(sequenceLength: Int) -> Int

    /// What its decode state keeps for consumers when it produces, or nil (the default): it cannot.
    var kvOffer: KVOffer? { get }
    /// What it reads from its producer's decode state when it consumes, or nil (the default): it cannot.
    var kvNeed: KVNeed? { get }
}

extension AttentionVariant {
    public var kvOffer: KVOffer? { nil }
    public var kvNeed: KVNeed? { nil }

    // The calls of a layer with its own keys and values.

    public func initialParameters(rng: inout SeededGenerator) -> ParameterSet<Float> { initialParameters(rng: &rng, sharedKV: false) }
    public func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>) -> (y: Tensor<S>, saved: SavedActivations<S>) {
        forward(x, params: params, kv: nil)
    }
    public func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>)
        -> (dx: Tensor<S>, grads: ParameterSet<S>) {
        let g = backward(dy, params: params, saved: saved, dkv: nil)
        return (g.dx, g.grads)
    }
    public func prefill(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache) -> Tensor<Float> {
        prefill(x, params: params, cache: cache, kv: nil).y
    }
    public func decode(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache) -> Tensor<Float> {
        decode(x, params: params, cache: cache, kv: nil).y
    }
}

/// Documentation of one config key.
public struct ConfigKeyDoc: Sendable {
    public var key: String, defaultValue: String, meaning: String
    public init(_ key: String, _ defaultValue: String, _ meaning: String) {
        self.key = key; self.defaultValue = defaultValue; self.meaning = meaning
    }
}

/// What a variant's forward keeps for its backward: the variant's own typed record (e.g.
/// `SoftmaxAttentionLayer.Saved`, `RAttention.Saved`: a missing field is a compile error), the raw
/// keys and values it attended with, and the kernels that ran.
public struct SavedActivations<S: TensorScalar> {
    /// The variant's record; only the variant that wrote it reads it (`record(as:)`).
    private let record: Any
    /// The raw keys (before the positional encoding) and values the layer attended with,
    /// [B, Hkv, T, D]: its own, which it hands its KV-sharing consumers, or its producer's; nil for
    /// a variant that cannot share.
    public let kv: SharedKV<S>?
    /// Op name → kernel name, e.g. `["softmax-attention": "tiled-online-softmax"]`.
    public var kernels: [String: String]

    public init<R>(_ record: R, kv: SharedKV<S>?, kernels: [String: String]) {
        self.record = record; self.kv = kv; self.kernels = kernels
    }

    /// The record a variant saved; asking for another type is a programming error.
    public func record<R>(as type: R.Type) -> R {
        guard let r = record as? R else { preconditionFailure("saved activations hold \(Swift.type(of: record)), not \(R.self)") }
        return r
    }
}

/// A decode cache. Each variant's cache is its own class; a variant downcasts only its own cache.
public protocol AttentionCache: AnyObject {
    /// Tokens seen so far (the position of the next token).
    var position: Int { get }
    /// Bytes of state held now (measured from the buffers, fp32).
    var bytes: Int { get }
    /// Op name → kernel name of the last call.
    var kernels: [String: String] { get }
}
