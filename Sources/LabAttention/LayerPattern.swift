// Which variant each layer uses, as data, resolved once and read by the model, the cache builder
// and the memory accounting. Gemma 3's 5 local : 1 global, Gemma 2's 1:1 and RAttention's 3:1 are
// all just patterns; nothing else re-derives which layer is local.
//
// Study-file forms (JSON or YAML):
//   a list of entries, repeated cyclically to the depth (layer i uses unit[i mod unit.count],
//   as zoology does); an entry is a variant config or {repeat: n, layer: <config>}:
//     [{repeat: 3, layer: {kind: sliding_window, window: 64}}, {kind: full}]
//   a shorthand string with one letter a layer, L = local and G = global:
//     {shorthand: "LLLG", local: {kind: rattention, window: 64}, global: {kind: full}}
import Foundation
import LabCore

public struct LayerPattern: Codable, Hashable, Sendable, CustomStringConvertible {
    /// One cycle of the pattern, repeats expanded.
    public let unit: [AnyAttentionConfig]

    public init(unit: [AnyAttentionConfig]) {
        precondition(!unit.isEmpty, "a layer pattern needs at least one layer")
        self.unit = unit
    }

    /// Every layer the same variant.
    public init(uniform config: AnyAttentionConfig) { self.init(unit: [config]) }

    /// "LLLG"-style shorthand: one letter a layer, `L` → `local`, `G` → `global`.
    public init(shorthand: String, local: AnyAttentionConfig, global: AnyAttentionConfig) throws {
        var unit: [AnyAttentionConfig] = []
        for ch in shorthand {
            switch ch {
            case "L", "l": unit.append(local)
            case "G", "g": unit.append(global)
            default: throw PatternError("shorthand '\(shorthand)': letter '\(ch)' is neither L (local) nor G (global)")
            }
        }
        guard !unit.isEmpty else { throw PatternError("shorthand is empty") }
        self.init(unit: unit)
    }

    /// The config of layer `i` (cyclic).
    public func config(forLayer i: Int) -> AnyAttentionConfig { unit[i % unit.count] }

    /// The configs of a stack of `depth` layers.
    public func layers(depth: Int) -> [AnyAttentionConfig] { (0..<depth).map(config(forLayer:)) }

    /// Builds the variants of a `depth`-layer stack once; the model and the caches use these.
    public func build(depth: Int, dims: AttentionDims, positional: PositionalEncoding = .none,
                      initScales: AttentionInit = AttentionInit(), kernels: KernelChoice = KernelChoice()) -> [any AttentionVariant] {
        layers(depth: depth).map { $0.makeVariant(dims: dims, positional: positional, initScales: initScales, kernels: kernels) }
    }

    /// Analytic decode-state bytes of the whole stack for one sequence of `sequenceLength` tokens.
    public func stateBytes(depth: Int, dims: AttentionDims, sequenceLength: Int) -> Int {
        build(depth: depth, dims: dims).reduce(0) { $0 + $1.stateBytes(sequenceLength: sequenceLength) }
    }

    /// A compact form: runs of equal configs as `n×config`, e.g. `3×sliding_window(64), 1×full`.
    public var description: String {
        var parts: [String] = []
        var i = 0
        while i < unit.count {
            var j = i
            while j < unit.count && unit[j] == unit[i] { j += 1 }
            parts.append("\(j - i)×\(unit[i].canonicalJSON)")
            i = j
        }
        return parts.joined(separator: ", ")
    }

    // MARK: Codable

    private struct Entry: Decodable {
        let configs: [AnyAttentionConfig]
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            if c.contains(AnyCodingKey("repeat")) {
                try rejectUnknownKeys(decoder, allowed: ["repeat", "layer"], in: "pattern entry")
                let n = try c.required(Int.self, "repeat")
                guard n >= 1 else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("repeat")],
                                                            debugDescription: "repeat must be ≥ 1, got \(n)"))
                }
                configs = Array(repeating: try c.required(AnyAttentionConfig.self, "layer"), count: n)
            } else {
                configs = [try AnyAttentionConfig(from: decoder)]
            }
        }
    }

    public init(from decoder: Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var unit: [AnyAttentionConfig] = []
            while !list.isAtEnd { unit += try list.decode(Entry.self).configs }
            guard !unit.isEmpty else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "pattern is empty"))
            }
            self.init(unit: unit)
            return
        }
        try rejectUnknownKeys(decoder, allowed: ["shorthand", "local", "global"], in: "layer pattern")
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        let text = try c.required(String.self, "shorthand")
        let local = try c.optional(AnyAttentionConfig.self, "local")
        let global = try c.optional(AnyAttentionConfig.self, "global")
        let fallback = try AnyAttentionConfig.parse(json: #"{"kind": "full"}"#)
        if text.contains(where: { $0 == "L" || $0 == "l" }) && local == nil {
            throw DecodingError.keyNotFound(AnyCodingKey("local"), .init(codingPath: decoder.codingPath,
                                                                        debugDescription: "shorthand uses L but no local config"))
        }
        do {
            try self.init(shorthand: text, local: local ?? fallback, global: global ?? fallback)
        } catch let e as PatternError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("shorthand")], debugDescription: e.message))
        }
    }

    /// Encodes as the list form, runs collapsed to `{repeat: n, layer: …}`.
    public func encode(to encoder: Encoder) throws {
        var list = encoder.unkeyedContainer()
        var i = 0
        while i < unit.count {
            var j = i
            while j < unit.count && unit[j] == unit[i] { j += 1 }
            if j - i == 1 {
                try list.encode(unit[i])
            } else {
                var entry = list.nestedContainer(keyedBy: AnyCodingKey.self)
                try entry.encode(j - i, forKey: AnyCodingKey("repeat"))
                try entry.encode(unit[i], forKey: AnyCodingKey("layer"))
            }
            i = j
        }
    }
}

public struct PatternError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
