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
}
