// The reference `residual-linear-attention`: the token loop of docs/rattention.md, readable first,
// generic over Float and Double. The registry's `recurrent` kernel runs it in Double and rounds to
// Float, so it is the accuracy yardstick for the fast kernels.
//
// Implements, per (b, h), with shift = W + 1, Q̃_t = φ(q_t), K̃_j = φ(k_j):
//   S = S_0
//   for t in 0..<T:
//     if t − shift ≥ 0: S += K̃_{t−shift} v_{t−shift}ᵀ        // token t−W−1 leaves the window
//     o_t = Q̃_tᵀ S
//   S_T = S
// Backward (dO upstream). Token j sits in S_t for every t ≥ j + shift, and S_0 in every S_t, so
// with G_t = Σ_{t' ≥ t} Q̃_{t'} dO_{t'}ᵀ  ([D', D]):
//   dQ̃_t = S_t dO_t                 (pass 1, forward in t, rebuilding S_t)
//   dK̃_j = G_{j+shift} v_j,  dv_j = G_{j+shift}ᵀ K̃_j,  dS_0 = G_0   (pass 2, reverse in t)
//   dq = φ'(dQ̃), dk = φ'(dK̃)
// GQA: k, v of kv head g serve query heads g·G ..< (g+1)·G; dk, dv sum over them.
//
// Cost: O(B·H·T·D'·D) time, O(D'·D) state per head. No chunks, no SIMD, no threads.
import LabCore

public enum RecurrentLinearAttention {
    /// Forward pass. - Parameters: q: [B, H, T, D]; k, v: [B, Hkv, T, D]; s0: [B, H, 2D, D] or nil.
    /// - Returns: o: [B, H, T, D] and sT: [B, H, 2D, D].
    /// - Complexity: O(B·H·T·D²) time.
    public static func forward<Scalar: TensorScalar>(
        q: Tensor<Scalar>, k: Tensor<Scalar>, v: Tensor<Scalar>, s0: Tensor<Scalar>?, shape: LinearAttentionShape
    ) -> LinearAttentionOutput<Scalar> {
        let (B, H, T, D, G, Dp) = (shape.B, shape.H, shape.T, shape.D, shape.group, shape.featureDim)
        var o = Tensor<Scalar>(zeros: [B, H, T, D])
        var sT = s0 ?? Tensor<Scalar>(zeros: shape.stateShape)
        var fq = [Scalar](repeating: 0, count: Dp), fk = fq
        q.scalars.withUnsafeBufferPointer { qb in
        k.scalars.withUnsafeBufferPointer { kb in
        v.scalars.withUnsafeBufferPointer { vb in
        o.scalars.withUnsafeMutableBufferPointer { ob in
        sT.scalars.withUnsafeMutableBufferPointer { sb in
        fq.withUnsafeMutableBufferPointer { fqb in
        fk.withUnsafeMutableBufferPointer { fkb in
            let (fq, fk) = (fqb.baseAddress!, fkb.baseAddress!)
            for b in 0..<B {
                for h in 0..<H {
                    let qh = qb.baseAddress! + (b * H + h) * T * D, oh = ob.baseAddress! + (b * H + h) * T * D
                    let kh = kb.baseAddress! + (b * shape.Hkv + h / G) * T * D
                    let vh = vb.baseAddress! + (b * shape.Hkv + h / G) * T * D
                    let S = sb.baseAddress! + (b * H + h) * Dp * D
                    for t in 0..<T {
                        let j = t - shape.shift
                        if j >= 0 {  // S += φ(k_j) v_jᵀ
                            shape.featureMap.apply(kh + j * D, count: D, into: fk)
                            for i in 0..<Dp { for d in 0..<D { S[i * D + d] += fk[i] * vh[j * D + d] } }
                        }
                        shape.featureMap.apply(qh + t * D, count: D, into: fq)  // o_t = φ(q_t)ᵀ S
                        for i in 0..<Dp { for d in 0..<D { oh[t * D + d] += fq[i] * S[i * D + d] } }
                    }
                }
            }
        }}}}}}}
        return LinearAttentionOutput(o: o, sT: sT)
    }

    /// Backward pass. - Parameters: as `forward`, plus dout: [B, H, T, D].
    /// - Returns: dq, dk, dv (input shapes) and ds0: [B, H, 2D, D] (returned even when `s0` is nil).
    /// - Complexity: O(B·H·T·D²) time.
    public static func backward<Scalar: TensorScalar>(
        q: Tensor<Scalar>, k: Tensor<Scalar>, v: Tensor<Scalar>, s0: Tensor<Scalar>?, dout: Tensor<Scalar>,
        shape: LinearAttentionShape
    ) -> LinearAttentionGradients<Scalar> {
        let (B, H, T, D, G, Dp) = (shape.B, shape.H, shape.T, shape.D, shape.group, shape.featureDim)
        var dq = Tensor<Scalar>(zeros: q.shape), dk = Tensor<Scalar>(zeros: k.shape), dv = Tensor<Scalar>(zeros: v.shape)
        var ds0 = Tensor<Scalar>(zeros: shape.stateShape)
        var S = [Scalar](repeating: 0, count: Dp * D)
        var f = [Scalar](repeating: 0, count: Dp), df = f, dx = [Scalar](repeating: 0, count: D)
        q.scalars.withUnsafeBufferPointer { qb in
        k.scalars.withUnsafeBufferPointer { kb in
        v.scalars.withUnsafeBufferPointer { vb in
        dout.scalars.withUnsafeBufferPointer { gb in
        dq.scalars.withUnsafeMutableBufferPointer { dqb in
        dk.scalars.withUnsafeMutableBufferPointer { dkb in
        dv.scalars.withUnsafeMutableBufferPointer { dvb in
        ds0.scalars.withUnsafeMutableBufferPointer { dsb in
        S.withUnsafeMutableBufferPointer { Sb in
        f.withUnsafeMutableBufferPointer { fb in
        df.withUnsafeMutableBufferPointer { dfb in
        dx.withUnsafeMutableBufferPointer { dxb in
            let (S, f, df, dx) = (Sb.baseAddress!, fb.baseAddress!, dfb.baseAddress!, dxb.baseAddress!)
            let fm = shape.featureMap
            for b in 0..<B {
                for h in 0..<H {
                    let bh = b * H + h, kvOffset = (b * shape.Hkv + h / G) * T * D
                    let qh = qb.baseAddress! + bh * T * D, gh = gb.baseAddress! + bh * T * D
                    let dqh = dqb.baseAddress! + bh * T * D
                    let kh = kb.baseAddress! + kvOffset, vh = vb.baseAddress! + kvOffset
                    let dkh = dkb.baseAddress! + kvOffset, dvh = dvb.baseAddress! + kvOffset
                    let G0 = dsb.baseAddress! + bh * Dp * D  // G accumulates in place and ends as dS_0
                    // pass 1: dQ̃_t = S_t dO_t, rebuilding S_t as the forward does
                    for i in 0..<(Dp * D) { S[i] = s0?.scalars[bh * Dp * D + i] ?? 0 }
                    for t in 0..<T {
                        let j = t - shape.shift
                        if j >= 0 {
                            fm.apply(kh + j * D, count: D, into: f)
                            for i in 0..<Dp { for d in 0..<D { S[i * D + d] += f[i] * vh[j * D + d] } }
                        }
                        for i in 0..<Dp {
                            var acc: Scalar = 0
                            for d in 0..<D { acc += S[i * D + d] * gh[t * D + d] }
                            df[i] = acc
                        }
                        fm.apply(qh + t * D, count: D, into: f)
                        fm.backward(y: f, dy: df, count: D, into: dqh + t * D)
                    }
                    // pass 2: reverse in t with G_t = Σ_{t' ≥ t} Q̃_{t'} dO_{t'}ᵀ
                    for t in stride(from: T - 1, through: 0, by: -1) {
                        fm.apply(qh + t * D, count: D, into: f)
                        for i in 0..<Dp { for d in 0..<D { G0[i * D + d] += f[i] * gh[t * D + d] } }
                        let j = t - shape.shift
                        guard j >= 0 else { continue }
                        fm.apply(kh + j * D, count: D, into: f)
                        for i in 0..<Dp {  // dK̃_j = G v_j, dv_j += Gᵀ K̃_j
                            var acc: Scalar = 0
                            for d in 0..<D {
                                acc += G0[i * D + d] * vh[j * D + d]
                                dvh[j * D + d] += G0[i * D + d] * f[i]
                            }
                            df[i] = acc
                        }
                        fm.backward(y: f, dy: df, count: D, into: dx)  // dk_j += φ'(dK̃_j)
                        for d in 0..<D { dkh[j * D + d] += dx[d] }
                    }
                }
            }
        }}}}}}}}}}}}
        return LinearAttentionGradients(dq: dq, dk: dk, dv: dv, ds0: ds0)
    }
}

/// The registry's reference: `RecurrentLinearAttention` computed in Double, rounded to Float.
/// `threads` and `chunkSize` are accepted and ignored (the reference is a single-threaded token loop).
public struct RecurrentLinearAttentionKernel: ResidualLinearAttentionKernel {
    public var chunkSize: Int
    public init(chunkSize: Int = LinearAttentionShape.defaultChunkSize) { self.chunkSize = chunkSize }
    public var worksInChunks: Bool { false }
    public var name: String { "recurrent" }
    public func unsupported(_ shape: LinearAttentionShape) -> String? { nil }

    /// Keeps nothing for the backward (`keepForBackward` is ignored).
    public func forward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?,
                        shape: LinearAttentionShape, threads: Int, keepForBackward: Bool) -> LinearAttentionOutput<Float> {
        _ = (threads, chunkSize)
        let out = RecurrentLinearAttention.forward(q: q.converted(to: Double.self), k: k.converted(to: Double.self),
                                                   v: v.converted(to: Double.self), s0: s0?.converted(to: Double.self),
                                                   shape: shape)
        return LinearAttentionOutput(o: out.o.converted(), sT: out.sT.converted())
    }

    /// Recomputes everything from the inputs (`residuals` are ignored: its forward keeps none).
    public func backward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?, dout: Tensor<Float>,
                         residuals: LinearAttentionResiduals?, shape: LinearAttentionShape, threads: Int) -> LinearAttentionGradients<Float> {
        _ = (threads, chunkSize)
        let g = RecurrentLinearAttention.backward(q: q.converted(to: Double.self), k: k.converted(to: Double.self),
                                                  v: v.converted(to: Double.self), s0: s0?.converted(to: Double.self),
                                                  dout: dout.converted(to: Double.self), shape: shape)
        return LinearAttentionGradients(dq: g.dq.converted(), dk: g.dk.converted(), dv: g.dv.converted(), ds0: g.ds0.converted())
    }
}
