// The reference `softmax-attention`: readable first, materialises the scores of one query row
// at a time, generic over Float and Double. The registry's `naive` kernel runs it in Double and
// rounds to Float, so it is also the accuracy yardstick for the fast kernels.
//
// Implements, per (b, h) and query t at position p (see SoftmaxAttention.swift for the mask):
//   s_j   = q_t·k_j / √D                       for visible j
//   lse_t = log Σ_j exp(s_j)
//   P_tj  = exp(s_j − lse_t)
//   o_t   = Σ_j P_tj v_j
// Backward (dO upstream):
//   dV_j += Σ_t P_tj dO_t
//   dP_tj = dO_t·v_j,  Δ_t = Σ_j P_tj dP_tj = dO_t·o_t
//   dS_tj = P_tj (dP_tj − Δ_t)
//   dQ_t  = Σ_j dS_tj k_j / √D,   dK_j += Σ_t dS_tj q_t / √D
// GQA: k, v of kv head g serve query heads g·G ..< (g+1)·G; dk, dv sum over them.
//
// Cost: O(B·H·pairs·D) time, O(S) extra memory per row. No tiling, no SIMD, no threads.
import LabCore
import RealModule

public enum NaiveSoftmaxAttention {
    /// Forward pass. - Parameters: q: [B, H, T, D]; k, v: [B, Hkv, S, D].
    public static func forward<Scalar: TensorScalar>(
        q: Tensor<Scalar>, k: Tensor<Scalar>, v: Tensor<Scalar>, shape: AttentionShape
    ) -> SoftmaxAttentionOutput<Scalar> {
        let (B, H, T, S, D, G) = (shape.B, shape.H, shape.T, shape.S, shape.D, shape.group)
        let scale = 1 / Scalar.sqrt(Scalar(D))
        var o = Tensor<Scalar>(zeros: [B, H, T, D])
        var lse = Tensor<Scalar>(zeros: [B, H, T])
        var scores = [Scalar](repeating: 0, count: S)
        for b in 0..<B {
            for h in 0..<H {
                let qBase = (b * H + h) * T * D
                let kBase = (b * shape.Hkv + h / G) * S * D
                for t in 0..<T {
                    let keys = shape.keyRange(query: t)
                    // pass 1: scores and their max
                    var m = -Scalar.infinity
                    for j in keys {
                        var dot: Scalar = 0
                        for d in 0..<D { dot += q.scalars[qBase + t * D + d] * k.scalars[kBase + j * D + d] }
                        scores[j] = dot * scale
                        m = Swift.max(m, scores[j])
                    }
                    // pass 2: normaliser
                    var sum: Scalar = 0
                    for j in keys { sum += Scalar.exp(scores[j] - m) }
                    let rowLSE = m + Scalar.log(sum)
                    lse.scalars[(b * H + h) * T + t] = rowLSE
                    // pass 3: weighted sum of values
                    for j in keys {
                        let p = Scalar.exp(scores[j] - rowLSE)
                        for d in 0..<D { o.scalars[qBase + t * D + d] += p * v.scalars[kBase + j * D + d] }
                    }
                }
            }
        }
        return SoftmaxAttentionOutput(o: o, lse: lse)
    }

    /// Backward pass. - Parameters: as `forward`, plus its output and dout: [B, H, T, D].
    public static func backward<Scalar: TensorScalar>(
        q: Tensor<Scalar>, k: Tensor<Scalar>, v: Tensor<Scalar>, output: SoftmaxAttentionOutput<Scalar>,
        dout: Tensor<Scalar>, shape: AttentionShape
    ) -> SoftmaxAttentionGradients<Scalar> {
        let (B, H, T, S, D, G) = (shape.B, shape.H, shape.T, shape.S, shape.D, shape.group)
        let scale = 1 / Scalar.sqrt(Scalar(D))
        var dq = Tensor<Scalar>(zeros: q.shape)
        var dk = Tensor<Scalar>(zeros: k.shape)
        var dv = Tensor<Scalar>(zeros: v.shape)
        for b in 0..<B {
            for h in 0..<H {
                let qBase = (b * H + h) * T * D
                let kBase = (b * shape.Hkv + h / G) * S * D
                for t in 0..<T {
                    let rowLSE = output.lse.scalars[(b * H + h) * T + t]
                    var delta: Scalar = 0  // Δ_t = dO_t·o_t
                    for d in 0..<D { delta += dout.scalars[qBase + t * D + d] * output.o.scalars[qBase + t * D + d] }
                    for j in shape.keyRange(query: t) {
                        var s: Scalar = 0, dp: Scalar = 0
                        for d in 0..<D {
                            s += q.scalars[qBase + t * D + d] * k.scalars[kBase + j * D + d]
                            dp += dout.scalars[qBase + t * D + d] * v.scalars[kBase + j * D + d]
                        }
                        let p = Scalar.exp(s * scale - rowLSE)
                        let ds = p * (dp - delta) * scale
                        for d in 0..<D {
                            dv.scalars[kBase + j * D + d] += p * dout.scalars[qBase + t * D + d]
                            dq.scalars[qBase + t * D + d] += ds * k.scalars[kBase + j * D + d]
                            dk.scalars[kBase + j * D + d] += ds * q.scalars[qBase + t * D + d]
                        }
                    }
                }
            }
        }
        return SoftmaxAttentionGradients(dq: dq, dk: dk, dv: dv)
    }
}

/// The registry's reference: `NaiveSoftmaxAttention` computed in Double, rounded to Float.
/// `threads` is accepted and ignored (the reference is single-threaded by design).
public struct NaiveSoftmaxAttentionKernel: SoftmaxAttentionKernel {
    public init() {}
    public var name: String { "naive" }
    public func unsupported(_ shape: AttentionShape) -> String? { nil }

    public func forward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, shape: AttentionShape,
                        threads: Int) -> SoftmaxAttentionOutput<Float> {
        _ = threads
        let out = NaiveSoftmaxAttention.forward(q: q.converted(to: Double.self), k: k.converted(to: Double.self),
                                                v: v.converted(to: Double.self), shape: shape)
        return SoftmaxAttentionOutput(o: out.o.converted(), lse: out.lse.converted())
    }

    public func backward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, output: SoftmaxAttentionOutput<Float>,
                         dout: Tensor<Float>, shape: AttentionShape, threads: Int) -> SoftmaxAttentionGradients<Float> {
        _ = threads
        let qd = q.converted(to: Double.self), kd = k.converted(to: Double.self), vd = v.converted(to: Double.self)
        // Recompute the forward in Double rather than trusting a Float `output` from another kernel.
        let fwd = NaiveSoftmaxAttention.forward(q: qd, k: kd, v: vd, shape: shape)
        let g = NaiveSoftmaxAttention.backward(q: qd, k: kd, v: vd, output: fwd,
                                               dout: dout.converted(to: Double.self), shape: shape)
        return SoftmaxAttentionGradients(dq: g.dq.converted(), dk: g.dk.converted(), dv: g.dv.converted())
    }
}
