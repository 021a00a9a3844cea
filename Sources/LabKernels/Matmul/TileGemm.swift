// Register-blocked SIMD matrix products for cache-resident tiles, and a vectorised exp2.
//
// `tileGemm` computes C[M×N] (= or +=) A[M×K]·B[K×N], all row-major with leading dimensions,
// any N ≥ 0: columns in blocks of 64, 32 and 16, then a tail of N mod 16 columns (8 lanes, then one
// column at a time), which is what lets the kernels take any head dimension D; `tileGemmTransposedA`
// the same with Aᵀ, read in place. The micro-kernels keep a 4×64 (or 8×32) block of C in sixteen
// SIMD16<Float> registers; for each k they load one row of B and broadcast scalars of A:
// 16 fused multiply-adds per 8 loads, enough to keep both FMA pipes busy on AVX-512.
// Release builds name the target CPU (Package.swift); without that `addingProduct` is a libm
// call per lane, several times slower.
//
// No packing: the operands are attention tiles (≤ 128 × 128, or 16 × 512 for a windowed forward's
// band) that already sit in L1/L2. (The
// model's projections pack B into panels before calling them: Projection.swift.)

import LabCore

// Vec16, load16, store16 and horizontalSum: LabCore's Vec16.swift.

/// C[M×N] (= or +=) A[M×K]·B[K×N], any N (N mod 16 tail columns through narrower kernels).
/// A: [M × K] row-major (lda), B: [K × N] (ldb), C: [M × N] (ldc).
/// - Complexity: 2·M·N·K FLOPs.
@inline(__always)
public func tileGemm(m: Int, n: Int, k: Int,
                     a: UnsafePointer<Float>, lda: Int,
                     b: UnsafePointer<Float>, ldb: Int,
                     c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    stridedTileGemm(m: m, n: n, k: k, a: a, rowStride: lda, kStride: 1, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
}

/// C[M×N] (= or +=) Aᵀ·B for A stored [K × M] row-major (lda): the product the backward passes
/// need (Pᵀ·dO, dSᵀ·Q, K̃ᵀ·V) without writing Aᵀ out first. The micro-kernels broadcast A[p, i]
/// for the rows i of their block, contiguous in A's row p, instead of A[i, p].
/// - Complexity: 2·M·N·K FLOPs.
@inline(__always)
public func tileGemmTransposedA(m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    stridedTileGemm(m: m, n: n, k: k, a: a, rowStride: 1, kStride: lda, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
}

/// The shared blocking: A's element (i, p) is a[i·rowStride + p·kStride]. Columns in blocks of
/// 64 (4×64 kernels), one of 32 (8×32), one of 16 (8×16), then 8 and single columns; rows an
/// 8-row kernel leaves go 4 and then 1 at a time.
@inline(__always)
func stridedTileGemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, rowStride rs: Int, kStride ks: Int,
                     b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var j = 0
    while j + 64 <= n {
        var i = 0
        while i + 4 <= m {
            kernel4x64(k: k, a: a + i * rs, rs: rs, ks: ks, b: b + j, ldb: ldb, c: c + i * ldc + j, ldc: ldc, accumulate: accumulate)
            i += 4
        }
        while i < m {
            kernel1x64(k: k, a: a + i * rs, ks: ks, b: b + j, ldb: ldb, c: c + i * ldc + j, accumulate: accumulate)
            i += 1
        }
        j += 64
    }
    if j + 32 <= n {  // one 32-column block (n mod 64 ≥ 32: D = 32, 96; a 32-key tail)
        var i = 0
        while i + 8 <= m {
            kernel8x32(k: k, a: a + i * rs, rs: rs, ks: ks, b: b + j, ldb: ldb, c: c + i * ldc + j, ldc: ldc, accumulate: accumulate)
            i += 8
        }
        // < 8 rows left: as two 16-column blocks
        tileGemm16(rows: i..<m, k: k, a: a, rs: rs, ks: ks, b: b + j, ldb: ldb, c: c + j, ldc: ldc, accumulate: accumulate)
        tileGemm16(rows: i..<m, k: k, a: a, rs: rs, ks: ks, b: b + j + 16, ldb: ldb, c: c + j + 16, ldc: ldc, accumulate: accumulate)
        j += 32
    }
    if j + 16 <= n {
        var i = 0
        while i + 8 <= m {
            kernel8x16(k: k, a: a + i * rs, rs: rs, ks: ks, b: b + j, ldb: ldb, c: c + i * ldc + j, ldc: ldc, accumulate: accumulate)
            i += 8
        }
        tileGemm16(rows: i..<m, k: k, a: a, rs: rs, ks: ks, b: b + j, ldb: ldb, c: c + j, ldc: ldc, accumulate: accumulate)
        j += 16
    }
    if j + 8 <= n {
        var i = 0
        while i + 4 <= m {
            kernel4x8(k: k, a: a + i * rs, rs: rs, ks: ks, b: b + j, ldb: ldb, c: c + i * ldc + j, ldc: ldc, accumulate: accumulate)
            i += 4
        }
        while i < m {
            kernelColumns(k: k, a: a + i * rs, ks: ks, b: b + j, ldb: ldb, c: c + i * ldc + j, columns: 8, accumulate: accumulate)
            i += 1
        }
        j += 8
    }
    if j < n {  // < 8 columns: one row and column at a time
        for i in 0..<m {
            kernelColumns(k: k, a: a + i * rs, ks: ks, b: b + j, ldb: ldb, c: c + i * ldc + j, columns: n - j, accumulate: accumulate)
        }
    }
}

/// The rows a micro-kernel of `stridedTileGemm` covers at once in a product `columns` wide: 4 when
/// `columns` is a multiple of 64 (the 4×64 kernels), else 8 (the 8×32 and 8×16 kernels; the 4-row
/// kernels of the 64-column blocks and of an 8-column tail divide it). A caller that cuts a product
/// into strips of rows (the chunked linear kernel's triangular products) makes them multiples of
/// this, so that only a last remainder falls to the 1-row kernels. Kept beside the blocking above:
/// change both together.
@inline(__always)
func tileGemmRowHeight(columns: Int) -> Int { columns % 64 == 0 ? 4 : 8 }

// The micro-kernels: C[rows × cols] (= or +=) A·B[K × cols], A's row r at a + r·rs, its step in K
// ks (1 for A, the leading dimension for Aᵀ). The accumulators stay in registers across K.

/// Rows the 8-row kernels left (fewer than 8) over one 16-column block: 4 at a time, then one.
/// `a` and `c` point at row 0.
@inline(__always)
func tileGemm16(rows: Range<Int>, k: Int, a: UnsafePointer<Float>, rs: Int, ks: Int, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var i = rows.lowerBound
    while i + 4 <= rows.upperBound {
        kernel4x16(k: k, a: a + i * rs, rs: rs, ks: ks, b: b, ldb: ldb, c: c + i * ldc, ldc: ldc, accumulate: accumulate)
        i += 4
    }
    while i < rows.upperBound {
        kernel1x16(k: k, a: a + i * rs, ks: ks, b: b, ldb: ldb, c: c + i * ldc, accumulate: accumulate)
        i += 1
    }
}

@inline(__always) func put16(_ v: Vec16, _ p: UnsafeMutablePointer<Float>, accumulate: Bool) {
    store16(accumulate ? load16(p) + v : v, p)
}

/// C[4×64]: sixteen accumulators; per k one 64-wide row of B (4 loads) and 4 broadcasts of A
/// for 16 FMAs, enough to keep both FMA pipes busy on AVX-512.
@inline(__always)
func kernel4x64(k: Int, a: UnsafePointer<Float>, rs: Int, ks: Int, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var c00 = Vec16(), c01 = Vec16(), c02 = Vec16(), c03 = Vec16()
    var c10 = Vec16(), c11 = Vec16(), c12 = Vec16(), c13 = Vec16()
    var c20 = Vec16(), c21 = Vec16(), c22 = Vec16(), c23 = Vec16()
    var c30 = Vec16(), c31 = Vec16(), c32 = Vec16(), c33 = Vec16()
    let r1 = rs, r2 = 2 * rs, r3 = 3 * rs
    var ap = a, bp = b
    for _ in 0..<k {
        let b0 = load16(bp), b1 = load16(bp + 16), b2 = load16(bp + 32), b3 = load16(bp + 48)
        let x0 = Vec16(repeating: ap[0])
        c00.addProduct(x0, b0); c01.addProduct(x0, b1); c02.addProduct(x0, b2); c03.addProduct(x0, b3)
        let x1 = Vec16(repeating: ap[r1])
        c10.addProduct(x1, b0); c11.addProduct(x1, b1); c12.addProduct(x1, b2); c13.addProduct(x1, b3)
        let x2 = Vec16(repeating: ap[r2])
        c20.addProduct(x2, b0); c21.addProduct(x2, b1); c22.addProduct(x2, b2); c23.addProduct(x2, b3)
        let x3 = Vec16(repeating: ap[r3])
        c30.addProduct(x3, b0); c31.addProduct(x3, b1); c32.addProduct(x3, b2); c33.addProduct(x3, b3)
        ap += ks; bp += ldb
    }
    let q0 = c, q1 = c + ldc, q2 = c + 2 * ldc, q3 = c + 3 * ldc
    put16(c00, q0, accumulate: accumulate); put16(c01, q0 + 16, accumulate: accumulate)
    put16(c02, q0 + 32, accumulate: accumulate); put16(c03, q0 + 48, accumulate: accumulate)
    put16(c10, q1, accumulate: accumulate); put16(c11, q1 + 16, accumulate: accumulate)
    put16(c12, q1 + 32, accumulate: accumulate); put16(c13, q1 + 48, accumulate: accumulate)
    put16(c20, q2, accumulate: accumulate); put16(c21, q2 + 16, accumulate: accumulate)
    put16(c22, q2 + 32, accumulate: accumulate); put16(c23, q2 + 48, accumulate: accumulate)
    put16(c30, q3, accumulate: accumulate); put16(c31, q3 + 16, accumulate: accumulate)
    put16(c32, q3 + 32, accumulate: accumulate); put16(c33, q3 + 48, accumulate: accumulate)
}

/// C[1×64]: the rows past the last multiple of 4.
@inline(__always)
func kernel1x64(k: Int, a: UnsafePointer<Float>, ks: Int, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, accumulate: Bool) {
    var c0 = Vec16(), c1 = Vec16(), c2 = Vec16(), c3 = Vec16()
    var ap = a, bp = b
    for _ in 0..<k {
        let x = Vec16(repeating: ap[0])
        c0.addProduct(x, load16(bp)); c1.addProduct(x, load16(bp + 16))
        c2.addProduct(x, load16(bp + 32)); c3.addProduct(x, load16(bp + 48))
        ap += ks; bp += ldb
    }
    put16(c0, c, accumulate: accumulate); put16(c1, c + 16, accumulate: accumulate)
    put16(c2, c + 32, accumulate: accumulate); put16(c3, c + 48, accumulate: accumulate)
}

/// C[8×32]: sixteen accumulators; per k 2 loads of B and 8 broadcasts of A for 16 FMAs. (A 4-row
/// kernel over 16 columns keeps only 4 accumulators in flight, fewer than two FMA pipes × 4
/// cycles of latency: 0.55 of the FMA peak against 1.0 for this one at 32×32×128.)
@inline(__always)
func kernel8x32(k: Int, a: UnsafePointer<Float>, rs: Int, ks: Int, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var c00 = Vec16(), c01 = Vec16(), c10 = Vec16(), c11 = Vec16()
    var c20 = Vec16(), c21 = Vec16(), c30 = Vec16(), c31 = Vec16()
    var c40 = Vec16(), c41 = Vec16(), c50 = Vec16(), c51 = Vec16()
    var c60 = Vec16(), c61 = Vec16(), c70 = Vec16(), c71 = Vec16()
    let r1 = rs, r2 = 2 * rs, r3 = 3 * rs, r4 = 4 * rs, r5 = 5 * rs, r6 = 6 * rs, r7 = 7 * rs
    var ap = a, bp = b
    for _ in 0..<k {
        let b0 = load16(bp), b1 = load16(bp + 16)
        var x = Vec16(repeating: ap[0]); c00.addProduct(x, b0); c01.addProduct(x, b1)
        x = Vec16(repeating: ap[r1]); c10.addProduct(x, b0); c11.addProduct(x, b1)
        x = Vec16(repeating: ap[r2]); c20.addProduct(x, b0); c21.addProduct(x, b1)
        x = Vec16(repeating: ap[r3]); c30.addProduct(x, b0); c31.addProduct(x, b1)
        x = Vec16(repeating: ap[r4]); c40.addProduct(x, b0); c41.addProduct(x, b1)
        x = Vec16(repeating: ap[r5]); c50.addProduct(x, b0); c51.addProduct(x, b1)
        x = Vec16(repeating: ap[r6]); c60.addProduct(x, b0); c61.addProduct(x, b1)
        x = Vec16(repeating: ap[r7]); c70.addProduct(x, b0); c71.addProduct(x, b1)
        ap += ks; bp += ldb
    }
    @inline(__always) func row(_ r: Int, _ v0: Vec16, _ v1: Vec16) {
        put16(v0, c + r * ldc, accumulate: accumulate); put16(v1, c + r * ldc + 16, accumulate: accumulate)
    }
    row(0, c00, c01); row(1, c10, c11); row(2, c20, c21); row(3, c30, c31)
    row(4, c40, c41); row(5, c50, c51); row(6, c60, c61); row(7, c70, c71)
}

/// C[8×16]: 8 accumulators, for the 16-column blocks (D = 16, 48, 80, 112).
@inline(__always)
func kernel8x16(k: Int, a: UnsafePointer<Float>, rs: Int, ks: Int, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var c0 = Vec16(), c1 = Vec16(), c2 = Vec16(), c3 = Vec16(), c4 = Vec16(), c5 = Vec16(), c6 = Vec16(), c7 = Vec16()
    let r1 = rs, r2 = 2 * rs, r3 = 3 * rs, r4 = 4 * rs, r5 = 5 * rs, r6 = 6 * rs, r7 = 7 * rs
    var ap = a, bp = b
    for _ in 0..<k {
        let b0 = load16(bp)
        c0.addProduct(Vec16(repeating: ap[0]), b0); c1.addProduct(Vec16(repeating: ap[r1]), b0)
        c2.addProduct(Vec16(repeating: ap[r2]), b0); c3.addProduct(Vec16(repeating: ap[r3]), b0)
        c4.addProduct(Vec16(repeating: ap[r4]), b0); c5.addProduct(Vec16(repeating: ap[r5]), b0)
        c6.addProduct(Vec16(repeating: ap[r6]), b0); c7.addProduct(Vec16(repeating: ap[r7]), b0)
        ap += ks; bp += ldb
    }
    put16(c0, c, accumulate: accumulate); put16(c1, c + ldc, accumulate: accumulate)
    put16(c2, c + 2 * ldc, accumulate: accumulate); put16(c3, c + 3 * ldc, accumulate: accumulate)
    put16(c4, c + 4 * ldc, accumulate: accumulate); put16(c5, c + 5 * ldc, accumulate: accumulate)
    put16(c6, c + 6 * ldc, accumulate: accumulate); put16(c7, c + 7 * ldc, accumulate: accumulate)
}

/// C[4×16].
@inline(__always)
func kernel4x16(k: Int, a: UnsafePointer<Float>, rs: Int, ks: Int, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var c0 = Vec16(), c1 = Vec16(), c2 = Vec16(), c3 = Vec16()
    let r1 = rs, r2 = 2 * rs, r3 = 3 * rs
    var ap = a, bp = b
    for _ in 0..<k {
        let bv = load16(bp)
        c0.addProduct(Vec16(repeating: ap[0]), bv); c1.addProduct(Vec16(repeating: ap[r1]), bv)
        c2.addProduct(Vec16(repeating: ap[r2]), bv); c3.addProduct(Vec16(repeating: ap[r3]), bv)
        ap += ks; bp += ldb
    }
    put16(c0, c, accumulate: accumulate); put16(c1, c + ldc, accumulate: accumulate)
    put16(c2, c + 2 * ldc, accumulate: accumulate); put16(c3, c + 3 * ldc, accumulate: accumulate)
}

/// C[1×16].
@inline(__always)
func kernel1x16(k: Int, a: UnsafePointer<Float>, ks: Int, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, accumulate: Bool) {
    var c0 = Vec16()
    var ap = a, bp = b
    for _ in 0..<k {
        c0.addProduct(Vec16(repeating: ap[0]), load16(bp))
        ap += ks; bp += ldb
    }
    put16(c0, c, accumulate: accumulate)
}

/// C[4×8]: the 8-column tail (D ≡ 8 mod 16, e.g. 8, 24, 40, 72).
@inline(__always)
func kernel4x8(k: Int, a: UnsafePointer<Float>, rs: Int, ks: Int, b: UnsafePointer<Float>, ldb: Int,
               c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    typealias V = SIMD8<Float>
    @inline(__always) func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
    var c0 = V(), c1 = V(), c2 = V(), c3 = V()
    let r1 = rs, r2 = 2 * rs, r3 = 3 * rs
    var ap = a, bp = b
    for _ in 0..<k {
        let bv = load(bp)
        c0.addProduct(V(repeating: ap[0]), bv); c1.addProduct(V(repeating: ap[r1]), bv)
        c2.addProduct(V(repeating: ap[r2]), bv); c3.addProduct(V(repeating: ap[r3]), bv)
        ap += ks; bp += ldb
    }
    if accumulate { c0 += load(c); c1 += load(c + ldc); c2 += load(c + 2 * ldc); c3 += load(c + 3 * ldc) }
    @inline(__always) func store(_ v: V, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self) }
    store(c0, c); store(c1, c + ldc); store(c2, c + 2 * ldc); store(c3, c + 3 * ldc)
}

/// C[1×w] for a tail of w ≤ 8 columns, 8 lanes wide when w = 8, else one column at a time.
@inline(__always)
func kernelColumns(k: Int, a: UnsafePointer<Float>, ks: Int, b: UnsafePointer<Float>, ldb: Int,
                   c: UnsafeMutablePointer<Float>, columns w: Int, accumulate: Bool) {
    if w == 8 {
        typealias V = SIMD8<Float>
        var acc = V()
        var ap = a, bp = b
        for _ in 0..<k { acc.addProduct(V(repeating: ap[0]), UnsafeRawPointer(bp).loadUnaligned(as: V.self)); ap += ks; bp += ldb }
        if accumulate { acc += UnsafeRawPointer(c).loadUnaligned(as: V.self) }
        UnsafeMutableRawPointer(c).storeBytes(of: acc, as: V.self)
        return
    }
    for col in 0..<w {
        var acc: Float = 0
        var ap = a, bp = b + col
        for _ in 0..<k { acc = acc.addingProduct(ap[0], bp.pointee); ap += ks; bp += ldb }
        c[col] = accumulate ? c[col] + acc : acc
    }
}

/// out[c·ldOut + r] = src[r·ldSrc + c] for r < rows, c < cols (a tile transpose).
/// 16×16 blocks of 16-lane vectors (`transpose16x16`, two 1 KiB stack blocks as scratch), then
/// what is left of the rows and columns in 4×4 blocks in SIMD4 registers and one element at a time
/// (`transposeTile4x4`). The 4×4 blocks alone were 3.2–3.7× the element-by-element loop on tiles
/// of 64×128, 32×128 and 64×64, which had cost the chunked linear forward about a fifth of its time
/// (Kᵀ of every chunk); with the 16×16 blocks that forward's median went from 8.37 to 8.22 ms (D 64,
/// T 4,096, W 256; medians of 4 interleaved rounds). Offsets are computed with wrapping
/// arithmetic (`&*`, `&+`): with overflow checks on (release is `-O`) a checked index per element
/// had made the kernels 6–11 % slower; offsets stay below rows·ldSrc and cols·ldOut, the sizes of
/// the caller's tiles.
@inline(__always)
public func transposeTile(rows: Int, cols: Int, src: UnsafePointer<Float>, ldSrc: Int,
                          out: UnsafeMutablePointer<Float>, ldOut: Int) {
    let rows16 = rows & ~15, cols16 = cols & ~15
    if rows16 > 0 && cols16 > 0 {
        withTwoVectorBlocks { a, b in
            var r = 0
            while r < rows16 {
                var c = 0
                while c < cols16 {
                    transpose16x16(src + (r &* ldSrc &+ c), ldSrc: ldSrc, out + (c &* ldOut &+ r), ldOut: ldOut, a, b)
                    c &+= 16
                }
                r &+= 16
            }
        }
    }
    // the columns right of the 16×16 blocks in their rows, then the rows below them whole
    transposeTile4x4(rows: 0..<rows16, cols: cols16..<cols, src: src, ldSrc: ldSrc, out: out, ldOut: ldOut)
    transposeTile4x4(rows: rows16..<rows, cols: 0..<cols, src: src, ldSrc: ldSrc, out: out, ldOut: ldOut)
}

/// (a's even lanes, then b's) and (a's odd lanes, then b's): one two-source permute each, the step
/// of `transpose16x16` and of the feature maps' `transposedReduce16`.
@inline(__always)
func evenAndOddLanes(_ a: Vec16, _ b: Vec16) -> (even: Vec16, odd: Vec16) {
    (Vec16(lowHalf: a.evenHalf, highHalf: b.evenHalf), Vec16(lowHalf: a.oddHalf, highHalf: b.oddHalf))
}

/// `body` with two scratch arrays of 16 vectors (1 KiB each), which stay on the stack; a single
/// array of 32 (2 KiB) from `withUnsafeTemporaryAllocation` went to the heap (a malloc and a free
/// per call in `perf`, when the feature maps' 16-row blocks used it). Used by the feature maps'
/// 16-row blocks and by `transposeTile`.
@inline(__always)
func withTwoVectorBlocks<R>(_ body: (UnsafeMutablePointer<Vec16>, UnsafeMutablePointer<Vec16>) -> R) -> R {
    withUnsafeTemporaryAllocation(of: Vec16.self, capacity: 16) { a in
        withUnsafeTemporaryAllocation(of: Vec16.self, capacity: 16) { b in body(a.baseAddress!, b.baseAddress!) }
    }
}

/// out[c·ldOut + r] = src[r·ldSrc + c] for one 16×16 block, in four levels of two-source
/// permutes: each level takes pairs of vectors (v[2i], v[2i+1]) to (their even lanes, their odd
/// lanes) at (i, 8 + i), which rotates the 8-bit index (vector, lane) = (r, c) right by one bit;
/// four rotations give (c, r). 16 loads, 64 permutes, 16 stores, against 16 SIMD4 blocks of 4
/// loads, 4 stores and about a dozen element inserts each. `a`, `b`: 16 vectors of scratch each.
@inline(__always)
func transpose16x16(_ src: UnsafePointer<Float>, ldSrc: Int, _ out: UnsafeMutablePointer<Float>, ldOut: Int,
                    _ a: UnsafeMutablePointer<Vec16>, _ b: UnsafeMutablePointer<Vec16>) {
    for r in 0..<16 { a[r] = load16(src + r &* ldSrc) }
    var (x, y) = (a, b)
    for _ in 0..<4 {  // an even number of levels: the result ends in a
        for i in 0..<8 { (y[i], y[8 + i]) = evenAndOddLanes(x[2 * i], x[2 * i + 1]) }
        swap(&x, &y)
    }
    for c in 0..<16 { store16(x[c], out + c &* ldOut) }
}

/// out[c·ldOut + r] = src[r·ldSrc + c] for r ∈ rows, c ∈ cols (absolute indices; nothing else is
/// written): 4×4 blocks in SIMD4 registers (4 row loads, 4 column stores), then the rows and
/// columns past the last multiple of 4 from the ranges' starts one element at a time.
@inline(__always)
func transposeTile4x4(rows: Range<Int>, cols: Range<Int>, src: UnsafePointer<Float>, ldSrc: Int,
                      out: UnsafeMutablePointer<Float>, ldOut: Int) {
    typealias V = SIMD4<Float>
    @inline(__always) func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
    @inline(__always) func store(_ v: V, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self) }
    guard !rows.isEmpty, !cols.isEmpty else { return }
    let rowsEnd4 = rows.lowerBound + (rows.count & ~3), colsEnd4 = cols.lowerBound + (cols.count & ~3)
    var r = rows.lowerBound
    while r < rowsEnd4 {
        let s0 = src + r &* ldSrc, s1 = s0 + ldSrc, s2 = s1 + ldSrc, s3 = s2 + ldSrc
        var c = cols.lowerBound
        while c < colsEnd4 {
            let v0 = load(s0 + c), v1 = load(s1 + c), v2 = load(s2 + c), v3 = load(s3 + c)
            let o = out + (c &* ldOut &+ r)
            store(V(v0[0], v1[0], v2[0], v3[0]), o)
            store(V(v0[1], v1[1], v2[1], v3[1]), o + ldOut)
            store(V(v0[2], v1[2], v2[2], v3[2]), o + 2 &* ldOut)
            store(V(v0[3], v1[3], v2[3], v3[3]), o + 3 &* ldOut)
            c &+= 4
        }
        r &+= 4
    }
    if colsEnd4 < cols.upperBound {
        for r in rows.lowerBound..<rowsEnd4 {
            let s = src + r &* ldSrc
            var o = out + (colsEnd4 &* ldOut &+ r)
            for c in colsEnd4..<cols.upperBound { o.pointee = s[c]; o += ldOut }
        }
    }
    for r in rowsEnd4..<rows.upperBound {
        let s = src + r &* ldSrc
        var o = out + (cols.lowerBound &* ldOut &+ r)
        for c in cols { o.pointee = s[c]; o += ldOut }
    }
}

/// 2^x lane-wise, relative error ≈ 1e-7; 0 for x ≤ −127 (so −∞ gives exactly 0).
/// 2^x = 2^n · 2^f with n = round(x), f ∈ [−½, ½]; 2^f by its degree-7 Taylor series in f·ln2
/// (truncation error (½ ln2)^8/8! ≈ 5e-9); 2^n written straight into the exponent bits
/// (n = −127 gives the bit pattern of +0). Rounding uses the 1.5·2^23 trick: adding it leaves
/// round(x) in the low mantissa bits, with no float→int conversion (which Swift scalarises).
/// `@_transparent`: `@inline(__always)` alone left it a call, with its 64-byte argument and result
/// passed through memory, in the feature maps and the decode steps (20 % of the chunked branch's
/// samples at D 32).
@_transparent
public func exp2(_ x: Vec16) -> Vec16 {
    let clamped = vmin(vmax(x, Vec16(repeating: -127)), Vec16(repeating: 127))
    let (n, nBits) = roundLanes(clamped)
    let f = (clamped - n) * ln2
    // Horner's steps as fused multiply-adds (Swift does not contract p·f + c by itself: 16 ops, not 8)
    var p = Vec16(repeating: 1.0 / 5040)
    p = Vec16(repeating: 1.0 / 720).addingProduct(p, f)
    p = Vec16(repeating: 1.0 / 120).addingProduct(p, f)
    p = Vec16(repeating: 1.0 / 24).addingProduct(p, f)
    p = Vec16(repeating: 1.0 / 6).addingProduct(p, f)
    p = Vec16(repeating: 0.5).addingProduct(p, f)
    p = Vec16(repeating: 1).addingProduct(p, f)
    p = Vec16(repeating: 1).addingProduct(p, f)
    return p * power2(nBits)
}

/// round(x) lane-wise (|x| < 2²²), as floats and as Int32 lanes, by the 1.5·2²³ trick: adding it
/// leaves round(x) in the low mantissa bits, with no float→int conversion (which Swift scalarises).
@usableFromInline @_transparent
func roundLanes(_ x: Vec16) -> (value: Vec16, integer: SIMD16<Int32>) {
    let magic = Vec16(repeating: 12_582_912)  // 1.5·2^23, bit pattern 0x4B40_0000
    let shifted = x + magic
    return (shifted - magic, unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000)
}

/// round(x) lane-wise (|x| < 2²²) as floats, and round(x)·2²³ as Int32 lanes (round(x) in the
/// exponent field's place, for `scaledByPower2`): `roundLanes`, its integer shifted left by 23
/// (the compiler drops its subtraction of 0x4B40_0000, whose low 9 bits are 0).
@usableFromInline @_transparent
func roundLanesToExponent(_ x: Vec16) -> (value: Vec16, exponent: SIMD16<Int32>) {
    let (value, integer) = roundLanes(x)
    return (value, integer &<< 23)
}

/// p·2^n lane-wise by adding n·2²³ (`exponent`) to p's bits: exact, and one integer add, when p
/// and p·2^n are normal floats (else meaningless, but nothing traps).
@usableFromInline @_transparent
func scaledByPower2(_ p: Vec16, exponent: SIMD16<Int32>) -> Vec16 {
    unsafeBitCast(unsafeBitCast(p, to: SIMD16<Int32>.self) &+ exponent, to: Vec16.self)
}

/// 2^n lane-wise for integer lanes −127 ≤ n ≤ 127, written straight into the exponent bits
/// (n = −127 gives the bit pattern of +0).
@usableFromInline @_transparent
func power2(_ n: SIMD16<Int32>) -> Vec16 { unsafeBitCast((n &+ 127) &<< 23, to: Vec16.self) }

/// log₂e, the factor that turns e^x into 2^(x·log₂e) (the kernels' exponentials go through `exp2`).
/// A computed property, so that it inlines as a literal in every hot loop.
@inlinable public var log2e: Float { 1.442_695_040_888_963_4 }
/// ln 2, the factor that turns a base-2 fraction into the argument of e^x's series.
@inlinable public var ln2: Float { 0.693_147_180_559_945_3 }

/// e^x lane-wise through `exp2`: 2^(x·log₂e) (the same bits as writing the product out).
@_transparent
public func exp(_ x: Vec16) -> Vec16 { exp2(x * log2e) }

/// Lane-wise max/min as compare + blend. (`pointwiseMax` and `SIMD.max()` follow IEEE NaN rules
/// lane by lane and compile to scalar code; attention scores are never NaN.)
@inlinable @inline(__always) public func vmax(_ a: Vec16, _ b: Vec16) -> Vec16 { a.replacing(with: b, where: b .> a) }
@inlinable @inline(__always) public func vmin(_ a: Vec16, _ b: Vec16) -> Vec16 { a.replacing(with: b, where: b .< a) }

/// The largest lane (NaN-oblivious).
@inline(__always) public func horizontalMax(_ v: Vec16) -> Float {
    let a = vmax8(v.lowHalf, v.highHalf)
    let b = vmax4(a.lowHalf, a.highHalf)
    return Swift.max(Swift.max(b[0], b[1]), Swift.max(b[2], b[3]))
}
@inline(__always) func vmax8(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a.replacing(with: b, where: b .> a) }
@inline(__always) func vmax4(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> { a.replacing(with: b, where: b .> a) }

