import Testing
@testable import LabCore

/// `RMSNormRows` (16-lane Float rows) against the formulas in Double, on rows shorter than one
/// vector, with a tail past whole vectors, and of two and three vectors (the two-accumulator loop).
@Suite struct RMSNormRowsTests {
    @Test(arguments: [5, 16, 21, 32, 48, 64, 77])
    func rowsMatchTheFormulasInDouble(n: Int) {
        var rng = SeededGenerator(seed: UInt64(n))
        func normal() -> [Float] { (0..<n).map { _ in Float(rng.nextNormal()) } }
        let (x, g, dy, residual) = (normal(), normal(), normal(), normal())
        let dg0 = normal()
        let eps = 1e-5
        // Double reference
        let ms = x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(n)
        let r = 1 / (ms + eps).squareRoot()
        let dot = (0..<n).reduce(0.0) { $0 + Double(x[$1]) * Double(g[$1]) * Double(dy[$1]) }
        let k = r * r * r / Double(n) * dot
        let wantY = (0..<n).map { Double(x[$0]) * r * Double(g[$0]) }
        let wantDx = (0..<n).map { r * Double(g[$0]) * Double(dy[$0]) - k * Double(x[$0]) }
        let wantDg = (0..<n).map { Double(dg0[$0]) + Double(dy[$0]) * Double(x[$0]) * r }

        let rf = x.withUnsafeBufferPointer { RMSNormRows.inverseRMS($0.baseAddress!, count: n, eps: Float(eps)) }
        #expect(abs(Double(rf) - r) <= 1e-6 * r, "n \(n): r \(rf) vs \(r)")
        var y = [Float](repeating: .nan, count: n), dx = y, dxPlus = y, dg = dg0, dgAgain = dg0
        x.withUnsafeBufferPointer { xp in g.withUnsafeBufferPointer { gp in dy.withUnsafeBufferPointer { gy in
        residual.withUnsafeBufferPointer { rp in
            RMSNormRows.scale(xp.baseAddress!, r: rf, gain: gp.baseAddress!, count: n, into: &y[0])
            RMSNormRows.backward(x: xp.baseAddress!, gain: gp.baseAddress!, dy: gy.baseAddress!, r: rf, count: n,
                                 residual: nil, dx: &dx[0], dg: &dg[0])
            RMSNormRows.backward(x: xp.baseAddress!, gain: gp.baseAddress!, dy: gy.baseAddress!, r: rf, count: n,
                                 residual: rp.baseAddress!, dx: &dxPlus[0], dg: &dgAgain[0])
        }}}}
        func close(_ a: [Float], _ b: [Double]) -> Bool {
            let scale = max(b.map(abs).max()!, 1)
            return zip(a, b).allSatisfy { abs(Double($0) - $1) <= 1e-5 * scale }
        }
        #expect(close(y, wantY), "n \(n): y")
        #expect(close(dx, wantDx), "n \(n): dx")
        #expect(close(dxPlus, zip(wantDx, residual).map { $0 + Double($1) }), "n \(n): dx + residual")
        #expect(close(dg, wantDg) && dg == dgAgain, "n \(n): dg accumulates dy ⊙ x·r")
    }
}
