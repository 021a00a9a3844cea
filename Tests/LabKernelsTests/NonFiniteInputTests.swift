// A non-finite key or value must not reach rows that cannot see it, in any kernel of the registry:
// a masked probability is 0, but 0·NaN = NaN, so a kernel that multiplies masked entries (a tile
// product over a diagonal or window-edge tile, a triangular chunk product) spreads one NaN to
// whole tiles of rows. The reference only ever touches visible keys, so it is the yardstick.
import Testing
import LabCore
@testable import LabKernels

/// rows of `x` [B, H, T, D] at (b, h, t) for which `keep` holds: all finite and within `tol` of `ref`.
private func rowsAgree(_ x: Tensor<Float>, _ ref: Tensor<Float>, keep: (Int, Int, Int) -> Bool) -> (finite: Bool, maxError: Float) {
    let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    var finite = true, maxError: Float = 0
    for b in 0..<B { for h in 0..<H { for t in 0..<T where keep(b, h, t) {
        for d in 0..<D {
            let i = ((b * H + h) * T + t) * D + d
            if !x.scalars[i].isFinite { finite = false; continue }
            maxError = max(maxError, abs(x.scalars[i] - ref.scalars[i]) / (1 + abs(ref.scalars[i])))
        }
    }}}
    return (finite, maxError)
}

@Suite struct SoftmaxAttentionNonFiniteTests {
    /// (shape, planted key j): causal and windowed, GQA, a cache offset (S > T), a key inside a
    /// diagonal tile, at a window edge, and the last key (every earlier row of its tile is blind to it).
    static let cases: [(AttentionShape, Int)] = [
        (AttentionShape(H: 1, T: 64, D: 16), 63),
        (AttentionShape(H: 1, T: 64, D: 16), 40),
        (AttentionShape(H: 2, Hkv: 1, T: 150, D: 32, window: 7), 70),
        (AttentionShape(H: 2, T: 300, D: 16, window: 130), 140),
        (AttentionShape(H: 1, T: 600, D: 16, window: 520), 40),  // a band over 512 keys: tiles of 128, key 40 at a window edge
        (AttentionShape(B: 2, H: 2, T: 40, S: 170, D: 16), 150),
        (AttentionShape(H: 1, T: 96, S: 200, D: 16, window: 20), 160),
    ]

    @Test(arguments: 0..<cases.count, ["v", "k"])
    func nonFiniteKeyOrValueStaysInRowsThatSeeIt(caseIndex: Int, tensor: String) {
        let (shape, j) = Self.cases[caseIndex]
        var p = SoftmaxAttentionProblem(shape)
        let plant = (shape.Hkv - 1) * shape.S * shape.D + j * shape.D + 3  // b 0, last kv head, key j, d 3
        if tensor == "v" { p.v.scalars[plant] = .nan } else { p.k.scalars[plant] = .infinity }
        // the query heads reading the poisoned kv head of batch 0, and whether row t sees key j
        let poisoned = { (b: Int, h: Int) in b == 0 && h / shape.group == shape.Hkv - 1 }
        let blind = { (b: Int, h: Int, t: Int) in !poisoned(b, h) || !shape.keyRange(query: t).contains(j) }
        let ref = KernelRegistry.softmaxAttention.reference
        let refOut = ref.forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: 1)
        let refGrad = ref.backward(q: p.q, k: p.k, v: p.v, output: refOut, dout: p.dout, shape: shape, threads: 1)
        #expect((0..<shape.T).contains { !blind(0, shape.H - 1, $0) }, "the planted key must be visible to some row")
        for kernel in KernelRegistry.softmaxAttention.implementations where kernel.unsupported(shape) == nil {
            for threads in [1, 2] {
                let out = kernel.forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: threads)
                let g = kernel.backward(q: p.q, k: p.k, v: p.v, output: out, dout: p.dout, shape: shape, threads: threads)
                for (name, x, r) in [("o", out.o, refOut.o), ("dq", g.dq, refGrad.dq)] {
                    let (finite, err) = rowsAgree(x, r, keep: blind)
                    #expect(finite, "\(kernel.name) \(shape) \(tensor)[\(j)]: \(name) has a non-finite value in a row that cannot see key \(j)")
                    #expect(err < 1e-4, "\(kernel.name) \(shape) \(tensor)[\(j)]: \(name) rel err \(err) in rows that cannot see key \(j)")
                }
            }
        }
    }
}

@Suite struct LinearAttentionNonFiniteTests {
    /// (shape, chunk, planted token j). Query t reads token j iff j ≤ t − W − 1.
    static let cases: [(LinearAttentionShape, Int, Int)] = [
        (LinearAttentionShape(H: 1, T: 64, D: 16, window: -1), 64, 63),
        (LinearAttentionShape(H: 1, T: 64, D: 16, window: -1), 64, 20),
        (LinearAttentionShape(H: 2, Hkv: 1, T: 100, D: 16, window: 5), 16, 30),
        (LinearAttentionShape(B: 2, H: 2, T: 130, D: 32, window: 40), 64, 50),
        (LinearAttentionShape(H: 1, T: 90, D: 16, window: 3), 7, 44),
    ]

    @Test(arguments: 0..<cases.count, ["v", "k"])
    func nonFiniteKeyOrValueStaysInRowsThatSeeIt(caseIndex: Int, tensor: String) {
        let (shape, chunk, j) = Self.cases[caseIndex]
        var p = LinearAttentionProblem(shape)
        let plant = (shape.Hkv - 1) * shape.T * shape.D + j * shape.D + 3
        if tensor == "v" { p.v.scalars[plant] = .nan } else { p.k.scalars[plant] = .nan }
        let poisoned = { (b: Int, h: Int) in b == 0 && h / shape.group == shape.Hkv - 1 }
        let blind = { (b: Int, h: Int, t: Int) in !poisoned(b, h) || j > t - shape.window - 1 }
        let ref = KernelRegistry.residualLinearAttention.reference
        let refOut = ref.forward(q: p.q, k: p.k, v: p.v, s0: nil, shape: shape, threads: 1)
        let refGrad = ref.backward(q: p.q, k: p.k, v: p.v, s0: nil, dout: p.dout, shape: shape, threads: 1)
        #expect((0..<shape.T).contains { !blind(0, shape.H - 1, $0) }, "the planted token must be read by some row")
        for var kernel in KernelRegistry.residualLinearAttention.implementations where kernel.unsupported(shape) == nil {
            kernel.chunkSize = chunk
            for threads in [1, 2] {
                let out = kernel.forward(q: p.q, k: p.k, v: p.v, s0: nil, shape: shape, threads: threads)
                let g = kernel.backward(q: p.q, k: p.k, v: p.v, s0: nil, dout: p.dout, shape: shape, threads: threads)
                for (name, x, r) in [("o", out.o, refOut.o), ("dq", g.dq, refGrad.dq)] {
                    let (finite, err) = rowsAgree(x, r, keep: blind)
                    #expect(finite, "\(kernel.name) chunk \(chunk) \(shape) \(tensor)[\(j)]: \(name) has a non-finite value in a row that cannot read token \(j)")
                    #expect(err < 1e-4, "\(kernel.name) chunk \(chunk) \(shape) \(tensor)[\(j)]: \(name) rel err \(err) in rows that cannot read token \(j)")
                }
            }
        }
    }
}
