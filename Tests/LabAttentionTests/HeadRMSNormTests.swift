// `HeadRMSNorm.forward` of several branches writes the sum of the branches' norms with the bits of
// separate norms and an add (RAttention's context), and its r make the backward equal to the
// formulas in Double; in Double the branch path agrees with the same formulas; the Float forward's
// blocks of 16 rows give the bits of the row-by-row arithmetic; the merged-heads layout is the
// merge of the heads' layout, forward and backward.
import Testing
import LabCore
@testable import LabAttention

@Suite struct HeadRMSNormTests {
    static func tensor(_ shape: [Int], seed: UInt64) -> Tensor<Float> {
        var rng = SeededGenerator(seed: seed)
        return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Float(rng.nextNormal()) })
    }

    @Test(arguments: [32, 24])
    func twoBranchesAreTwoNormsAndAnAdd(D: Int) {
        let shape = [2, 3, 5, D]
        let (a, b) = (Self.tensor(shape, seed: 1), Self.tensor(shape, seed: 2))
        let (ga, gb) = (Self.tensor([3, D], seed: 3), Self.tensor([3, D], seed: 4))
        let (y, r) = HeadRMSNorm.forward([(a, ga), (b, gb)])
        let separate = LinearAlgebra.add(HeadRMSNorm.forward(a, scale: ga), HeadRMSNorm.forward(b, scale: gb))
        #expect(y.scalars == separate.scalars)
        #expect(r.count == 2 && r.allSatisfy { $0.count == 2 * 3 * 5 })
    }

    /// With `mergedHeads` y is `mergeHeads` of the heads' layout and the backward reads dy in the
    /// merged layout: the same bits, Float and Double.
    @Test(arguments: [32, 24])
    func mergedHeadsIsTheMergeOfTheHeadsLayout(D: Int) {
        let shape = [2, 3, 21, D]
        let (a, b, dy) = (Self.tensor(shape, seed: 15), Self.tensor(shape, seed: 16), Self.tensor([2, 21, 3 * D], seed: 17))
        let (ga, gb) = (Self.tensor([3, D], seed: 18), Self.tensor([3, D], seed: 19))
        func check<S: TensorScalar>(_ a: Tensor<S>, _ b: Tensor<S>, _ ga: Tensor<S>, _ gb: Tensor<S>, _ dy: Tensor<S>) {
            let heads = HeadRMSNorm.forward([(a, ga), (b, gb)]), merged = HeadRMSNorm.forward([(a, ga), (b, gb)], mergedHeads: true)
            #expect(merged.y.shape == [2, 21, 3 * D] && merged.y.scalars == LinearAlgebra.mergeHeads(heads.y).scalars)
            let branches = [(a, ga, heads.r[0]), (b, gb, heads.r[1])]
            let fromMerged = HeadRMSNorm.backward(branches, dy: dy, mergedHeads: true)
            let fromHeads = HeadRMSNorm.backward(branches, dy: LinearAlgebra.splitHeads(dy, heads: 3))
            for i in 0..<2 {
                #expect(fromMerged[i].dx.shape == shape && fromMerged[i].dx.scalars == fromHeads[i].dx.scalars)
                #expect(fromMerged[i].dg.scalars == fromHeads[i].dg.scalars)
            }
        }
        check(a, b, ga, gb, dy)
        check(a.converted() as Tensor<Double>, b.converted(), ga.converted(), gb.converted(), dy.converted())
    }

    /// The Float forward takes r in blocks of 16 rows of a head (one vector square root and
    /// division) and the rest row by row: both give the bits of `RMSNormRows` row by row.
    @Test(arguments: [32, 24])
    func blocksOfSixteenRowsGiveTheRowByRowBits(D: Int) {
        let (BH, H, T) = (6, 3, 37), shape = [2, 3, 37, D]  // two blocks of 16 and a tail of 5 a head
        let (x, g) = (Self.tensor(shape, seed: 8), Self.tensor([H, D], seed: 9))
        let (y, r) = HeadRMSNorm.forward([(x, g)])
        var wantR = [Float](repeating: 0, count: BH * T), wantY = [Float](repeating: 0, count: x.count)
        x.scalars.withUnsafeBufferPointer { xp in g.scalars.withUnsafeBufferPointer { gp in wantY.withUnsafeMutableBufferPointer { yp in
            for row in 0..<(BH * T) {
                wantR[row] = RMSNormRows.inverseRMS(xp.baseAddress! + row * D, count: D, eps: Float(HeadRMSNorm.eps))
                RMSNormRows.scale(xp.baseAddress! + row * D, r: wantR[row], gain: gp.baseAddress! + (row / T % H) * D, count: D,
                                  into: yp.baseAddress! + row * D)
            }
        }}}
        #expect(r[0] == wantR)
        #expect(y.scalars == wantY)
    }

    /// Float (16-lane rows, r from the forward) and Double (scalar loops) against the formulas in Double.
    @Test(arguments: [32, 24])
    func backwardMatchesTheFormulas(D: Int) {
        let (B, H, T) = (2, 3, 5), shape = [2, 3, 5, D]
        let (x, g, dy) = (Self.tensor(shape, seed: 5), Self.tensor([H, D], seed: 6), Self.tensor(shape, seed: 7))
        var wantDx = [Double](repeating: 0, count: x.count), wantDg = [Double](repeating: 0, count: g.count)
        for bh in 0..<(B * H) {
            for t in 0..<T {
                let o = (bh * T + t) * D, h = bh % H
                let row = (0..<D).map { Double(x.scalars[o + $0]) }, gr = (0..<D).map { Double(g.scalars[h * D + $0]) }
                let dyr = (0..<D).map { Double(dy.scalars[o + $0]) }
                let r = 1 / (row.reduce(0) { $0 + $1 * $1 } / Double(D) + HeadRMSNorm.eps).squareRoot()
                let dot = (0..<D).reduce(0.0) { $0 + row[$1] * gr[$1] * dyr[$1] }
                for d in 0..<D {
                    wantDx[o + d] = r * gr[d] * dyr[d] - r * r * r / Double(D) * row[d] * dot
                    wantDg[h * D + d] += dyr[d] * row[d] * r
                }
            }
        }
        func close(_ got: [Double], _ want: [Double], _ tolerance: Double) -> Bool {
            let scale = max(want.map(abs).max()!, 1)
            return zip(got, want).allSatisfy { abs($0 - $1) <= tolerance * scale }
        }
        let rf = HeadRMSNorm.forward([(x, g)]).r[0]
        let float = HeadRMSNorm.backward([(x, g, rf)], dy: dy)[0]
        #expect(close(float.dx.scalars.map(Double.init), wantDx, 1e-5) && close(float.dg.scalars.map(Double.init), wantDg, 1e-5))
        let (xd, gd, dyd): (Tensor<Double>, Tensor<Double>, Tensor<Double>) = (x.converted(), g.converted(), dy.converted())
        let rd = HeadRMSNorm.forward([(xd, gd)]).r[0]
        let double = HeadRMSNorm.backward([(xd, gd, rd)], dy: dyd)[0]
        #expect(close(double.dx.scalars, wantDx, 1e-12) && close(double.dg.scalars, wantDg, 1e-12))
    }
}
