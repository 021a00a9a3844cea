// `tiled-online-softmax`: flash-style softmax attention on the CPU.
//
// Implements (forward, per (b, h), per query tile Q_i of Bq rows):
//   m = −∞, l = 0, acc = 0
//   for each key tile K_j, V_j that intersects the visible band of Q_i (a band wider than Bk: the
//   diagonal block, keys at Q_i's own positions, first, then the rest in tiles of Bk):
//     S   = (Q_i · log2e/√D) · K_jᵀ, masked to −∞ outside the band   // base-2 scores
//     a row's first visible tile (the diagonal block when it comes first): m = rowmax S
//     later tiles: P = 2^(S − m), rowmax S found in the same pass; only if rowmax S > m + 8:
//       m' = rowmax S, α = 2^(m − m'), P = 2^(S − m'), l = α·l, acc = α·acc, m = m'
//     l  += rowsum P;  acc += P·V_j
//   o_i = acc / l,  lse_i = (m + log2 l)·ln 2   (exact for any reference m; P ≤ 2^8 keeps l finite)
// Backward (FlashAttention-2, per (b, kv head), key tiles outer, query tiles inner):
//   P = 2^(S − lse·log2e), dV_j += Pᵀ dO_i, dP = dO_i V_jᵀ, dS = P∘(dP − Δ_i) with Δ = rowsum(dO∘O),
//   dQ_i += dS K_j /√D, dK_j += dSᵀ Q_i /√D.
// The T×S score matrix never exists; tiles are Bq × Bk (32 × 128 by default, 16 KiB: measured as fast
// as 64-row tiles for causal attention; 16 rows for causal attention over at most 256 keys, where
// every tile meets the diagonal; with a window the forward takes 16 rows or fewer, whose band has
// fewer masked keys, and a band of up to 512 keys as one key tile, 32 KiB of scores at most).
// With a window W only the tiles that meet the band are visited, so the cost is O(T·(W+Bk)·D),
// not O(T²·D); the forward takes a band of up to 512 keys as one key tile (`forwardKeyTile`), and
// a small window narrows the tiles (`forwardQueryTile`, `backwardKeyTile`: at W 8, T 512, D 32 the
// forward+backward took 3.5 ms instead of 8.7 with 32 × 128 tiles). The backward
// reads Pᵀ and dSᵀ in place (`tileGemmTransposedA`) instead of transposing each tile first.
// Work is split over (b, h) pairs forward and (b, kv head) pairs backward (so the GQA sums into
// dk, dv stay inside one thread).
// Non-finite inputs: a masked probability is exactly 0, but 0·NaN = NaN, so a NaN or ∞ in the
// key or value of key j must not reach rows that cannot see j. Interior tiles (every row sees
// every key) need nothing. In a masked edge tile (the diagonal and window edges) the P·V (forward)
// and dS·K (backward) products first check the value/key rows that some row of the tile does not
// see (at most rows − 1 on each side, `maskedColumnsFinite`); only if one is non-finite does the
// tile go through `bandedProduct`, which multiplies each row by the keys it sees and nothing else.
// Backward also zeroes the masked entries of P and dS. Only edge tiles pay (a scan of ≤ 2·Bq rows),
// so the main loop keeps its speed and finite inputs give bit-for-bit the unmasked results.
//
// Any head dim D ≥ 1: products with D columns (P·V, dS·K, dSᵀ·Q, Pᵀ·dO) take D in 64- and 16-column
// blocks and a tail of D mod 16 columns (8 lanes, then single columns: TileGemm.swift); the rest
// (scores over D, row scaling) is indifferent to D. D ≡ 8 mod 16 (24, 40, 72) loses a little to
// the narrower tail; other residues more (single-column tail).
// Advantages: O(T·D) memory; SIMD micro-kernels (TileGemm.swift) near the FMA peak in release.
// Disadvantages: parallel only across heads and batch, so B·H < threads leaves cores idle.
import LabCore
import RealModule

public struct TiledOnlineSoftmaxAttention: SoftmaxAttentionKernel {
    /// Query rows per tile (Bq) and keys per tile (Bk, a multiple of 16).
    public var queryTile: Int
    public var keyTile: Int

    public init(queryTile: Int = 32, keyTile: Int = 128) {
        precondition(queryTile >= 1 && keyTile >= 16 && keyTile % 16 == 0)
        self.queryTile = queryTile
        self.keyTile = keyTile
    }

    public var name: String { "tiled-online-softmax" }

    /// Every shape: any head dim D ≥ 1 (products over D take 16-, 8- and 1-lane column blocks).
    public func unsupported(_ shape: AttentionShape) -> String? { nil }

    /// The forward's query tile for a window W: a tile of Bq queries visits the Bq + W keys of its
    /// band (padded to 16), of which each row sees W + 1, so a tile much taller than W computes
    /// mostly masked scores. Bq = W rounded up to 8, at least 8, at most 16 (and `queryTile`):
    /// W 8 visits 16 keys a row instead of 48; at W 256 a 16-row tile visits 272 keys for 257
    /// visible, a 32-row one 288 (16 rows measured 2–4 % faster there). No window: `causalQueryTile`.
    func forwardQueryTile(window: Int?, S: Int) -> Int {
        guard let w = window else { return causalQueryTile(S: S) }
        return min(queryTile, 16, max(8, (w + 7) & ~7))
    }

    /// The forward's key tile: `keyTile`, or with a window W whose band (the Bq + W keys a tile of
    /// Bq queries visits, padded to 16) is wider but at most `maxBandTile` (512) columns, the band
    /// itself, so that each query tile takes one key tile: one score product, one max and exp2 pass
    /// a row and no rescale, instead of its diagonal block and ⌈W / Bk⌉ more tiles with a pass
    /// each (W 256, Bq 16: one tile of 272 keys instead of 16 + 128 + 128). At W 256, T 16,384, D 64
    /// the forward ran 1.07× faster (per-round median of 8 processes alternating with the tiles of
    /// 128, all 8 faster), at W 480 (496 keys) 1.05× (4 of 4; kernels notebook §19). Narrower bands
    /// already fit one `keyTile`; wider ones keep `keyTile`.
    func forwardKeyTile(window: Int?, queryTile Bq: Int) -> Int {
        guard let w = window else { return keyTile }
        let band = (w + Bq + 15) & ~15
        return band > keyTile && band <= Self.maxBandTile ? band : keyTile
    }

    /// The widest band `forwardKeyTile` takes as one key tile: the scores and probabilities of a
    /// 16-row tile are then 32 KiB each.
    static let maxBandTile = 512

    /// The query tile with no window, forward and backward: 16 rows when the keys fit in two key
    /// tiles (S ≤ 2·Bk), else `queryTile`. At S ≤ 256 every tile meets the diagonal, and shorter
    /// tiles compute fewer masked scores (T 128: 9,216 scores for 8,256 visible, against 10,240
    /// with 32 rows): B 32, T 128, D 64 ran 5–8 % faster forward and backward; at T 2,048 32-row
    /// tiles ran the forward 5–10 % faster (each row of K is read by half as many tiles) and the
    /// backward the same; at T 512 both the same.
    func causalQueryTile(S: Int) -> Int { S <= 2 * keyTile ? min(queryTile, 16) : queryTile }

    /// The window the tiles follow: nil (causal attention) for no window or one that reaches key 0
    /// from every position (W ≥ S − 1), which then takes causal attention's tiles and bits.
    func bandWindow(_ shape: AttentionShape) -> Int? { shape.window.flatMap { $0 >= shape.S - 1 ? nil : $0 } }

    /// The backward's key tile for a window W: a tile of Bk keys is seen by Bk + W queries, each
    /// computing all Bk scores, O(T·(Bk + W)·D) in all; with W ≪ Bk that is mostly masked work
    /// (W 8, Bk 128: 136 scores a query for 9 visible). Bk = W + 1 rounded up to 16, at least 16,
    /// at most `keyTile`.
    func backwardKeyTile(window: Int?) -> Int {
        guard let w = window else { return keyTile }
        return min(keyTile, max(16, (w + 16) & ~15))
    }

    public func forward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, shape: AttentionShape,
                        threads: Int) -> SoftmaxAttentionOutput<Float> {
        let (B, H, T, S, D, G) = (shape.B, shape.H, shape.T, shape.S, shape.D, shape.group)
        let window = bandWindow(shape)
        let Bq = forwardQueryTile(window: window, S: S)
        let Bk = forwardKeyTile(window: window, queryTile: Bq)
        let qScale = log2e / Float.sqrt(Float(D))
        let off = shape.queryOffset
        // every row of o and lse is written once, at the end of its query tile: no zero fill
        var o = uninitializedOutput(count: B * H * T * D)
        var lse = uninitializedOutput(count: B * H * T)
        q.scalars.withUnsafeBufferPointer { qb in
        k.scalars.withUnsafeBufferPointer { kb in
        v.scalars.withUnsafeBufferPointer { vb in
        o.withUnsafeMutableBufferPointer { ob in
        lse.withUnsafeMutableBufferPointer { lb in
            let (qAll, kAll, vAll, oAll, lAll) = (qb.baseAddress!, kb.baseAddress!, vb.baseAddress!, ob.baseAddress!, lb.baseAddress!)
            // Kᵀ of a whole head, [D × ld] with zero columns past S, so every key tile is a column
            // slice (no per-tile transposes; measured faster than transposing each tile or each
            // query tile's span, with or without a window).
            let ld = ((S + 15) & ~15) + 16  // + 16: a tile starting anywhere may pad past S
            Parallel.forEachBlock(B * H, threads: threads) { heads in
                // one thread's buffers, for all its heads (at T 128 a head is ~20 µs of work)
                let scratch = TileScratch([("qs", Bq * D), ("s", Bq * Bk), ("p", Bq * Bk), ("acc", Bq * D),
                                           ("m", Bq), ("l", Bq), ("kt", D * ld)])
                defer { scratch.free() }
                let (qs, s, p, acc, m, l, kt) = (scratch["qs"], scratch["s"], scratch["p"], scratch["acc"],
                                                 scratch["m"], scratch["l"], scratch["kt"])
                for bh in heads {
                    let (b, h) = (bh / H, bh % H)
                    let qh = qAll + bh * T * D, oh = oAll + bh * T * D, lh = lAll + bh * T
                    let kvOffset = (b * shape.Hkv + h / G) * S * D
                    let kh = kAll + kvOffset, vh = vAll + kvOffset
                    // every value finite (the usual case): no edge tile needs its masked columns checked
                    let valuesFinite = allFinite(vh, count: S * D)
                    loadTransposed(rows: S, colsPad: ld, D: D, src: kh, into: kt, ld: ld)
                    var i0 = 0
                    while i0 < T {
                        let rows = min(Bq, T - i0)
                        scaleRows(rows: rows, D: D, src: qh + i0 * D, by: qScale, into: qs)
                        for r in 0..<rows { m[r] = -.infinity; l[r] = 0 }
                        acc.update(repeating: 0, count: rows * D)
                        let pLo = i0 + off, pHi = i0 + rows - 1 + off
                        let jEnd = pHi + 1
                        let jStart = window.map { max(0, pLo - $0) } ?? 0
                        // Key tiles: a band wider than one tile takes first the diagonal block [pLo, jEnd)
                        // (rows columns: every row's own position, so every row's first visible tile,
                        // whose max pass is then short), then [jStart, pLo) in tiles of Bk; a narrower
                        // band (a small window) is one tile, [jStart, jEnd).
                        let diagonalFirst = jEnd - jStart > Bk
                        let restEnd = diagonalFirst ? pLo : jEnd
                        var next = jStart, diagonalDone = !diagonalFirst
                        while true {
                            let j0: Int, cols: Int
                            if !diagonalDone { (j0, cols) = (pLo, jEnd - pLo); diagonalDone = true }
                            else if next < restEnd { (j0, cols) = (next, min(Bk, restEnd - next)); next += cols }
                            else { break }
                            let colsPad = (cols + 15) & ~15
                            // pass 1: base-2 scores S = Qs · Kᵀ[:, j0 ..< j0+colsPad] (padding columns are zero)
                            tileGemm(m: rows, n: colsPad, k: D, a: qs, lda: D, b: kt + j0, ldb: ld, c: s, ldc: Bk, accumulate: false)
                            let interior = cols == colsPad && j0 + cols - 1 <= pLo && (window.map { j0 >= pHi - $0 } ?? true)
                            // pass 2: online softmax, row by row, P into its own buffer (S stays for a rescale).
                            // A row's reference m is its max at its first visible tile; later tiles take
                            // P = 2^(S − m) in the same pass that finds their max, and only a tile whose max
                            // exceeds m by more than `rescaleSlack` moves m (α = 2^(m − m'), P recomputed).
                            // So P ≤ 2^slack, and the row's max pass and α are paid about once a row, not
                            // once a tile (the conditional rescaling of FlashAttention-4).
                            for r in 0..<rows {
                                let srow = s + r * Bk, prow = p + r * Bk
                                if !interior { maskRow(srow, colsPad: colsPad, cols: cols, firstKey: j0, position: i0 + r + off, window: window) }
                                if m[r] == -.infinity {  // nothing seen yet: acc = 0, l = 0, so no α
                                    let rowMax = maxOfRow(srow, count: colsPad)
                                    if rowMax == -.infinity { prow.update(repeating: 0, count: colsPad); continue }
                                    l[r] = exp2Row(srow, into: prow, count: colsPad, minus: rowMax).sum
                                    m[r] = rowMax
                                    continue
                                }
                                let (sum, rowMax) = exp2Row(srow, into: prow, count: colsPad, minus: m[r])
                                if rowMax <= m[r] + rescaleSlack { l[r] += sum; continue }
                                let alpha = Float.exp2(m[r] - rowMax)
                                l[r] = l[r] * alpha + exp2Row(srow, into: prow, count: colsPad, minus: rowMax).sum
                                scaleInPlace(acc + r * D, count: D, by: alpha)
                                m[r] = rowMax
                            }
                            // pass 3: acc += P · V_j (an edge tile with a non-finite value a row cannot see: only the values each row sees)
                            if interior || valuesFinite || maskedColumnsFinite(rows: rows, D: D, b: vh + j0 * D, cols: cols, firstKey: j0,
                                                               firstPosition: i0 + off, window: window) {
                                tileGemm(m: rows, n: D, k: cols, a: p, lda: Bk, b: vh + j0 * D, ldb: D, c: acc, ldc: D, accumulate: true)
                            } else {
                                bandedProduct(rows: rows, D: D, a: p, lda: Bk, b: vh + j0 * D, c: acc,
                                              cols: cols, firstKey: j0, firstPosition: i0 + off, window: window)
                            }
                        }
                        for r in 0..<rows {
                            scaleRows(rows: 1, D: D, src: acc + r * D, by: 1 / l[r], into: oh + (i0 + r) * D)
                            lh[i0 + r] = (m[r] + Float.log2(l[r])) / log2e
                        }
                        i0 += rows
                    }
                }
            }
        }}}}}
        return SoftmaxAttentionOutput(o: Tensor(shape: [B, H, T, D], scalars: o),
                                      lse: Tensor(shape: [B, H, T], scalars: lse))
    }

    public func backward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, output: SoftmaxAttentionOutput<Float>,
                         dout: Tensor<Float>, shape: AttentionShape, threads: Int) -> SoftmaxAttentionGradients<Float> {
        let (B, H, Hkv, T, S, D, G) = (shape.B, shape.H, shape.Hkv, shape.T, shape.S, shape.D, shape.group)
        let (Bq, Bk) = (bandWindow(shape) == nil ? causalQueryTile(S: S) : queryTile, backwardKeyTile(window: shape.window))
        let scale = 1 / Float.sqrt(Float(D)), qScale = log2e * scale
        let off = shape.queryOffset, window = shape.window
        var dq = [Float](repeating: 0, count: q.count)
        var dk = [Float](repeating: 0, count: k.count)
        var dv = [Float](repeating: 0, count: v.count)
        q.scalars.withUnsafeBufferPointer { qb in
        k.scalars.withUnsafeBufferPointer { kb in
        v.scalars.withUnsafeBufferPointer { vb in
        output.o.scalars.withUnsafeBufferPointer { ob in
        output.lse.scalars.withUnsafeBufferPointer { lb in
        dout.scalars.withUnsafeBufferPointer { gb in
        dq.withUnsafeMutableBufferPointer { dqb in
        dk.withUnsafeMutableBufferPointer { dkb in
        dv.withUnsafeMutableBufferPointer { dvb in
            let (qAll, kAll, vAll, oAll, lAll, gAll) = (qb.baseAddress!, kb.baseAddress!, vb.baseAddress!, ob.baseAddress!, lb.baseAddress!, gb.baseAddress!)
            let (dqAll, dkAll, dvAll) = (dqb.baseAddress!, dkb.baseAddress!, dvb.baseAddress!)
            Parallel.forEachBlock(B * Hkv, threads: threads) { kvHeads in
                // one thread's buffers, for all its heads
                let scratch = TileScratch([("qs", Bq * D), ("kt", D * Bk), ("vt", D * Bk), ("p", Bq * Bk), ("dp", Bq * Bk),
                                           ("dkAcc", Bk * D), ("dvAcc", Bk * D), ("lse2", T), ("delta", T)])
                defer { scratch.free() }
                let (qs, kt, vt, p, dp) = (scratch["qs"], scratch["kt"], scratch["vt"], scratch["p"], scratch["dp"])
                let (dkAcc, dvAcc, lse2, delta) = (scratch["dkAcc"], scratch["dvAcc"], scratch["lse2"], scratch["delta"])
                for bg in kvHeads {
                    let kh = kAll + bg * S * D, vh = vAll + bg * S * D
                    let dkh = dkAll + bg * S * D, dvh = dvAll + bg * S * D
                    let keysFinite = allFinite(kh, count: S * D)  // then no edge tile's masked keys need a check
                    let (b, g) = (bg / Hkv, bg % Hkv)
                    for h in (g * G)..<((g + 1) * G) {
                        let bh = b * H + h
                        let qh = qAll + bh * T * D, oh = oAll + bh * T * D, gh = gAll + bh * T * D
                        let dqh = dqAll + bh * T * D
                        for t in 0..<T {
                            lse2[t] = lAll[bh * T + t] * log2e
                            delta[t] = dotRow(gh + t * D, oh + t * D, count: D)  // Δ_t = dO_t·o_t
                        }
                        var j0 = 0
                        while j0 < S {
                            let cols = min(Bk, S - j0), colsPad = (cols + 15) & ~15
                            // queries that see any key of this tile: positions j0 ... j0+cols−1+W
                            let tLo = max(0, j0 - off)
                            let tHi = min(T - 1, window.map { j0 + cols - 1 + $0 - off } ?? (T - 1))
                            if tLo > tHi { j0 += cols; continue }
                            loadTransposed(rows: cols, colsPad: colsPad, D: D, src: kh + j0 * D, into: kt, ld: Bk)
                            loadTransposed(rows: cols, colsPad: colsPad, D: D, src: vh + j0 * D, into: vt, ld: Bk)
                            dkAcc.update(repeating: 0, count: cols * D)
                            dvAcc.update(repeating: 0, count: cols * D)
                            var i0 = tLo
                            while i0 <= tHi {
                                let rows = min(Bq, tHi + 1 - i0)
                                let pLo = i0 + off, pHi = i0 + rows - 1 + off
                                // keys past the tile's last query position are masked for all its rows (causal):
                                // neither scored nor multiplied (at T 128 with 128-key tiles that was half the work)
                                let seen = min(cols, pHi + 1 - j0), seenPad = (seen + 15) & ~15
                                scaleRows(rows: rows, D: D, src: qh + i0 * D, by: qScale, into: qs)
                                // P = 2^(S − lse2), zero outside the band
                                tileGemm(m: rows, n: seenPad, k: D, a: qs, lda: D, b: kt, ldb: Bk, c: p, ldc: Bk, accumulate: false)
                                let interior = seen == seenPad && j0 + seen - 1 <= pLo && (window.map { j0 >= pHi - $0 } ?? true)
                                for r in 0..<rows {
                                    let prow = p + r * Bk
                                    if !interior { maskRow(prow, colsPad: seenPad, cols: seen, firstKey: j0, position: i0 + r + off, window: window) }
                                    _ = exp2Row(prow, into: prow, count: seenPad, minus: lse2[i0 + r])
                                    // masked P is 2^(−∞ − lse2) = 0, except when lse2 is NaN (the row saw a NaN)
                                    if !interior { maskRow(prow, colsPad: seenPad, cols: seen, firstKey: j0, position: i0 + r + off, window: window, with: 0) }
                                }
                                // dP = dO_i · V_jᵀ, then dS = P∘(dP − Δ) in place of dP (masked dS = 0·NaN if v_j is NaN: zeroed)
                                tileGemm(m: rows, n: seenPad, k: D, a: gh + i0 * D, lda: D, b: vt, ldb: Bk, c: dp, ldc: Bk, accumulate: false)
                                for r in 0..<rows {
                                    dsRowInPlace(dp + r * Bk, p: p + r * Bk, count: seenPad, delta: delta[i0 + r])
                                    if !interior { maskRow(dp + r * Bk, colsPad: seenPad, cols: seen, firstKey: j0, position: i0 + r + off, window: window, with: 0) }
                                }
                                // dV_j += Pᵀ dO_i
                                tileGemmTransposedA(m: seen, n: D, k: rows, a: p, lda: Bk, b: gh + i0 * D, ldb: D, c: dvAcc, ldc: D, accumulate: true)
                                // dQ_i += dS K_j (scaled by 1/√D at the end; an edge tile with a non-finite key a row cannot see: only the keys each row sees)
                                if interior || keysFinite || maskedColumnsFinite(rows: rows, D: D, b: kh + j0 * D, cols: seen, firstKey: j0,
                                                                   firstPosition: i0 + off, window: window) {
                                    tileGemm(m: rows, n: D, k: seen, a: dp, lda: Bk, b: kh + j0 * D, ldb: D, c: dqh + i0 * D, ldc: D, accumulate: true)
                                } else {
                                    bandedProduct(rows: rows, D: D, a: dp, lda: Bk, b: kh + j0 * D, c: dqh + i0 * D,
                                                  cols: seen, firstKey: j0, firstPosition: i0 + off, window: window)
                                }
                                // dK_j += dSᵀ Q_i
                                tileGemmTransposedA(m: seen, n: D, k: rows, a: dp, lda: Bk, b: qh + i0 * D, ldb: D, c: dkAcc, ldc: D, accumulate: true)
                                i0 += rows
                            }
                            let (dkTile, dvTile) = (dkh + j0 * D, dvh + j0 * D)  // rows j0 ..< j0+cols
                            for i in 0..<(cols * D) {
                                dkTile[i] += dkAcc[i] * scale
                                dvTile[i] += dvAcc[i]
                            }
                            j0 += cols
                        }
                        scaleInPlace(dqh, count: T * D, by: scale)
                    }
                }
            }
        }}}}}}}}}
        return SoftmaxAttentionGradients(dq: Tensor(shape: q.shape, scalars: dq),
                                         dk: Tensor(shape: k.shape, scalars: dk),
                                         dv: Tensor(shape: v.shape, scalars: dv))
    }
}

// MARK: - Per-thread scratch and row helpers

/// into[r·D + d] = src[r·D + d] · c (any D: a scalar tail past the last 16 of rows·D).
@inline(__always) func scaleRows(rows: Int, D: Int, src: UnsafePointer<Float>, by c: Float, into: UnsafeMutablePointer<Float>) {
    var i = 0
    let n = rows * D
    while i + 16 <= n { store16(load16(src + i) * c, into + i); i += 16 }
    while i < n { into[i] = src[i] * c; i += 1 }
}

@inline(__always) func scaleInPlace(_ x: UnsafeMutablePointer<Float>, count: Int, by c: Float) {
    var i = 0
    while i + 16 <= count { store16(load16(x + i) * c, x + i); i += 16 }
    while i < count { x[i] *= c; i += 1 }
}

/// K rows [rows × D] → Kᵀ [D × ld], columns rows..<colsPad zero-filled. Blocks of 64 rows keep
/// the writes to each Kᵀ row contiguous (a plain column-by-column transpose of a long K strides
/// through memory and costs more than the attention itself for a small window).
@inline(__always) func loadTransposed(rows: Int, colsPad: Int, D: Int, src: UnsafePointer<Float>,
                                      into: UnsafeMutablePointer<Float>, ld: Int) {
    var r0 = 0
    while r0 < rows {
        let n = min(64, rows - r0)
        transposeTile(rows: n, cols: D, src: src + r0 * D, ldSrc: D, out: into + r0, ldOut: ld)
        r0 += n
    }
    if rows < colsPad { for d in 0..<D { (into + d * ld + rows).update(repeating: 0, count: colsPad - rows) } }
}

/// The columns cLo..<cHi of a tile whose keys firstKey + c (c < cols) are in query `position`'s
/// band [position − W, position] (W + 1 keys; no lower bound without a window). Both bounds are
/// nondecreasing in `position`. Empty (cLo == cHi) when the row sees no key of the tile.
@inline(__always) func visibleColumns(colsPad: Int, cols: Int, firstKey: Int, position: Int, window: Int?) -> (lo: Int, hi: Int) {
    let cLo = min(colsPad, max(0, (window.map { position - $0 } ?? 0) - firstKey))
    let cHi = max(cLo, min(cols, position - firstKey + 1))
    return (cLo, cHi)
}

/// Sets to `value` (−∞ for scores, 0 for probabilities) the entries of a row whose key is outside
/// query `position`'s band or is padding (column ≥ cols). Columns cLo..<cHi stay.
@inline(__always) func maskRow(_ row: UnsafeMutablePointer<Float>, colsPad: Int, cols: Int, firstKey: Int,
                               position: Int, window: Int?, with value: Float = -.infinity) {
    let (cLo, cHi) = visibleColumns(colsPad: colsPad, cols: cols, firstKey: firstKey, position: position, window: window)
    if cLo > 0 { row.update(repeating: value, count: cLo) }
    if cHi < colsPad { (row + cHi).update(repeating: value, count: colsPad - cHi) }
}

/// Whether every row of B [cols × D] that some row of an edge tile does not see is finite, so that
/// the plain product over all `cols` is exact (masked entries of A are 0, and 0·x = 0 for finite x).
/// Those are the columns before the last row's first visible key and from the first row's last
/// visible key on: [0, cLo_last) ∪ [cHi_first, cols), at most rows − 1 of each at a diagonal or
/// window edge.
@inline(__always) func maskedColumnsFinite(rows: Int, D: Int, b: UnsafePointer<Float>, cols: Int, firstKey: Int,
                                           firstPosition: Int, window: Int?) -> Bool {
    let first = visibleColumns(colsPad: cols, cols: cols, firstKey: firstKey, position: firstPosition, window: window)
    let last = visibleColumns(colsPad: cols, cols: cols, firstKey: firstKey, position: firstPosition + rows - 1, window: window)
    return allFinite(b, count: last.lo * D) && allFinite(b + first.hi * D, count: (cols - first.hi) * D)
}

/// Whether x[0..<count] holds no NaN or ±∞ (Σ x·0 is 0 exactly when every x is finite).
/// Four independent sums, so the scan runs at the load rate rather than one add's latency.
@inline(__always) func allFinite(_ x: UnsafePointer<Float>, count: Int) -> Bool {
    var (a0, a1, a2, a3) = (Vec16(), Vec16(), Vec16(), Vec16())
    var i = 0
    while i + 64 <= count {
        a0 += load16(x + i) * 0; a1 += load16(x + i + 16) * 0
        a2 += load16(x + i + 32) * 0; a3 += load16(x + i + 48) * 0
        i += 64
    }
    while i + 16 <= count { a0 += load16(x + i) * 0; i += 16 }
    var tail: Float = 0
    while i < count { tail += x[i] * 0; i += 1 }
    return horizontalSum((a0 + a1) + (a2 + a3)) == 0 && tail == 0
}

/// C[r, 0..<D] += Σ_{c ∈ cLo_r..<cHi_r} A[r, c]·B[c, 0..<D] for the rows of an edge tile, row r at
/// position firstPosition + r: each row multiplies only the keys it sees, never a masked entry
/// (0·NaN = NaN would leak a non-finite key or value into a row that cannot see it).
/// Rows go in groups of 4 (the `tileGemm` micro-kernel height): the columns all 4 rows see,
/// max cLo ..< min cHi over the group (cLo and cHi grow with the row), go through one 4-row
/// `tileGemm`; what is left, at most 3 columns per row on each side, through one-row products.
/// The slow path, for a tile with a non-finite key or value that some row cannot see (the common
/// case goes through one `tileGemm`, see `maskedColumnsFinite`).
/// A: [rows × ≥cols] (lda), B: [cols × D] (ld D), C: [rows × D] (ld D).
@inline(__always) func bandedProduct(rows: Int, D: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>,
                                     c: UnsafeMutablePointer<Float>, cols: Int, firstKey: Int, firstPosition: Int, window: Int?) {
    @inline(__always) func visible(_ r: Int) -> (lo: Int, hi: Int) {
        visibleColumns(colsPad: cols, cols: cols, firstKey: firstKey, position: firstPosition + r, window: window)
    }
    /// C[r0 ..< r0+m] += A[r0 ..< r0+m, lo ..< hi] · B[lo ..< hi]
    @inline(__always) func product(_ r0: Int, _ m: Int, _ lo: Int, _ hi: Int) {
        if lo < hi {
            tileGemm(m: m, n: D, k: hi - lo, a: a + r0 * lda + lo, lda: lda, b: b + lo * D, ldb: D, c: c + r0 * D, ldc: D, accumulate: true)
        }
    }
    var g0 = 0
    while g0 < rows {
        let m = min(4, rows - g0)
        let common = (lo: visible(g0 + m - 1).lo, hi: visible(g0).hi)
        if common.lo < common.hi {
            product(g0, m, common.lo, common.hi)
            for r in g0..<(g0 + m) {  // each row's columns outside the common block
                let (lo, hi) = visible(r)
                product(r, 1, lo, min(hi, common.lo))
                product(r, 1, max(lo, common.hi), hi)
            }
        } else {
            for r in g0..<(g0 + m) { let (lo, hi) = visible(r); product(r, 1, lo, hi) }
        }
        g0 += m
    }
}

@inline(__always) func maxOfRow(_ row: UnsafePointer<Float>, count: Int) -> Float {
    var mv = Vec16(repeating: -.infinity)
    var i = 0
    while i < count { mv = vmax(mv, load16(row + i)); i += 16 }
    return horizontalMax(mv)
}

/// out ← 2^(x − c) (`out` may be `x`); returns the sum of out and the largest x (NaN-oblivious;
/// −∞ for a fully masked row). - Precondition: count % 16 == 0.
@inline(__always) func exp2Row(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int,
                               minus c: Float) -> (sum: Float, max: Float) {
    var sum = Vec16(), mv = Vec16(repeating: -.infinity)
    var i = 0
    while i < count {
        let xi = load16(x + i)
        mv = vmax(mv, xi)
        let e = exp2(xi - c)
        store16(e, out + i)
        sum += e
        i += 16
    }
    return (horizontalSum(sum), horizontalMax(mv))
}

/// How far (in base-2 score units) a tile's max may exceed a row's reference before the forward
/// rescales: P = 2^(S − m) stays ≤ 256 and l ≤ 256·(keys seen), far from Float's range.
/// (A computed property: inlines as a literal in the row loop.)
@inline(__always) var rescaleSlack: Float { 8 }

/// dp ← p ∘ (dp − Δ). - Precondition: count % 16 == 0.
@inline(__always) func dsRowInPlace(_ dp: UnsafeMutablePointer<Float>, p: UnsafePointer<Float>, count: Int, delta: Float) {
    var i = 0
    while i < count { store16(load16(p + i) * (load16(dp + i) - delta), dp + i); i += 16 }
}

@inline(__always) func dotRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
    var acc = Vec16()
    var i = 0
    while i + 16 <= count { acc.addProduct(load16(a + i), load16(b + i)); i += 16 }
    var s = horizontalSum(acc)
    while i < count { s += a[i] * b[i]; i += 1 }
    return s
}
