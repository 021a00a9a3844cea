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
// (docs/training.md), so they are config keys and every checkpoint records them.
import Foundation
import LabCore
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
                pattern: LayerPattern = LayerPattern(uniform: AttentionRegistry.referenceConfig),
                positional: PositionalEncoding = .rope(theta: 10_000), embeddingStd: Double = 0.02,
                projectionScale: Double = 1, normGain: Double = 1, tiedHead: Bool = true) {
        self.vocab = vocab; self.modelDim = modelDim; self.layers = layers; self.heads = heads
        self.kvHeads = kvHeads ?? heads; self.headDim = headDim ?? modelDim / heads
        self.mlpRatio = mlpRatio; self.convKernel = convKernel; self.pattern = pattern; self.positional = positional
        self.embeddingStd = embeddingStd; self.projectionScale = projectionScale; self.normGain = normGain
        self.tiedHead = tiedHead
    }

    public var dims: AttentionDims { AttentionDims(modelDim: modelDim, heads: heads, kvHeads: kvHeads, headDim: headDim) }

    /// Analytic decode state of one sequence after `sequenceLength` tokens, bytes (fp32): the
    /// attention layers' caches and linear states (`LayerPattern.stateBytes`) plus each block's
    /// short-convolution history, (conv_kernel − 1) · model_dim floats per layer. What
    /// `LanguageModel.makeDecodeState(batch: 1).bytes` holds after a prefill of that many tokens.
    public func stateBytes(sequenceLength: Int) -> Int {
        pattern.stateBytes(depth: layers, dims: dims, sequenceLength: sequenceLength)
            + layers * max(convKernel - 1, 0) * modelDim * MemoryLayout<Float>.size
    }
    public var initScales: AttentionInit { AttentionInit(projectionScale: projectionScale, normGain: normGain) }
    /// SwiGLU hidden width F (0 = no MLP).
    public var mlpHidden: Int { Int((mlpRatio * Double(modelDim)).rounded()) }

    /// The range of each numeric key (closed unless marked): vocab [2, 2^20], model_dim [1, 65536],
    /// layers [1, 1024], heads [1, 1024], kv_heads [1, 1024] (dividing heads), head_dim [1, 4096],
    /// mlp_ratio [0, 64], conv_kernel [0, 1024], embedding_std (0, 10], projection_scale [0, 100],
    /// norm_gain [0, 100]. NaN, ±Inf and null are rejected by key; so is a model whose parameters and
    /// optimiser state (16 bytes a parameter) exceed this machine's memory (`checkMemory`).
    public static let ranges: [String: NumberRange] = [
        "vocab": NumberRange(2...(1 << 20)), "model_dim": NumberRange(1...65_536), "layers": NumberRange(1...1_024),
        "heads": NumberRange(1...1_024), "kv_heads": NumberRange(1...1_024), "head_dim": NumberRange(1...4_096),
        "mlp_ratio": NumberRange(0...64), "conv_kernel": NumberRange(0...1_024),
        "embedding_std": NumberRange(0...10, lowerOpen: true), "projection_scale": NumberRange(0...100),
        "norm_gain": NumberRange(0...100),
    ]

    public static let keys: [String] = ["vocab", "model_dim", "layers", "heads", "kv_heads", "head_dim", "mlp_ratio", "conv_kernel",
                                 "pattern", "positional", "embedding_std", "projection_scale", "norm_gain", "tied_head"]

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: Set(Self.keys), in: "model config")
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        func fail(_ key: String, _ message: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key)], debugDescription: message))
        }
        func int(_ key: String) throws -> Int? {
            guard let v = try c.optional(Int.self, key) else { return nil }
            if let problem = Self.ranges[key]!.problem(v) { throw fail(key, problem) }
            return v
        }
        func number(_ key: String) throws -> Double? { try c.number(key, in: Self.ranges[key]!) }
        func required(_ key: String) throws -> Int {
            guard let v = try int(key) else { return try c.required(Int.self, key) }
            return v
        }
        vocab = try required("vocab")
        modelDim = try required("model_dim")
        layers = try required("layers")
        heads = try int("heads") ?? 1
        kvHeads = try int("kv_heads") ?? heads
        headDim = try int("head_dim") ?? modelDim / heads
        mlpRatio = try number("mlp_ratio") ?? 4
        convKernel = try int("conv_kernel") ?? 0
        pattern = try c.optional(LayerPattern.self, "pattern") ?? LayerPattern(uniform: AttentionRegistry.referenceConfig)
        positional = try c.optional(PositionalEncoding.self, "positional") ?? .rope(theta: 10_000)
        embeddingStd = try number("embedding_std") ?? 0.02
        projectionScale = try number("projection_scale") ?? 1
        normGain = try number("norm_gain") ?? 1
        tiedHead = try c.optional(Bool.self, "tied_head") ?? true
        guard heads % kvHeads == 0 else {
            throw fail("kv_heads", "heads (\(heads)) must be a positive multiple of kv_heads (\(kvHeads))")
        }
        guard headDim >= 1 else { throw fail("head_dim", "head_dim must be ≥ 1, got \(headDim) (model_dim / heads)") }
        if case .rope = positional, headDim % 2 != 0 { throw fail("head_dim", "RoPE needs an even head_dim, got \(headDim)") }
        do { try checkMemory(batch: 0, length: 0, training: true) } catch let e as ModelError { throw fail("model_dim", e.message) }
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

    /// Parses YAML (a superset of JSON) text; errors are one line, `<file>:<line>: <key path>: <reason>`
    /// (YAML syntax errors with the column too; see `YAMLInput` for the limits on the text).
    public static func parse(_ text: String, file: String = "model config") throws -> ModelConfig {
        let node: Node
        do { node = try YAMLInput.compose(text, rangeOf: { path in
            path.count == 1 ? path[0].key.flatMap { ranges[$0] } : nil }) } catch let e as YAMLInputError {
            throw ModelError(e.located(in: file))
        }
        do {
            return try YAMLDecoder().decode(ModelConfig.self, from: node)
        } catch let e as DecodingError {
            let path = YAMLInput.path(of: e)
            throw ModelError(YAMLInputError(line: YAMLInput.locate(path, in: node), column: nil, path: path,
                                            message: YAMLInput.reason(of: e)).located(in: file))
        } catch {
            throw ModelError("\(file): \(error)")
        }
    }

    /// Reads a `.yaml`, `.yml` or `.json` file (at most `YAMLInput.maxFileBytes`).
    public static func load(path: String) throws -> ModelConfig {
        try parse(try YAMLInput.read(path: path, what: "model config"), file: path)
    }

    // MARK: Memory

    /// Parameters of this config (embedding, untied head, per layer Q/K/V/O, norms, MLP,
    /// convolution): an estimate within a few per cent (variant-specific extras are small).
    public var parameterEstimate: Double {
        let C = Double(modelDim), V = Double(vocab), L = Double(layers)
        let H = Double(heads), Hkv = Double(kvHeads), D = Double(headDim), F = Double(mlpHidden)
        let perLayer = C * H * D * 2 + C * Hkv * D * 2 + 3 * C * F + Double(convKernel) * C + 4 * C
        return V * C * (tiedHead ? 1 : 2) + L * perLayer + C
    }

    /// Bytes one process needs, roughly (a lower bound): parameters (×4 with the gradients and
    /// AdamW's moments when `training`) and the activations of `batch` sequences of `length`
    /// tokens (per token and layer 16·C + 6·F floats kept for the backward pass, or the KV cache
    /// when not training, plus the logits).
    public func memoryEstimate(batch: Int, length: Int, training: Bool) -> Double {
        let C = Double(modelDim), F = Double(mlpHidden), L = Double(layers), V = Double(vocab)
        let tokens = Double(max(batch, 0)) * Double(max(length, 0))
        let perToken = training ? L * (16 * C + 6 * F) + 3 * V : 8 * C + 2 * F + V + L * 2 * Double(kvHeads * headDim)
        return 4 * (parameterEstimate * (training ? 4 : 1) + tokens * perToken)
    }

    /// Throws a one-line `ModelError` when `memoryEstimate` exceeds this machine's physical memory.
    public func checkMemory(batch: Int, length: Int, training: Bool) throws {
        try Self.checkMemory([self], batch: batch, length: length, training: training)
    }

    /// `checkMemory` for models held in memory at once (`model bench --against`): their
    /// `memoryEstimate`s summed against this machine's physical memory.
    public static func checkMemory(_ configs: [ModelConfig], batch: Int, length: Int, training: Bool) throws {
        let need = configs.reduce(0) { $0 + $1.memoryEstimate(batch: batch, length: length, training: training) }
        let have = Double(ProcessInfo.processInfo.physicalMemory)
        guard need > have else { return }
        let gib = { (b: Double) in String(format: "%.1f GiB", b / 1_073_741_824) }
        let what = batch > 0 ? ", batch \(batch) × \(length) tokens" + (training ? " training" : "") : ""
        let parameters = configs.reduce(0) { $0 + $1.parameterEstimate }
        throw ModelError("the model\(configs.count == 1 ? " needs" : "s together need") about \(gib(need)) "
                         + "(\(NumberRange.text(parameters.rounded())) parameters\(what)); this machine has \(gib(have))")
    }
}

extension LayerPattern {
    /// Parses a pattern (any form LayerPattern decodes) from YAML or JSON text; one-line errors
    /// name the key path. Depth-dependent checks (kv_from, kv_share) are `validate(depth:)`'s.
    public static func parse(yaml text: String) throws -> LayerPattern {
        let node: Node
        do { node = try YAMLInput.compose(text) } catch let e as YAMLInputError { throw ModelError(e.located(in: "pattern")) }
        do {
            return try YAMLDecoder().decode(LayerPattern.self, from: node)
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
