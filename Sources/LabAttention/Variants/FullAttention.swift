// `full`: causal softmax attention over every earlier token.
// Decode state: a KV cache that grows with T (2·Hkv·D·T floats per layer).
// Cost per token: O(T·D) per head at decode; O(T²·D) per head for a sequence.
import LabCore

public struct FullAttention: AttentionVariant {
    public struct Config: AttentionVariantConfig {
        public init() {}
        public var window: Int? { nil }
        public init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, allowed: ["kind"], in: "full attention config")
        }
        public func encode(to encoder: Encoder) throws {}
    }

    public static let kind = "full"
    public static let summary = "causal softmax attention; KV cache grows with T"
    public static let configKeys: [ConfigKeyDoc] = []
    public static let minimalConfigJSON = #"{"kind": "full"}"#

    public let config: Config
    public let dims: AttentionDims
    let layer: SoftmaxAttentionLayer

    public init(config: Config, dims: AttentionDims, positional: PositionalEncoding, initScales: AttentionInit, kernels: KernelChoice) {
        self.config = config
        self.dims = dims
        layer = SoftmaxAttentionLayer(dims: dims, window: nil, positional: positional, initScales: initScales, kernels: kernels)
    }

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
    /// 2·Hkv·D·T·4 bytes.
    public func stateBytes(sequenceLength: Int) -> Int { layer.kvBytes(sequenceLength: sequenceLength) }
}
