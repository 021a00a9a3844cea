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

    static func forwardBody<S: TensorScalar>(_ x: Tensor<S>, scale g: Tensor<S>) -> Tensor<S> {
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var y = x
        for bh in 0..<(B * H) {
            let h = bh % H
            for t in 0..<T {
                let o = (bh * T + t) * D
                var ms: S = 0
                for d in 0..<D { ms += x.scalars[o + d] * x.scalars[o + d] }
                let r = 1 / S.sqrt(ms / S(D) + S(eps))
                for d in 0..<D { y.scalars[o + d] = x.scalars[o + d] * r * g.scalars[h * D + d] }
            }
        }
        return y
    }

    public static func backward<S: TensorScalar>(_ x: Tensor<S>, scale g: Tensor<S>, dy: Tensor<S>) -> (dx: Tensor<S>, dg: Tensor<S>) {
        let profiled = Profile.begin(); defer { Profile.end(.norms, profiled) }
        if S.self == Float.self {
            let r = backwardBody(asFloat(x) as Tensor<Float>, scale: asFloat(g), dy: asFloat(dy))
            return (asFloat(r.dx), asFloat(r.dg))
        }
        return backwardBody(x, scale: g, dy: dy)
    }

    static func backwardBody<S: TensorScalar>(_ x: Tensor<S>, scale g: Tensor<S>, dy: Tensor<S>) -> (dx: Tensor<S>, dg: Tensor<S>) {
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var dx = x
        var dg = Tensor<S>(zeros: g.shape)
        for bh in 0..<(B * H) {
            let h = bh % H
            for t in 0..<T {
                let o = (bh * T + t) * D
                var ms: S = 0, dot: S = 0
                for d in 0..<D {
                    ms += x.scalars[o + d] * x.scalars[o + d]
                    dot += x.scalars[o + d] * g.scalars[h * D + d] * dy.scalars[o + d]
                }
                let r = 1 / S.sqrt(ms / S(D) + S(eps))
                for d in 0..<D {
                    dx.scalars[o + d] = r * g.scalars[h * D + d] * dy.scalars[o + d] - r * r * r / S(D) * x.scalars[o + d] * dot
                    dg.scalars[h * D + d] += dy.scalars[o + d] * x.scalars[o + d] * r
                }
            }
        }
        return (dx, dg)
    }
}
