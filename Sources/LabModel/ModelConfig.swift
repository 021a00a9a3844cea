// The model's configuration, as a study file or `--config model.yaml` writes it (YAML or JSON,
// snake_case keys, unknown keys are errors, defaults applied by hand):
//
//   vocab: 256            model_dim: 64        layers: 2
//   heads: 1              kv_heads: 1          head_dim: 64        (defaults: heads, model_dim/heads)
//   mlp_ratio: 0          (SwiGLU hidden = mlp_ratio·model_dim; 0 = no MLP, Zoology's MQAR setting)
//   conv_kernel: 0        (short depthwise causal convolution before the mixer; 0 = off)
//   pattern: [{kind: full}]                  (a LayerPattern; KV sharing: {kind: full, kv_from: 4} entries
//                                             or {layers: [...], kv_share: {ratio: "5:3"}}, layers 0-based)
//   positional: rope                         (none | rope | {kind: rope, theta: …})
//   embedding_std: 0.02   projection_scale: 1   norm_gain: 1   tied_head: true
//
// The initial scales and the convolution decided whether a tiny model learnt at all
// (training-recipes.md, lessons 4 and 5), so they are config keys and every checkpoint records them.
import Foundation
import LabAttention
import Yams

public struct ModelConfig: Codable, Hashable, Sendable {
    public var vocab: Int
    public var modelDim: Int
    public var layers: Int
    public var heads: Int
    public var kvHeads: Int
    public var headDim: Int
    /// SwiGLU hidden width as a multiple of `modelDim`; 0 removes the MLP.
    public var mlpRatio: Double
    /// Kernel size k of the short depthwise causal convolution; 0 = off.
    public var convKernel: Int
    public var pattern: LayerPattern
    public var positional: PositionalEncoding
    /// Std of the normal initialisation of the token embedding.
    public var embeddingStd: Double
    /// Linear weights start uniform in ±(projectionScale/√fan_in).
    public var projectionScale: Double
    /// Initial gain of the variants' per-head output norms (AXLearn: 1).
    public var normGain: Double
    /// LM head = embedding transposed (true) or its own [vocab, model_dim] matrix.
    public var tiedHead: Bool

    public init(vocab: Int, modelDim: Int, layers: Int, heads: Int, kvHeads: Int? = nil, headDim: Int? = nil,
                mlpRatio: Double = 4, convKernel: Int = 0,
                pattern: LayerPattern = LayerPattern(uniform: AnyAttentionConfig(FullAttention.self, .init())),
                positional: PositionalEncoding = .rope(theta: 10_000), embeddingStd: Double = 0.02,
                projectionScale: Double = 1, normGain: Double = 1, tiedHead: Bool = true) {
        self.vocab = vocab; self.modelDim = modelDim; self.layers = layers; self.heads = heads
        self.kvHeads = kvHeads ?? heads; self.headDim = headDim ?? modelDim / heads
        self.mlpRatio = mlpRatio; self.convKernel = convKernel; self.pattern = pattern; self.positional = positional
        self.embeddingStd = embeddingStd; self.projectionScale = projectionScale; self.normGain = normGain
        self.tiedHead = tiedHead
    }

    public var dims: AttentionDims { AttentionDims(modelDim: modelDim, heads: heads, kvHeads: kvHeads, headDim: headDim) }
    public var initScales: AttentionInit { AttentionInit(projectionScale: projectionScale, normGain: normGain) }
    /// SwiGLU hidden width F (0 = no MLP).
    public var mlpHidden: Int { Int((mlpRatio * Double(modelDim)).rounded()) }

    public static let keys: [String] = ["vocab", "model_dim", "layers", "heads", "kv_heads", "head_dim", "mlp_ratio", "conv_kernel",
                                 "pattern", "positional", "embedding_std", "projection_scale", "norm_gain", "tied_head"]

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: Set(Self.keys), in: "model config")
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        func fail(_ key: String, _ message: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key)], debugDescription: message))
        }
        vocab = try c.required(Int.self, "vocab")
        modelDim = try c.required(Int.self, "model_dim")
        layers = try c.required(Int.self, "layers")
        heads = try c.optional(Int.self, "heads") ?? 1
        kvHeads = try c.optional(Int.self, "kv_heads") ?? heads
        headDim = try c.optional(Int.self, "head_dim") ?? (heads > 0 ? modelDim / heads : 0)
        mlpRatio = try c.optional(Double.self, "mlp_ratio") ?? 4
        convKernel = try c.optional(Int.self, "conv_kernel") ?? 0
        pattern = try c.optional(LayerPattern.self, "pattern") ?? LayerPattern(uniform: AnyAttentionConfig(FullAttention.self, .init()))
        positional = try c.optional(PositionalEncoding.self, "positional") ?? .rope(theta: 10_000)
        embeddingStd = try c.optional(Double.self, "embedding_std") ?? 0.02
        projectionScale = try c.optional(Double.self, "projection_scale") ?? 1
        normGain = try c.optional(Double.self, "norm_gain") ?? 1
        tiedHead = try c.optional(Bool.self, "tied_head") ?? true
        guard vocab >= 2 else { throw fail("vocab", "vocab must be ≥ 2, got \(vocab)") }
        guard modelDim >= 1 else { throw fail("model_dim", "model_dim must be ≥ 1, got \(modelDim)") }
        guard layers >= 1 else { throw fail("layers", "layers must be ≥ 1, got \(layers)") }
        guard heads >= 1, kvHeads >= 1, heads % kvHeads == 0 else {
            throw fail("kv_heads", "heads (\(heads)) must be a positive multiple of kv_heads (\(kvHeads))")
        }
        guard headDim >= 1 else { throw fail("head_dim", "head_dim must be ≥ 1, got \(headDim)") }
        if case .rope = positional, headDim % 2 != 0 { throw fail("head_dim", "RoPE needs an even head_dim, got \(headDim)") }
        guard mlpRatio >= 0 else { throw fail("mlp_ratio", "mlp_ratio must be ≥ 0, got \(mlpRatio)") }
        guard convKernel >= 0 else { throw fail("conv_kernel", "conv_kernel must be ≥ 0 (0 = off), got \(convKernel)") }
        guard embeddingStd > 0 else { throw fail("embedding_std", "embedding_std must be > 0, got \(embeddingStd)") }
        // KV sharing (kv_from / kv_share) resolves against the depth: an error names the layer (0-based).
        do { try pattern.validate(depth: layers, dims: dims) } catch let e as PatternError { throw fail("pattern", e.message) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(vocab, forKey: AnyCodingKey("vocab"))
        try c.encode(modelDim, forKey: AnyCodingKey("model_dim"))
        try c.encode(layers, forKey: AnyCodingKey("layers"))
        try c.encode(heads, forKey: AnyCodingKey("heads"))
        try c.encode(kvHeads, forKey: AnyCodingKey("kv_heads"))
        try c.encode(headDim, forKey: AnyCodingKey("head_dim"))
        try c.encode(mlpRatio, forKey: AnyCodingKey("mlp_ratio"))
        try c.encode(convKernel, forKey: AnyCodingKey("conv_kernel"))
        try c.encode(pattern, forKey: AnyCodingKey("pattern"))
        try c.encode(positional, forKey: AnyCodingKey("positional"))
        try c.encode(embeddingStd, forKey: AnyCodingKey("embedding_std"))
        try c.encode(projectionScale, forKey: AnyCodingKey("projection_scale"))
        try c.encode(normGain, forKey: AnyCodingKey("norm_gain"))
        try c.encode(tiedHead, forKey: AnyCodingKey("tied_head"))
    }

    /// Canonical JSON (sorted keys): what checkpoints store and runs record.
    public var json: String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: (try? e.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Parses YAML (a superset of JSON) text; errors are one line naming the key path.
    public static func parse(_ text: String) throws -> ModelConfig {
        do {
            return try YAMLDecoder().decode(ModelConfig.self, from: text)
        } catch let e as DecodingError {
            throw ModelError("model config: \(describe(e))")
        } catch {
            throw ModelError("model config: \(error)")
        }
    }

    /// Reads a `.yaml`, `.yml` or `.json` file.
    public static func load(path: String) throws -> ModelConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelError("cannot read model config \(path)") }
        return try parse(String(decoding: data, as: UTF8.self))
    }
}

extension LayerPattern {
    /// Parses a pattern (any form LayerPattern decodes) from YAML or JSON text; one-line errors
    /// name the key path. Depth-dependent checks (kv_from, kv_share) are `validate(depth:)`'s.
    public static func parse(yaml text: String) throws -> LayerPattern {
        do {
            return try YAMLDecoder().decode(LayerPattern.self, from: text)
        } catch let e as DecodingError {
            throw ModelError("pattern: \(describe(e))")
        }
    }
}

/// An error of the model stack, printed as one line.
public struct ModelError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
