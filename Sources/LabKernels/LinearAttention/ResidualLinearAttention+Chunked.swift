// `chunked`: residual linear attention in the chunked parallel form (docs/rattention.md,
// the strategy of AXLearn's Pallas kernel), with SIMD tile products from TileGemm.swift.
//
// The window is handled as in AXLearn: shift k and v right by W+1 with zero padding, after which
// the op is plain causal linear attention. Row t of the shifted K', V' holds token t − W − 1;
// rows t < W + 1 are padding: K' = 0 there, so K̃ = φ(0) ≠ 0 (1/D for softmax2), and therefore
// the padded V' rows MUST be 0 — they are what keeps padding out of o and S.
//
// Implements (forward, per (b, h), chunks of C rows, Q̃ = φ(Q), K̃ = φ(K'), V'):
//   S = S_0                                                  // [D', D], D' = 2D
//   for each chunk c:
//     O_c  = Q̃_c S                                           // inter-chunk: tokens of earlier chunks
//     O_c += tril(Q̃_c K̃_cᵀ) V'_c                             // intra-chunk, diagonal included
//     S   += K̃_cᵀ V'_c
//   S_T = S
// Only the chunk-start state lives between chunks; the per-row states never exist. A chunk made
// only of padding rows (all t < W + 1) skips the intra term and the update (both are exactly 0),
// so T ≤ W + 1 with S_0 = 0 gives o = 0 exactly. The last chunk may be short (any T works).
// Products with a state known to be 0 are skipped, not computed: with no S_0, Q̃_c S (and in the
// backward dO_c S_cᵀ) until the first chunk that holds a token which left the window; in pass 2,
// V'_c dSᵀ and K̃_c dS of the last chunk (no gradient reaches S_T). At T 128, W 16, C 64 that is
// one of the two chunks' reads. So is pass 1's update of Sᵀ by the last chunk, which no later
// chunk reads (at T 128, C 64 one of its two updates). The FLOP count (`forwardFLOPs`) still
// counts them all.
// Backward (per (b, kv head), so the GQA sums into dk, dv stay in one thread), recomputing inside
// chunks instead of saving per-row states, in two passes:
//   pass 1, forward over chunks, rebuilding Sᵀ from S_0:
//     dQ̃_c = dO_c S_cᵀ + tril(dO_c V'_cᵀ) K̃_c;  dq = φ'(dQ̃)
//   pass 2, reverse over chunks, dS = gradient from later chunks (0 at the end):
//     A = tril(Q̃_c K̃_cᵀ), dA = tril(dO_c V'_cᵀ)
//     dK̃_c = dAᵀ Q̃_c + V'_c dSᵀ;   dV'_c = Aᵀ dO_c + K̃_c dS;   dS += Q̃_cᵀ dO_c
//   dS_0 = dS; dk = unshift(φ'(dK̃)), dv = unshift(dV'): token j gets row j + W + 1, pads dropped.
// (φ(Q), φ(K') of the head are kept from pass 1 for pass 2 when they fit in `featureCacheBytes`,
// which saves a third of the feature-map work, and so is each chunk's dA, which saves pass 2 one
// of its two causal products.) When the forward kept its residuals (`keepForBackward`: every
// chunk's A, T·Cp floats per head, and S_T) and S_T is finite, one reverse pass does both passes'
// work: A is read, not computed, and the states come down from S_T,
//     Sᵀ_c = Sᵀ_{c+1} − V'_cᵀ K̃_c   (Sᵀ_{last+1} = S_Tᵀ; exactly 0 where no real row precedes c
//                                     and there is no S_0),
// so each chunk's features, V'_cᵀ and dA are computed once and used by both gradients, and no φ
// or dA is kept between passes (but φ(K') for a GQA group's other heads). The subtractions leave
// each S_c with about S_T's absolute rounding error (float ε·|S_T| times √chunks), not one relative
// to S_c; a NaN or ∞ in S_T would reach every S_c, so a non-finite S_T takes the two passes.
// Triangular products visit only what lies on or below the diagonal, to the granularity of their
// tiles (about half of each C×C block), which is what the FLOP count of `forwardFLOPs(chunkSize:)`
// assumes: the scores in 16-row strips, each up to its 16×16 diagonal block (columns are 16-lane
// vectors), and the products with them in strips of 4 rows (8 where the width is not a multiple
// of 64: `tileGemmRowHeight(columns:)`), each reaching only to its own diagonal.
//
// Cost: forward 2·T·D'·D (read) + 2·U·D'·D (update) + ≈U·C·(D'+D) (intra) per head, U = T − W − 1;
// backward ≈ 2.5× that. Memory: O(C·D' + D'·D) scratch per thread, no per-chunk states; the two-pass
// backward adds up to 8 MiB of kept φ and 8 MiB of kept dA per thread (`featureCacheBytes`); a
// forward that keeps its residuals returns B·H·(T·Cp + D'·D) floats (at C 64 and D 64, about q's).
// Advantages: O(T) time and O(1) state in T; every product is a cache-resident SIMD tile product.
// Any head dim D ≥ 1: products with D or D' columns take a tail of narrower column blocks
// (TileGemm.swift) and φ takes the last D mod 16 entries of a row one by one (FeatureMap.swift).
// Disadvantages: parallel only across (b, head), so B·H < threads
// leaves cores idle; the chunk loop of one head is sequential.
import LabCore

public struct ChunkedLinearAttention: ResidualLinearAttentionKernel {
    /// Rows per chunk C (any C ≥ 1; 64 balances the O(C) intra term against tile efficiency).
    public var chunkSize: Int
    /// The value written into the padded rows of the shifted v. It must be 0; other values exist
    /// only so the tests can show that their zero-padding check catches the mistake.
    var vPadding: Float

    /// The backward keeps φ(Q) and φ(K') of a head ([T × D'] each) from its first pass for its
    /// second when the two fit in this many bytes (8 MiB: T ≤ 16,384 at D 32, 8,192 at D 64),
    /// per thread, and each chunk's dA ([T × Cp], Cp = C rounded up to 16) when it fits on its own
    /// (T ≤ 32,768 at C 64); longer sequences recompute them chunk by chunk. (Other values: tests only.)
    var featureCacheBytes: Int

    public init(chunkSize: Int = LinearAttentionShape.defaultChunkSize) { self.init(chunkSize: chunkSize, vPadding: 0) }
    public var worksInChunks: Bool { true }
    init(chunkSize: Int, vPadding: Float, featureCacheBytes: Int = 8 << 20) {
        self.chunkSize = chunkSize; self.vPadding = vPadding; self.featureCacheBytes = featureCacheBytes
    }

    public var name: String { "chunked" }

    public func unsupported(_ shape: LinearAttentionShape) -> String? {
        if chunkSize < 1 { return "chunk size \(chunkSize) is not ≥ 1" }
        return nil
    }

    /// With `keepForBackward`, every chunk's causal scores A = tril(Q̃_c K̃_cᵀ) go into the residuals,
    /// [B·H, T, Cp] (chunk c at row c0; only what `causalScores` writes is defined), and after
    /// them a copy of S_T, [B·H, D', D], for the backward's one reverse pass.
    public func forward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?,
                        shape: LinearAttentionShape, threads: Int, keepForBackward: Bool) -> LinearAttentionOutput<Float> {
        let (T, D, Dp) = (shape.T, shape.D, shape.featureDim)
        let C = min(chunkSize, T), Cp = (C + 15) & ~15, fm = shape.featureMap, padding = vPadding
        // the residuals: every chunk's scores [B·H, T, Cp], then S_T [B·H, D', D]
        let scoreCount = shape.B * shape.H * T * Cp
        var scores = keepForBackward ? uninitializedOutput(count: scoreCount + shape.B * shape.H * Dp * D) : []
        var out = scores.withUnsafeMutableBufferPointer { sb in
        let scoresAll = keepForBackward ? sb.baseAddress : nil
        // every row of o is first written (not accumulated) by the inter-chunk product, or zeroed while S is 0
        return linearAttentionForward(q: q, k: k, v: v, s0: s0, shape: shape, threads: threads) { heads, head in
            let w = ChunkScratch(C: C, D: D, featureMap: fm)  // one thread's, for all its heads
            defer { w.free() }
            for bh in heads {
                let p = head(bh), (qh, kh, vh, oh) = (p.q, p.k, p.v, p.o)
                let S = p.state  // starts as S_0, ends as S_T
                let keptScores = scoresAll.map { $0 + bh * T * Cp }
                // S is 0 until the first chunk with a token that left the window (when S_0 is):
                // those chunks' Q̃_c S is 0 and is not computed (at T 128, W 16, C 64 half the reads)
                var stateZero = s0 == nil
                var c0 = 0
                while c0 < T {
                    let n = min(C, T - c0), np = (n + 15) & ~15
                    w.prefetchChunk(qh, start: c0 + C, T: T, shape: shape)
                    w.prefetchChunk(kh, start: c0 + C, T: T, shape: shape, shifted: true)
                    w.prefetchChunk(vh, start: c0 + C, T: T, shape: shape, shifted: true)
                    fm.applyRows(qh + c0 * D, rows: n, D: D, into: w.qf)
                    // pass 1: inter-chunk O_c = Q̃_c S
                    if stateZero {
                        (oh + c0 * D).update(repeating: 0, count: n * D)
                    } else {
                        tileGemm(m: n, n: D, k: Dp, a: w.qf, lda: Dp, b: S, ldb: D, c: oh + c0 * D, ldc: D, accumulate: false)
                    }
                    let (firstReal, vc) = w.loadShifted(k: kh, v: vh, chunkStart: c0, rows: n, shape: shape, vPadding: padding)
                    if firstReal < n {
                        let a = keptScores.map { $0 + c0 * Cp } ?? w.a
                        loadTransposed(rows: n, colsPad: np, D: Dp, src: w.kf, into: w.kfT, ld: w.Cp)
                        // pass 2: intra-chunk O_c += tril(Q̃_c K̃_cᵀ) V'_c, over whole strips when
                        // every entry of V'_c is finite (the usual case; its padding rows included)
                        // V'_c into L1 for the finiteness check after the scores and the two products that
                        // read it (its first reads stalled on L2: half the forward body's own samples in `perf`)
                        prefetchLines(vc, bytes: n * D * MemoryLayout<Float>.stride, into: .l1)
                        causalScores(w.qf, ldx: Dp, w.kfT, ldyT: w.Cp, depth: Dp, rows: n, into: a, ld: w.Cp)
                        lowerTriangularProduct(a, ld: w.Cp, rows: n, vc, ldb: D, cols: D, into: oh + c0 * D, ldc: D,
                                               bFinite: allFinite(vc, count: n * D))
                        // pass 3: S += K̃_cᵀ V'_c
                        tileGemm(m: Dp, n: D, k: n, a: w.kfT, lda: w.Cp, b: vc, ldb: D, c: S, ldc: D, accumulate: true)
                        stateZero = false
                    }
                    c0 += n
                }
            }
        }
        }
        if keepForBackward {
            scores.withUnsafeMutableBufferPointer { sb in out.sT.scalars.withUnsafeBufferPointer { (sb.baseAddress! + scoreCount).update(from: $0.baseAddress!, count: $0.count) } }
            out.residuals = LinearAttentionResiduals(kernel: name, chunkSize: chunkSize, shape: shape, values: scores)
        }
        return out
    }

    /// With residuals from this kernel's forward on the same shape and chunk size
    /// (`keepForBackward`) and a finite S_T, one reverse pass; else the two passes.
    public func backward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?, dout: Tensor<Float>,
                         residuals: LinearAttentionResiduals?, shape: LinearAttentionShape, threads: Int) -> LinearAttentionGradients<Float> {
        let (T, D, Dp) = (shape.T, shape.D, shape.featureDim)
        let C = min(chunkSize, T), fm = shape.featureMap, padding = vPadding, featureCacheBytes = featureCacheBytes
        let kept = residuals?.values(kernel: name, chunkSize: chunkSize, shape: shape), Cp = (C + 15) & ~15
        return (kept ?? []).withUnsafeBufferPointer { kb in
        let scoresAll = kept == nil ? nil : kb.baseAddress  // the forward's A of every chunk, [B·H, T, Cp]
        let statesAll = scoresAll.map { $0 + shape.B * shape.H * T * Cp }  // and its S_T, [B·H, D', D]
        // With the forward's S_T (finite: a NaN or ∞ in k, v or S_0 would reach every chunk's
        // state through the subtractions below), one reverse pass does both passes' work.
        let oneReversePass = statesAll.map { allFinite($0, count: shape.B * shape.H * Dp * D) } ?? false
        // dq: every row written by pass 1 (or the one reverse pass); dk, dv: written by a group's first head (the frame zeroes
        // the rows of the last W+1 tokens, which never leave the window); other heads add
        return linearAttentionBackward(q: q, k: k, v: v, s0: s0, dout: dout, shape: shape, threads: threads) { kvHeads, group in
            // one thread's buffers, for all its heads
            let w = ChunkScratch(C: C, D: D, featureMap: fm)
            defer { w.free() }
            // φ(Q) and φ(K') of the whole sequence, kept from pass 1 for pass 2 (and φ(K') for
            // the other heads of the group) when they fit in `featureCacheBytes`, else each pass
            // recomputes them into the chunk scratch; with one reverse pass, φ(K') alone, for the
            // other heads of a GQA group ([T × D'] each, φ(K') the last T rows).
            let keptFeatureRows = oneReversePass ? (shape.group > 1 ? T : 0) : 2 * T
            let cached = keptFeatureRows > 0 && keptFeatureRows * Dp * MemoryLayout<Float>.size <= featureCacheBytes
            let cache = cached ? allocateAlignedFloats(keptFeatureRows * Dp) : nil
            defer { cache?.deallocate() }
            // dA = tril(dO_c V'_cᵀ) of every chunk of the head, [T × Cp] (chunk c at row c0), kept
            // from pass 1 for pass 2 under the same limit: pass 2 skips a causal product and V'ᵀ.
            let daCached = !oneReversePass && T * w.Cp * MemoryLayout<Float>.size <= featureCacheBytes
            let daCache = daCached ? allocateAlignedFloats(T * w.Cp) : nil
            defer { daCache?.deallocate() }
            func da(_ c0: Int) -> UnsafeMutablePointer<Float> { daCache.map { $0 + c0 * w.Cp } ?? w.da }
            // whether each chunk's φ(K'_c) is finite (the usual case: then tril(dA)·K̃_c for dq runs
            // over whole strips, in pass 1 or the one reverse pass), scanned by a group's first head and read by the others
            var chunkKeysFinite = [Bool](repeating: true, count: (T + C - 1) / C)
            for bg in kvHeads {
                let kv = group(bg), (kh, vh, dkh, dvh) = (kv.k, kv.v, kv.dk, kv.dv)
                for p in kv.heads {
                    let firstHead = p.isFirst, (qh, gh, dqh) = (p.q, p.dout, p.dq)
                    let kFeaturesReady = cached && !firstHead  // φ(K') cached by the group's first head
                    func qf(_ c0: Int) -> UnsafeMutablePointer<Float> { (oneReversePass ? nil : cache).map { $0 + c0 * Dp } ?? w.qf }
                    func kf(_ c0: Int) -> UnsafeMutablePointer<Float> { cache.map { $0 + (keptFeatureRows - T + c0) * Dp } ?? w.kf }
                    // pass 1: forward over chunks; dQ̃_c = dO_c S_cᵀ + tril(dO_c V'_cᵀ) K̃_c
                    // Sᵀ = S_0ᵀ; with no S_0, Sᵀ is 0 until the first chunk with a real token (its
                    // dO_c S_cᵀ is 0, not computed; the first update writes Sᵀ instead of adding)
                    // (with `oneReversePass`, pass 2 does this work)
                    if !oneReversePass {
                        var stateZero = s0 == nil
                        if let s0 = p.s0 { transposeTile(rows: Dp, cols: D, src: s0, ldSrc: D, out: w.st, ldOut: Dp) }
                        var c0 = 0
                        while c0 < T {
                            let n = min(C, T - c0)
                            let dOc = gh + c0 * D, qf = qf(c0), kf = kf(c0), da = da(c0)
                            w.prefetchChunk(gh, start: c0 + C, T: T, shape: shape)
                            w.prefetchChunk(qh, start: c0 + C, T: T, shape: shape)
                            if !kFeaturesReady { w.prefetchChunk(kh, start: c0 + C, T: T, shape: shape, shifted: true) }
                            w.prefetchChunk(vh, start: c0 + C, T: T, shape: shape, shifted: true)
                            w.readState(dOc, rows: n, D: D, stateZero: stateZero)
                            w.prefetchChunk(vh, start: c0, T: T, shape: shape, shifted: true, into: .l1)  // for Vᵀ below
                            let (firstReal, vc) = w.loadShifted(k: kh, v: vh, chunkStart: c0, rows: n, shape: shape, vPadding: padding,
                                                                into: kf, features: !kFeaturesReady)
                            if firstReal < n {
                                w.valueScores(dOc, vc, rows: n, D: D, into: da)
                                if firstHead { chunkKeysFinite[c0 / C] = allFinite(kf, count: n * Dp) }
                                lowerTriangularProduct(da, ld: w.Cp, rows: n, kf, ldb: Dp, cols: Dp, into: w.df, ldc: Dp,
                                                       bFinite: chunkKeysFinite[c0 / C])
                                // Sᵀ += V'_cᵀ K̃_c for the next chunk's dQ̃ (none after the last chunk)
                                if c0 + n < T {
                                    tileGemm(m: D, n: Dp, k: n, a: w.vsT, lda: w.Cp, b: kf, ldb: Dp, c: w.st, ldc: Dp, accumulate: !stateZero)
                                }
                                stateZero = false
                            }
                            fm.applyRows(qh + c0 * D, rows: n, D: D, into: qf)
                            fm.backwardRows(y: qf, dy: w.df, rows: n, D: D, into: dqh + c0 * D, accumulate: false)
                            c0 += n
                        }
                    }
                    // pass 2: reverse over chunks with dS from later chunks
                    let dS = p.ds0  // 0 at first; accumulates in place and ends as dS_0
                    let keptScores = scoresAll.map { $0 + p.index * T * w.Cp }
                    // φ(Q_c) kept by pass 1, φ(K'_c) by pass 1 or (one reverse pass) the group's first head
                    let qFeaturesKept = cached && !oneReversePass, kFeaturesKept = cached && (!oneReversePass || !firstHead)
                    // with `oneReversePass`, Sᵀ from S_Tᵀ down: Sᵀ_c = Sᵀ_{c+1} − V'_cᵀ K̃_c
                    if oneReversePass, let statesAll {
                        transposeTile(rows: Dp, cols: D, src: statesAll + p.index * Dp * D, ldSrc: D, out: w.st, ldOut: Dp)
                    }
                    // no gradient reaches S_T: dS is 0 in the last chunk, whose V'_c dSᵀ and K̃_c dS are not computed
                    var gradientZero = true
                    var start = ((T - 1) / C) * C  // start row of the last chunk
                    while start >= 0 {
                        let n = min(C, T - start), np = (n + 15) & ~15
                        let dOc = gh + start * D, qf = qf(start), kf = kf(start), da = da(start)
                        w.prefetchChunk(gh, start: start - C, T: T, shape: shape)
                        // the previous chunk's q and k rows, or its kept φ rows, read from memory (the cache outgrows L2)
                        if !qFeaturesKept {
                            w.prefetchChunk(qh, start: start - C, T: T, shape: shape)
                        } else if start >= C {
                            prefetchLines(qf - C * Dp, bytes: C * Dp * MemoryLayout<Float>.stride)
                        }
                        if !kFeaturesKept {
                            w.prefetchChunk(kh, start: start - C, T: T, shape: shape, shifted: true)
                        } else if start >= C {
                            prefetchLines(kf - C * Dp, bytes: C * Dp * MemoryLayout<Float>.stride)
                        }
                        if daCached && start >= C { prefetchLines(da - C * w.Cp, bytes: C * w.Cp * MemoryLayout<Float>.stride) }
                        if let keptScores, start >= C { prefetchLines(keptScores + (start - C) * w.Cp, bytes: C * w.Cp * MemoryLayout<Float>.stride) }
                        w.prefetchChunk(vh, start: start - C, T: T, shape: shape, shifted: true)
                        w.prefetchChunk(dkh, start: start - C, T: T, shape: shape, shifted: true)
                        w.prefetchChunk(dvh, start: start - C, T: T, shape: shape, shifted: true)
                        if !qFeaturesKept { fm.applyRows(qh + start * D, rows: n, D: D, into: qf) }
                        let (firstReal, vc) = w.loadShifted(k: kh, v: vh, chunkStart: start, rows: n, shape: shape, vPadding: padding,
                                                            into: kf, features: !kFeaturesKept)
                        if oneReversePass {
                            // pass 1's dQ̃_c = dO_c S_cᵀ + tril(dA) K̃_c, S_c exactly 0 where no real token
                            // precedes the chunk (row t < W + 1 is padding) and there is no S_0
                            let stateZero = s0 == nil && start <= shape.shift
                            if firstReal < n {
                                w.valueScores(dOc, vc, rows: n, D: D, into: da)
                                if !stateZero {  // Sᵀ −= V'_cᵀ K̃_c, as + (−V'_c)ᵀ K̃_c
                                    negate(w.vsT, count: D * w.Cp)
                                    tileGemm(m: D, n: Dp, k: n, a: w.vsT, lda: w.Cp, b: kf, ldb: Dp, c: w.st, ldc: Dp, accumulate: true)
                                }
                            }
                            w.readState(dOc, rows: n, D: D, stateZero: stateZero)
                            if firstReal < n {
                                if firstHead { chunkKeysFinite[start / C] = allFinite(kf, count: n * Dp) }
                                lowerTriangularProduct(da, ld: w.Cp, rows: n, kf, ldb: Dp, cols: Dp, into: w.df, ldc: Dp,
                                                       bFinite: chunkKeysFinite[start / C])
                            }
                            fm.backwardRows(y: qf, dy: w.df, rows: n, D: D, into: dqh + start * D, accumulate: false)
                        }
                        if firstReal < n {
                            // A = tril(Q̃_c K̃_cᵀ): the forward's when it kept it, else computed here
                            let a: UnsafePointer<Float>
                            if let keptScores {
                                a = keptScores + start * w.Cp
                            } else {
                                loadTransposed(rows: n, colsPad: np, D: Dp, src: kf, into: w.kfT, ld: w.Cp)
                                causalScores(qf, ldx: Dp, w.kfT, ldyT: w.Cp, depth: Dp, rows: n, into: w.a, ld: w.Cp)
                                a = UnsafePointer(w.a)
                            }
                            if !daCached && !oneReversePass { w.valueScores(dOc, vc, rows: n, D: D, into: da) }
                            // dK̃_c = V'_c dSᵀ + dAᵀ Q̃_c
                            if gradientZero {
                                w.df.update(repeating: 0, count: n * Dp)
                            } else {
                                transposeTile(rows: Dp, cols: D, src: dS, ldSrc: D, out: w.dsT, ldOut: Dp)
                                tileGemm(m: n, n: Dp, k: D, a: vc, lda: D, b: w.dsT, ldb: Dp, c: w.df, ldc: Dp, accumulate: false)
                            }
                            transposedLowerTriangularProduct(da, ld: w.Cp, rows: n, qf, ldb: Dp, cols: Dp, into: w.df, ldc: Dp)
                            // unshift: row r ≥ firstReal is token j = start + r − (W+1); pads dropped
                            let j0 = start + firstReal - shape.shift, real = n - firstReal
                            // dV'_c = K̃_c dS + Aᵀ dO_c, straight into dv's rows when the chunk has no padding
                            let dvc = firstReal == 0 ? dvh + j0 * D : w.dvs, addsToDv = firstReal == 0 && !firstHead
                            if !gradientZero {
                                tileGemm(m: n, n: D, k: Dp, a: kf, lda: Dp, b: dS, ldb: D, c: dvc, ldc: D, accumulate: addsToDv)
                            } else if !addsToDv {
                                dvc.update(repeating: 0, count: n * D)
                            }
                            transposedLowerTriangularProduct(a, ld: w.Cp, rows: n, dOc, ldb: D, cols: D, into: dvc, ldc: D)
                            if firstReal > 0 {
                                let rows = w.dvs + firstReal * D
                                if firstHead { (dvh + j0 * D).update(from: rows, count: real * D) } else { addRows(rows, count: real * D, into: dvh + j0 * D) }
                            }
                            fm.backwardRows(y: kf + firstReal * Dp, dy: w.df + firstReal * Dp, rows: real, D: D,
                                            into: dkh + j0 * D, accumulate: !firstHead)
                        }
                        // dS += Q̃_cᵀ dO_c
                        tileGemmTransposedA(m: Dp, n: D, k: n, a: qf, lda: Dp, b: dOc, ldb: D, c: dS, ldc: D, accumulate: true)
                        gradientZero = false
                        start -= C
                    }
                }
            }
        }
        }
    }
}

// MARK: - Per-thread scratch and triangular tile products

/// Chunk buffers for one thread (C rows, Cp = C rounded up to 16, D' = 2D):
/// qf, kf, df [C×D'] (φ(Q), φ(K'), and dQ̃ or dK̃); kfT [D'×Cp]; vs, dvs [C×D]; vsT [D×Cp];
/// a, da [Cp×Cp]; st, dsT [D×D'] (Sᵀ, dSᵀ); phi0 [D'] = φ(0).
struct ChunkScratch {
    let C: Int, Cp: Int
    let qf, kf, df, kfT, vs, dvs, vsT, a, da, st, dsT, phi0: UnsafeMutablePointer<Float>

    private let storage: TileScratch

    /// Uninitialised but φ(0) (every pass writes a buffer before it reads it; debug builds fill
    /// them with NaN, see `TileScratch`).
    init(C: Int, D: Int, featureMap: FeatureMap) {
        let Dp = 2 * D
        self.C = C; Cp = (C + 15) & ~15
        storage = TileScratch([("qf", C * Dp), ("kf", C * Dp), ("df", C * Dp), ("kfT", Dp * Cp), ("vs", C * D),
                               ("dvs", C * D), ("vsT", D * Cp), ("a", Cp * Cp), ("da", Cp * Cp), ("st", D * Dp), ("dsT", D * Dp), ("phi0", Dp)])
        (qf, kf, df, kfT) = (storage["qf"], storage["kf"], storage["df"], storage["kfT"])
        (vs, dvs, vsT) = (storage["vs"], storage["dvs"], storage["vsT"])
        (a, da, st, dsT, phi0) = (storage["a"], storage["da"], storage["st"], storage["dsT"], storage["phi0"])
        let zero = [Float](repeating: 0, count: D)
        zero.withUnsafeBufferPointer { featureMap.applyRows($0.baseAddress!, rows: 1, D: D, into: phi0) }
    }

    func free() { storage.free() }

    /// Prefetches the chunk that starts at row `start` (nothing if that is outside 0..<T) of a
    /// [T × D] tensor of one head: rows start..<start+C, or with `shifted` the token rows the
    /// shifted sequence holds there (start − (W+1) on; the padding rows have none).
    @inline(__always)
    func prefetchChunk(_ p: UnsafeRawPointer, start: Int, T: Int, shape: LinearAttentionShape, shifted: Bool = false,
                       into level: CacheLevel = .l2) {
        guard start >= 0, start < T else { return }
        prefetchRows(p, from: shifted ? start - shape.shift : start, count: min(C, T - start), T: T, D: shape.D, into: level)
    }

    /// dA = tril(dO_c V'_cᵀ) of a chunk of `rows` rows into `da` ([rows × Cp]), V'_cᵀ into vsT on the
    /// way (zero columns from `rows` on). - Parameters: dO, v: [rows × D].
    @inline(__always)
    func valueScores(_ dO: UnsafePointer<Float>, _ v: UnsafePointer<Float>, rows n: Int, D: Int, into da: UnsafeMutablePointer<Float>) {
        loadTransposed(rows: n, colsPad: (n + 15) & ~15, D: D, src: v, into: vsT, ld: Cp)
        causalScores(dO, ldx: D, vsT, ldyT: Cp, depth: D, rows: n, into: da, ld: Cp)
    }

    /// df = dO_c S_cᵀ ([rows × D'], Sᵀ in st), or 0 with `stateZero` (S_c known to be 0: not computed).
    @inline(__always)
    func readState(_ dO: UnsafePointer<Float>, rows n: Int, D: Int, stateZero: Bool) {
        if stateZero {
            df.update(repeating: 0, count: n * 2 * D)
        } else {
            tileGemm(m: n, n: 2 * D, k: D, a: dO, lda: D, b: st, ldb: 2 * D, c: df, ldc: 2 * D, accumulate: false)
        }
    }

    /// Fills kf = φ(K'_c) and finds V'_c for the chunk of `rows` rows starting at row `chunkStart`
    /// of the shifted sequence: row r holds token j = chunkStart + r − (W+1), or padding (K̃ = φ(0),
    /// V' = `vPadding`, which must be 0) when j < 0. Returns the first non-padding row (`rows` if
    /// none) and V'_c [rows × D]: the rows of v in place when the chunk has no padding, else `vs`.
    /// `into` replaces `kf` as the destination of φ(K'_c) (a cache row); with `features` false,
    /// φ(K'_c) is already there and only V'_c is found.
    @inline(__always)
    func loadShifted(k kh: UnsafePointer<Float>, v vh: UnsafePointer<Float>, chunkStart: Int, rows n: Int,
                     shape: LinearAttentionShape, vPadding: Float, into kf: UnsafeMutablePointer<Float>? = nil,
                     features: Bool = true) -> (firstReal: Int, v: UnsafePointer<Float>) {
        let (D, Dp) = (shape.D, shape.featureDim), kf = kf ?? self.kf
        let firstReal = min(n, max(0, shape.shift - chunkStart))
        let j0 = chunkStart + firstReal - shape.shift
        if firstReal == 0 {
            if features { shape.featureMap.applyRows(kh + j0 * D, rows: n, D: D, into: kf) }
            return (0, vh + j0 * D)
        }
        if features { for r in 0..<firstReal { (kf + r * Dp).update(from: phi0, count: Dp) } }
        vs.update(repeating: vPadding, count: firstReal * D)
        if firstReal < n {
            if features { shape.featureMap.applyRows(kh + j0 * D, rows: n - firstReal, D: D, into: kf + firstReal * Dp) }
            (vs + firstReal * D).update(from: vh + j0 * D, count: (n - firstReal) * D)
        }
        return (firstReal, UnsafePointer(vs))
    }
}

/// A[i, j] = x_i · y_j for j ≤ i and 0 for j > i (within each computed strip), i < rows: the causal
/// scores of one chunk. `yT` is Yᵀ [depth × ldyT] with zero columns from `rows` on. Only 16-row
/// strips are computed, each up to its last diagonal column: columns j ≥ round16(strip end) are not
/// written. Above the diagonal only the strip's own 16×16 diagonal block has entries, zeroed
/// lane-wise in place (one masked store a row). `ld` must be a multiple of 16 (a chunk's Cp).
/// - Complexity: ≈ rows²·depth FLOPs (half of the square).
@inline(__always)
func causalScores(_ x: UnsafePointer<Float>, ldx: Int, _ yT: UnsafePointer<Float>, ldyT: Int, depth: Int, rows: Int,
                  into a: UnsafeMutablePointer<Float>, ld: Int) {
    assert(ld % 16 == 0 && rows <= ld)
    let lane = Vec16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
    var r0 = 0
    while r0 < rows {
        let strip = min(16, rows - r0), cols = min(ld, (r0 + strip + 15) & ~15)
        tileGemm(m: strip, n: cols, k: depth, a: x + r0 * ldx, lda: ldx, b: yT, ldb: ldyT, c: a + r0 * ld, ldc: ld, accumulate: false)
        for i in r0..<(r0 + strip) {  // the diagonal block, columns r0..<r0+16: row i keeps lanes ≤ i − r0
            let p = a + i * ld + r0
            store16(load16(p).replacing(with: 0, where: lane .> Vec16(repeating: Float(i - r0))), p)
        }
        r0 += 16
    }
}

/// C[rows × cols] += tril(A)·B where A comes from `causalScores` (row i reads only columns ≤ i).
/// With `bFinite` (every row of B finite), strips of h = `tileGemmRowHeight(columns: cols)` rows (4 or 8)
/// through one `tileGemm` each over columns 0..<strip end, reading the zeros `causalScores` wrote
/// right of the diagonal (0·b = 0 for finite b): at C 64, 4-row strips do 1.05× the triangle's
/// FLOPs (16-row strips did 1.23×), all in the micro-kernels. Otherwise row i never
/// multiplies a row j > i of B: the zeros above the diagonal times a NaN or ∞ in B (a key or
/// value that row i cannot see yet) would still be NaN. Rows then go in groups of 8 (the height of
/// `tileGemm`'s 32- and 16-column micro-kernels): columns left of the group through one 8-row
/// `tileGemm`, the group's own 8×8 lower triangle row by row over columns g0...i (at most 8
/// axpys a row).
/// - Complexity: ≈ rows²·cols FLOPs.
@inline(__always)
func lowerTriangularProduct(_ a: UnsafePointer<Float>, ld: Int, rows: Int, _ b: UnsafePointer<Float>, ldb: Int, cols: Int,
                            into c: UnsafeMutablePointer<Float>, ldc: Int, bFinite: Bool) {
    if bFinite {
        let h = tileGemmRowHeight(columns: cols)
        var r0 = 0
        while r0 < rows {
            let strip = min(h, rows - r0)
            tileGemm(m: strip, n: cols, k: r0 + strip, a: a + r0 * ld, lda: ld, b: b, ldb: ldb, c: c + r0 * ldc, ldc: ldc, accumulate: true)
            r0 += h
        }
        return
    }
    var g0 = 0
    while g0 < rows {
        let m = min(8, rows - g0)
        if g0 > 0 {
            tileGemm(m: m, n: cols, k: g0, a: a + g0 * ld, lda: ld, b: b, ldb: ldb, c: c + g0 * ldc, ldc: ldc, accumulate: true)
        }
        for i in g0..<(g0 + m) {
            for j in g0...i { axpy(a[i * ld + j], b + j * ldb, into: c + i * ldc, count: cols) }
        }
        g0 += m
    }
}

/// C[rows × cols] += Lᵀ·B where L is a `causalScores` tile, read in place (no transposed copy):
/// row i of Lᵀ is column i of L, used from its strip's start r0 (a multiple of the strip height h,
/// `tileGemmRowHeight(columns: cols)`: 4 or 8, so [r0, r0 + h) lies inside one of L's 16-row strips) down,
/// where L is valid (row j ≥ r0 was computed up to column 16⌈(j+1)/16⌉ > i; L[j, i] = 0 for
/// r0 ≤ j < i, within i's 16×16 diagonal block).
/// - Complexity: ≈ rows²·cols FLOPs (1.05× the triangle's at C 64 with 4-row strips).
@inline(__always)
func transposedLowerTriangularProduct(_ l: UnsafePointer<Float>, ld: Int, rows: Int, _ b: UnsafePointer<Float>, ldb: Int,
                                      cols: Int, into c: UnsafeMutablePointer<Float>, ldc: Int) {
    let h = tileGemmRowHeight(columns: cols)
    var r0 = 0
    while r0 < rows {
        let strip = min(h, rows - r0)
        tileGemmTransposedA(m: strip, n: cols, k: rows - r0, a: l + r0 * ld + r0, lda: ld, b: b + r0 * ldb, ldb: ldb,
                            c: c + r0 * ldc, ldc: ldc, accumulate: true)
        r0 += h
    }
}

// The triangular products' strips (`lowerTriangularProduct`, `transposedLowerTriangularProduct`)
// are h = `tileGemmRowHeight(columns:)` rows high (4 or 8), so no strip but a chunk's last (rows
// mod h) leaves rows to narrower kernels; h divides 16, so a strip's rows lie in one of the
// scores' 16-row strips. Each strip reaches only to its own diagonal (tril(A)·B: depth up to its
// last row; Lᵀ·B: from its first row down), so a C×C triangle takes C(C+h)/2 multiply-adds per
// column when h divides C: at C 64, 1.05× the triangle's C(C+1)/2 for h 4, 1.11× for h 8 (1.23×
// for 16-row strips).

/// x[0..<count] = −x[0..<count].
@inline(__always) func negate(_ x: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 16 <= count { store16(-load16(x + i), x + i); i += 16 }
    while i < count { x[i] = -x[i]; i += 1 }
}

/// y[0..<count] += x[0..<count].
@inline(__always) func addRows(_ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
    var i = 0
    while i + 16 <= count { store16(load16(y + i) + load16(x + i), y + i); i += 16 }
    while i < count { y[i] += x[i]; i += 1 }
}
