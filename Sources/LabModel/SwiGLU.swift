// The SwiGLU MLP (Shazeer 2020), as LLaMA: y = (silu(x·W1) ⊙ (x·W3))·W2.
//
//   forward:   u = x·W1, g = x·W3  [N, F];  a = silu(u) ⊙ g;  y = a·W2  [N, C]
//   backward:  da = dy·W2ᵀ, dW2 = aᵀ·dy;  du = da ⊙ g ⊙ silu'(u), dg = da ⊙ silu(u);
//              dx = du·W1ᵀ + dg·W3ᵀ,  dW1 = xᵀ·du,  dW3 = xᵀ·dg
//   silu(u) = u·σ(u),  silu'(u) = σ(u)·(1 + u·(1 − σ(u)))
// Parameters: w1, w3 [C, F], w2 [F, C] with F = mlp_ratio·C. Cost: 6·N·C·F FLOPs forward.
import LabAttention
import LabCore

enum SwiGLU {
    static func initialParameters(modelDim C: Int, hidden F: Int, scales: AttentionInit, rng: inout SeededGenerator) -> ParameterSet<Float> {
        var p = ParameterSet<Float>()
        p.add("w1", scales.weight(fanIn: C, fanOut: F, rng: &rng))
        p.add("w3", scales.weight(fanIn: C, fanOut: F, rng: &rng))
        p.add("w2", scales.weight(fanIn: F, fanOut: C, rng: &rng))
        return p
    }

    struct Saved<S: TensorScalar> { var x, u, g, a: Tensor<S> }

    /// x: [..., C] → y [..., C].
    static func forward<S: TensorScalar>(_ x: Tensor<S>, params: ParameterSet<S>) -> (y: Tensor<S>, saved: Saved<S>) {
        let u = LinearAlgebra.matmul(x, params["w1"]), g = LinearAlgebra.matmul(x, params["w3"])
        var a = u
        a.scalars.withUnsafeMutableBufferPointer { ap in u.scalars.withUnsafeBufferPointer { up in g.scalars.withUnsafeBufferPointer { gp in
            for i in 0..<ap.count { let s = 1 / (1 + S.exp(-up[i])); ap[i] = up[i] * s * gp[i] }
        }}}
        return (LinearAlgebra.matmul(a, params["w2"]), Saved(x: x, u: u, g: g, a: a))
    }

    static func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: Saved<S>) -> (dx: Tensor<S>, grads: ParameterSet<S>) {
        let (da, dw2) = LinearAlgebra.matmulBackward(saved.a, params["w2"], dy: dy)
        var du = da, dg = da
        du.scalars.withUnsafeMutableBufferPointer { dup in dg.scalars.withUnsafeMutableBufferPointer { dgp in
            saved.u.scalars.withUnsafeBufferPointer { up in saved.g.scalars.withUnsafeBufferPointer { gp in
                for i in 0..<dup.count {
                    let s = 1 / (1 + S.exp(-up[i])), d = dup[i]
                    dup[i] = d * gp[i] * s * (1 + up[i] * (1 - s))
                    dgp[i] = d * up[i] * s
                }
            }}
        }}
        let g1 = LinearAlgebra.matmulBackward(saved.x, params["w1"], dy: du)
        let g3 = LinearAlgebra.matmulBackward(saved.x, params["w3"], dy: dg)
        var grads = ParameterSet<S>()
        grads.add("w1", g1.dw); grads.add("w3", g3.dw); grads.add("w2", dw2)
        return (LinearAlgebra.add(g1.dx, g3.dx), grads)
    }
}
