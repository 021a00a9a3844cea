// Strict decoding for configs read from study files: unknown keys are errors, and defaults are
// applied by hand (synthesized `Decodable` ignores property defaults).

/// A coding key for any string, to list the keys a config object actually has.
public struct AnyCodingKey: CodingKey, Hashable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ s: String) { stringValue = s }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { return nil }
}

/// Throws `DecodingError.dataCorrupted` naming the first key of the object at `decoder` that is
/// not in `allowed` (with the allowed keys listed), so a typo in a study file is never ignored.
public func rejectUnknownKeys(_ decoder: Decoder, allowed: Set<String>, in what: String) throws {
    let allowed = allowed.union(ConfigKeys.entryKeys)
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    for key in container.allKeys where !allowed.contains(key.stringValue) {
        throw DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: decoder.codingPath + [key],
            debugDescription: "unknown key '\(key.stringValue)' in \(what) (allowed: \(allowed.sorted().joined(separator: ", ")))"))
    }
}

extension KeyedDecodingContainer where K == AnyCodingKey {
    /// `decodeIfPresent` by string key.
    public func optional<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
        try decodeIfPresent(type, forKey: AnyCodingKey(key))
    }
    /// `decode` by string key.
    public func required<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
        try decode(type, forKey: AnyCodingKey(key))
    }
}

/// A readable one-line description of a decoding error: the key path and the reason.
public func describe(_ error: Error) -> String {
    func path(_ p: [CodingKey]) -> String {
        p.isEmpty ? "(top level)" : p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error as? DecodingError {
    case .dataCorrupted(let c)?: return "\(path(c.codingPath)): \(c.debugDescription)"
    case .keyNotFound(let k, let c)?: return "\(path(c.codingPath + [k])): required key is missing"
    case .typeMismatch(let t, let c)?: return "\(path(c.codingPath)): expected \(t) (\(c.debugDescription))"
    case .valueNotFound(let t, let c)?: return "\(path(c.codingPath)): expected \(t), found null"
    default: return "\(error)"
    }
}

public enum ConfigKeys {
    /// Keys a container adds to the variant config it wraps while that config is decoded: a
    /// LayerPattern entry binds `kv_from` here, so `{kind: full, kv_from: 4}` decodes (the variant
    /// ignores the key; the entry reads it) while `kv_from` anywhere else stays an unknown key.
    @TaskLocal public static var entryKeys: Set<String> = []
}
