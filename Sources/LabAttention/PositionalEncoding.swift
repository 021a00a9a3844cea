// Positional encodings, applied by the shared QKV projection to q and k (never by a variant).
//
// `rope(theta)`: rotary embedding on interleaved pairs (2i, 2i+1), as AXLearn:
//   angle(p, i) = p · θ^(−2i/D),  [x₀, x₁] ↦ [x₀ cos − x₁ sin, x₀ sin + x₁ cos]
// The backward pass is the rotation by the negative angle. Positions are 0-based absolute.
import Foundation
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
    /// `adding` (x's shape) is added to the result, rounded as a separate add would be: a gradient
    /// of the same tensor from another branch (RAttention's linear branch). On the 16-lane path
    /// (Float, D a multiple of 16) the add is in the rotation's pass; elsewhere it is a second loop.
    public func apply<S: TensorScalar>(_ x: Tensor<S>, start: Int, inverse: Bool = false, adding extra: Tensor<S>? = nil) -> Tensor<S> {
        precondition(extra.map { $0.shape == x.shape } ?? true, "positional encoding: adding \(extra?.shape ?? []) to \(x.shape)")
        guard case .rope = self else { return extra.map { LinearAlgebra.add(x, $0) } ?? x }
        let profiled = Profile.begin(); defer { Profile.end(.rope, profiled) }
        if S.self == Float.self {
            return asFloat(applyFloat(asFloat(x) as Tensor<Float>, start: start, inverse: inverse, adding: extra.map { asFloat($0) }))
        }
        return applyBody(x, start: start, inverse: inverse, adding: extra)
    }

    /// Float rows in 16-lane SIMD when D is a multiple of 16 (else `applyBody`): with the tables
    /// laid out per element, cos' = [c₀, c₀, c₁, c₁, …] and sin' = [−s₀, s₀, −s₁, s₁, …],
    /// out = x ∘ cos' + swap(x) ∘ sin', swap exchanging the two entries of every pair — the same
    /// products as the pairwise formula (x₀c − x₁s, x₁c + x₀s), no element-by-element loop.
    func applyFloat(_ x: Tensor<Float>, start: Int, inverse: Bool, adding extra: Tensor<Float>?) -> Tensor<Float> {
        guard case .rope(let theta) = self else { return x }
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        guard D % 16 == 0 else { return applyBody(x, start: start, inverse: inverse, adding: extra) }
        typealias V = SIMD16<Float>
        let table = RopeTable.elementwise(theta: theta, D: D, start: start, T: T, inverse: inverse)
        let out = [Float](unsafeUninitializedCapacity: x.count) { o, n in
            x.scalars.withUnsafeBufferPointer { xp in table.cos.withUnsafeBufferPointer { cp in table.sin.withUnsafeBufferPointer { sp in
            (extra?.scalars ?? []).withUnsafeBufferPointer { ep in
                // `finish` (the add of `extra`'s rows or nothing) is inlined into one loop each
                @inline(__always) func rotateRows(_ finish: (V, Int) -> V) {
                    for bt in 0..<(B * H * T) {
                        let row = bt &* D, trow = (bt % T) &* D
                        var j = 0
                        while j < D {
                            let v = UnsafeRawPointer(xp.baseAddress! + row + j).loadUnaligned(as: V.self)
                            var swapped = V()
                            swapped.evenHalf = v.oddHalf; swapped.oddHalf = v.evenHalf
                            let c = UnsafeRawPointer(cp.baseAddress! + trow + j).loadUnaligned(as: V.self)
                            let s = UnsafeRawPointer(sp.baseAddress! + trow + j).loadUnaligned(as: V.self)
                            UnsafeMutableRawPointer(o.baseAddress! + row + j).storeBytes(of: finish(v * c + swapped * s, row + j), as: V.self)
                            j &+= 16
                        }
                    }
                }
                if extra == nil {
                    rotateRows { rotated, _ in rotated }
                } else {
                    rotateRows { rotated, i in rotated + UnsafeRawPointer(ep.baseAddress! + i).loadUnaligned(as: V.self) }
                }
            }}}}
            n = x.count
        }
        return Tensor(shape: x.shape, scalars: out)
    }

    func applyBody<S: TensorScalar>(_ x: Tensor<S>, start: Int, inverse: Bool, adding extra: Tensor<S>?) -> Tensor<S> {
        guard case .rope(let theta) = self else { return x }
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        precondition(D % 2 == 0, "RoPE needs an even head dim, got \(D)")
        let half = D / 2
        let table = RopeTable.angles(theta: theta, D: D, start: start, T: T, inverse: inverse)
        let (cs, sn) = (table.cos.map { S($0) }, table.sin.map { S($0) })
        // Rows are contiguous: (b, h) outer, t, then the D/2 pairs of row t (cos/sin row t).
        let out = [S](unsafeUninitializedCapacity: x.count) { o, n in
            x.scalars.withUnsafeBufferPointer { xp in cs.withUnsafeBufferPointer { cp in sn.withUnsafeBufferPointer { sp in
                for bt in 0..<(B * H * T) {
                    let (xr, or) = (xp.baseAddress! + bt * D, o.baseAddress! + bt * D)
                    let (cr, sr) = (cp.baseAddress! + (bt % T) * half, sp.baseAddress! + (bt % T) * half)
                    for i in 0..<half {  // pair i: elements 2i, 2i+1 (unchecked: 2i+1 < D)
                        let (x0, x1, c, s) = (xr[i &<< 1], xr[i &<< 1 &+ 1], cr[i], sr[i])
                        (or + (i &<< 1)).initialize(to: x0 * c - x1 * s)
                        (or + (i &<< 1 &+ 1)).initialize(to: x0 * s + x1 * c)
                    }
                }
            }}}
            if let extra { extra.scalars.withUnsafeBufferPointer { ep in for i in 0..<x.count { o[i] += ep[i] } } }
            n = x.count
        }
        return Tensor(shape: x.shape, scalars: out)
    }
}

/// cos and sin of the rotation angles `sign · p · θ^(−2i/D)` for positions p = start ..< start+T
/// and pairs i < D/2, row-major [T, D/2], in Double. Tables from position 0 (training, prefill:
/// the same few shapes every step) are kept (at most 64, then the store starts over); decoding's
/// one-position tables are computed each call (D/2 angles).
enum RopeTable {
    struct Key: Hashable { var theta: Double, D: Int, T: Int, inverse: Bool }
    final class Store: @unchecked Sendable {
        let lock = NSLock()
        var tables: [Key: (cos: [Double], sin: [Double])] = [:]
        var elementwise: [Key: (cos: [Float], sin: [Float])] = [:]
    }
    static let store = Store()

    static func angles(theta: Double, D: Int, start: Int, T: Int, inverse: Bool) -> (cos: [Double], sin: [Double]) {
        guard start == 0 else { return compute(theta: theta, D: D, start: start, T: T, inverse: inverse) }
        let key = Key(theta: theta, D: D, T: T, inverse: inverse)
        store.lock.lock()
        if let t = store.tables[key] { store.lock.unlock(); return t }
        store.lock.unlock()
        let t = compute(theta: theta, D: D, start: 0, T: T, inverse: inverse)
        store.lock.lock()
        if store.tables.count >= 64 { store.tables.removeAll() }
        store.tables[key] = t
        store.lock.unlock()
        return t
    }

    /// The tables per element, in Float, [T, D]: cos' = [c₀, c₀, c₁, c₁, …], sin' = [−s₀, s₀, −s₁, s₁, …]
    /// (`PositionalEncoding.applyFloat`); kept like `angles` for tables from position 0.
    static func elementwise(theta: Double, D: Int, start: Int, T: Int, inverse: Bool) -> (cos: [Float], sin: [Float]) {
        let key = Key(theta: theta, D: D, T: T, inverse: inverse)
        if start == 0 {
            store.lock.lock()
            if let t = store.elementwise[key] { store.lock.unlock(); return t }
            store.lock.unlock()
        }
        let (c, s) = angles(theta: theta, D: D, start: start, T: T, inverse: inverse)
        let half = D / 2
        var cd = [Float](repeating: 0, count: T * D), sd = cd
        for t in 0..<T {
            for i in 0..<half {
                let (ci, si) = (Float(c[t * half + i]), Float(s[t * half + i]))
                (cd[t * D + 2 * i], cd[t * D + 2 * i + 1]) = (ci, ci)
                (sd[t * D + 2 * i], sd[t * D + 2 * i + 1]) = (-si, si)
            }
        }
        if start == 0 {
            store.lock.lock()
            if store.elementwise.count >= 64 { store.elementwise.removeAll() }
            store.elementwise[key] = (cd, sd)
            store.lock.unlock()
        }
        return (cd, sd)
    }

    static func compute(theta: Double, D: Int, start: Int, T: Int, inverse: Bool) -> (cos: [Double], sin: [Double]) {
        let half = D / 2, sign: Double = inverse ? -1 : 1
        var c = [Double](repeating: 0, count: T * half), s = c
        for t in 0..<T {
            let p = Double(start + t)
            for i in 0..<half {
                let angle = sign * p * Double.pow(theta, -2 * Double(i) / Double(D))
                (c[t * half + i], s[t * half + i]) = (Double.cos(angle), Double.sin(angle))
            }
        }
        return (c, s)
    }
}
