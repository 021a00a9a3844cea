// A variant config of any registered kind, as study files write it: `{kind: rattention, window: 64}`.
// Decoding reads `kind`, finds the type in AttentionRegistry, and decodes that type's Config from
// the same object (which rejects unknown keys). The registry line is the only place a kind appears.
import Foundation
import LabCore
import LabResults

public struct AnyAttentionConfig: Codable, Hashable, Sendable, CustomStringConvertible {
    public let kind: String
    public let config: any AttentionVariantConfig
    let variantType: any AttentionVariant.Type

    /// Wraps a concrete config.
    public init<V: AttentionVariant>(_ type: V.Type, _ config: V.Config) {
        kind = V.kind
        self.config = config
        variantType = type
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        let kind = try c.required(String.self, "kind")
        guard let type = AttentionRegistry.type(ofKind: kind) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("kind")],
                debugDescription: "unknown attention kind '\(kind)' (known: \(AttentionRegistry.kinds.joined(separator: ", ")))"))
        }
        self = try Self.decode(type, from: decoder)
    }

    private static func decode<V: AttentionVariant>(_ type: V.Type, from decoder: Decoder) throws -> AnyAttentionConfig {
        AnyAttentionConfig(type, try V.Config(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(kind, forKey: AnyCodingKey("kind"))
        try config.encode(to: encoder)
    }

    /// The window W, if the variant has one.
    public var window: Int? { config.window }
    /// How far back one layer sees, if bounded (`AttentionVariantConfig.reach`).
    public var reach: Int? { config.reach }
    /// Forward FLOPs per token of the mixing (`AttentionVariantConfig.mixerForwardFlopsPerToken`).
    public func mixerForwardFlopsPerToken(length T: Int, heads H: Int, headDim D: Int) -> Double {
        config.mixerForwardFlopsPerToken(length: T, heads: H, headDim: D)
    }
    /// How the variant presents itself (`AttentionVariant.about`).
    public var about: VariantDescription { variantType.about }

    /// Canonical JSON (sorted keys): equality, hashing and run ids use it.
    public var canonicalJSON: String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: (try? e.encode(self)) ?? Data(), as: UTF8.self)
    }
    public var description: String { canonicalJSON }
    public static func == (a: Self, b: Self) -> Bool { a.canonicalJSON == b.canonicalJSON }
    public func hash(into h: inout Hasher) { h.combine(canonicalJSON) }

    /// Builds the variant with the parent's shapes, positional encoding, initial scales and kernels.
    public func makeVariant(dims: AttentionDims, positional: PositionalEncoding = .none,
                            initScales: AttentionInit = AttentionInit(), kernels: KernelChoice = KernelChoice()) -> any AttentionVariant {
        func build<V: AttentionVariant>(_ type: V.Type) -> any AttentionVariant {
            V(config: config as! V.Config, dims: dims, positional: positional, initScales: initScales, kernels: kernels)
        }
        return build(variantType)
    }

    /// Parses a config from JSON text (tests, CLI).
    public static func parse(json: String) throws -> AnyAttentionConfig {
        try JSONDecoder().decode(AnyAttentionConfig.self, from: Data(json.utf8))
    }
}
