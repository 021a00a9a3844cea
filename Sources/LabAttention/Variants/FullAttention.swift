// `full`: causal softmax attention over every earlier token.
// Decode state: a KV cache that grows with T (2·Hkv·D·T floats per layer).
// Cost per token: O(T·D) per head at decode; O(T²·D) per head for a sequence.
import LabCore
import LabResults

public struct FullAttention: SoftmaxLayerVariant {
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
    public static let about = VariantDescription(kind: kind, rank: 0, colour: "#000000", isReference: true)
    public static let configKeys: [ConfigKeyDoc] = []
    public static let minimalConfigJSON = #"{"kind": "full"}"#

    public let config: Config
    public let dims: AttentionDims
    public let layer: SoftmaxAttentionLayer

    public init(config: Config, dims: AttentionDims, positional: PositionalEncoding, initScales: AttentionInit, kernels: KernelChoice) {
        self.config = config
        self.dims = dims
        layer = SoftmaxAttentionLayer(dims: dims, window: nil, positional: positional, initScales: initScales, kernels: kernels)
    }
}
