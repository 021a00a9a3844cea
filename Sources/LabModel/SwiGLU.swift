// The SwiGLU MLP (Shazeer 2020), as LLaMA: y = (silu(x·W1) ⊙ (x·W3))·W2.
//
//   forward:   u = x·W1, g = x·W3  [N, F];  a = silu(u) ⊙ g;  y = a·W2  [N, C]
//   backward:  da = dy·W2ᵀ, dW2 = aᵀ·dy;  du = da ⊙ g ⊙ silu'(u), dg = da ⊙ silu(u);
//              dx = du·W1ᵀ + dg·W3ᵀ,  dW1 = xᵀ·du,  dW3 = xᵀ·dg
//   silu(u) = u·σ(u),  silu'(u) = σ(u)·(1 + u·(1 − σ(u)))
// Parameters: w1, w3 [C, F], w2 [F, C] with F = mlp_ratio·C. Cost: 6·N·C·F FLOPs forward.
// The gate (silu and its derivative, O(N·F) element work) runs 16 lanes at a time in Float, with
// σ(u) = 1/(1 + 2^(−u·log₂e)) through the kernels' vector exp2 (relative error ~1e-7, as expf);
// a scalar expf per element was 16 % of a training step at window-pareto-long-text's shape.
import LabAttention
import LabCore
import LabKernels

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
        let a = Profile.measure(.mlpGate) {
            if S.self == Float.self { return asFloat(gate(asFloat(u) as Tensor<Float>, asFloat(g))) as Tensor<S> }
            return Tensor(shape: u.shape, scalars: zip(u.scalars, g.scalars).map { u, g in u * sigmoid(u) * g })
        }
        return (LinearAlgebra.matmul(a, params["w2"]), Saved(x: x, u: u, g: g, a: a))
    }

    static func sigmoid<S: TensorScalar>(_ u: S) -> S { 1 / (1 + S.exp(-u)) }

    /// σ(u) for 16 lanes: 1/(1 + e^(−u)) through the kernels' vector exp (exp2 clamps its argument
    /// to ±127: σ saturates at ~6e-39 and 1 instead of underflowing).
    @inline(__always) static func sigmoid16(_ u: Vec16) -> Vec16 { 1 / (1 + exp(-u)) }

    /// a = silu(u) ⊙ g, element-wise over [N, F], 16 lanes at a time (the tail scalar).
    static func gate(_ u: Tensor<Float>, _ g: Tensor<Float>) -> Tensor<Float> {
        let n = u.count
        let out = [Float](unsafeUninitializedCapacity: n) { ap, initialized in
            u.scalars.withUnsafeBufferPointer { up in g.scalars.withUnsafeBufferPointer { gp in
                let (a, u, g) = (ap.baseAddress!, up.baseAddress!, gp.baseAddress!)
                var i = 0
                while i + 16 <= n {
                    let x = load16(u + i)
                    store16(x * sigmoid16(x) * load16(g + i), a + i)
                    i += 16
                }
                while i < n { a[i] = u[i] * sigmoid(u[i]) * g[i]; i += 1 }
            }}
            initialized = n
        }
        return Tensor(shape: u.shape, scalars: out)
    }

    /// du = da ⊙ g ⊙ silu'(u) and dg = da ⊙ silu(u), element-wise, 16 lanes at a time.
    static func gateBackward(_ da: Tensor<Float>, u: Tensor<Float>, g: Tensor<Float>) -> (du: Tensor<Float>, dg: Tensor<Float>) {
        let n = da.count
        var dg = [Float]()
        let du = [Float](unsafeUninitializedCapacity: n) { dup, initialized in
            dg = [Float](unsafeUninitializedCapacity: n) { dgp, initializedG in
                da.scalars.withUnsafeBufferPointer { dap in u.scalars.withUnsafeBufferPointer { up in g.scalars.withUnsafeBufferPointer { gp in
                    let (du, dg, d, u, g) = (dup.baseAddress!, dgp.baseAddress!, dap.baseAddress!, up.baseAddress!, gp.baseAddress!)
                    var i = 0
                    while i + 16 <= n {
                        let x = load16(u + i), s = sigmoid16(x), dv = load16(d + i)
                        store16(dv * load16(g + i) * s * (1 + x * (1 - s)), du + i)
                        store16(dv * x * s, dg + i)
                        i += 16
                    }
                    while i < n {
                        let s = sigmoid(u[i])
                        du[i] = d[i] * g[i] * s * (1 + u[i] * (1 - s))
                        dg[i] = d[i] * u[i] * s
                        i += 1
                    }
                }}}
                initializedG = n
            }
            initialized = n
        }
        return (Tensor(shape: da.shape, scalars: du), Tensor(shape: da.shape, scalars: dg))
    }

    static func backward<S: TensorScalar>(_ dy: Tensor<S>, params: ParameterSet<S>, saved: Saved<S>) -> (dx: Tensor<S>, grads: ParameterSet<S>) {
        let (da, dw2) = LinearAlgebra.matmulBackward(saved.a, params["w2"], dy: dy)
        let (du, dg): (Tensor<S>, Tensor<S>) = Profile.measure(.mlpGate) {
            if S.self == Float.self {
                let r = gateBackward(asFloat(da) as Tensor<Float>, u: asFloat(saved.u), g: asFloat(saved.g))
                return (asFloat(r.du), asFloat(r.dg))
            }
            var du = da, dg = da
            for i in 0..<da.count {
                let (u, s, d) = (saved.u.scalars[i], sigmoid(saved.u.scalars[i]), da.scalars[i])
                du.scalars[i] = d * saved.g.scalars[i] * s * (1 + u * (1 - s))
                dg.scalars[i] = d * u * s
            }
            return (du, dg)
        }
        // dx = du·W1ᵀ + dg·W3ᵀ, summed by the products into one buffer
        let g = LinearAlgebra.matmulBackward(saved.x, [params["w1"], params["w3"]], dys: [du, dg])
        var grads = ParameterSet<S>()
        grads.add("w1", g.dws[0]); grads.add("w3", g.dws[1]); grads.add("w2", dw2)
        return (g.dx, grads)
    }
}
