// `fused-recurrent`: residual linear attention as the token recurrence itself (docs/rattention.md),
// the state kept in L1 and every step a pass of fused multiply-adds over it: the form
// flash-linear-attention calls "fused recurrent", beside the chunked form of `chunked`.
//
// With shift = W + 1, Q̃_t = φ(q_t), K̃'_t = φ(k_{t−shift}) and V'_t = v_{t−shift} (0 for t < shift):
//   forward (per (b, h)), state S: [D', D], D' = 2D, from S_0:
//     S += K̃'_tᵀ V'_t;  o_t = Q̃_t S                      for t = 0 ..< T
//   backward (per (b, h); dk, dv summed over a GQA group), recomputing the states:
//     pass 1, forward in t, on Sᵀ: [D, D'] from S_0ᵀ:
//       Sᵀ += V'_tᵀ K̃'_t;  dQ̃_t = dO_t Sᵀ;  dq_t = φ'(dQ̃_t)
//     pass 2, reverse in t, on G = Σ_{t' ≥ t} Q̃_{t'}ᵀ dO_{t'}: [D', D] and on Gᵀ: [D, D'], from 0:
//       G += Q̃_tᵀ dO_t;  dV'_t = K̃'_t G           (token t − shift: dv)
//       Gᵀ += dO_tᵀ Q̃_t; dK̃'_t = V'_t Gᵀ;  dk = φ'(dK̃')
//     dS_0 = G after t = 0.
// G is kept twice, as G and Gᵀ, so that both reads are broadcasts of one row entry times a row of
// the state, like the forward's; the alternative (one layout, the other read as D dot products)
// puts a horizontal reduction on every entry of dv or dK̃.
// All four are one primitive, `recurrenceSteps4`: M += a_u ⊗ x_u; y_u = Σ_i b_u[i] M[i, :] for
// four steps u at a time, so each row of M is loaded and stored once per four steps (16 FMAs per
// two vector loads and stores with 32 columns in flight). Steps with no token (t < shift, or the
// rows past T in the last block of four) fold x = 0 and read into a discarded row.
//
// Cost: forward 2·T·D'·D (read) + 2·T·D'·D (fold, the first W + 1 steps folding zeros); the
// backward three such sweeps; no intra-chunk products, so 4·D'·D per token forward against the
// chunked form's ≈ 4·D'·D + C·(D' + D) (at D 32, C 64: 8 kFLOP against 14 kFLOP a token). The
// state is [D', D] per head: 8 KiB at D 32, 32 KiB at D 64 (L1-sized up to about D 64; beyond,
// each step streams it from L2 and `chunked`'s cache-blocked products are the faster form).
// Memory: O(D'·D + 16·D') scratch per thread; nothing per token is kept. Each tile prefetches the
// rows of q, k, v (and dO) that the next tile reads, as `chunked` does its next chunk's.
// Any D ≥ 1: columns are padded to a multiple of 16 inside the scratch (inputs whose rows are
// already a multiple of 16 wide are read in place); φ as in FeatureMap.swift.
// Disadvantages: parallel only across (b, head) like `chunked`; each step's fold and read is a
// rank-1 update and a matrix–vector product, bound by the loads and stores of the state when
// D' × D outgrows L1.
import LabCore

public struct FusedRecurrentLinearAttention: ResidualLinearAttentionKernel {
    public init() { self.init(featureCacheBytes: 8 << 20) }
    /// The backward keeps φ(Q) of a head and φ(K') of its kv head ([T × D'] each) from pass 1 for
    /// pass 2 (and φ(K') for the other heads of a GQA group) when the two fit in this many bytes
    /// (8 MiB: T ≤ 16,384 at D 32), per thread; longer sequences recompute them tile by tile.
    /// (Other values: tests only.)
    var featureCacheBytes: Int
    init(featureCacheBytes: Int) { self.featureCacheBytes = featureCacheBytes }
    public var name: String { "fused-recurrent" }
    /// Ignored: the kernel steps token by token (`worksInChunks` is false).
    public var chunkSize: Int = 0
    public var worksInChunks: Bool { false }
    public func unsupported(_ shape: LinearAttentionShape) -> String? { nil }
    /// Picked by the dispatch for head dims up to 32, where its fewer FLOPs (no intra-chunk
    /// products) win; from D 64 on the chunked form's cache-blocked products are as fast or faster
    /// (kernels notebook).
    public func prefers(_ shape: LinearAttentionShape) -> Bool { shape.D <= 32 }

    /// Keeps nothing for the backward (`keepForBackward` is ignored).
    public func forward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?,
                        shape: LinearAttentionShape, threads: Int, keepForBackward: Bool) -> LinearAttentionOutput<Float> {
        let (T, D, Dp) = (shape.T, shape.D, shape.featureDim)
        let fm = shape.featureMap, shift = shape.shift
        return linearAttentionForward(q: q, k: k, v: v, s0: s0, shape: shape, threads: threads) { heads, head in
            let w = RecurrenceScratch(D: D)
            defer { w.free() }
            for bh in heads {
                let p = head(bh), (qh, kh, vh, oh) = (p.q, p.k, p.v, p.o)
                w.loadState(p.state, rows: Dp, cols: D, ld: w.ldD, transposed: false, into: w.m1)
                var t0 = 0
                while t0 < T {
                    // tile rows r < n are steps t0 + r; rows r ≥ first fold token t0 + r − shift
                    let n = min(16, T - t0), first = min(n, max(0, shift - t0)), folds = first..<n
                    // the next tile's q rows, and its shifted k, v rows, on their way while this one runs
                    prefetchRows(qh, from: t0 + 16, count: 16, T: T, D: D)
                    prefetchRows(kh, from: t0 + 16 - shift, count: 16, T: T, D: D); prefetchRows(vh, from: t0 + 16 - shift, count: 16, T: T, D: D)
                    fm.applyRows(qh + t0 * D, rows: n, D: D, into: w.fq)
                    if first < n { fm.applyRows(kh + (t0 + first - shift) * D, rows: n - first, D: D, into: w.fk + first * Dp) }
                    let values = w.valueRows(vh, tileStart: t0, folds: folds, shift: shift)
                    // o rows in place when D is a multiple of 16 (a row is whole vectors)
                    let oRows = w.ldD == D ? oh + t0 * D : w.out
                    var u = 0
                    while u < n {
                        recurrenceSteps4(w.m1, rows: Dp, ld: w.ldD,
                                         a: w.rows(w.fk, ld: Dp, from: u, valid: folds), x: w.rows(values, from: u, valid: folds),
                                         b: w.rows(w.fq, ld: Dp, from: u, valid: 0..<n), y: w.outputRows(oRows, ld: w.ldD, from: u, valid: n))
                        u += 4
                    }
                    if w.ldD != D { w.storeRows(w.out, ld: w.ldD, rows: n, cols: D, to: oh + t0 * D, accumulate: false) }
                    t0 += n
                }
                w.storeRows(w.m1, ld: w.ldD, rows: Dp, cols: D, to: p.state, accumulate: false)
            }
        }
    }

    /// Recomputes everything from the inputs (`residuals` are ignored: its forward keeps none).
    public func backward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?, dout: Tensor<Float>,
                         residuals: LinearAttentionResiduals?, shape: LinearAttentionShape, threads: Int) -> LinearAttentionGradients<Float> {
        let (T, D, Dp) = (shape.T, shape.D, shape.featureDim)
        let fm = shape.featureMap, shift = shape.shift, featureCacheBytes = featureCacheBytes
        return linearAttentionBackward(q: q, k: k, v: v, s0: s0, dout: dout, shape: shape, threads: threads) { groups, group in
            let w = RecurrenceScratch(D: D)
            defer { w.free() }
            // φ(K') of the kv head (row j: token j) and φ(Q) of the head (row t), kept when they fit
            let cached = 2 * T * Dp * MemoryLayout<Float>.size <= featureCacheBytes
            let cache = cached ? allocateAlignedFloats(2 * T * Dp) : nil
            defer { cache?.deallocate() }
            for bg in groups {
                let kv = group(bg), (kh, vh, dkh, dvh) = (kv.k, kv.v, kv.dk, kv.dv)
                /// φ(K') rows of the tile at t0 with tokens in `folds`, as rows(…, offset:) reads them:
                /// computed (into the cache, row j for token j, when there is one and `fill`), or
                /// read from the cache. Always the same rows per `applyRows` call, so the bits do
                /// not depend on whether they were kept.
                func keyFeatures(_ t0: Int, _ folds: Range<Int>, fill: Bool) -> (UnsafeMutablePointer<Float>, offset: Int) {
                    let (base, offset) = cache.map { ($0, t0 - shift) } ?? (w.fk, 0)
                    if (cache == nil || fill) && !folds.isEmpty {
                        fm.applyRows(kh + (t0 + folds.lowerBound - shift) * D, rows: folds.count, D: D, into: base + (offset + folds.lowerBound) * Dp)
                    }
                    return (base, offset)
                }
                for p in kv.heads {
                    let (qh, gh, dqh) = (p.q, p.dout, p.dq)
                    func queryFeatures(_ t0: Int) -> UnsafeMutablePointer<Float> { cache.map { $0 + (T + t0) * Dp } ?? w.fq }
                    // pass 1, forward in t: Sᵀ += V'_tᵀ K̃'_t; dQ̃_t = dO_t Sᵀ; dq = φ'(dQ̃)
                    if let s0 = p.s0 {
                        w.loadState(s0, rows: Dp, cols: D, ld: w.ldF, transposed: true, into: w.m1)
                    } else {
                        w.m1.update(repeating: 0, count: D * w.ldF)
                    }
                    var t0 = 0
                    while t0 < T {
                        let n = min(16, T - t0), first = min(n, max(0, shift - t0)), folds = first..<n, dO = gh + t0 * D
                        prefetchRows(gh, from: t0 + 16, count: 16, T: T, D: D); prefetchRows(qh, from: t0 + 16, count: 16, T: T, D: D)
                        prefetchRows(vh, from: t0 + 16 - shift, count: 16, T: T, D: D)
                        if cache == nil || p.isFirst { prefetchRows(kh, from: t0 + 16 - shift, count: 16, T: T, D: D) }  // else φ(K') is kept
                        let (kf, kOffset) = keyFeatures(t0, folds, fill: p.isFirst)
                        let keys = w.widened(kf, offset: kOffset, rows: folds), values = w.valueRows(vh, tileStart: t0, folds: folds, shift: shift)
                        var u = 0
                        while u < n {
                            recurrenceSteps4(w.m1, rows: D, ld: w.ldF,
                                             a: w.rows(values, from: u, valid: folds), x: w.rows(keys, from: u, valid: folds),
                                             b: w.rows(dO, ld: D, from: u, valid: 0..<n), y: w.outputRows(w.dFeatures, ld: w.ldF, from: u, valid: n))
                            u += 4
                        }
                        let qf = queryFeatures(t0)
                        fm.applyRows(qh + t0 * D, rows: n, D: D, into: qf)
                        fm.backwardRows(y: qf, dy: w.compactFeatures(w.dFeatures, rows: n), rows: n, D: D, into: dqh + t0 * D, accumulate: false)
                        t0 += n
                    }
                    // pass 2, reverse in t: G += Q̃_tᵀ dO_t, dV'_t = K̃'_t G; Gᵀ += dO_tᵀ Q̃_t, dK̃'_t = V'_t Gᵀ
                    w.m1.update(repeating: 0, count: Dp * w.ldD)
                    w.m2.update(repeating: 0, count: D * w.ldF)
                    t0 = (T - 1) / 16 * 16  // pass 1's tiles, last first
                    while t0 >= 0 {
                        let n = min(16, T - t0), first = min(n, max(0, shift - t0)), folds = first..<n, dO = gh + t0 * D
                        // the previous tile's rows (next in this pass); q's and k's only when not kept
                        prefetchRows(gh, from: t0 - 16, count: 16, T: T, D: D); prefetchRows(vh, from: t0 - 16 - shift, count: 16, T: T, D: D)
                        if cache == nil { prefetchRows(qh, from: t0 - 16, count: 16, T: T, D: D); prefetchRows(kh, from: t0 - 16 - shift, count: 16, T: T, D: D) }
                        let (kf, kOffset) = keyFeatures(t0, folds, fill: false)
                        let qf = queryFeatures(t0)
                        if cache == nil { fm.applyRows(qh + t0 * D, rows: n, D: D, into: qf) }
                        let queries = w.widened(qf, offset: 0, rows: 0..<n), dOx = w.paddedRows(dO, rows: n)
                        let values = w.valueRows(vh, tileStart: t0, folds: folds, shift: shift)
                        // blocks of four steps from the top, each block's steps in reverse; the
                        // top block's steps past the tile (rows n ..< 4⌈n/4⌉) fold zeros and
                        // come first, which changes nothing
                        var u = (n + 3) & ~3
                        while u > 0 {
                            u -= 4
                            recurrenceSteps4(w.m1, rows: Dp, ld: w.ldD,
                                             a: w.rows(qf, ld: Dp, from: u, valid: 0..<n, reversed: true),
                                             x: w.rows(dOx, ld: w.ldD, from: u, valid: 0..<n, reversed: true),
                                             b: w.rows(kf, ld: Dp, offset: kOffset, from: u, valid: folds, reversed: true),
                                             y: w.outputRows(w.out, ld: w.ldD, from: u, valid: n, reversed: true))
                            recurrenceSteps4(w.m2, rows: D, ld: w.ldF,
                                             a: w.rows(dO, ld: D, from: u, valid: 0..<n, reversed: true),
                                             x: w.rows(queries, from: u, valid: 0..<n, reversed: true),
                                             b: w.rows(values, from: u, valid: folds, reversed: true),
                                             y: w.outputRows(w.dFeatures, ld: w.ldF, from: u, valid: n, reversed: true))
                        }
                        // row r ≥ first of the tile is token j = t0 + r − shift
                        if first < n {
                            let j0 = t0 + first - shift, rows = n - first
                            w.storeRows(w.out + first * w.ldD, ld: w.ldD, rows: rows, cols: D, to: dvh + j0 * D, accumulate: !p.isFirst)
                            fm.backwardRows(y: kf + (kOffset + first) * Dp, dy: w.compactFeatures(w.dFeatures, rows: n) + first * Dp,
                                            rows: rows, D: D, into: dkh + j0 * D, accumulate: !p.isFirst)
                        }
                        t0 -= 16
                    }
                    w.storeRows(w.m1, ld: w.ldD, rows: Dp, cols: D, to: p.ds0, accumulate: false)
                }
            }
        }
    }
}

/// Four rows, one per step of a `recurrenceSteps4` call.
struct StepRows<P> {
    var r0: P, r1: P, r2: P, r3: P
}

/// Four steps u = 0 ..< 4 of the recurrence on the state M: [rows × ld], in order:
///   M[i, :] += a_u[i] · x_u            (fold: a rank-1 update)
///   y_u = Σ_i b_u[i] · M[i, :]          (read, after step u's fold)
/// a_u, b_u: [rows] (one entry broadcast per row of M); x_u, y_u: [ld] (y overwritten); ld a
/// multiple of 16. The reads are taken from the state before the block and corrected:
///   y_u = Σ_i b_u[i] · M_old[i, :] + Σ_{u' ≤ u} ⟨b_u, a_u'⟩ · x_u'
/// (the chunked form with chunks of four: ten dot products of length `rows`), so no read waits
/// on a fold and each row's four folds are one chain that only its store waits on. Columns go in
/// blocks of 32 (then one of 16); within a block the rows stream through once with x_u and y_u of
/// the block held in registers: per row two loads and two stores of M against 16 fused
/// multiply-adds. Cost 4·2·2·rows·ld FLOPs + 20·rows for the dot products.
@inline(__always)
func recurrenceSteps4(_ m: UnsafeMutablePointer<Float>, rows: Int, ld: Int,
                      a: StepRows<UnsafePointer<Float>>, x: StepRows<UnsafePointer<Float>>,
                      b: StepRows<UnsafePointer<Float>>, y: StepRows<UnsafeMutablePointer<Float>>) {
    // c_uv = ⟨b_u, a_v⟩ for v ≤ u
    var d00 = Vec16(), d10 = Vec16(), d11 = Vec16(), d20 = Vec16(), d21 = Vec16(), d22 = Vec16()
    var d30 = Vec16(), d31 = Vec16(), d32 = Vec16(), d33 = Vec16()
    let rows16 = rows & ~15
    var i = 0
    while i < rows16 {
        let a0 = load16(a.r0 + i), a1 = load16(a.r1 + i), a2 = load16(a.r2 + i), a3 = load16(a.r3 + i)
        let b0 = load16(b.r0 + i), b1 = load16(b.r1 + i), b2 = load16(b.r2 + i), b3 = load16(b.r3 + i)
        d00.addProduct(b0, a0)
        d10.addProduct(b1, a0); d11.addProduct(b1, a1)
        d20.addProduct(b2, a0); d21.addProduct(b2, a1); d22.addProduct(b2, a2)
        d30.addProduct(b3, a0); d31.addProduct(b3, a1); d32.addProduct(b3, a2); d33.addProduct(b3, a3)
        i += 16
    }
    var c00 = horizontalSum(d00), c10 = horizontalSum(d10), c11 = horizontalSum(d11)
    var c20 = horizontalSum(d20), c21 = horizontalSum(d21), c22 = horizontalSum(d22)
    var c30 = horizontalSum(d30), c31 = horizontalSum(d31), c32 = horizontalSum(d32), c33 = horizontalSum(d33)
    while i < rows {
        let (a0, a1, a2, a3) = (a.r0[i], a.r1[i], a.r2[i], a.r3[i])
        let (b0, b1, b2, b3) = (b.r0[i], b.r1[i], b.r2[i], b.r3[i])
        c00 += b0 * a0; c10 += b1 * a0; c11 += b1 * a1; c20 += b2 * a0; c21 += b2 * a1; c22 += b2 * a2
        c30 += b3 * a0; c31 += b3 * a1; c32 += b3 * a2; c33 += b3 * a3
        i += 1
    }
    var c = 0
    while c + 32 <= ld {
        let x00 = load16(x.r0 + c), x01 = load16(x.r0 + c + 16), x10 = load16(x.r1 + c), x11 = load16(x.r1 + c + 16)
        let x20 = load16(x.r2 + c), x21 = load16(x.r2 + c + 16), x30 = load16(x.r3 + c), x31 = load16(x.r3 + c + 16)
        var y00 = Vec16(), y01 = Vec16(), y10 = Vec16(), y11 = Vec16()
        var y20 = Vec16(), y21 = Vec16(), y30 = Vec16(), y31 = Vec16()
        var p = m + c
        for i in 0..<rows {
            var s0 = load16(p), s1 = load16(p + 16)
            let b0 = b.r0[i], b1 = b.r1[i], b2 = b.r2[i], b3 = b.r3[i]
            y00.addProduct(b0, s0); y01.addProduct(b0, s1); y10.addProduct(b1, s0); y11.addProduct(b1, s1)
            y20.addProduct(b2, s0); y21.addProduct(b2, s1); y30.addProduct(b3, s0); y31.addProduct(b3, s1)
            let a0 = a.r0[i], a1 = a.r1[i], a2 = a.r2[i], a3 = a.r3[i]
            s0.addProduct(a0, x00); s1.addProduct(a0, x01); s0.addProduct(a1, x10); s1.addProduct(a1, x11)
            s0.addProduct(a2, x20); s1.addProduct(a2, x21); s0.addProduct(a3, x30); s1.addProduct(a3, x31)
            store16(s0, p); store16(s1, p + 16)
            p += ld
        }
        y00.addProduct(c00, x00); y01.addProduct(c00, x01)
        y10.addProduct(c10, x00); y11.addProduct(c10, x01); y10.addProduct(c11, x10); y11.addProduct(c11, x11)
        y20.addProduct(c20, x00); y21.addProduct(c20, x01); y20.addProduct(c21, x10); y21.addProduct(c21, x11)
        y20.addProduct(c22, x20); y21.addProduct(c22, x21)
        y30.addProduct(c30, x00); y31.addProduct(c30, x01); y30.addProduct(c31, x10); y31.addProduct(c31, x11)
        y30.addProduct(c32, x20); y31.addProduct(c32, x21); y30.addProduct(c33, x30); y31.addProduct(c33, x31)
        store16(y00, y.r0 + c); store16(y01, y.r0 + c + 16); store16(y10, y.r1 + c); store16(y11, y.r1 + c + 16)
        store16(y20, y.r2 + c); store16(y21, y.r2 + c + 16); store16(y30, y.r3 + c); store16(y31, y.r3 + c + 16)
        c += 32
    }
    if c < ld {  // one block of 16 columns
        let x0 = load16(x.r0 + c), x1 = load16(x.r1 + c), x2 = load16(x.r2 + c), x3 = load16(x.r3 + c)
        var y0 = Vec16(), y1 = Vec16(), y2 = Vec16(), y3 = Vec16()
        var p = m + c
        for i in 0..<rows {
            var s = load16(p)
            y0.addProduct(b.r0[i], s); y1.addProduct(b.r1[i], s); y2.addProduct(b.r2[i], s); y3.addProduct(b.r3[i], s)
            s.addProduct(a.r0[i], x0); s.addProduct(a.r1[i], x1); s.addProduct(a.r2[i], x2); s.addProduct(a.r3[i], x3)
            store16(s, p)
            p += ld
        }
        y0.addProduct(c00, x0)
        y1.addProduct(c10, x0); y1.addProduct(c11, x1)
        y2.addProduct(c20, x0); y2.addProduct(c21, x1); y2.addProduct(c22, x2)
        y3.addProduct(c30, x0); y3.addProduct(c31, x1); y3.addProduct(c32, x2); y3.addProduct(c33, x3)
        store16(y0, y.r0 + c); store16(y1, y.r1 + c); store16(y2, y.r2 + c); store16(y3, y.r3 + c)
    }
}

/// One thread's buffers for `fused-recurrent`, for tiles of up to 16 steps: the states (two, for
/// pass 2's G and Gᵀ), the tile's features, shifted values and outputs with rows padded to a
/// multiple of 16 columns, a row of zeros for steps with no token and a row for discarded reads.
/// One allocation on a cache line (`allocateAlignedFloats`), every buffer a multiple of 16 floats
/// long, so every row of the states starts on a cache line.
struct RecurrenceScratch {
    let D: Int, Dp: Int
    /// Row strides: D and D' = 2D rounded up to a multiple of 16.
    let ldD: Int, ldF: Int
    private let base: UnsafeMutablePointer<Float>
    /// States: m1 [max(D'·ldD, D·ldF)], m2 [D·ldF].
    let m1: UnsafeMutablePointer<Float>, m2: UnsafeMutablePointer<Float>
    /// φ of the tile's queries and shifted keys, [16 × D'].
    let fq: UnsafeMutablePointer<Float>, fk: UnsafeMutablePointer<Float>
    /// Outputs of a tile: [16 × ldD] and [16 × ldF].
    let out: UnsafeMutablePointer<Float>, dFeatures: UnsafeMutablePointer<Float>
    /// Padded copies (D or D' not a multiple of 16): values [16 × ldD], dO [16 × ldD], features [16 × ldF].
    private let vp: UnsafeMutablePointer<Float>, dOWide: UnsafeMutablePointer<Float>, fWide: UnsafeMutablePointer<Float>
    private let compact: UnsafeMutablePointer<Float>, zeros: UnsafeMutablePointer<Float>, discard: UnsafeMutablePointer<Float>

    init(D: Int) {
        self.D = D; Dp = 2 * D
        ldD = (D + 15) & ~15; ldF = (2 * D + 15) & ~15
        let sizes = [max(Dp * ldD, D * ldF), D * ldF, 16 * Dp, 16 * Dp, 16 * ldD, 16 * ldF,
                     16 * ldD, 16 * ldD, 16 * ldF, 16 * Dp, ldF, ldF]
        let base = allocateAlignedFloats(sizes.reduce(0, +))
        var p: [UnsafeMutablePointer<Float>] = [], offset = 0
        for size in sizes { p.append(base + offset); offset += size }
        self.base = base
        (m1, m2, fq, fk, out, dFeatures) = (p[0], p[1], p[2], p[3], p[4], p[5])
        (vp, dOWide, fWide, compact, zeros, discard) = (p[6], p[7], p[8], p[9], p[10], p[11])
        // the zero row, and the padding columns of the copies (written here, never again)
        for (buffer, count) in [(p[10], ldF), (p[6], 16 * ldD), (p[7], 16 * ldD), (p[8], 16 * ldF)] { buffer.update(repeating: 0, count: count) }
    }
    func free() { base.deallocate() }

    /// Rows of a tile as `rows` reads them: row r of the tile is base + (offset + r)·ld.
    struct TileRows { var base: UnsafePointer<Float>, offset: Int, ld: Int }
    /// V'_t of the tile's rows in `folds` (token t0 + r − shift): v's own rows when D is a multiple
    /// of 16, else copies in `vp` with zero padding columns.
    func valueRows(_ v: UnsafePointer<Float>, tileStart t0: Int, folds: Range<Int>, shift: Int) -> TileRows {
        if ldD == D { return TileRows(base: v, offset: t0 - shift, ld: D) }
        for r in folds { (vp + r * ldD).update(from: v + (t0 + r - shift) * D, count: D) }
        return TileRows(base: vp, offset: 0, ld: ldD)
    }
    /// Feature rows (stride D') with row stride ldF: themselves when D' is a multiple of 16, else
    /// copies of the tile's rows in `rows` with zero padding columns.
    func widened(_ f: UnsafeMutablePointer<Float>, offset: Int, rows: Range<Int>) -> TileRows {
        if ldF == Dp { return TileRows(base: f, offset: offset, ld: Dp) }
        for r in rows { (fWide + r * ldF).update(from: f + (offset + r) * Dp, count: Dp) }
        return TileRows(base: fWide, offset: 0, ld: ldF)
    }
    /// Rows [n × D] with stride ldD: themselves when D is a multiple of 16, else a padded copy.
    func paddedRows(_ x: UnsafePointer<Float>, rows n: Int) -> UnsafePointer<Float> {
        if ldD == D { return x }
        for r in 0..<n { (dOWide + r * ldD).update(from: x + r * D, count: D) }
        return UnsafePointer(dOWide)
    }
    /// Feature rows [n × ldF] as [n × D'] (`FeatureMap.backwardRows` reads stride D').
    func compactFeatures(_ f: UnsafeMutablePointer<Float>, rows n: Int) -> UnsafeMutablePointer<Float> {
        if ldF == Dp { return f }
        for r in 0..<n { (compact + r * Dp).update(from: f + r * ldF, count: Dp) }
        return compact
    }
    /// Rows u ..< u + 4 of the tile (row r: p + (offset + r)·ld), or u + 3 down to u when
    /// `reversed`; rows outside `valid` are the zero row.
    func rows(_ p: UnsafePointer<Float>, ld: Int, offset: Int = 0, from u: Int, valid: Range<Int>, reversed: Bool = false) -> StepRows<UnsafePointer<Float>> {
        func row(_ r: Int) -> UnsafePointer<Float> { valid.contains(r) ? p + (offset + r) * ld : UnsafePointer(zeros) }
        return reversed ? StepRows(r0: row(u + 3), r1: row(u + 2), r2: row(u + 1), r3: row(u))
                        : StepRows(r0: row(u), r1: row(u + 1), r2: row(u + 2), r3: row(u + 3))
    }
    func rows(_ p: UnsafeMutablePointer<Float>, ld: Int, offset: Int = 0, from u: Int, valid: Range<Int>, reversed: Bool = false) -> StepRows<UnsafePointer<Float>> {
        rows(UnsafePointer(p), ld: ld, offset: offset, from: u, valid: valid, reversed: reversed)
    }
    func rows(_ t: TileRows, from u: Int, valid: Range<Int>, reversed: Bool = false) -> StepRows<UnsafePointer<Float>> {
        rows(t.base, ld: t.ld, offset: t.offset, from: u, valid: valid, reversed: reversed)
    }
    /// Output rows like `rows`, rows ≥ `valid` going to the discarded row.
    func outputRows(_ p: UnsafeMutablePointer<Float>, ld: Int, from u: Int, valid n: Int, reversed: Bool = false) -> StepRows<UnsafeMutablePointer<Float>> {
        func row(_ r: Int) -> UnsafeMutablePointer<Float> { r < n ? p + r * ld : discard }
        return reversed ? StepRows(r0: row(u + 3), r1: row(u + 2), r2: row(u + 1), r3: row(u))
                        : StepRows(r0: row(u), r1: row(u + 1), r2: row(u + 2), r3: row(u + 3))
    }
    /// dst[r, 0 ..< cols] (stride cols) = (or +=) src[r, 0 ..< cols] (stride ld) for r < rows.
    func storeRows(_ src: UnsafePointer<Float>, ld: Int, rows: Int, cols: Int, to dst: UnsafeMutablePointer<Float>, accumulate: Bool) {
        for r in 0..<rows {
            if accumulate { addRows(src + r * ld, count: cols, into: dst + r * cols) }
            else { (dst + r * cols).update(from: src + r * ld, count: cols) }
        }
    }
    /// M = S (rows × cols, stride cols), or Sᵀ when `transposed`, with row stride ld; padding columns 0.
    func loadState(_ s: UnsafePointer<Float>, rows: Int, cols: Int, ld: Int, transposed: Bool, into m: UnsafeMutablePointer<Float>) {
        m.update(repeating: 0, count: (transposed ? cols : rows) * ld)
        if transposed { transposeTile(rows: rows, cols: cols, src: s, ldSrc: cols, out: m, ldOut: ld) }
        else { for i in 0..<rows { (m + i * ld).update(from: s + i * cols, count: cols) } }
    }
}
