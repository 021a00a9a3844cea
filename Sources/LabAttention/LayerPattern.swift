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
//   the object form {layers: <a list as above>} (or the shorthand object) may add `kv_share`.
//
// Cross-layer KV sharing (KVSharing.swift; Apple's on-device model, docs/rattention.md). Layer
// indices are 0-based, as in the parameter names `layers.<i>.*`, and every error says so.
//   an entry `{kind: full, kv_from: 4}`: this layer has no K/V projections and reads layer 4's
//     keys and values (layer 4 must come earlier and have its own; repeated cyclically like any
//     entry, so every copy reads layer 4);
//   `kv_share: {ratio: "5:3"}` (AFM): at depth L the last ⌊L·3/8⌋ layers (the second block) read
//     the last layer of the first block, L − ⌊L·3/8⌋ − 1. It cannot be combined with kv_from.
// A consumer's kind may differ from its producer's when the producer's decode state covers what
// the consumer reads (KVNeed.check): sliding_window(W') reads full or any ring of ≥ W'+1; full reads
// only full; rattention reads a rattention producer with the same W and feature map (ring + linear
// state). `validate(depth:)` checks it; ModelConfig runs it at decoding.
import Foundation
import LabCore

public struct LayerPattern: Codable, Hashable, Sendable, CustomStringConvertible {
    /// One cycle of the pattern, repeats expanded.
    public let unit: [AnyAttentionConfig]
    /// `kv_from` of each unit entry: the 0-based layer whose keys and values it reads, or nil.
    public let kvFrom: [Int?]
    /// AFM's two-block split, if set.
    public let kvShare: KVShareRatio?

    public init(unit: [AnyAttentionConfig]) { self.init(unit: unit, kvFrom: nil, kvShare: nil) }

    public init(unit: [AnyAttentionConfig], kvFrom: [Int?]?, kvShare: KVShareRatio? = nil) {
        precondition(!unit.isEmpty, "a layer pattern needs at least one layer")
        precondition(kvFrom.map { $0.count == unit.count } ?? true, "kvFrom needs one entry per unit entry")
        self.unit = unit
        self.kvFrom = kvFrom ?? Array(repeating: nil, count: unit.count)
        self.kvShare = kvShare
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
        guard ConfigLimits.repeatCount.contains(unit.count) else {
            throw PatternError("shorthand has \(unit.count) letters; a pattern has at most \(ConfigLimits.repeatCount.upperBound) layers")
        }
        self.init(unit: unit)
    }

    /// The config of layer `i` (cyclic).
    public func config(forLayer i: Int) -> AnyAttentionConfig { unit[i % unit.count] }

    /// The configs of a stack of `depth` layers.
    public func layers(depth: Int) -> [AnyAttentionConfig] { (0..<depth).map(config(forLayer:)) }

    /// How far back a stack of `depth` layers can see, if every layer's reach is bounded
    /// (`AttentionVariantConfig.reach`): Σ reach over the layers (a token reaches W back per
    /// sliding-window layer); nil when any layer sees every earlier token.
    public func reach(depth: Int) -> Int? {
        var total = 0
        for layer in layers(depth: depth) {
            guard let r = layer.reach else { return nil }
            total += r
        }
        return total
    }

    /// Builds the variants of a `depth`-layer stack once; the model and the caches use these.
    public func build(depth: Int, dims: AttentionDims, positional: PositionalEncoding = .none,
                      initScales: AttentionInit = AttentionInit(), kernels: KernelChoice = KernelChoice()) -> [any AttentionVariant] {
        layers(depth: depth).map { $0.makeVariant(dims: dims, positional: positional, initScales: initScales, kernels: kernels) }
    }

    /// Analytic decode-state bytes of the whole stack for one sequence of `sequenceLength` tokens;
    /// a shared cache counts once (its consumers hold nothing).
    public func stateBytes(depth: Int, dims: AttentionDims, sequenceLength: Int) -> Int {
        table(depth: depth, dims: dims, sequenceLength: sequenceLength).reduce(0) { $0 + $1.bytes }
    }

    // MARK: KV sharing

    /// True if some layer reads another's keys and values.
    public var sharesKV: Bool { kvShare != nil || kvFrom.contains { $0 != nil } }

    /// The same layers, each with its own K/V projections and cache.
    public var unshared: LayerPattern { LayerPattern(unit: unit) }

    /// The 0-based producer each of `depth` layers reads (nil: its own K/V), unchecked (`validate`).
    public func kvSources(depth: Int) -> [Int?] {
        var sources = (0..<depth).map { kvFrom[$0 % unit.count] }
        if let share = kvShare {
            let second = share.secondBlock(depth: depth), first = depth - second
            for i in first..<depth where second > 0 { sources[i] = first - 1 }
        }
        return sources
    }

    /// Layers that other layers read.
    public func kvProducers(depth: Int) -> Set<Int> { Set(kvSources(depth: depth).compactMap { $0 }) }

    /// Checks the sharing of a `depth`-layer stack: every consumer reads an earlier, existing layer
    /// that has its own K/V projections and whose decode state covers what it reads. The error
    /// names the layer (0-based), its producer and the reason. `dims` only builds the variants to
    /// ask them (their kv offers and needs do not depend on it).
    public func validate(depth: Int, dims: AttentionDims = AttentionDims(modelDim: 2, heads: 1)) throws {
        if let share = kvShare, share.secondBlock(depth: depth) == 0 {
            throw PatternError("kv_share \(share.text): a stack of \(depth) layer(s) has no second block "
                               + "(⌊\(depth)·\(share.second)/\(share.first + share.second)⌋ = 0 layers)")
        }
        let sources = kvSources(depth: depth)
        let variants = sources.contains { $0 != nil } ? build(depth: depth, dims: dims) : []
        func label(_ i: Int) -> String { "layer \(i) (0-based; \(layerLabel(config(forLayer: i))))" }
        for (i, source) in sources.enumerated() {
            guard let p = source else { continue }
            let me = "\(label(i)): kv_from \(p)"
            if p == i { throw PatternError("\(me) is the layer itself; a layer reads the keys and values of an earlier layer") }
            if p < 0 || p >= depth { throw PatternError("\(me): no such layer (the stack has layers 0…\(depth - 1), 0-based)") }
            if p > i { throw PatternError("\(me) is a later layer; a layer reads the keys and values of an earlier layer") }
            if let q = sources[p] {
                throw PatternError("\(me), which has no K/V projections of its own (it reads layer \(q)); point kv_from at layer \(q)")
            }
            guard let need = variants[i].kvNeed else {
                throw PatternError("\(label(i)): kind \(config(forLayer: i).kind) cannot read another layer's keys and values")
            }
            guard let offer = variants[p].kvOffer else {
                throw PatternError("\(me): \(label(p)) cannot share its keys and values (kind \(config(forLayer: p).kind))")
            }
            if let reason = need.check(against: offer) {
                throw PatternError("\(label(i)) cannot read the keys and values of \(label(p)): \(reason)")
            }
        }
    }

    /// One row of a pattern's per-layer table.
    public struct LayerRow: Sendable, Equatable {
        /// 0-based.
        public var index: Int
        public var kind: String
        public var window: Int?
        /// The 0-based producer this layer reads, or nil.
        public var kvFrom: Int?
        /// Decode-state bytes this layer holds for one sequence (0 for a consumer).
        public var bytes: Int
    }

    /// Per layer: kind, window, producer and decode-state bytes at `sequenceLength` (one sequence, fp32).
    public func table(depth: Int, dims: AttentionDims, sequenceLength: Int) -> [LayerRow] {
        let sources = kvSources(depth: depth)
        return build(depth: depth, dims: dims).enumerated().map { i, v in
            LayerRow(index: i, kind: config(forLayer: i).kind, window: config(forLayer: i).window, kvFrom: sources[i],
                     bytes: sources[i] == nil ? v.stateBytes(sequenceLength: sequenceLength) : 0)
        }
    }

    /// A compact form: runs of equal configs as `n×config`, e.g. `3×sliding_window(64), 1×full`;
    /// `←k` marks entries reading layer k; `; kv_share a:b` the split.
    public var description: String {
        var parts: [String] = []
        var i = 0
        while i < unit.count {
            var j = i
            while j < unit.count && unit[j] == unit[i] && kvFrom[j] == kvFrom[i] { j += 1 }
            parts.append("\(j - i)×\(unit[i].canonicalJSON)" + (kvFrom[i].map { "←\($0)" } ?? ""))
            i = j
        }
        return parts.joined(separator: ", ") + (kvShare.map { "; kv_share \($0.text)" } ?? "")
    }

    // MARK: Codable

    /// A variant config with an optional `kv_from` beside its own keys.
    private struct EntryLayer: Decodable {
        let config: AnyAttentionConfig
        let kvFrom: Int?
        init(from decoder: Decoder) throws {
            config = try ConfigKeys.$entryKeys.withValue(["kv_from"]) { try AnyAttentionConfig(from: decoder) }
            kvFrom = try decoder.container(keyedBy: AnyCodingKey.self).optional(Int.self, "kv_from")
        }
    }

    private struct Entry: Decodable {
        let layers: [EntryLayer]
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            if c.contains(AnyCodingKey("repeat")) {
                try rejectUnknownKeys(decoder, allowed: ["repeat", "layer"], in: "pattern entry")
                guard let n = try c.integer("repeat", in: ConfigLimits.repeatCount) else {
                    throw DecodingError.keyNotFound(AnyCodingKey("repeat"), .init(codingPath: decoder.codingPath, debugDescription: "repeat is required"))
                }
                layers = Array(repeating: try c.required(EntryLayer.self, "layer"), count: n)
            } else {
                layers = [try EntryLayer(from: decoder)]
            }
        }
    }

    private struct EntryList: Decodable {
        let layers: [EntryLayer]
        init(from decoder: Decoder) throws {
            var list = try decoder.unkeyedContainer()
            var layers: [EntryLayer] = []
            while !list.isAtEnd { layers += try list.decode(Entry.self).layers }
            guard !layers.isEmpty else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "pattern is empty"))
            }
            guard ConfigLimits.repeatCount.contains(layers.count) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                    debugDescription: "pattern has \(layers.count) layers; at most \(ConfigLimits.repeatCount.upperBound)"))
            }
            self.layers = layers
        }
    }

    public init(from decoder: Decoder) throws {
        if (try? decoder.unkeyedContainer()) != nil {
            let list = try EntryList(from: decoder)
            self.init(unit: list.layers.map(\.config), kvFrom: list.layers.map(\.kvFrom))
            return
        }
        try rejectUnknownKeys(decoder, allowed: ["shorthand", "local", "global", "layers", "kv_share"], in: "layer pattern")
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        let kvShare = try c.optional(KVShareRatio.self, "kv_share")
        if c.contains(AnyCodingKey("layers")) {
            for key in ["shorthand", "local", "global"] where c.contains(AnyCodingKey(key)) {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key)],
                                                        debugDescription: "give either `layers` (a list) or `shorthand` with local/global, not both"))
            }
            let list = try c.required(EntryList.self, "layers")
            if kvShare != nil, list.layers.contains(where: { $0.kvFrom != nil }) {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("kv_share")],
                                                        debugDescription: "kv_share and kv_from together: give one (kv_share makes the second block read the first's last layer)"))
            }
            self.init(unit: list.layers.map(\.config), kvFrom: list.layers.map(\.kvFrom), kvShare: kvShare)
            return
        }
        guard c.contains(AnyCodingKey("shorthand")) else {
            throw DecodingError.keyNotFound(AnyCodingKey("shorthand"), .init(codingPath: decoder.codingPath,
                debugDescription: "a pattern object needs `layers` (a list) or `shorthand`"))
        }
        let text = try c.required(String.self, "shorthand")
        let local = try c.optional(AnyAttentionConfig.self, "local")
        let global = try c.optional(AnyAttentionConfig.self, "global")
        let fallback = AttentionRegistry.referenceConfig
        if text.contains(where: { $0 == "L" || $0 == "l" }) && local == nil {
            throw DecodingError.keyNotFound(AnyCodingKey("local"), .init(codingPath: decoder.codingPath,
                                                                        debugDescription: "shorthand uses L but no local config"))
        }
        let plain: LayerPattern
        do {
            plain = try LayerPattern(shorthand: text, local: local ?? fallback, global: global ?? fallback)
        } catch let e as PatternError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("shorthand")], debugDescription: e.message))
        }
        self.init(unit: plain.unit, kvFrom: nil, kvShare: kvShare)
    }

    /// A config and its kv_from, encoded as one object.
    private struct EntryOut: Encodable {
        let config: AnyAttentionConfig, kvFrom: Int?
        func encode(to encoder: Encoder) throws {
            try config.encode(to: encoder)
            if let kvFrom {
                var c = encoder.container(keyedBy: AnyCodingKey.self)
                try c.encode(kvFrom, forKey: AnyCodingKey("kv_from"))
            }
        }
    }

    /// The list form, runs collapsed to `{repeat: n, layer: …}`.
    private struct ListOut: Encodable {
        let pattern: LayerPattern
        func encode(to encoder: Encoder) throws {
            let (unit, kvFrom) = (pattern.unit, pattern.kvFrom)
            var list = encoder.unkeyedContainer()
            var i = 0
            while i < unit.count {
                var j = i
                while j < unit.count && unit[j] == unit[i] && kvFrom[j] == kvFrom[i] { j += 1 }
                let entry = EntryOut(config: unit[i], kvFrom: kvFrom[i])
                if j - i == 1 {
                    try list.encode(entry)
                } else {
                    var c = list.nestedContainer(keyedBy: AnyCodingKey.self)
                    try c.encode(j - i, forKey: AnyCodingKey("repeat"))
                    try c.encode(entry, forKey: AnyCodingKey("layer"))
                }
                i = j
            }
        }
    }

    /// Encodes as the list form, or `{layers: <list>, kv_share: {ratio: "a:b"}}` with a split.
    public func encode(to encoder: Encoder) throws {
        guard let kvShare else { return try ListOut(pattern: self).encode(to: encoder) }
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(ListOut(pattern: self), forKey: AnyCodingKey("layers"))
        try c.encode(kvShare, forKey: AnyCodingKey("kv_share"))
    }
}

/// AFM's split `{ratio: "a:b"}`: of L layers the last ⌊L·b/(a+b)⌋ (rounded down: never more
/// sharing than the ratio) form the second block and read the first block's last layer.
/// 5:3 at L = 8: layers 5, 6, 7 read layer 4.
public struct KVShareRatio: Codable, Hashable, Sendable {
    public let first: Int, second: Int

    public init(first: Int, second: Int) throws {
        guard first >= 1, second >= 1 else { throw PatternError("kv_share ratio \(first):\(second): both parts must be ≥ 1") }
        self.first = first; self.second = second
    }

    /// "5:3".
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let a = parts[0], let b = parts[1] else {
            throw PatternError("kv_share ratio '\(text)': expected two integers a:b, e.g. \"5:3\"")
        }
        try self.init(first: a, second: b)
    }

    public var text: String { "\(first):\(second)" }

    /// Layers in the second block of a `depth`-layer stack: ⌊depth·second/(first+second)⌋.
    public func secondBlock(depth: Int) -> Int { depth * second / (first + second) }

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: ["ratio"], in: "kv_share")
        let text = try decoder.container(keyedBy: AnyCodingKey.self).required(String.self, "ratio")
        do { try self.init(parsing: text) } catch let e as PatternError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("ratio")], debugDescription: e.message))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(text, forKey: AnyCodingKey("ratio"))
    }
}

public struct PatternError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
