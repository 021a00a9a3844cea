// Token embedding, the LM head and the masked cross-entropy.
//
//   embedding:  x[b,t,:] = E[token[b,t], :]                   E: [V, C]
//               dE[v,:] += Σ_{(b,t): token = v} dx[b,t,:]
//   head:       logits = h·Wᵀ                                 h: [M, C] (only rows with a target), W: [V, C]
//               (W = E when the head is tied, else its own matrix)
//   loss:       ℓ = −Σ_m log softmax(logits_m)[y_m] / N       N = targets in the whole batch
//               dlogits = (softmax − onehot(y)) / N;  dh = dlogits·W;  dW = dlogitsᵀ·h
// Logits are computed only where there is a target (docs/conventions.md): for MQAR that is
// K of every L rows.
import LabAttention
import LabCore

enum Embedding {
    /// tokens: B·T ids → [B, T, C].
    static func forward<S: TensorScalar>(_ tokens: [Int], batch B: Int, table E: Tensor<S>) -> Tensor<S> {
        let profiled = Profile.begin(); defer { Profile.end(.embedding, profiled) }
        let C = E.shape[1]
        var x = [S](repeating: 0, count: tokens.count * C)
        for (i, tok) in tokens.enumerated() { x.replaceSubrange((i * C)..<((i + 1) * C), with: E.scalars[(tok * C)..<((tok + 1) * C)]) }
        return Tensor(shape: [B, tokens.count / B, C], scalars: x)
    }

    /// Adds the embedding gradient of dx: [B, T, C] into dE: [V, C].
    static func backward<S: TensorScalar>(_ tokens: [Int], dx: Tensor<S>, into dE: inout Tensor<S>) {
        let profiled = Profile.begin(); defer { Profile.end(.embedding, profiled) }
        let C = dE.shape[1]
        dE.scalars.withUnsafeMutableBufferPointer { ep in dx.scalars.withUnsafeBufferPointer { gp in
            for (i, tok) in tokens.enumerated() { for c in 0..<C { ep[tok * C + c] += gp[i * C + c] } }
        }}
    }
}

enum LMHead {
    /// logits = h·Wᵀ: h [M, C], W [V, C] → [M, V].
    static func logits<S: TensorScalar>(_ h: Tensor<S>, weight W: Tensor<S>) -> Tensor<S> {
        let profiled = Profile.begin(); defer { Profile.end(.headAndLoss, profiled) }
        let (M, C, V) = (h.count / W.shape[1], W.shape[1], W.shape[0])
        var out = [S](repeating: 0, count: M * V)
        h.scalars.withUnsafeBufferPointer { hp in W.scalars.withUnsafeBufferPointer { wp in out.withUnsafeMutableBufferPointer { op in
            LinearAlgebra.gemm(transB: true, m: M, n: V, k: C, a: hp.baseAddress!, b: wp.baseAddress!, c: op.baseAddress!)
        }}}
        return Tensor(shape: [M, V], scalars: out)
    }

    struct LossResult<S: TensorScalar> {
        /// Σ_m −log p(y_m) (not yet divided by N).
        var lossSum: Double
        /// Rows whose argmax equals the target.
        var correct: Int
        /// dlogits [M, V] for a loss divided by `normaliser`.
        var dlogits: Tensor<S>
    }

    /// Cross-entropy of logits [M, V] against targets [M]; the gradient is of (Σ loss)/normaliser.
    static func crossEntropy<S: TensorScalar>(_ logits: Tensor<S>, targets: [Int], normaliser: Double) -> LossResult<S> {
        let profiled = Profile.begin(); defer { Profile.end(.headAndLoss, profiled) }
        let (M, V) = (logits.shape[0], logits.shape[1])
        var d = [S](repeating: 0, count: M * V)
        var lossSum = 0.0, correct = 0
        let scale = S(1 / normaliser)
        logits.scalars.withUnsafeBufferPointer { lp in d.withUnsafeMutableBufferPointer { dp in
            for m in 0..<M {
                let o = m * V
                var mx = lp[o], arg = 0
                for v in 1..<V where lp[o + v] > mx { mx = lp[o + v]; arg = v }
                var sum: S = 0
                for v in 0..<V { let e = S.exp(lp[o + v] - mx); dp[o + v] = e; sum += e }
                let y = targets[m]
                lossSum += Double(S.log(sum) - (lp[o + y] - mx))
                if arg == y { correct += 1 }
                let inv = 1 / sum
                for v in 0..<V { dp[o + v] *= inv * scale }
                dp[o + y] -= scale
            }
        }}
        return LossResult(lossSum: lossSum, correct: correct, dlogits: Tensor(shape: [M, V], scalars: d))
    }

    /// Backward of `logits`: dh = dlogits·W [M, C] and dW = dlogitsᵀ·h [V, C].
    static func backward<S: TensorScalar>(_ h: Tensor<S>, weight W: Tensor<S>, dlogits: Tensor<S>) -> (dh: Tensor<S>, dW: Tensor<S>) {
        let profiled = Profile.begin(); defer { Profile.end(.headAndLoss, profiled) }
        let (M, C, V) = (h.count / W.shape[1], W.shape[1], W.shape[0])
        var dh = [S](repeating: 0, count: M * C), dW = [S](repeating: 0, count: V * C)
        h.scalars.withUnsafeBufferPointer { hp in W.scalars.withUnsafeBufferPointer { wp in dlogits.scalars.withUnsafeBufferPointer { gp in
            dh.withUnsafeMutableBufferPointer { dhp in dW.withUnsafeMutableBufferPointer { dwp in
                if M > 0 {
                    LinearAlgebra.gemm(m: M, n: C, k: V, a: gp.baseAddress!, b: wp.baseAddress!, c: dhp.baseAddress!)
                    LinearAlgebra.gemm(transA: true, m: V, n: C, k: M, a: gp.baseAddress!, b: hp.baseAddress!, c: dwp.baseAddress!)
                }
            }}
        }}}
        return (Tensor(shape: [M, C], scalars: dh), Tensor(shape: W.shape, scalars: dW))
    }
}
