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
}

extension AttentionVariantConfig {
    public var reach: Int? { nil }
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

    func initialParameters(rng: inout SeededGenerator) -> ParameterSet<Float>

    /// Training/prefill forward over a whole sequence from position 0: y and what backward needs.
    func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>) -> (y: Tensor<S>, saved: SavedActivations<S>)
    /// Backward of `forward`: dx [B, T, C] and the parameter gradients (same names as params).
    func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: SavedActivations<S>)
        -> (dx: Tensor<S>, grads: ParameterSet<S>)

    /// An empty decode cache for `batch` sequences.
    func makeCache(batch: Int) -> AttentionCache
    /// Runs x: [B, T, C] at the cache's position and leaves the cache ready for the next token.
    func prefill(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache) -> Tensor<Float>
    /// One token per sequence, x: [B, 1, C], through the cache.
    func decode(_ x: Tensor<Float>, params: ParameterSet<Float>, cache: AttentionCache) -> Tensor<Float>

    /// Analytic decode-state bytes of one layer for one sequence after `sequenceLength` tokens
    /// (fp32; keys and values both counted): the memory axis of every Pareto plot.
    func stateBytes(sequenceLength: Int) -> Int

    /// Its side of cross-layer KV sharing (KVSharing.swift), or nil: the default, for a variant
    /// that neither produces keys and values for other layers nor reads theirs.
    var kvSharing: (any KVSharingVariant)? { get }
}

/// Documentation of one config key.
public struct ConfigKeyDoc: Sendable {
    public var key: String, defaultValue: String, meaning: String
    public init(_ key: String, _ defaultValue: String, _ meaning: String) {
        self.key = key; self.defaultValue = defaultValue; self.meaning = meaning
    }
}

/// Whatever a variant's forward keeps for its backward, by name, plus the kernels that ran.
public struct SavedActivations<S: TensorScalar> {
    public var tensors: [String: Tensor<S>] = [:]
    /// Op name → kernel name, e.g. `["softmax-attention": "tiled-online-softmax"]`.
    public var kernels: [String: String] = [:]
    public init() {}
    public subscript(name: String) -> Tensor<S> {
        get { guard let t = tensors[name] else { preconditionFailure("no saved activation \(name)") }; return t }
        set { tensors[name] = newValue }
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
