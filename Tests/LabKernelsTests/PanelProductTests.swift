import Testing
import LabCore
@testable import LabKernels

/// The panel product (Projection.swift) against a Double reference of the same Float inputs, on
/// shapes that cross every boundary it has: panels of 64 columns and their tails (1–63 columns,
/// through the 32-, 16-, 8- and 1-column micro-kernels), rows not a multiple of the micro-kernels'
/// 4 or 8, and weight-gradient rows across its 128-row chunks.
@Suite struct PanelProductTests {
    /// op(A)·op(B) in Double: A [m×k] (Aᵀ stored [k×m]), B [k×n] (Bᵀ stored [n×k]).
    static func reference(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: [Float], b: [Float]) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n {
            var s = 0.0
            for p in 0..<k {
                let x = transA ? a[p * m + i] : a[i * k + p]
                let y = transB ? b[j * k + p] : b[p * n + j]
                s += Double(x) * Double(y)
            }
            c[i * n + j] = s
        } }
        return c
    }

    /// Largest |C − reference| over the entries, relative to the largest |reference| entry.
    static func relativeError(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, seed: UInt64) -> Double {
        var g = SeededGenerator(seed: seed)
        let a = (0..<(m * k)).map { _ in Float(g.nextNormal()) }, b = (0..<(k * n)).map { _ in Float(g.nextNormal()) }
        var c = [Float](repeating: .nan, count: m * n)  // NaN: an entry the product does not write shows
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
            PanelProduct.multiply(transA: transA, transB: transB, m: m, n: n, k: k, a: ap.baseAddress!, b: bp.baseAddress!, c: cp.baseAddress!)
        }}}
        let want = reference(transA: transA, transB: transB, m: m, n: n, k: k, a: a, b: b)
        let scale = max(want.map(abs).max() ?? 0, 1e-30)
        return zip(c, want).map { Double($0) - $1 }.map { $0.isNaN ? .infinity : abs($0) }.max()! / scale
    }

    @Test(arguments: [(false, false), (false, true)])
    func rowsTimesPanels(transA: Bool, transB: Bool) {
        for (m, k) in [(64, 1), (67, 3), (70, 64), (65, 100)] {
            for n in [1, 5, 16, 17, 33, 64, 70, 130, 200] {
                let e = Self.relativeError(transA: transA, transB: transB, m: m, n: n, k: k, seed: UInt64(m * 1000 + n * 10 + k))
                #expect(e < 1e-5, "m \(m) n \(n) k \(k) transB \(transB): relative error \(e)")
            }
        }
    }

    @Test func weightGradientChunks() {
        for k in [64, 127, 128, 129, 300] {  // rows: within one chunk, at its edge, across several
            for (m, n) in [(1, 1), (5, 17), (64, 64), (33, 70), (64, 130)] {
                let e = Self.relativeError(transA: true, transB: false, m: m, n: n, k: k, seed: UInt64(k * 1000 + m * 10 + n))
                #expect(e < 1e-5, "Aᵀ·B m \(m) n \(n) k \(k): relative error \(e)")
            }
        }
    }

    /// The shapes the rule sends to the panel product and to OpenBLAS (one OpenBLAS thread).
    @Test func shapeRule() {
        #expect(PanelProduct.shapeQualifies(transA: false, transB: false, m: 4096, n: 64, k: 64))    // x·W_q at width 64
        #expect(PanelProduct.shapeQualifies(transA: false, transB: true, m: 4096, n: 256, k: 64))    // the head's logits
        #expect(PanelProduct.shapeQualifies(transA: true, transB: false, m: 64, n: 64, k: 4096))     // xᵀ·dy
        #expect(!PanelProduct.shapeQualifies(transA: false, transB: false, m: 4096, n: 256, k: 1024)) // long K: OpenBLAS
        #expect(!PanelProduct.shapeQualifies(transA: false, transB: false, m: 8, n: 64, k: 64))      // decode rows
        #expect(!PanelProduct.shapeQualifies(transA: true, transB: false, m: 256, n: 1024, k: 4096)) // wide gradient
        #expect(!PanelProduct.shapeQualifies(transA: true, transB: true, m: 64, n: 64, k: 4096))
        #expect(!PanelProduct.shapeQualifies(transA: false, transB: false, m: 4096, n: 0, k: 64))
    }

    /// `LinearAlgebra.product` gives the reference's values whichever path it takes (Float on the
    /// panel path or OpenBLAS, Double always OpenBLAS).
    @Test func productMatchesReferenceInBothPrecisions() {
        let (m, n, k) = (70, 33, 20)
        var g = SeededGenerator(seed: 5)
        let a = (0..<(m * k)).map { _ in Float(g.nextNormal()) }, b = (0..<(k * n)).map { _ in Float(g.nextNormal()) }
        let want = Self.reference(transA: false, transB: false, m: m, n: n, k: k, a: a, b: b)
        var cf = [Float](repeating: 0, count: m * n), cd = [Double](repeating: 0, count: m * n)
        let ad = a.map(Double.init), bd = b.map(Double.init)
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in cf.withUnsafeMutableBufferPointer { cp in
            LinearAlgebra.product(m: m, n: n, k: k, a: ap.baseAddress!, b: bp.baseAddress!, c: cp.baseAddress!)
        }}}
        ad.withUnsafeBufferPointer { ap in bd.withUnsafeBufferPointer { bp in cd.withUnsafeMutableBufferPointer { cp in
            LinearAlgebra.product(m: m, n: n, k: k, a: ap.baseAddress!, b: bp.baseAddress!, c: cp.baseAddress!)
        }}}
        for i in 0..<(m * n) {
            #expect(abs(Double(cf[i]) - want[i]) < 1e-4)
            #expect(abs(cd[i] - want[i]) < 1e-10)
        }
    }

    /// With `accumulate`, every path adds op(A)·op(B) to C's values (β = 1): the panel product's
    /// three forms and OpenBLAS (a long K), in Float, and Double (OpenBLAS).
    @Test func accumulateAddsToC() {
        for (transA, transB, m, n, k) in [(false, false, 70, 33, 20), (false, true, 67, 70, 64), (true, false, 33, 70, 300),
                                          (false, false, 64, 17, 1024)] {  // the last: OpenBLAS's shape (long K)
            var g = SeededGenerator(seed: UInt64(m * 100 + k))
            let a = (0..<(m * k)).map { _ in Float(g.nextNormal()) }, b = (0..<(k * n)).map { _ in Float(g.nextNormal()) }
            let c0 = (0..<(m * n)).map { _ in Float(g.nextNormal()) }
            let want = zip(Self.reference(transA: transA, transB: transB, m: m, n: n, k: k, a: a, b: b), c0).map { $0 + Double($1) }
            var cf = c0, cp = c0, cd = c0.map(Double.init)
            let ad = a.map(Double.init), bd = b.map(Double.init)
            // `product` (OpenBLAS here: the tests' OpenBLAS runs several threads) and the panel product itself
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in cf.withUnsafeMutableBufferPointer { cfp in
                LinearAlgebra.product(transA: transA, transB: transB, m: m, n: n, k: k, a: ap.baseAddress!, b: bp.baseAddress!,
                                      c: cfp.baseAddress!, accumulate: true)
            }}}
            let panel = PanelProduct.shapeQualifies(transA: transA, transB: transB, m: m, n: n, k: k)
            if panel {
                a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in cp.withUnsafeMutableBufferPointer { cpp in
                    PanelProduct.multiply(transA: transA, transB: transB, m: m, n: n, k: k, a: ap.baseAddress!, b: bp.baseAddress!,
                                          c: cpp.baseAddress!, accumulate: true)
                }}}
            }
            ad.withUnsafeBufferPointer { ap in bd.withUnsafeBufferPointer { bp in cd.withUnsafeMutableBufferPointer { cp in
                LinearAlgebra.product(transA: transA, transB: transB, m: m, n: n, k: k, a: ap.baseAddress!, b: bp.baseAddress!,
                                      c: cp.baseAddress!, accumulate: true)
            }}}
            let scale = want.map(abs).max()!
            let errF = zip(cf, want).map { abs(Double($0) - $1) }.max()! / scale
            let errD = zip(cd, want).map { abs($0 - $1) }.max()! / scale
            let errPanel = zip(cp, want).map { abs(Double($0) - $1) }.max()! / scale
            #expect(!panel || errPanel < 1e-5, "panel product, transA \(transA) transB \(transB) m \(m) n \(n) k \(k): relative error \(errPanel)")
            #expect(errF < 1e-5, "transA \(transA) transB \(transB) m \(m) n \(n) k \(k): Float relative error \(errF)")
            #expect(errD < 1e-12, "transA \(transA) transB \(transB) m \(m) n \(n) k \(k): Double relative error \(errD)")
        }
    }

    /// The backward of several products of one input (q, k, v) sums dx = Σ dy_i·W_iᵀ in one buffer:
    /// the same as the single products' dx summed, and each dW_i the single product's, whichever
    /// weight comes first (one with no columns included: it must not leave dx unwritten).
    @Test func backwardOfSharedInputSumsDx() {
        let (rows, K) = (70, 24)
        var g = SeededGenerator(seed: 9)
        func normal(_ shape: [Int]) -> Tensor<Float> {
            Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Float(g.nextNormal()) })
        }
        let x = normal([2, rows / 2, K])
        let widths = [0, 40, 24, 17]
        let ws = widths.map { normal([K, $0]) }, dys = widths.map { normal([2, rows / 2, $0]) }
        let singles = zip(ws, dys).map { LinearAlgebra.matmulBackward(x, $0, dy: $1) }
        let joint = LinearAlgebra.matmulBackward(x, ws, dys: dys)
        #expect(joint.dx.shape == x.shape)
        for i in 0..<x.count {
            let want = singles.reduce(0.0) { $0 + Double($1.dx.scalars[i]) }
            #expect(abs(Double(joint.dx.scalars[i]) - want) < 1e-4, "dx[\(i)]: \(joint.dx.scalars[i]) vs \(want)")
        }
        for (single, dw) in zip(singles, joint.dws) { #expect(single.dw.shape == dw.shape && single.dw.scalars == dw.scalars) }
    }
}
