// Per-head RMSNorm over the head dimension (AXLearn's GroupRMSNorm as RAttention uses it):
//   r = (mean_d x² + eps)^(−½),  y = x · r ⊙ g[h]            x, y: [B, H, T, D], g: [H, D]
// Backward (docs/rattention.md):
//   dx = r·(g⊙dy) − (r³/D)·x·Σ_d(x⊙g⊙dy),   dg[h] = Σ_{b,t} dy⊙x·r
// At x = 0 (RAttention's linear branch for t ≤ W) the Jacobian is g/√eps = 1e4·g; harmless,
// since nothing upstream depends on those rows when S₀ = 0.
import LabCore
import RealModule

public enum HeadRMSNorm {
    public static let eps = 1e-8

    public static func initialScale(heads: Int, headDim: Int, gain: Double) -> Tensor<Float> {
        Tensor(zeros: [heads, headDim], value: Float(gain))
    }

    public static func forward<S: TensorScalar>(_ x: Tensor<S>, scale g: Tensor<S>) -> Tensor<S> {
        let profiled = Profile.begin(); defer { Profile.end(.norms, profiled) }
        if S.self == Float.self { return asFloat(forwardBody(asFloat(x) as Tensor<Float>, scale: asFloat(g))) }
        return forwardBody(x, scale: g)
    }

    /// Float: 16-lane rows (LabCore's `RMSNormRows`).
    static func forwardBody(_ x: Tensor<Float>, scale g: Tensor<Float>) -> Tensor<Float> {
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let y = [Float](unsafeUninitializedCapacity: x.count) { yb, n in
            x.scalars.withUnsafeBufferPointer { xp in g.scalars.withUnsafeBufferPointer { gp in
                for bh in 0..<(B * H) {
                    let gh = gp.baseAddress! + (bh % H) * D
                    for t in 0..<T {
                        let o = (bh * T + t) * D
                        let r = RMSNormRows.inverseRMS(xp.baseAddress! + o, count: D, eps: Float(eps))
                        RMSNormRows.scale(xp.baseAddress! + o, r: r, gain: gh, count: D, into: yb.baseAddress! + o)
                    }
                }
            }}
            n = x.count
        }
        return Tensor(shape: x.shape, scalars: y)
    }

    static func forwardBody<S: TensorScalar>(_ x: Tensor<S>, scale g: Tensor<S>) -> Tensor<S> {
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let y = [S](unsafeUninitializedCapacity: x.count) { yb, n in
            x.scalars.withUnsafeBufferPointer { xp in g.scalars.withUnsafeBufferPointer { gp in
                let yp = yb.baseAddress!
                // Row pointers: the inner loops index by d alone (no overflow-checked offsets).
                for bh in 0..<(B * H) {
                    let gh = gp.baseAddress! + (bh % H) * D
                    for t in 0..<T {
                        let (xr, yr) = (xp.baseAddress! + (bh * T + t) * D, yp + (bh * T + t) * D)
                        var ms: S = 0
                        for d in 0..<D { ms += xr[d] * xr[d] }
                        let r = 1 / S.sqrt(ms / S(D) + S(eps))
                        for d in 0..<D { (yr + d).initialize(to: xr[d] * r * gh[d]) }
                    }
                }
            }}
            n = x.count
        }
        return Tensor(shape: x.shape, scalars: y)
    }

    public static func backward<S: TensorScalar>(_ x: Tensor<S>, scale g: Tensor<S>, dy: Tensor<S>) -> (dx: Tensor<S>, dg: Tensor<S>) {
        let profiled = Profile.begin(); defer { Profile.end(.norms, profiled) }
        if S.self == Float.self {
            let r = backwardBody(asFloat(x) as Tensor<Float>, scale: asFloat(g), dy: asFloat(dy))
            return (asFloat(r.dx), asFloat(r.dg))
        }
        return backwardBody(x, scale: g, dy: dy)
    }

    /// Float: 16-lane rows (LabCore's `RMSNormRows`; r recomputed from x).
    static func backwardBody(_ x: Tensor<Float>, scale g: Tensor<Float>, dy: Tensor<Float>) -> (dx: Tensor<Float>, dg: Tensor<Float>) {
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var dg = [Float](repeating: 0, count: g.count)
        let dx = [Float](unsafeUninitializedCapacity: x.count) { db, n in
            x.scalars.withUnsafeBufferPointer { xp in g.scalars.withUnsafeBufferPointer { gp in
                dy.scalars.withUnsafeBufferPointer { gy in dg.withUnsafeMutableBufferPointer { dgp in
                    for bh in 0..<(B * H) {
                        let (gh, dgh) = (gp.baseAddress! + (bh % H) * D, dgp.baseAddress! + (bh % H) * D)
                        for t in 0..<T {
                            let o = (bh * T + t) * D
                            let r = RMSNormRows.inverseRMS(xp.baseAddress! + o, count: D, eps: Float(eps))
                            RMSNormRows.backward(x: xp.baseAddress! + o, gain: gh, dy: gy.baseAddress! + o, r: r, count: D,
                                                 residual: nil, dx: db.baseAddress! + o, dg: dgh)
                        }
                    }
                }}
            }}
            n = x.count
        }
        return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: g.shape, scalars: dg))
    }

    static func backwardBody<S: TensorScalar>(_ x: Tensor<S>, scale g: Tensor<S>, dy: Tensor<S>) -> (dx: Tensor<S>, dg: Tensor<S>) {
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var dg = [S](repeating: 0, count: g.count)
        let dx = [S](unsafeUninitializedCapacity: x.count) { db, n in
            x.scalars.withUnsafeBufferPointer { xp in g.scalars.withUnsafeBufferPointer { gp in
                dy.scalars.withUnsafeBufferPointer { gy in dg.withUnsafeMutableBufferPointer { dgp in
                    let dxp = db.baseAddress!
                    for bh in 0..<(B * H) {
                        let (gh, dgh) = (gp.baseAddress! + (bh % H) * D, dgp.baseAddress! + (bh % H) * D)
                        for t in 0..<T {
                            let o = (bh * T + t) * D
                            let (xr, gr, dxr) = (xp.baseAddress! + o, gy.baseAddress! + o, dxp + o)
                            var ms: S = 0, dot: S = 0
                            for d in 0..<D {
                                ms += xr[d] * xr[d]
                                dot += xr[d] * gh[d] * gr[d]
                            }
                            let r = 1 / S.sqrt(ms / S(D) + S(eps))
                            for d in 0..<D { (dxr + d).initialize(to: r * gh[d] * gr[d] - r * r * r / S(D) * xr[d] * dot) }
                            for d in 0..<D { dgh[d] += gr[d] * xr[d] * r }
                        }
                    }
                }}
            }}
            n = x.count
        }
        return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: g.shape, scalars: dg))
    }
}
