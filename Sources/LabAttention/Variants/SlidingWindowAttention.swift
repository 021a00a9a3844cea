// `sliding_window(window: W)`: causal softmax attention over the last W+1 tokens, itself included
// (key j visible to query t iff 0 ≤ t − j ≤ W). Decode state: a ring buffer of up to W+1 keys and
// values that grows as tokens arrive (2·Hkv·D·min(T, W+1) floats per layer, flat in T once full;
// any W ≥ T − 1, up to 2⁶³ − 1, is full attention at the cost of the context). Cost: O(T·(W+1)·D)
// per head for a sequence.
import LabCore
import LabResults

public struct SlidingWindowAttention: SoftmaxLayerVariant {
    public struct Config: AttentionVariantConfig {
        /// W: attends to W+1 tokens. W ≥ T−1 equals full attention.
        public var windowSize: Int
        public var window: Int? { windowSize }
        /// W tokens back per layer: a stack of them reaches Σ W.
        public var reach: Int? { windowSize }
        public init(window: Int) { windowSize = window }
        public init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, allowed: ["kind", "window"], in: "sliding_window config")
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            guard let w = try c.integer("window", in: ConfigLimits.window) else {
                throw DecodingError.keyNotFound(AnyCodingKey("window"), .init(codingPath: decoder.codingPath, debugDescription: "window is required"))
            }
            windowSize = w
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            try c.encode(windowSize, forKey: AnyCodingKey("window"))
        }
    }

    public static let kind = "sliding_window"
    public static let summary = "causal softmax attention over the last W+1 tokens; ring-buffer KV cache of W+1"
    /// Its rows on MQAR carry the reach ceiling (`LayerPattern.reach`: Σ W over a stack of them).
    public static let about = VariantDescription(kind: kind, shortName: "swa", rank: 2, colour: "#1f77b4",
                                                 extraMetrics: [MetricName.reachCeiling])
    public static let configKeys = [ConfigKeyDoc("window", "required", "W ≥ 0: each token attends to itself and the W before it")]
    public static let minimalConfigJSON = #"{"kind": "sliding_window", "window": 3}"#

    public let config: Config
    public let dims: AttentionDims
    public let layer: SoftmaxAttentionLayer

    public init(config: Config, dims: AttentionDims, positional: PositionalEncoding, initScales: AttentionInit, kernels: KernelChoice) {
        self.config = config
        self.dims = dims
        layer = SoftmaxAttentionLayer(dims: dims, window: config.windowSize, positional: positional, initScales: initScales, kernels: kernels)
    }
}
