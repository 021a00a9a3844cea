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
import LabKernels

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
        let out = h.scalars.withUnsafeBufferPointer { hp in W.scalars.withUnsafeBufferPointer { wp in
            LinearAlgebra.gemmOutput(count: M * V, k: C) { op in
                LinearAlgebra.product(transB: true, m: M, n: V, k: C, a: hp.baseAddress!, b: wp.baseAddress!, c: op)
            }
        }}
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
    /// Float runs `crossEntropySIMD`; Double (the gradient checks) the scalar loop below.
    static func crossEntropy<S: TensorScalar>(_ logits: Tensor<S>, targets: [Int], normaliser: Double) -> LossResult<S> {
        let profiled = Profile.begin(); defer { Profile.end(.headAndLoss, profiled) }
        if S.self == Float.self {
            let r = crossEntropySIMD(unsafeBitCast(logits, to: Tensor<Float>.self), targets: targets, normaliser: normaliser)
            return LossResult(lossSum: r.lossSum, correct: r.correct, dlogits: unsafeBitCast(r.dlogits, to: Tensor<S>.self))
        }
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

    /// `crossEntropy` in Float, 16 logits a lane-vector: the row max, e = 2^((l − max)·log₂e)
    /// (LabKernels' `exp2`, relative error ≈ 1e-7) and its sum in lanes, then dlogits = e/Σe/N −
    /// onehot/N. The argmax is the first index holding the max, as the scalar loop's. Equal to the
    /// scalar loop to float rounding (the exponentials and the order of the sum differ).
    static func crossEntropySIMD(_ logits: Tensor<Float>, targets: [Int], normaliser: Double) -> LossResult<Float> {
        let (M, V) = (logits.shape[0], logits.shape[1])
        let V16 = V - V % 16
        let scale = Float(1 / normaliser)
        var lossSum = 0.0, correct = 0
        let d = [Float](unsafeUninitializedCapacity: M * V) { db, n in
            logits.scalars.withUnsafeBufferPointer { lb in
                let (lp, dp) = (lb.baseAddress!, db.baseAddress!)
                for m in 0..<M {
                    let (row, out) = (lp + m * V, dp + m * V)
                    var mx = row[0]
                    if V16 > 0 {
                        var vm = load(row)
                        for v in stride(from: 16, to: V16, by: 16) { vm = vmax(vm, load(row + v)) }
                        mx = Swift.max(mx, horizontalMax(vm))
                    }
                    for v in V16..<V where row[v] > mx { mx = row[v] }
                    var arg = 0
                    while row[arg] != mx && arg < V - 1 { arg += 1 }
                    var lanes = Vec16(repeating: 0)
                    for v in stride(from: 0, to: V16, by: 16) {
                        let e = exp2((load(row + v) - mx) * log2e)
                        store(e, out + v)
                        lanes += e
                    }
                    var sum = lanes.sum()
                    for v in V16..<V { let e = Float.exp(row[v] - mx); out[v] = e; sum += e }
                    let y = targets[m]
                    lossSum += Double(Float.log(sum) - (row[y] - mx))
                    if arg == y { correct += 1 }
                    let k = Vec16(repeating: 1 / sum * scale)
                    for v in stride(from: 0, to: V16, by: 16) { store(load(out + v) * k, out + v) }
                    for v in V16..<V { out[v] *= 1 / sum * scale }
                    out[y] -= scale
                }
            }
            n = M * V
        }
        return LossResult(lossSum: lossSum, correct: correct, dlogits: Tensor(shape: [M, V], scalars: d))
    }

    @inline(__always) private static func load(_ p: UnsafePointer<Float>) -> Vec16 { UnsafeRawPointer(p).loadUnaligned(as: Vec16.self) }
    @inline(__always) private static func store(_ v: Vec16, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec16.self)
    }

    /// Backward of `logits`: dh = dlogits·W [M, C] and dW = dlogitsᵀ·h [V, C].
    static func backward<S: TensorScalar>(_ h: Tensor<S>, weight W: Tensor<S>, dlogits: Tensor<S>) -> (dh: Tensor<S>, dW: Tensor<S>) {
        let profiled = Profile.begin(); defer { Profile.end(.headAndLoss, profiled) }
        let (M, C, V) = (h.count / W.shape[1], W.shape[1], W.shape[0])
        let (dh, dW) = h.scalars.withUnsafeBufferPointer { hp in W.scalars.withUnsafeBufferPointer { wp in dlogits.scalars.withUnsafeBufferPointer { gp in
            (LinearAlgebra.gemmOutput(count: M * C, k: V) { LinearAlgebra.product(m: M, n: C, k: V, a: gp.baseAddress!, b: wp.baseAddress!, c: $0) },
             LinearAlgebra.gemmOutput(count: V * C, k: M) {
                 LinearAlgebra.product(transA: true, m: V, n: C, k: M, a: gp.baseAddress!, b: hp.baseAddress!, c: $0)
             })
        }}}
        return (Tensor(shape: [M, C], scalars: dh), Tensor(shape: W.shape, scalars: dW))
    }
}
