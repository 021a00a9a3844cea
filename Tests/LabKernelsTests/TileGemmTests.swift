// The tile products and the tile transpose under every fast kernel, against a Double triple loop: every column block
// (64, 32, 16, 8 and single columns), every row remainder of the 8- and 4-row micro-kernels, K from
// 1 up, = and +=, A read as stored and transposed in place, with leading dimensions wider than
// the operands (the kernels pass tiles of larger buffers).
import Testing
import LabCore
import LabKernels

@Suite struct TileGemmTests {
    /// C (= or +=) op(A)·B in Double; op(A)[i, p] = a[i·lda + p], or a[p·lda + i] when transposed.
    static func reference(m: Int, n: Int, k: Int, a: [Float], lda: Int, transposed: Bool, b: [Float], ldb: Int,
                          c: [Float], ldc: Int, accumulate: Bool) -> [Double] {
        var out = c.map(Double.init)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k { s += Double(a[transposed ? p * lda + i : i * lda + p]) * Double(b[p * ldb + j]) }
                out[i * ldc + j] = accumulate ? out[i * ldc + j] + s : s
            }
        }
        return out
    }

    @Test(arguments: [false, true])
    func matchesTheTripleLoop(transposed: Bool) {
        var rng = SeededGenerator(seed: 7)
        func random(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -1...1, using: &rng) } }
        for m in [1, 3, 4, 7, 8, 9, 13, 16, 21] {
            for n in [1, 5, 8, 13, 16, 24, 32, 40, 48, 57, 64, 72, 96, 112, 128, 136] {
                for k in [1, 3, 16, 37] {
                    for accumulate in [false, true] {
                        // leading dimensions past the operands' widths: the padding must stay untouched
                        let lda = (transposed ? m : k) + 3, ldb = n + 5, ldc = n + 2
                        let a = random((transposed ? k : m) * lda), b = random(k * ldb), c0 = random(m * ldc)
                        var c = c0
                        a.withUnsafeBufferPointer { ap in
                            b.withUnsafeBufferPointer { bp in
                                c.withUnsafeMutableBufferPointer { cp in
                                    if transposed {
                                        tileGemmTransposedA(m: m, n: n, k: k, a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb,
                                                            c: cp.baseAddress!, ldc: ldc, accumulate: accumulate)
                                    } else {
                                        tileGemm(m: m, n: n, k: k, a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb,
                                                 c: cp.baseAddress!, ldc: ldc, accumulate: accumulate)
                                    }
                                }
                            }
                        }
                        let ref = Self.reference(m: m, n: n, k: k, a: a, lda: lda, transposed: transposed, b: b, ldb: ldb,
                                                 c: c0, ldc: ldc, accumulate: accumulate)
                        var worst = 0.0, padding = true
                        for i in 0..<m {
                            for j in 0..<ldc {
                                let x = i * ldc + j
                                if j < n { worst = max(worst, abs(Double(c[x]) - ref[x])) } else if c[x] != c0[x] { padding = false }
                            }
                        }
                        #expect(worst <= 1e-5 * Double(k + 1), "m \(m) n \(n) k \(k) accumulate \(accumulate): max error \(worst)")
                        #expect(padding, "m \(m) n \(n) k \(k): wrote past column n")
                    }
                }
            }
        }
    }

    /// Every remainder of the 16×16 and 4×4 blocks (below and right of the 16×16 blocks: 4×4 blocks
    /// and then single rows or columns, as 23 = 16 + 4 + 3 and 47 = 32 + 12 + 3 leave), leading
    /// dimensions past the operands, padding untouched.
    @Test func transposeTileMovesEveryElementOnce() {
        for rows in [1, 3, 4, 5, 8, 13, 16, 17, 23, 35, 64] {
            for cols in [1, 2, 4, 7, 16, 20, 27, 33, 47, 50, 128] {
                let ldSrc = cols + 3, ldOut = rows + 5
                let src = (0..<(rows * ldSrc)).map { Float($0) }
                var out = [Float](repeating: -1, count: cols * ldOut)
                src.withUnsafeBufferPointer { s in
                    out.withUnsafeMutableBufferPointer { o in
                        transposeTile(rows: rows, cols: cols, src: s.baseAddress!, ldSrc: ldSrc, out: o.baseAddress!, ldOut: ldOut)
                    }
                }
                var wrong = 0
                for c in 0..<cols {
                    for r in 0..<ldOut where out[c * ldOut + r] != (r < rows ? src[r * ldSrc + c] : -1) { wrong += 1 }
                }
                #expect(wrong == 0, "rows \(rows) cols \(cols): \(wrong) entries wrong")
            }
        }
    }
}
