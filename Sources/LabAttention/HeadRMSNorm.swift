// Per-head RMSNorm over the head dimension (AXLearn's GroupRMSNorm as RAttention uses it):
//   r = (mean_d x² + eps)^(−½),  y = x · r ⊙ g[h]            x, y: [B, H, T, D], g: [H, D]
//                                                             (y: [B, T, H·D] with `mergedHeads`)
// Backward (docs/rattention.md):
//   dx = r·(g⊙dy) − (r³/D)·x·Σ_d(x⊙g⊙dy),   dg[h] = Σ_{b,t} dy⊙x·r
// `forward` takes several branches and writes their sum, y = Σ_b RMSNorm_b(x_b) (RAttention's
// context: one pass and one output instead of two norms and an add, the same bits), and returns
// each branch's r [B·H·T] so that the backward does not recompute it. Cost O(B·H·T·D) per branch.
// With `mergedHeads`, y (and the backward's dy) is in the layout the output projection reads,
// [B, T, H·D] (row (b, t), head h at columns h·D ..< (h+1)·D: `LinearAlgebra.mergeHeads`), so
// RAttention's context needs no head merge before Wo and its gradient no split after (one copy
// of the context a layer forward, two backward: the merge for dWo and the split of d(context)).
// At x = 0 (RAttention's linear branch for t ≤ W) the Jacobian is g/√eps = 1e4·g; harmless,
// since nothing upstream depends on those rows when S₀ = 0.
import LabCore
import RealModule

public enum HeadRMSNorm {
    public static let eps = 1e-8

    public static func initialScale(heads: Int, headDim: Int, gain: Double) -> Tensor<Float> {
        Tensor(zeros: [heads, headDim], value: Float(gain))
    }

    /// One input of `forward`: x [B, H, T, D] and its gain g [H, D].
    public typealias Branch<S: TensorScalar> = (x: Tensor<S>, scale: Tensor<S>)

    /// y = Σ_b x_b·r_b ⊙ g_b[h] over the branches in one pass (one branch: the norm itself;
    /// RAttention: its two branches' normalised sum), and each branch's r [B·H·T] for `backward`.
    /// Every branch's x is [B, H, T, D]; y is [B, H, T, D], or [B, T, H·D] with `mergedHeads` (the
    /// bits of `LinearAlgebra.mergeHeads` of the other).
    public static func forward<S: TensorScalar>(_ branches: [Branch<S>], mergedHeads: Bool = false) -> (y: Tensor<S>, r: [[S]]) {
        let profiled = Profile.begin(); defer { Profile.end(.norms, profiled) }
        precondition(!branches.isEmpty && branches.allSatisfy { $0.x.shape == branches[0].x.shape },
                     "HeadRMSNorm: branches of shapes \(branches.map(\.x.shape))")
        let layout = RowLayout(branches[0].x.shape, mergedHeads: mergedHeads)
        if S.self == Float.self {
            let out = forwardBody(branches.map { (asFloat($0.x) as Tensor<Float>, asFloat($0.scale) as Tensor<Float>) }, y: layout)
            return (asFloat(out.y), out.r.map { unsafeBitCast($0, to: [S].self) })  // S is Float here
        }
        return forwardBody(branches, y: layout)
    }

    /// Where row (b·H + h, t) of a [B, H, T, D] tensor sits in y (or dy): at `start(bh) + t·stride`
    /// floats, stride D in the heads' layout, H·D merged ([B, T, H·D]).
    struct RowLayout {
        let H: Int, T: Int, D: Int, merged: Bool
        let shape: [Int]
        init(_ xShape: [Int], mergedHeads: Bool) {
            (H, T, D, merged) = (xShape[1], xShape[2], xShape[3], mergedHeads)
            shape = mergedHeads ? [xShape[0], T, H * D] : xShape
        }
        var stride: Int { merged ? H * D : D }
        func start(_ bh: Int) -> Int { merged ? ((bh / H) * T * H + bh % H) * D : bh * T * D }
    }

    /// The norm of one input: x [B, H, T, D], g [H, D] → y [B, H, T, D].
    public static func forward<S: TensorScalar>(_ x: Tensor<S>, scale g: Tensor<S>) -> Tensor<S> {
        forward([(x, g)]).y
    }

    /// Float: 16-lane rows (LabCore's `RMSNormRows`) in blocks of up to 16 time steps of one
    /// sequence: every head's and branch's sums of squares, then their r with one vector square
    /// root and division per 16 rows (a scalar chain of two divisions and a square root per row
    /// bound the row-by-row loop), then each row of y written once, Σ_b x_b·r_b·g_b in the
    /// branches' order (the bits of writing the first branch and adding the others), in y's own
    /// order (merged: time step, then head).
    static func forwardBody(_ branches: [Branch<Float>], y layout: RowLayout) -> (y: Tensor<Float>, r: [[Float]]) {
        let shape = branches[0].x.shape
        let (B, H, T, D) = (shape[0], shape[1], shape[2], shape[3])
        let rows = B * H * T, count = branches.count, eps = Float(eps)
        var r = [Float](repeating: 0, count: count * rows)  // branch b's r at b·rows
        let y = [Float](unsafeUninitializedCapacity: rows * D) { yb, n in
            withPointers(branches.map(\.x.scalars)) { xs in withPointers(branches.map(\.scale.scalars)) { gs in
            r.withUnsafeMutableBufferPointer { rp in
                let rAll = rp.baseAddress!
                /// Row (bh, t) of y: Σ_b x_b·r_b ⊙ g_b[h].
                func writeRow(_ bh: Int, _ t: Int) {
                    let row = bh * T + t, out = yb.baseAddress! + layout.start(bh) + t * layout.stride
                    for b in 0..<count {
                        RMSNormRows.scale(xs[b] + row * D, r: rAll[b * rows + row], gain: gs[b] + (bh % H) * D, count: D,
                                          into: out, accumulate: b > 0)
                    }
                }
                for batch in 0..<B {
                    var t0 = 0
                    while t0 < T {
                        let m = min(16, T - t0)
                        for bh in (batch * H)..<((batch + 1) * H) {
                            let first = bh * T + t0
                            for b in 0..<count {
                                let x = xs[b] + first * D, rb = rAll + b * rows + first
                                if m == 16 {  // the sums into r's own 16 entries, then r in place
                                    for i in 0..<16 { rb[i] = RMSNormRows.sumOfSquares(x + i * D, count: D) }
                                    store16(RMSNormRows.inverseRMS(sumsOfSquares: load16(rb), count: D, eps: eps), rb)
                                } else {
                                    for i in 0..<m { rb[i] = RMSNormRows.inverseRMS(x + i * D, count: D, eps: eps) }
                                }
                            }
                        }
                        if layout.merged {
                            for t in t0..<(t0 + m) { for bh in (batch * H)..<((batch + 1) * H) { writeRow(bh, t) } }
                        } else {
                            for bh in (batch * H)..<((batch + 1) * H) { for t in t0..<(t0 + m) { writeRow(bh, t) } }
                        }
                        t0 += m
                    }
                }
            }}}
            n = rows * D
        }
        return (Tensor(shape: layout.shape, scalars: y), (0..<count).map { Array(r[($0 * rows)..<(($0 + 1) * rows)]) })
    }

    /// `body` with a base address of each array's storage.
    private static func withPointers<R>(_ arrays: [[Float]], _ body: ([UnsafePointer<Float>]) -> R) -> R {
        func nest(_ i: Int, _ pointers: [UnsafePointer<Float>]) -> R {
            i == arrays.count ? body(pointers) : arrays[i].withUnsafeBufferPointer { nest(i + 1, pointers + [$0.baseAddress!]) }
        }
        return nest(0, [])
    }

    static func forwardBody<S: TensorScalar>(_ branches: [Branch<S>], y layout: RowLayout) -> (y: Tensor<S>, r: [[S]]) {
        let shape = branches[0].x.shape
        let (B, H, T, D) = (shape[0], shape[1], shape[2], shape[3])
        var y = [S](repeating: 0, count: B * H * T * D), rs = [[S]]()
        for branch in branches {
            var r = [S](repeating: 0, count: B * H * T)
            branch.x.scalars.withUnsafeBufferPointer { xp in branch.scale.scalars.withUnsafeBufferPointer { gp in
                y.withUnsafeMutableBufferPointer { yb in
                    // Row pointers: the inner loops index by d alone (no overflow-checked offsets).
                    for bh in 0..<(B * H) {
                        let gh = gp.baseAddress! + (bh % H) * D, yh = yb.baseAddress! + layout.start(bh)
                        for t in 0..<T {
                            let (xr, yr) = (xp.baseAddress! + (bh * T + t) * D, yh + t * layout.stride)
                            var ms: S = 0
                            for d in 0..<D { ms += xr[d] * xr[d] }
                            let rt = 1 / S.sqrt(ms / S(D) + S(eps))
                            r[bh * T + t] = rt
                            for d in 0..<D { yr[d] += xr[d] * rt * gh[d] }
                        }
                    }
                }
            }}
            rs.append(r)
        }
        return (Tensor(shape: layout.shape, scalars: y), rs)
    }

    /// Backward of `forward(branches, mergedHeads:)` given dy, the gradient of y (in y's layout),
    /// and the r each branch's forward returned: each branch's dx (x's shape, [B, H, T, D]) and dg
    /// ([H, D]), in the branches' order.
    public static func backward<S: TensorScalar>(_ branches: [(x: Tensor<S>, scale: Tensor<S>, r: [S])], dy: Tensor<S>,
                                                 mergedHeads: Bool = false) -> [(dx: Tensor<S>, dg: Tensor<S>)] {
        let profiled = Profile.begin(); defer { Profile.end(.norms, profiled) }
        return branches.map { branch in
            let layout = RowLayout(branch.x.shape, mergedHeads: mergedHeads)
            precondition(dy.shape == layout.shape, "HeadRMSNorm: dy of shape \(dy.shape), y of \(layout.shape)")
            if S.self == Float.self {
                let out = backwardBody(asFloat(branch.x) as Tensor<Float>, scale: asFloat(branch.scale),
                                       r: unsafeBitCast(branch.r, to: [Float].self), dy: asFloat(dy), layout: layout)
                return (asFloat(out.dx), asFloat(out.dg))
            }
            return backwardBody(branch.x, scale: branch.scale, r: branch.r, dy: dy, layout: layout)
        }
    }

    /// Float: 16-lane rows (LabCore's `RMSNormRows`), r from the forward.
    static func backwardBody(_ x: Tensor<Float>, scale g: Tensor<Float>, r: [Float], dy: Tensor<Float>, layout: RowLayout)
        -> (dx: Tensor<Float>, dg: Tensor<Float>) {
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var dg = [Float](repeating: 0, count: g.count)
        let dx = [Float](unsafeUninitializedCapacity: x.count) { db, n in
            x.scalars.withUnsafeBufferPointer { xp in g.scalars.withUnsafeBufferPointer { gp in r.withUnsafeBufferPointer { rp in
                dy.scalars.withUnsafeBufferPointer { gy in dg.withUnsafeMutableBufferPointer { dgp in
                    for bh in 0..<(B * H) {
                        let (gh, dgh) = (gp.baseAddress! + (bh % H) * D, dgp.baseAddress! + (bh % H) * D)
                        let dyh = gy.baseAddress! + layout.start(bh)
                        for t in 0..<T {
                            let o = (bh * T + t) * D
                            RMSNormRows.backward(x: xp.baseAddress! + o, gain: gh, dy: dyh + t * layout.stride, r: rp[bh * T + t], count: D,
                                                 residual: nil, dx: db.baseAddress! + o, dg: dgh)
                        }
                    }
                }}
            }}}
            n = x.count
        }
        return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: g.shape, scalars: dg))
    }

    static func backwardBody<S: TensorScalar>(_ x: Tensor<S>, scale g: Tensor<S>, r: [S], dy: Tensor<S>, layout: RowLayout)
        -> (dx: Tensor<S>, dg: Tensor<S>) {
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
                            let (xr, gr, dxr, rt) = (xp.baseAddress! + o, gy.baseAddress! + layout.start(bh) + t * layout.stride, dxp + o, r[bh * T + t])
                            var dot: S = 0
                            for d in 0..<D { dot += xr[d] * gh[d] * gr[d] }
                            for d in 0..<D { (dxr + d).initialize(to: rt * gh[d] * gr[d] - rt * rt * rt / S(D) * xr[d] * dot) }
                            for d in 0..<D { dgh[d] += gr[d] * xr[d] * rt }
                        }
                    }
                }}
            }}
            n = x.count
        }
        return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: g.shape, scalars: dg))
    }
}
