import Testing
import LabCore
import LabTestSupport
@testable import LabKernels

@Suite struct SoftmaxAttentionRegistryTests {
    @Test func referenceIsLastAndSupportsEverything() {
        let ref = KernelRegistry.softmaxAttention.reference
        #expect(ref.name == "naive")
        #expect(ref.unsupported(AttentionShape(H: 1, T: 3, D: 7)) == nil)
    }

    @Test func dispatchTakesTheFastKernelAtEveryHeadDim() {
        for D in [1, 3] + KernelCheckGrid.headDims {
            let (kernel, skipped) = KernelRegistry.softmaxAttention.dispatch(AttentionShape(H: 1, T: 3, D: D))
            #expect(kernel.name == "tiled-online-softmax" && skipped.isEmpty, "D=\(D)")
        }
    }

    /// The comparison must be able to fail: a perturbed output is a mismatch.
    @Test func checkDetectsAWrongOutput() {
        let p = SoftmaxAttentionProblem(AttentionShape(H: 1, T: 8, D: 16))
        let ref = NaiveSoftmaxAttentionKernel().forward(q: p.q, k: p.k, v: p.v, shape: p.shape, threads: 1)
        var wrong = ref.o
        wrong.scalars[5] += 1e-2
        let row = CheckRow(op: "x", kernel: "y", testCase: "z", quantity: "o", value: wrong, reference: ref.o, tolerance: .float32)
        #expect(!row.passed)
    }
}

@Suite struct SoftmaxAttentionEquivalenceTests {
    /// W ≥ T − 1 sees every causal key, so it equals plain causal attention, for every kernel,
    /// up to W = 2⁶³ − 1 (clamped to min(W, S) once, so no kernel computes an overflowing W + 1).
    @Test(arguments: [(1, 0), (9, 8), (40, 39), (40, 100), (40, Int.max - 1), (40, Int.max)])
    func wideWindowEqualsCausal(T: Int, W: Int) {
        for kernel in KernelRegistry.softmaxAttention.implementations {
            let causal = AttentionShape(H: 2, T: T, D: 16)
            var windowed = causal
            windowed.window = W
            let p = SoftmaxAttentionProblem(causal)
            let a = kernel.forward(q: p.q, k: p.k, v: p.v, shape: causal, threads: 1)
            let b = kernel.forward(q: p.q, k: p.k, v: p.v, shape: windowed, threads: 1)
            #expect(a.o == b.o, "\(kernel.name) T=\(T) W=\(W)")
            let ga = kernel.backward(q: p.q, k: p.k, v: p.v, output: a, dout: p.dout, shape: causal, threads: 1)
            let gb = kernel.backward(q: p.q, k: p.k, v: p.v, output: b, dout: p.dout, shape: windowed, threads: 1)
            #expect(ga.dk == gb.dk && ga.dq == gb.dq && ga.dv == gb.dv, "\(kernel.name) T=\(T) W=\(W)")
        }
    }

    /// GQA with Hkv < H equals plain multi-head attention with each kv head repeated G times;
    /// dk, dv of GQA equal the per-group sums of the repeated heads' gradients.
    @Test(arguments: [nil, 3] as [Int?])
    func groupedQueryEqualsRepeatedHeads(window: Int?) {
        let gqa = AttentionShape(B: 2, H: 4, Hkv: 2, T: 19, D: 16, window: window)
        let mha = AttentionShape(B: 2, H: 4, Hkv: 4, T: 19, D: 16, window: window)
        let p = SoftmaxAttentionProblem(gqa)
        func repeatHeads(_ t: Tensor<Float>) -> Tensor<Float> {
            var out = Tensor<Float>(zeros: [2, 4, 19, 16])
            for b in 0..<2 { for h in 0..<4 { for i in 0..<(19 * 16) {
                out.scalars[(b * 4 + h) * 19 * 16 + i] = t.scalars[(b * 2 + h / 2) * 19 * 16 + i]
            } } }
            return out
        }
        let k4 = repeatHeads(p.k), v4 = repeatHeads(p.v)
        for kernel in KernelRegistry.softmaxAttention.implementations {
            let a = kernel.forward(q: p.q, k: p.k, v: p.v, shape: gqa, threads: 2)
            let b = kernel.forward(q: p.q, k: k4, v: v4, shape: mha, threads: 2)
            #expect(a.o.maxAbsDifference(b.o) < 1e-6, "\(kernel.name)")
            let ga = kernel.backward(q: p.q, k: p.k, v: p.v, output: a, dout: p.dout, shape: gqa, threads: 2)
            let gb = kernel.backward(q: p.q, k: k4, v: v4, output: b, dout: p.dout, shape: mha, threads: 2)
            var summed = Tensor<Float>(zeros: p.k.shape)
            for b in 0..<2 { for h in 0..<4 { for i in 0..<(19 * 16) {
                summed.scalars[(b * 2 + h / 2) * 19 * 16 + i] += gb.dk.scalars[(b * 4 + h) * 19 * 16 + i]
            } } }
            #expect(ga.dk.maxAbsDifference(summed) < 1e-5, "\(kernel.name)")
            #expect(ga.dq.maxAbsDifference(gb.dq) < 1e-5, "\(kernel.name)")
        }
    }

    /// A query after a cache (S > T) equals the last rows of the full self-attention.
    @Test func queriesAfterACacheEqualTheLastRows() {
        let full = AttentionShape(H: 1, T: 30, D: 16, window: 6)
        let p = SoftmaxAttentionProblem(full)
        let tail = AttentionShape(H: 1, T: 4, S: 30, D: 16, window: 6)
        let qTail = Tensor<Float>(shape: [1, 1, 4, 16], scalars: Array(p.q.scalars.suffix(4 * 16)))
        for kernel in KernelRegistry.softmaxAttention.implementations {
            let a = kernel.forward(q: p.q, k: p.k, v: p.v, shape: full, threads: 1)
            let b = kernel.forward(q: qTail, k: p.k, v: p.v, shape: tail, threads: 1)
            #expect(Tensor(shape: [1, 1, 4, 16], scalars: Array(a.o.scalars.suffix(4 * 16))).maxAbsDifference(b.o) < 1e-6)
        }
    }
}

/// The tiled forward takes P = 2^(S − m) against a row's first-tile max m (its diagonal block) and
/// rescales only when a later tile's max is more than 8 above it (base 2). One key scoring 200 nats
/// above the rest (key 550 of 600, in a tile visited after the diagonal block of every row past it;
/// the window of 520 makes a band wider than one forward key tile, `forwardKeyTile`) forces that
/// path: without the rescale P would overflow (2^288), and an acc or l left unscaled would keep the
/// earlier keys' weight (checked: leaving acc unscaled fails this test).
@Suite struct OnlineSoftmaxRescaleTests {
    @Test(arguments: [nil, 520] as [Int?])
    func aLateDominantKeyMatchesTheReference(window: Int?) {
        let (T, key) = (600, 550)
        let shape = AttentionShape(H: 1, T: T, D: 16, window: window)
        #expect(TiledOnlineSoftmaxAttention().forwardKeyTile(window: window, queryTile: 16) == 128)
        var p = SoftmaxAttentionProblem(shape)
        p.q = Tensor(shape: p.q.shape, scalars: [Float](repeating: 1, count: p.q.count))
        for d in 0..<16 { p.k.scalars[key * 16 + d] = 50 }  // score 50·16/√16 = 200 nats for every query
        let ref = NaiveSoftmaxAttentionKernel().forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: 1)
        let got = TiledOnlineSoftmaxAttention().forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: 1)
        for (quantity, value, reference) in [("o", got.o, ref.o), ("lse", got.lse, ref.lse)] {
            let row = CheckRow(op: "softmax-attention", kernel: "tiled-online-softmax", testCase: "\(shape)",
                               quantity: quantity, value: value, reference: reference, tolerance: .float32)
            #expect(row.passed, "\(quantity): max abs err \(row.maxAbsError)")
        }
        // rows past the key are (to rounding) its value row
        let last = Array(got.o.scalars[((T - 1) * 16)..<(T * 16)]), vKey = Array(p.v.scalars[(key * 16)..<((key + 1) * 16)])
        #expect(zip(last, vKey).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    /// The forward's key tile: a band (Bq + W keys, padded to 16) wider than `keyTile` and at most
    /// 512 wide is one tile; a narrower or wider one keeps `keyTile`; no window keeps it too.
    @Test func forwardKeyTileTakesTheBand() {
        let kernel = TiledOnlineSoftmaxAttention()
        #expect(kernel.forwardKeyTile(window: nil, queryTile: 32) == 128)
        #expect(kernel.forwardKeyTile(window: 8, queryTile: 16) == 128)
        #expect(kernel.forwardKeyTile(window: 256, queryTile: 16) == 272)
        #expect(kernel.forwardKeyTile(window: 150, queryTile: 16) == 176)
        #expect(kernel.forwardKeyTile(window: 496, queryTile: 16) == 512)
        #expect(kernel.forwardKeyTile(window: 497, queryTile: 16) == 128)
    }
}

@Suite struct SoftmaxAttentionGradientTests {
    /// The reference's analytic gradients against central finite differences, in Double.
    @Test(arguments: [
        AttentionShape(H: 1, T: 5, D: 3),
        AttentionShape(H: 2, Hkv: 1, T: 6, D: 4, window: 2),
        AttentionShape(B: 2, H: 2, T: 3, S: 7, D: 2, window: 0),
    ])
    func referenceGradientsMatchFiniteDifferences(shape: AttentionShape) {
        var rng = SeededGenerator(seed: 5)
        let q = Tensor<Double>(randomNormal: [shape.B, shape.H, shape.T, shape.D], rng: &rng)
        let k = Tensor<Double>(randomNormal: [shape.B, shape.Hkv, shape.S, shape.D], rng: &rng)
        let v = Tensor<Double>(randomNormal: [shape.B, shape.Hkv, shape.S, shape.D], rng: &rng)
        let dout = Tensor<Double>(randomNormal: q.shape, rng: &rng)
        let out = NaiveSoftmaxAttention.forward(q: q, k: k, v: v, shape: shape)
        let g = NaiveSoftmaxAttention.backward(q: q, k: k, v: v, output: out, dout: dout, shape: shape)
        func loss(_ q: Tensor<Double>, _ k: Tensor<Double>, _ v: Tensor<Double>) -> Double {
            GradientCheck.dot(NaiveSoftmaxAttention.forward(q: q, k: k, v: v, shape: shape).o, dout)
        }
        #expect(GradientCheck.maxError(of: g.dq, at: q) { loss($0, k, v) } < 1e-7)
        #expect(GradientCheck.maxError(of: g.dk, at: k) { loss(q, $0, v) } < 1e-7)
        #expect(GradientCheck.maxError(of: g.dv, at: v) { loss(q, k, $0) } < 1e-7)
    }
}

@Suite struct AttentionShapeTests {
    @Test func visiblePairsFollowTheWindowFormula() {
        // Σ_t (min(t, W) + 1) = (W+1)·T − W(W+1)/2 for T > W
        #expect(AttentionShape(H: 1, T: 100, D: 8, window: 10).visiblePairs == 11 * 100 - 10 * 11 / 2)
        #expect(AttentionShape(H: 1, T: 100, D: 8).visiblePairs == 100 * 101 / 2)
        #expect(AttentionShape(H: 1, T: 4096, D: 64).forwardFLOPs == 4 * Double(4096 * 4097 / 2) * 64)
    }

    @Test func badShapesNameTheArgument() {
        func argument(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let e as KernelInputError { return e.argument } catch { return "?" }
        }
        #expect(argument { _ = try AttentionShape.infer(q: [1, 2, 4, 8], k: [1, 2, 4, 16], v: [1, 2, 4, 16], window: nil) } == "k")
        #expect(argument { _ = try AttentionShape.infer(q: [1, 2, 4, 8], k: [1, 2, 4, 8], v: [1, 2, 5, 8], window: nil) } == "v")
        #expect(argument { _ = try AttentionShape.infer(q: [1, 3, 4, 8], k: [1, 2, 4, 8], v: [1, 2, 4, 8], window: nil) } == "k")
        #expect(argument { _ = try AttentionShape.infer(q: [1, 2, 4, 8], k: [1, 2, 4, 8], v: [1, 2, 4, 8], window: -1) } == "window")
        #expect(argument { _ = try AttentionShape.infer(q: [2, 4, 8], k: [1, 2, 4, 8], v: [1, 2, 4, 8], window: nil) } == "q")
        #expect(argument { _ = try AttentionShape.infer(q: [1, 2, 4, 8], k: [1, 2, 4, 8], v: [1, 2, 4, 8], window: 0) } == nil)
    }
}
