// Register-blocked SIMD matrix products for cache-resident tiles, and a vectorised exp2.
//
// `tileGemm` computes C[M×N] (= or +=) A[M×K]·B[K×N], all row-major with leading dimensions,
// any N ≥ 0: columns in blocks of 64 and 16, then a tail of N mod 16 columns (8 lanes, then one
// column at a time), which is what lets the kernels take any head dimension D. The micro-kernels keep a 4×64 block of C in sixteen SIMD16<Float>
// registers; for each k they load one 64-wide row of B and broadcast four scalars of A:
// 16 fused multiply-adds per 4 loads, enough to keep both FMA pipes busy on AVX-512.
// Release builds name the target CPU (Package.swift); without that `addingProduct` is a libm
// call per lane, several times slower.
//
// No packing: the operands are attention tiles (≤ 128 × 128) that already sit in L1/L2.

public typealias Vec16 = SIMD16<Float>

@inline(__always) func load16(_ p: UnsafePointer<Float>) -> Vec16 {
    UnsafeRawPointer(p).loadUnaligned(as: Vec16.self)
}
@inline(__always) func store16(_ v: Vec16, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec16.self)
}

/// C[M×N] (= or +=) A[M×K]·B[K×N], any N (N mod 16 tail columns through narrower kernels).
/// - Complexity: 2·M·N·K FLOPs.
@inline(__always)
public func tileGemm(m: Int, n: Int, k: Int,
                     a: UnsafePointer<Float>, lda: Int,
                     b: UnsafePointer<Float>, ldb: Int,
                     c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var j = 0
    while j + 64 <= n {
        var i = 0
        while i + 4 <= m {
            kernel4x64(k: k, a: a + i * lda, lda: lda, b: b + j, ldb: ldb, c: c + i * ldc + j, ldc: ldc, accumulate: accumulate)
            i += 4
        }
        while i < m {
            kernel1x64(k: k, a: a + i * lda, b: b + j, ldb: ldb, c: c + i * ldc + j, accumulate: accumulate)
            i += 1
        }
        j += 64
    }
    while j + 16 <= n {
        var i = 0
        while i + 4 <= m {
            kernel4x16(k: k, a: a + i * lda, lda: lda, b: b + j, ldb: ldb, c: c + i * ldc + j, ldc: ldc, accumulate: accumulate)
            i += 4
        }
        while i < m {
            kernel1x16(k: k, a: a + i * lda, b: b + j, ldb: ldb, c: c + i * ldc + j, accumulate: accumulate)
            i += 1
        }
        j += 16
    }
    if j + 8 <= n {
        var i = 0
        while i + 4 <= m {
            kernel4x8(k: k, a: a + i * lda, lda: lda, b: b + j, ldb: ldb, c: c + i * ldc + j, ldc: ldc, accumulate: accumulate)
            i += 4
        }
        while i < m {
            kernelColumns(k: k, a: a + i * lda, b: b + j, ldb: ldb, c: c + i * ldc + j, columns: 8, accumulate: accumulate)
            i += 1
        }
        j += 8
    }
    if j < n {  // < 8 columns: one row and column at a time
        for i in 0..<m {
            kernelColumns(k: k, a: a + i * lda, b: b + j, ldb: ldb, c: c + i * ldc + j, columns: n - j, accumulate: accumulate)
        }
    }
}

/// C[4×8] (= or +=) A[4×K]·B[K×8]: the 8-column tail (D ≡ 8 mod 16, e.g. 8, 24, 40, 72).
@inline(__always)
func kernel4x8(k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
               c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    typealias V = SIMD8<Float>
    @inline(__always) func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
    var c0 = V(), c1 = V(), c2 = V(), c3 = V()
    let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda
    var bp = b
    for p in 0..<k {
        let bv = load(bp)
        c0.addProduct(V(repeating: a0[p]), bv); c1.addProduct(V(repeating: a1[p]), bv)
        c2.addProduct(V(repeating: a2[p]), bv); c3.addProduct(V(repeating: a3[p]), bv)
        bp += ldb
    }
    if accumulate { c0 += load(c); c1 += load(c + ldc); c2 += load(c + 2 * ldc); c3 += load(c + 3 * ldc) }
    @inline(__always) func store(_ v: V, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self) }
    store(c0, c); store(c1, c + ldc); store(c2, c + 2 * ldc); store(c3, c + 3 * ldc)
}

/// C[1×w] (= or +=) A[1×K]·B[K×w] for a tail of w ≤ 8 columns, 8 lanes wide when w = 8,
/// else one column at a time.
@inline(__always)
func kernelColumns(k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
                   c: UnsafeMutablePointer<Float>, columns w: Int, accumulate: Bool) {
    if w == 8 {
        typealias V = SIMD8<Float>
        var acc = V()
        var bp = b
        for p in 0..<k { acc.addProduct(V(repeating: a[p]), UnsafeRawPointer(bp).loadUnaligned(as: V.self)); bp += ldb }
        if accumulate { acc += UnsafeRawPointer(c).loadUnaligned(as: V.self) }
        UnsafeMutableRawPointer(c).storeBytes(of: acc, as: V.self)
        return
    }
    for col in 0..<w {
        var acc: Float = 0
        var bp = b + col
        for p in 0..<k { acc = acc.addingProduct(a[p], bp.pointee); bp += ldb }
        c[col] = accumulate ? c[col] + acc : acc
    }
}

@inline(__always)
func kernel4x64(k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var c00 = Vec16(), c01 = Vec16(), c02 = Vec16(), c03 = Vec16()
    var c10 = Vec16(), c11 = Vec16(), c12 = Vec16(), c13 = Vec16()
    var c20 = Vec16(), c21 = Vec16(), c22 = Vec16(), c23 = Vec16()
    var c30 = Vec16(), c31 = Vec16(), c32 = Vec16(), c33 = Vec16()
    let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda
    var bp = b
    for p in 0..<k {
        let b0 = load16(bp), b1 = load16(bp + 16), b2 = load16(bp + 32), b3 = load16(bp + 48)
        let x0 = Vec16(repeating: a0[p])
        c00.addProduct(x0, b0); c01.addProduct(x0, b1); c02.addProduct(x0, b2); c03.addProduct(x0, b3)
        let x1 = Vec16(repeating: a1[p])
        c10.addProduct(x1, b0); c11.addProduct(x1, b1); c12.addProduct(x1, b2); c13.addProduct(x1, b3)
        let x2 = Vec16(repeating: a2[p])
        c20.addProduct(x2, b0); c21.addProduct(x2, b1); c22.addProduct(x2, b2); c23.addProduct(x2, b3)
        let x3 = Vec16(repeating: a3[p])
        c30.addProduct(x3, b0); c31.addProduct(x3, b1); c32.addProduct(x3, b2); c33.addProduct(x3, b3)
        bp += ldb
    }
    @inline(__always) func put(_ v: Vec16, _ p: UnsafeMutablePointer<Float>) {
        store16(accumulate ? load16(p) + v : v, p)
    }
    let r0 = c, r1 = c + ldc, r2 = c + 2 * ldc, r3 = c + 3 * ldc
    put(c00, r0); put(c01, r0 + 16); put(c02, r0 + 32); put(c03, r0 + 48)
    put(c10, r1); put(c11, r1 + 16); put(c12, r1 + 32); put(c13, r1 + 48)
    put(c20, r2); put(c21, r2 + 16); put(c22, r2 + 32); put(c23, r2 + 48)
    put(c30, r3); put(c31, r3 + 16); put(c32, r3 + 32); put(c33, r3 + 48)
}

@inline(__always)
func kernel1x64(k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, accumulate: Bool) {
    var c0 = Vec16(), c1 = Vec16(), c2 = Vec16(), c3 = Vec16()
    var bp = b
    for p in 0..<k {
        let x = Vec16(repeating: a[p])
        c0.addProduct(x, load16(bp)); c1.addProduct(x, load16(bp + 16))
        c2.addProduct(x, load16(bp + 32)); c3.addProduct(x, load16(bp + 48))
        bp += ldb
    }
    if accumulate {
        c0 += load16(c); c1 += load16(c + 16); c2 += load16(c + 32); c3 += load16(c + 48)
    }
    store16(c0, c); store16(c1, c + 16); store16(c2, c + 32); store16(c3, c + 48)
}

@inline(__always)
func kernel4x16(k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var c0 = Vec16(), c1 = Vec16(), c2 = Vec16(), c3 = Vec16()
    let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda
    var bp = b
    for p in 0..<k {
        let bv = load16(bp)
        c0.addProduct(Vec16(repeating: a0[p]), bv); c1.addProduct(Vec16(repeating: a1[p]), bv)
        c2.addProduct(Vec16(repeating: a2[p]), bv); c3.addProduct(Vec16(repeating: a3[p]), bv)
        bp += ldb
    }
    if accumulate {
        c0 += load16(c); c1 += load16(c + ldc); c2 += load16(c + 2 * ldc); c3 += load16(c + 3 * ldc)
    }
    store16(c0, c); store16(c1, c + ldc); store16(c2, c + 2 * ldc); store16(c3, c + 3 * ldc)
}

@inline(__always)
func kernel1x16(k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
                c: UnsafeMutablePointer<Float>, accumulate: Bool) {
    var c0 = Vec16()
    var bp = b
    for p in 0..<k {
        c0.addProduct(Vec16(repeating: a[p]), load16(bp))
        bp += ldb
    }
    if accumulate { c0 += load16(c) }
    store16(c0, c)
}

/// out[c·ldOut + r] = src[r·ldSrc + c] for r < rows, c < cols (a tile transpose).
/// The output walks by pointer steps of ldOut, not by a checked c·ldOut + r per element: with
/// overflow checks on (release is `-O`), that index made softmax fwdbwd 8–10 %, chunked linear
/// attention 6 % and model decode (the Kᵀ load) 11 % slower than `-Ounchecked` (medians of 16
/// interleaved rounds); with the pointer walk they are within −5…+3 % of it. Offsets stay below
/// rows·ldSrc and cols·ldOut, the sizes of the caller's tiles.
@inline(__always)
public func transposeTile(rows: Int, cols: Int, src: UnsafePointer<Float>, ldSrc: Int,
                          out: UnsafeMutablePointer<Float>, ldOut: Int) {
    for r in 0..<rows {
        let s = src + r &* ldSrc
        var o = out + r
        for c in 0..<cols { o.pointee = s[c]; o += ldOut }
    }
}

/// 2^x lane-wise, relative error ≈ 1e-7; 0 for x ≤ −127 (so −∞ gives exactly 0).
/// 2^x = 2^n · 2^f with n = round(x), f ∈ [−½, ½]; 2^f by its degree-7 Taylor series in f·ln2
/// (truncation error (½ ln2)^8/8! ≈ 5e-9); 2^n written straight into the exponent bits
/// (n = −127 gives the bit pattern of +0). Rounding uses the 1.5·2^23 trick: adding it leaves
/// round(x) in the low mantissa bits, with no float→int conversion (which Swift scalarises).
@inline(__always)
public func exp2(_ x: Vec16) -> Vec16 {
    let clamped = vmin(vmax(x, Vec16(repeating: -127)), Vec16(repeating: 127))
    let magic = Vec16(repeating: 12_582_912)  // 1.5·2^23, bit pattern 0x4B40_0000
    let shifted = clamped + magic
    let n = shifted - magic
    let f = (clamped - n) * 0.693_147_180_559_945_3
    var p = Vec16(repeating: 1.0 / 5040)
    p = p * f + 1.0 / 720
    p = p * f + 1.0 / 120
    p = p * f + 1.0 / 24
    p = p * f + 1.0 / 6
    p = p * f + 0.5
    p = p * f + 1
    p = p * f + 1
    let nBits = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000
    let scale = unsafeBitCast((nBits &+ 127) &<< 23, to: Vec16.self)
    return p * scale
}

/// Lane-wise max/min as compare + blend. (`pointwiseMax` and `SIMD.max()` follow IEEE NaN rules
/// lane by lane and compile to scalar code; attention scores are never NaN.)
@inline(__always) public func vmax(_ a: Vec16, _ b: Vec16) -> Vec16 { a.replacing(with: b, where: b .> a) }
@inline(__always) public func vmin(_ a: Vec16, _ b: Vec16) -> Vec16 { a.replacing(with: b, where: b .< a) }

/// The largest lane (NaN-oblivious).
@inline(__always) public func horizontalMax(_ v: Vec16) -> Float {
    let a = vmax8(v.lowHalf, v.highHalf)
    let b = vmax4(a.lowHalf, a.highHalf)
    return Swift.max(Swift.max(b[0], b[1]), Swift.max(b[2], b[3]))
}
@inline(__always) func vmax8(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a.replacing(with: b, where: b .> a) }
@inline(__always) func vmax4(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> { a.replacing(with: b, where: b .> a) }
