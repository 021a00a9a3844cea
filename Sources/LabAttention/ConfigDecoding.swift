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
    /// `decodeIfPresent` by string key. An explicit null (`key: null`, `key: ~`, `key:`) is an
    /// error naming the key, never the default: omit the key to get the default.
    public func optional<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
        let k = AnyCodingKey(key)
        if contains(k), (try? decodeNil(forKey: k)) == true {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [k], debugDescription: NumberRange.nullMessage))
        }
        return try decodeIfPresent(type, forKey: k)
    }

    /// An optional integer at `key` that must lie in `range` (errors name the key and the range).
    public func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = try optional(Int.self, key) else { return nil }
        if let problem = NumberRange(range).problem(v) {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [AnyCodingKey(key)], debugDescription: problem))
        }
        return v
    }

    /// An optional number at `key` that must lie in `range`; NaN and ±Inf are rejected by name.
    public func number(_ key: String, in range: NumberRange) throws -> Double? {
        guard let v = try optional(Double.self, key) else { return nil }
        if let problem = range.problem(v) {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [AnyCodingKey(key)], debugDescription: problem))
        }
        return v
    }
    /// `decode` by string key.
    public func required<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
        try decode(type, forKey: AnyCodingKey(key))
    }
}

public enum ConfigKeys {
    /// Keys a container adds to the variant config it wraps while that config is decoded: a
    /// LayerPattern entry binds `kv_from` here, so `{kind: full, kv_from: 4}` decodes (the variant
    /// ignores the key; the entry reads it) while `kv_from` anywhere else stays an unknown key.
    @TaskLocal public static var entryKeys: Set<String> = []
}

/// The documented range of a numeric setting, and the one-line reason a value is outside it.
///
/// `[lo, hi]` (closed) or `(lo, hi]` (`lowerOpen`, e.g. a learning rate > 0). NaN and ±Inf are
/// never in range: `problem(.nan)` reads `nan is not a number in [0, 64]`; an out-of-range value
/// reads `must be in [0, 64], got 1e+12`.
public struct NumberRange: Sendable, Hashable, CustomStringConvertible {
    public let lower: Double, upper: Double
    public let lowerOpen: Bool, upperOpen: Bool

    public init(_ r: ClosedRange<Double>, lowerOpen: Bool = false, upperOpen: Bool = false) {
        lower = r.lowerBound; upper = r.upperBound; self.lowerOpen = lowerOpen; self.upperOpen = upperOpen
    }
    public init(_ r: ClosedRange<Int>) { self.init(Double(r.lowerBound)...Double(r.upperBound)) }

    /// What an explicit null is told.
    public static let nullMessage = "null is not a value: give one, or omit the key to use the default"

    public var description: String {
        (lowerOpen ? "(" : "[") + Self.text(lower) + ", " + Self.text(upper) + (upperOpen ? ")" : "]")
    }

    /// Whether `v` is a finite number inside the range.
    public func contains(_ v: Double) -> Bool {
        v.isFinite && (lowerOpen ? v > lower : v >= lower) && (upperOpen ? v < upper : v <= upper)
    }

    /// nil when `v` is in range, else the reason (naming `v` and the range).
    public func problem(_ v: Double) -> String? {
        if contains(v) { return nil }
        if !v.isFinite { return "\(Self.text(v)) is not a number in \(self)" }
        return "must be in \(self), got \(Self.text(v))"
    }
    public func problem(_ v: Int) -> String? {
        contains(Double(v)) ? nil : "must be in \(self), got \(v)"
    }

    /// `nan`, `inf`, `-inf`, integers as integers (below 1e15), else Swift's shortest form.
    public static func text(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return "\(v)"
    }
}

/// The ranges of the variant and pattern config keys (checked where each key is decoded).
public enum ConfigLimits {
    /// `window` W of `sliding_window` and `rattention`: 0 … 2^24 tokens.
    public static let window = 0...(1 << 24)
    /// `chunk` of the linear-attention kernel: 1 … 65536.
    public static let chunk = 1...65_536
    /// `repeat` of a pattern entry: 1 … 1024 (a model has at most 1024 layers).
    public static let repeatCount = 1...1_024
    /// RoPE `theta`: (0, 1e12].
    public static let theta = NumberRange(0...1e12, lowerOpen: true)
}
