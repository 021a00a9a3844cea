// Positional encodings, applied by the shared QKV projection to q and k (never by a variant).
//
// `rope(theta)`: rotary embedding on interleaved pairs (2i, 2i+1), as AXLearn:
//   angle(p, i) = p · θ^(−2i/D),  [x₀, x₁] ↦ [x₀ cos − x₁ sin, x₀ sin + x₁ cos]
// The backward pass is the rotation by the negative angle. Positions are 0-based absolute.
import LabCore
import RealModule

public enum PositionalEncoding: Codable, Hashable, Sendable, CustomStringConvertible {
    case none
    case rope(theta: Double)

    public var description: String {
        switch self {
        case .none: "none"
        case .rope(let theta): "rope(theta: \(theta))"
        }
    }

    /// Study-file forms: `none`, `rope` (θ = 10,000), `{kind: rope, theta: 500000}`, `{kind: none}`.
    public init(from decoder: Decoder) throws {
        if let s = try? decoder.singleValueContainer().decode(String.self) {
            switch s {
            case "none": self = .none
            case "rope": self = .rope(theta: 10_000)
            default:
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                    debugDescription: "unknown positional encoding '\(s)' (known: none, rope)"))
            }
            return
        }
        try rejectUnknownKeys(decoder, allowed: ["kind", "theta"], in: "positional encoding")
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        switch try c.required(String.self, "kind") {
        case "none": self = .none
        case "rope":
            let theta = try c.number("theta", in: ConfigLimits.theta) ?? 10_000
            self = .rope(theta: theta)
        case let other:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("kind")],
                debugDescription: "unknown positional encoding '\(other)' (known: none, rope)"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        switch self {
        case .none: try c.encode("none", forKey: AnyCodingKey("kind"))
        case .rope(let theta):
            try c.encode("rope", forKey: AnyCodingKey("kind"))
            try c.encode(theta, forKey: AnyCodingKey("theta"))
        }
    }

    /// Applies the encoding to x: [B, H, T, D] whose token t sits at position `start + t`.
    /// `inverse` rotates by the negative angle (the backward pass, and un-rotating a cached key).
    public func apply<S: TensorScalar>(_ x: Tensor<S>, start: Int, inverse: Bool = false) -> Tensor<S> {
        let profiled = Profile.begin(); defer { Profile.end(.rope, profiled) }
        if S.self == Float.self { return asFloat(applyBody(asFloat(x) as Tensor<Float>, start: start, inverse: inverse)) }
        return applyBody(x, start: start, inverse: inverse)
    }

    func applyBody<S: TensorScalar>(_ x: Tensor<S>, start: Int, inverse: Bool) -> Tensor<S> {
        guard case .rope(let theta) = self else { return x }
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        precondition(D % 2 == 0, "RoPE needs an even head dim, got \(D)")
        var out = x
        let sign: Double = inverse ? -1 : 1
        for t in 0..<T {
            let p = Double(start + t)
            for i in 0..<(D / 2) {
                let angle = sign * p * Double.pow(theta, -2 * Double(i) / Double(D))
                let (c, s) = (S(Double.cos(angle)), S(Double.sin(angle)))
                for bh in 0..<(B * H) {
                    let o = (bh * T + t) * D + 2 * i
                    let (x0, x1) = (x.scalars[o], x.scalars[o + 1])
                    out.scalars[o] = x0 * c - x1 * s
                    out.scalars[o + 1] = x0 * s + x1 * c
                }
            }
        }
        return out
    }
}
