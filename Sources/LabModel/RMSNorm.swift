// RMSNorm over the model dim (Zhang & Sennrich 2019), the pre-norm of every block and the final norm.
//
//   forward:   r = (mean_c x² + eps)^(−½),  y = x·r ⊙ g                 x, y: [N, C], g: [C], r: [N]
//   backward:  dx = r·(g⊙dy) − (r³/C)·x·Σ_c(x⊙g⊙dy),   dg = Σ_n dy⊙x·r
//
// Rows are independent, so N is whatever leading dims the caller flattened (B·T, or the rows
// that carry a target). eps = 1e-5, as PyTorch's LLaMA-style RMSNorm. Float rows run LabCore's
// `RMSNormRows` (16-lane sums); Double the scalar loops below.
import LabCore

enum RMSNorm {
    static let eps = 1e-5

    /// x: [..., C], gain: [C] → y (same shape) and r: [N] (saved for backward).
    static func forward<S: TensorScalar>(_ x: Tensor<S>, gain: Tensor<S>) -> (y: Tensor<S>, r: [S]) {
        let profiled = Profile.begin(); defer { Profile.end(.norms, profiled) }
        let C = gain.count, N = x.count / C
        if S.self == Float.self {  // 16-lane rows (RMSNormRows)
            var r = [Float](repeating: 0, count: N)
            let y = [Float](unsafeUninitializedCapacity: x.count) { yb, n in
                (asFloat(x) as Tensor<Float>).scalars.withUnsafeBufferPointer { xp in
                (asFloat(gain) as Tensor<Float>).scalars.withUnsafeBufferPointer { gp in
                    for row in 0..<N {
                        let (xr, yr) = (xp.baseAddress! + row * C, yb.baseAddress! + row * C)
                        r[row] = RMSNormRows.inverseRMS(xr, count: C, eps: Float(eps))
                        RMSNormRows.scale(xr, r: r[row], gain: gp.baseAddress!, count: C, into: yr)
                    }
                }}
                n = x.count
            }
            return (asFloat(Tensor(shape: x.shape, scalars: y)), unsafeBitCast(r, to: [S].self))  // S is Float here
        }
        var y = [S](unsafeUninitializedCapacity: x.count) { _, n in n = x.count }, r = [S](repeating: 0, count: N)  // y: every row written
        x.scalars.withUnsafeBufferPointer { xp in gain.scalars.withUnsafeBufferPointer { gp in
            y.withUnsafeMutableBufferPointer { yp in
                // Row pointers: the inner loops index by c alone (no overflow-checked offsets).
                for n in 0..<N {
                    let (xr, yr) = (xp.baseAddress! + n * C, yp.baseAddress! + n * C)
                    var ms: S = 0
                    for c in 0..<C { ms += xr[c] * xr[c] }
                    let rn = 1 / S.sqrt(ms / S(C) + S(eps))
                    r[n] = rn
                    for c in 0..<C { yr[c] = xr[c] * rn * gp[c] }
                }
            }
        }}
        return (Tensor(shape: x.shape, scalars: y), r)
    }

    /// Backward of `forward`: dx (same shape as x) and dg [C]. With `residual` (the gradient that
    /// reaches x around the norm, e.g. a pre-norm block's dy) dx is residual + the norm's dx, summed
    /// in the same pass (the same rounding as a separate add).
    static func backward<S: TensorScalar>(_ x: Tensor<S>, gain: Tensor<S>, r: [S], dy: Tensor<S>, residual: Tensor<S>? = nil)
        -> (dx: Tensor<S>, dg: Tensor<S>) {
        let profiled = Profile.begin(); defer { Profile.end(.norms, profiled) }
        let C = gain.count, N = x.count / C
        precondition(residual.map { $0.shape == x.shape } ?? true, "RMSNorm.backward: residual \(residual?.shape ?? []) vs x \(x.shape)")
        if S.self == Float.self {  // 16-lane rows (RMSNormRows)
            let rf = unsafeBitCast(r, to: [Float].self)  // S is Float here
            var dg = [Float](repeating: 0, count: C)
            let dx = [Float](unsafeUninitializedCapacity: x.count) { db, n in
                (asFloat(x) as Tensor<Float>).scalars.withUnsafeBufferPointer { xp in
                (asFloat(gain) as Tensor<Float>).scalars.withUnsafeBufferPointer { gp in
                (asFloat(dy) as Tensor<Float>).scalars.withUnsafeBufferPointer { gy in
                ((residual.map { asFloat($0) as Tensor<Float> })?.scalars ?? []).withUnsafeBufferPointer { rp in
                dg.withUnsafeMutableBufferPointer { dgp in
                    for row in 0..<N {
                        let o = row * C
                        RMSNormRows.backward(x: xp.baseAddress! + o, gain: gp.baseAddress!, dy: gy.baseAddress! + o, r: rf[row], count: C,
                                             residual: residual == nil ? nil : rp.baseAddress! + o, dx: db.baseAddress! + o,
                                             dg: dgp.baseAddress!)
                    }
                }}}}}
                n = x.count
            }
            return (asFloat(Tensor(shape: x.shape, scalars: dx)), asFloat(Tensor(shape: gain.shape, scalars: dg)))
        }
        var dx = [S](unsafeUninitializedCapacity: x.count) { _, n in n = x.count }, dg = [S](repeating: 0, count: C)
        let noResidual = [S]()
        x.scalars.withUnsafeBufferPointer { xp in gain.scalars.withUnsafeBufferPointer { gp in dy.scalars.withUnsafeBufferPointer { gy in
        (residual?.scalars ?? noResidual).withUnsafeBufferPointer { rp in
            dx.withUnsafeMutableBufferPointer { dxp in dg.withUnsafeMutableBufferPointer { dgp in
                for n in 0..<N {
                    let (xr, gr, dxr, rn) = (xp.baseAddress! + n * C, gy.baseAddress! + n * C, dxp.baseAddress! + n * C, r[n])
                    var dot: S = 0
                    for c in 0..<C { dot += xr[c] * gp[c] * gr[c] }
                    let k = rn * rn * rn / S(C) * dot
                    if residual != nil {
                        let rr = rp.baseAddress! + n * C
                        for c in 0..<C { dxr[c] = rr[c] + (rn * gp[c] * gr[c] - k * xr[c]) }
                    } else {
                        for c in 0..<C { dxr[c] = rn * gp[c] * gr[c] - k * xr[c] }
                    }
                    for c in 0..<C { dgp[c] += gr[c] * xr[c] * rn }
                }
            }}
        }}}}
        return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: gain.shape, scalars: dg))
    }
}
