// The config keys of the residual-linear-attention branch, shared by `rattention` and
// `linear_attention` so both read and write them the same way, and the branch's saved activations:
//   feature_map  softmax2 | relu2 (default softmax2)   φ of the linear branch
//   chunk        1…65536 (default 64)                     chunk size of the chunked kernel (speed only)
import LabCore
import LabKernels

enum LinearBranchKeys {
    static let docs = [
        ConfigKeyDoc("feature_map", "softmax2", "φ of the linear branch: softmax2 [softmax(x), softmax(−x)] or relu2"),
        ConfigKeyDoc("chunk", "\(LinearAttentionShape.defaultChunkSize)", "chunk size of the chunked linear-attention kernel (speed only)"),
    ]

    /// Reads `feature_map` and `chunk` from a variant config's container; errors name the key.
    static func decode(_ c: KeyedDecodingContainer<AnyCodingKey>, _ decoder: Decoder) throws -> (featureMap: FeatureMap, chunk: Int) {
        func fail(_ key: String, _ message: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key)], debugDescription: message))
        }
        let fm = try c.optional(String.self, "feature_map") ?? FeatureMap.softmax2.rawValue
        guard let featureMap = FeatureMap(rawValue: fm) else {
            throw fail("feature_map", "unknown feature map '\(fm)' (known: \(FeatureMap.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let chunk = try c.integer("chunk", in: ConfigLimits.chunk) ?? LinearAttentionShape.defaultChunkSize
        return (featureMap, chunk)
    }

    /// The linear branch's forward FLOPs per token at training length T: the count of the kernel
    /// the dispatch picks for the shape (`LinearAttentionShape.forwardFLOPs(chunkSize:)`: state
    /// read and state update over the tokens that left the window, plus the causal half of the
    /// intra-chunk blocks for a kernel that works in chunks) ÷ T. window −1: plain causal linear
    /// attention.
    static func forwardFlopsPerToken(length T: Int, heads H: Int, headDim D: Int, window: Int,
                                     featureMap: FeatureMap, chunk: Int) -> Double {
        let shape = LinearAttentionShape(B: 1, H: H, Hkv: H, T: T, D: D, window: window, featureMap: featureMap)
        let op = KernelRegistry.residualLinearAttention, testCase = LinearAttentionCase(shape, chunkSize: chunk)
        return op.flops(op.dispatch(testCase).kernel, on: testCase, backward: false)! / Double(T)
    }

    static func encode(featureMap: FeatureMap, chunk: Int, into c: inout KeyedEncodingContainer<AnyCodingKey>) throws {
        try c.encode(featureMap.rawValue, forKey: AnyCodingKey("feature_map"))
        try c.encode(chunk, forKey: AnyCodingKey("chunk"))
    }
}

/// What the linear branch's forward keeps for its backward (`rattention`, `linear_attention`).
public struct LinearBranchSaved<S: TensorScalar> {
    /// The raw q [B, H, n, D] and k, v [B, Hkv, T, D]: no positional encoding.
    public var q, k, v: Tensor<S>
    /// o_rla [B, H, n, D] before its RMSNorm.
    public var o: Tensor<S>
    /// The linear states after the last token, [B, H, D', D] (prefill loads the decode cache with them).
    public var sT: Tensor<S>
    /// What the kernel kept for its backward (`LinearAttentionResiduals`; nil: none).
    public var residuals: LinearAttentionResiduals?
}
