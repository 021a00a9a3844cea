// Tests for `residual-linear-attention`: every registered implementation against the reference,
// the reference against an independent O(T²) masked oracle (docs/rattention.md) and against
// finite differences, the zero-padding pitfall, decode = forward, and bad input.
import Foundation
import Testing
import LabCore
import LabTestSupport
@testable import LabKernels

/// The masked-sum testing oracle (docs/rattention.md) in Double, independent of the token loop:
/// O = φ(Q) S_0 + (A ∘ M) V with A = φ(Q) φ(K)ᵀ and M[t, j] = 1 iff j ≤ t − W − 1.
func maskedOracle(_ p: LinearAttentionProblem) -> Tensor<Double> {
    let s = p.shape, (D, Dp) = (s.D, s.featureDim)
    let q = p.q.converted(to: Double.self), k = p.k.converted(to: Double.self), v = p.v.converted(to: Double.self)
    var o = Tensor<Double>(zeros: [s.B, s.H, s.T, D])
    func phi(_ x: Tensor<Double>, _ base: Int) -> [Double] {
        var y = [Double](repeating: 0, count: Dp)
        x.scalars.withUnsafeBufferPointer { xb in y.withUnsafeMutableBufferPointer { s.featureMap.apply(xb.baseAddress! + base, count: D, into: $0.baseAddress!) } }
        return y
    }
    for b in 0..<s.B {
        for h in 0..<s.H {
            let kv = (b * s.Hkv + h / s.group) * s.T * D
            for t in 0..<s.T {
                let fq = phi(q, ((b * s.H + h) * s.T + t) * D)
                for d in 0..<D {
                    var acc = 0.0
                    for i in 0..<Dp { acc += fq[i] * Double(p.s0?.scalars[((b * s.H + h) * Dp + i) * D + d] ?? 0) }
                    o.scalars[((b * s.H + h) * s.T + t) * D + d] = acc
                }
                for j in stride(from: 0, through: t - s.window - 1, by: 1) {
                    let a = zip(fq, phi(k, kv + j * D)).reduce(0) { $0 + $1.0 * $1.1 }
                    for d in 0..<D { o.scalars[((b * s.H + h) * s.T + t) * D + d] += a * v.scalars[kv + j * D + d] }
                }
            }
        }
    }
    return o
}

@Suite struct ResidualLinearAttentionRegistryTests {
    @Test func referenceIsLastAndSupportsEverything() {
        let ref = KernelRegistry.residualLinearAttention.reference
        #expect(ref.name == "recurrent")
        #expect(ref.unsupported(LinearAttentionShape(H: 1, T: 3, D: 7, window: -1)) == nil)
        #expect(KernelRegistry.ops.contains { $0.op == "residual-linear-attention" && $0.kernels.last == "recurrent" })
        #expect(throws: KernelInputError.self) { try KernelRegistry.residualLinearAttention.kernel(named: "nope") }
    }

    /// The reference (Double) and every kernel (Float) against the masked formula, over
    /// windows that cover none, some and all of the sequence, with and without S_0.
    @Test(arguments: [-1, 0, 3, 10, 11, 12, 30], [false, true])
    func matchesMaskedOracle(window: Int, withInitialState: Bool) {
        for featureMap in FeatureMap.allCases {
            let shape = LinearAttentionShape(B: 1, H: 2, Hkv: 1, T: 12, D: 16, window: window, featureMap: featureMap)
            let p = LinearAttentionProblem(shape, withInitialState: withInitialState, seed: 3)
            let oracle = maskedOracle(p)
            let ref = RecurrentLinearAttention.forward(q: p.q.converted(to: Double.self), k: p.k.converted(to: Double.self),
                                                       v: p.v.converted(to: Double.self), s0: p.s0?.converted(to: Double.self), shape: shape)
            #expect(ref.o.maxAbsDifference(oracle) <= 1e-12 * max(1, oracle.maxAbs), "\(shape)")
            for var kernel in KernelRegistry.residualLinearAttention.implementations {
                kernel.chunkSize = 5
                let o = kernel.forward(q: p.q, k: p.k, v: p.v, s0: p.s0, shape: shape, threads: 1).o
                #expect(o.converted(to: Double.self).maxAbsDifference(oracle) <= 1e-5 + 2e-4 * oracle.maxAbs, "\(kernel.name) \(shape)")
            }
        }
    }
}

@Suite struct ResidualLinearAttentionPaddingTests {
    /// T ≤ W + 1 with S_0 = 0: every query's window covers the whole past, so o and S_T are exactly 0.
    /// Windows up to 2⁶³ − 1 (where an unclamped W + 1 overflows: the chunked kernel used to return
    /// plain causal linear attention there) and their gradients are 0 too.
    @Test(arguments: [(5, 4), (5, 9), (40, 39), (1, 0), (40, Int.max - 1), (40, Int.max)])
    func outputIsExactlyZeroWhenEveryTokenIsInTheWindow(T: Int, window: Int) {
        for var kernel in KernelRegistry.residualLinearAttention.implementations {
            for featureMap in FeatureMap.allCases {
                kernel.chunkSize = 16
                let shape = LinearAttentionShape(B: 1, H: 2, T: T, D: 16, window: window, featureMap: featureMap)
                let p = LinearAttentionProblem(shape)
                let out = kernel.forward(q: p.q, k: p.k, v: p.v, s0: nil, shape: shape, threads: 1)
                #expect(out.o.scalars.allSatisfy { $0 == 0 }, "\(kernel.name) \(shape)")
                #expect(out.sT.scalars.allSatisfy { $0 == 0 }, "\(kernel.name) \(shape)")
                let g = kernel.backward(q: p.q, k: p.k, v: p.v, s0: nil, dout: p.dout, shape: shape, threads: 1)
                #expect([g.dq, g.dk, g.dv].allSatisfy { $0.scalars.allSatisfy { $0 == 0 } }, "\(kernel.name) \(shape) gradients")
            }
        }
    }

    /// The pitfall of docs/rattention.md: the shifted v must be padded with 0 because φ(0) ≠ 0.
    /// A chunk that mixes padding rows (t < W+1) with real ones must then match the reference;
    /// the same kernel padding v with 1 must not (so this test would catch the mistake).
    @Test func paddedValueRowsMustBeZero() {
        let shape = LinearAttentionShape(B: 1, H: 1, T: 24, D: 16, window: 4, featureMap: .softmax2)  // rows 0...4 are padding
        let p = LinearAttentionProblem(shape)
        let ref = KernelRegistry.residualLinearAttention.reference.forward(q: p.q, k: p.k, v: p.v, s0: nil, shape: shape, threads: 1)
        let right = ChunkedLinearAttention(chunkSize: 8, vPadding: 0).forward(q: p.q, k: p.k, v: p.v, s0: nil, shape: shape, threads: 1)
        let wrong = ChunkedLinearAttention(chunkSize: 8, vPadding: 1).forward(q: p.q, k: p.k, v: p.v, s0: nil, shape: shape, threads: 1)
        #expect(right.o.maxAbsDifference(ref.o) <= 1e-5)
        #expect(right.sT.maxAbsDifference(ref.sT) <= 1e-5)
        #expect(wrong.o.maxAbsDifference(ref.o) > 0.1)
        // the rows t ≤ W read nothing: exactly 0 in the right kernel
        #expect(right.o.scalars[0..<(5 * 16)].allSatisfy { $0 == 0 })
    }
}

/// dq, dk, dv and dS_0 of two backward passes, bit for bit.
func expectSameBits(_ a: LinearAttentionGradients<Float>, _ b: LinearAttentionGradients<Float>,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.dq.scalars == b.dq.scalars, sourceLocation: sourceLocation)
    #expect(a.dk.scalars == b.dk.scalars, sourceLocation: sourceLocation)
    #expect(a.dv.scalars == b.dv.scalars, sourceLocation: sourceLocation)
    #expect(a.ds0.scalars == b.ds0.scalars, sourceLocation: sourceLocation)
}

/// The chunked backward keeps φ(Q), φ(K') and each chunk's dA from its first pass when they fit
/// (`featureCacheBytes`) and recomputes them otherwise: the three paths (everything kept, dA alone
/// kept, nothing kept) give the same bits, with GQA (the group's later
/// heads reuse φ(K')), padding rows, a short last chunk, an initial state, and 16-row feature
/// blocks plus leftover rows (D 16 and 32) and a D that is not a multiple of 16.
@Suite struct ChunkedFeatureCacheTests {
    @Test(arguments: [16, 32, 24])
    func cachedAndRecomputedFeaturesAgreeBitwise(D: Int) {
        let shape = LinearAttentionShape(B: 2, H: 4, Hkv: 2, T: 83, D: D, window: 5, featureMap: .softmax2)
        let p = LinearAttentionProblem(shape, withInitialState: true)
        func grads(_ bytes: Int) -> LinearAttentionGradients<Float> {
            ChunkedLinearAttention(chunkSize: 32, vPadding: 0, featureCacheBytes: bytes)
                .backward(q: p.q, k: p.k, v: p.v, s0: p.s0, dout: p.dout, shape: shape, threads: 2)
        }
        // dA takes T·Cp floats (83 · 32 · 4 bytes), below the features' 2·T·2D at every D here
        let cached = grads(8 << 20), daOnly = grads(83 * 32 * 4), recomputed = grads(0)
        for other in [daOnly, recomputed] { expectSameBits(cached, other) }
        let ref = KernelRegistry.residualLinearAttention.reference.backward(q: p.q, k: p.k, v: p.v, s0: p.s0, dout: p.dout, shape: shape, threads: 1)
        #expect(recomputed.dk.maxAbsDifference(ref.dk) <= 1e-3 && recomputed.dq.maxAbsDifference(ref.dq) <= 1e-3)
    }
}

/// The chunked forward keeps every chunk's causal scores A and its final state S_T for the
/// backward when asked (`keepForBackward`); its backward then reads A instead of computing it and
/// makes one reverse pass, each chunk's state S_c from S_T by subtracting the later chunks'
/// updates, instead of rebuilding the states in a forward pass first. The outputs are the same
/// bits; the gradients agree with the two-pass backward's (no residuals) to rounding and with the
/// reference, with GQA, padding rows, a short last chunk, an initial state, a D that is not a
/// multiple of 16 and eleven chunks of subtractions, φ(K') kept for a GQA group's second head or
/// recomputed. Residuals written at another chunk size or
/// for another shape are ignored (the same bits as none), not read in the wrong layout; and with a
/// non-finite key, whose NaN would reach every S_c through the subtractions, the backward takes
/// the two passes (the same bits as without residuals).
@Suite struct ChunkedResidualsTests {
    @Test(arguments: [16, 24])
    func keptResidualsMatchTheTwoPassBackward(D: Int) {
        let shape = LinearAttentionShape(B: 2, H: 4, Hkv: 2, T: 83, D: D, window: 5, featureMap: .softmax2)
        let p = LinearAttentionProblem(shape, withInitialState: true)
        let kernel = ChunkedLinearAttention(chunkSize: 8)
        let plain = kernel.forward(q: p.q, k: p.k, v: p.v, s0: p.s0, shape: shape, threads: 2)
        let kept = kernel.forward(q: p.q, k: p.k, v: p.v, s0: p.s0, shape: shape, threads: 2, keepForBackward: true)
        #expect(plain.residuals == nil)
        #expect(kept.o.scalars == plain.o.scalars && kept.sT.scalars == plain.sT.scalars)
        #expect(kept.residuals?.bytes == (2 * 4 * 83 * 16 + 2 * 4 * 2 * D * D) * 4)  // B·H·T·Cp scores, B·H·D'·D state
        func grads(_ residuals: LinearAttentionResiduals?, kernel: ChunkedLinearAttention = kernel) -> LinearAttentionGradients<Float> {
            kernel.backward(q: p.q, k: p.k, v: p.v, s0: p.s0, dout: p.dout, residuals: residuals, shape: shape, threads: 2)
        }
        let onePass = grads(kept.residuals), twoPass = grads(nil)
        for (a, b) in [(onePass.dq, twoPass.dq), (onePass.dk, twoPass.dk), (onePass.dv, twoPass.dv), (onePass.ds0, twoPass.ds0)] {
            let scale = Double(b.scalars.map(abs).max() ?? 0)
            #expect(a.maxAbsDifference(b) <= 1e-5 * max(1, scale))
        }
        #expect(onePass.dq.scalars != twoPass.dq.scalars)  // the one-pass path ran (its states round differently)
        // the group's second head reads φ(K') kept by its first, or recomputes it: the same bits
        expectSameBits(grads(kept.residuals, kernel: ChunkedLinearAttention(chunkSize: 8, vPadding: 0, featureCacheBytes: 0)), onePass)
        let ref = KernelRegistry.residualLinearAttention.reference.backward(q: p.q, k: p.k, v: p.v, s0: p.s0, dout: p.dout, shape: shape, threads: 1)
        #expect(onePass.dq.maxAbsDifference(ref.dq) <= 1e-3 && onePass.dk.maxAbsDifference(ref.dk) <= 1e-3)
        // another chunk size's and another shape's residuals: ignored
        let otherChunk = ChunkedLinearAttention(chunkSize: 16)
            .forward(q: p.q, k: p.k, v: p.v, s0: p.s0, shape: shape, threads: 2, keepForBackward: true).residuals
        expectSameBits(grads(otherChunk), twoPass)
        var narrower = shape
        narrower.window = 9
        let otherShape = kernel.forward(q: p.q, k: p.k, v: p.v, s0: p.s0, shape: narrower, threads: 2, keepForBackward: true).residuals
        expectSameBits(grads(otherShape), twoPass)
    }

    /// What does not depend on the states is computed alike on both paths: dk, dv and dS_0 bit for
    /// bit, and dq of the chunks no real row precedes (no S_0; C 8 divides W + 1 = 8, so the chunks
    /// at rows 0 and 8 read S = 0 exactly, the first one all padding), with GQA.
    @Test func stateFreeGradientsMatchBitwise() {
        let shape = LinearAttentionShape(B: 1, H: 4, Hkv: 2, T: 83, D: 16, window: 7, featureMap: .softmax2)
        let p = LinearAttentionProblem(shape)
        let kernel = ChunkedLinearAttention(chunkSize: 8)
        let kept = kernel.forward(q: p.q, k: p.k, v: p.v, s0: nil, shape: shape, threads: 2, keepForBackward: true)
        let onePass = kernel.backward(q: p.q, k: p.k, v: p.v, s0: nil, dout: p.dout, residuals: kept.residuals, shape: shape, threads: 2)
        let twoPass = kernel.backward(q: p.q, k: p.k, v: p.v, s0: nil, dout: p.dout, shape: shape, threads: 2)
        #expect(onePass.dk.scalars == twoPass.dk.scalars && onePass.dv.scalars == twoPass.dv.scalars)
        #expect(onePass.ds0.scalars == twoPass.ds0.scalars)
        for h in 0..<4 {  // rows 0..<16 of each head: the two chunks that read S = 0
            let rows = (h * 83 * 16)..<(h * 83 * 16 + 16 * 16)
            #expect(Array(onePass.dq.scalars[rows]) == Array(twoPass.dq.scalars[rows]), "head \(h)")
        }
        #expect(onePass.dq.scalars != twoPass.dq.scalars)  // the later chunks' states come by subtraction
        #expect(onePass.dq.maxAbsDifference(twoPass.dq) <= 1e-5 * max(1, Double(twoPass.dq.scalars.map(abs).max() ?? 0)))
    }

    @Test func nonFiniteKeyTakesTheTwoPasses() {
        let shape = LinearAttentionShape(B: 1, H: 2, Hkv: 1, T: 50, D: 16, window: 3, featureMap: .softmax2)
        var p = LinearAttentionProblem(shape)
        p.k.scalars[30 * 16 + 2] = .nan  // token 30: S_T is NaN, S_c of the chunks before it is not
        let kernel = ChunkedLinearAttention(chunkSize: 8)
        let kept = kernel.forward(q: p.q, k: p.k, v: p.v, s0: nil, shape: shape, threads: 1, keepForBackward: true)
        let withResiduals = kernel.backward(q: p.q, k: p.k, v: p.v, s0: nil, dout: p.dout, residuals: kept.residuals, shape: shape, threads: 1)
        let without = kernel.backward(q: p.q, k: p.k, v: p.v, s0: nil, dout: p.dout, shape: shape, threads: 1)
        #expect(withResiduals.dq.scalars.map(\.bitPattern) == without.dq.scalars.map(\.bitPattern))
        #expect(withResiduals.dk.scalars.map(\.bitPattern) == without.dk.scalars.map(\.bitPattern))
    }
}

/// The fused recurrent backward keeps φ(Q) and φ(K') from pass 1 for pass 2 when they fit
/// (`featureCacheBytes`) and recomputes them tile by tile otherwise: the same bits, with GQA,
/// padding rows, a short last tile, an initial state, and D a multiple of 16, of 8 (D' padded
/// only in the transposed state) and neither (both padded).
@Suite struct FusedRecurrentFeatureCacheTests {
    @Test(arguments: [16, 24, 5])
    func cachedAndRecomputedFeaturesAgreeBitwise(D: Int) {
        let shape = LinearAttentionShape(B: 2, H: 4, Hkv: 2, T: 83, D: D, window: 5, featureMap: .softmax2)
        let p = LinearAttentionProblem(shape, withInitialState: true)
        func grads(_ bytes: Int) -> LinearAttentionGradients<Float> {
            FusedRecurrentLinearAttention(featureCacheBytes: bytes)
                .backward(q: p.q, k: p.k, v: p.v, s0: p.s0, dout: p.dout, shape: shape, threads: 2)
        }
        let cached = grads(8 << 20), recomputed = grads(0)
        expectSameBits(cached, recomputed)
        let ref = KernelRegistry.residualLinearAttention.reference.backward(q: p.q, k: p.k, v: p.v, s0: p.s0, dout: p.dout, shape: shape, threads: 1)
        #expect(recomputed.dk.maxAbsDifference(ref.dk) <= 1e-3 && recomputed.dq.maxAbsDifference(ref.dq) <= 1e-3)
    }
}

/// The dispatch takes the first kernel that handles a shape and prefers it: the fused recurrent
/// form up to D 32, the chunked form above; a kernel named by the user runs whatever it prefers.
@Suite struct ResidualLinearAttentionDispatchTests {
    @Test(arguments: [(8, "fused-recurrent"), (32, "fused-recurrent"), (40, "chunked"), (64, "chunked"), (128, "chunked")])
    func dispatchFollowsThePreferences(D: Int, expected: String) {
        let op = KernelRegistry.residualLinearAttention
        let testCase = LinearAttentionCase(LinearAttentionShape(B: 1, H: 2, T: 64, D: D, window: 4), chunkSize: 16)
        let (kernel, skipped) = op.dispatch(testCase)
        #expect(kernel.name == expected)
        #expect(skipped.isEmpty)
        #expect(kernel.chunkSize == (expected == "chunked" ? 16 : kernel.chunkSize))
    }
}

@Suite struct ResidualLinearAttentionGradientTests {
    /// The reference's analytic gradients, dS_0 included, against central differences in Double,
    /// through both feature maps, with GQA (dk, dv summed over the group).
    @Test(arguments: FeatureMap.allCases, [-1, 0, 2])
    func referenceGradientsMatchFiniteDifferences(featureMap: FeatureMap, window: Int) {
        let shape = LinearAttentionShape(B: 1, H: 2, Hkv: 1, T: 6, D: 3, window: window, featureMap: featureMap)
        let p = LinearAttentionProblem(shape, withInitialState: true, seed: 7)
        let (q, k, v) = (p.q.converted(to: Double.self), p.k.converted(to: Double.self), p.v.converted(to: Double.self))
        let (s0, dout) = (p.s0!.converted(to: Double.self), p.dout.converted(to: Double.self))
        let g = RecurrentLinearAttention.backward(q: q, k: k, v: v, s0: s0, dout: dout, shape: shape)
        func loss(_ q: Tensor<Double>, _ k: Tensor<Double>, _ v: Tensor<Double>, _ s0: Tensor<Double>) -> Double {
            GradientCheck.dot(RecurrentLinearAttention.forward(q: q, k: k, v: v, s0: s0, shape: shape).o, dout)
        }
        #expect(GradientCheck.maxError(of: g.dq, at: q) { loss($0, k, v, s0) } < 1e-7, "dq")
        #expect(GradientCheck.maxError(of: g.dk, at: k) { loss(q, $0, v, s0) } < 1e-7, "dk")
        #expect(GradientCheck.maxError(of: g.dv, at: v) { loss(q, k, $0, s0) } < 1e-7, "dv")
        #expect(GradientCheck.maxError(of: g.ds0, at: s0) { loss(q, k, v, $0) } < 1e-7, "ds0")
        #expect(g.dk.maxAbs > 0 && g.ds0.maxAbs > 0)
    }

    /// The feature maps' backward against finite differences on their own, in Double.
    @Test(arguments: FeatureMap.allCases)
    func featureMapBackwardMatchesFiniteDifferences(featureMap: FeatureMap) {
        var rng = SeededGenerator(seed: 11)
        let D = 5
        let x = Tensor<Double>(randomNormal: [D], rng: &rng), dy = Tensor<Double>(randomNormal: [2 * D], rng: &rng)
        func phi(_ x: Tensor<Double>) -> Tensor<Double> {
            var y = Tensor<Double>(zeros: [2 * D])
            x.scalars.withUnsafeBufferPointer { xb in y.scalars.withUnsafeMutableBufferPointer { featureMap.apply(xb.baseAddress!, count: D, into: $0.baseAddress!) } }
            return y
        }
        var dx = Tensor<Double>(zeros: [D])
        let y = phi(x)
        y.scalars.withUnsafeBufferPointer { yb in dy.scalars.withUnsafeBufferPointer { gb in dx.scalars.withUnsafeMutableBufferPointer {
            featureMap.backward(y: yb.baseAddress!, dy: gb.baseAddress!, count: D, into: $0.baseAddress!)
        } } }
        #expect(GradientCheck.maxError(of: dx, at: x) { GradientCheck.dot(phi($0), dy) } < 1e-8)
        if featureMap == .softmax2 { #expect(abs(y.scalars[0..<D].reduce(0, +) - 1) < 1e-12) }
    }
}

@Suite struct ResidualLinearAttentionDecodeTests {
    /// Decoding token by token equals the forward pass at every position, and the final state
    /// equals S_T; D = 20 exercises the scalar (non-SIMD) path.
    @Test(arguments: [-1, 0, 3, 29, 33], [16, 20])
    func decodeMatchesForwardAtEveryPosition(window: Int, D: Int) throws {
        for featureMap in FeatureMap.allCases {
            let shape = LinearAttentionShape(B: 1, H: 2, Hkv: 1, T: 30, D: D, window: window, featureMap: featureMap)
            let p = LinearAttentionProblem(shape, withInitialState: true, seed: 5)
            let ref = KernelRegistry.residualLinearAttention.reference.forward(q: p.q, k: p.k, v: p.v, s0: p.s0, shape: shape, threads: 1)
            let tol = 1e-5 + 2e-4 * ref.o.maxAbs
            for h in 0..<shape.H {
                let stateSize = 2 * D * D
                var state = try ResidualLinearAttentionDecodeState(D: D, window: window, featureMap: featureMap,
                                                                   s0: Array(p.s0!.scalars[(h * stateSize)..<((h + 1) * stateSize)]))
                #expect(state.stateBytes == ResidualLinearAttentionDecodeState.stateBytes(D: D, window: window, tokens: 0))
                for t in 0..<shape.T {
                    let row = { (x: Tensor<Float>, head: Int) in Array(x.scalars[((head * shape.T + t) * D)..<((head * shape.T + t + 1) * D)]) }
                    let o = try state.step(q: row(p.q, h), k: row(p.k, h / shape.group), v: row(p.v, h / shape.group))
                    let expected = row(ref.o, h)
                    #expect(zip(o, expected).allSatisfy { Double(abs($0 - $1)) <= tol }, "W\(window) D\(D) \(featureMap) head \(h) t \(t)")
                    // the ring holds min(t + 1, W + 1) tokens: measured = analytic at every position
                    #expect(state.stateBytes == ResidualLinearAttentionDecodeState.stateBytes(D: D, window: window, tokens: t + 1))
                }
                let sT = Array(ref.sT.scalars[(h * stateSize)..<((h + 1) * stateSize)])
                #expect(zip(state.state, sT).allSatisfy { Double(abs($0 - $1)) <= 1e-5 + 2e-4 * ref.sT.maxAbs })
            }
        }
    }

    /// A decode continued from a prefill's S_T and last W+1 keys/values equals the full forward.
    @Test(arguments: [-1, 0, 4, 40])
    func decodeContinuesAPrefill(window: Int) throws {
        let (T, P, D) = (24, 13, 16)
        let full = LinearAttentionShape(H: 1, T: T, D: D, window: window)
        let p = LinearAttentionProblem(full, seed: 9)
        let kernel = KernelRegistry.residualLinearAttention.implementations.first!
        let ref = kernel.forward(q: p.q, k: p.k, v: p.v, s0: nil, shape: full, threads: 1)
        let prefix = { (x: Tensor<Float>) in Tensor(shape: [1, 1, P, D], scalars: Array(x.scalars[0..<(P * D)])) }
        let prefill = kernel.forward(q: prefix(p.q), k: prefix(p.k), v: prefix(p.v), s0: nil,
                                     shape: LinearAttentionShape(H: 1, T: P, D: D, window: window), threads: 1)
        var state = try ResidualLinearAttentionDecodeState(D: D, window: window, prefillState: prefill.sT.scalars,
                                                           keys: prefix(p.k).scalars, values: prefix(p.v).scalars)
        for t in P..<T {
            let row = { (x: Tensor<Float>) in Array(x.scalars[(t * D)..<((t + 1) * D)]) }
            let o = try state.step(q: row(p.q), k: row(p.k), v: row(p.v))
            #expect(zip(o, row(ref.o)).allSatisfy { Double(abs($0 - $1)) <= 1e-5 + 2e-4 * ref.o.maxAbs }, "W\(window) t \(t)")
        }
        #expect(zip(state.state, ref.sT.scalars).allSatisfy { Double(abs($0 - $1)) <= 1e-5 + 2e-4 * ref.sT.maxAbs })
    }
}

@Suite struct ResidualLinearAttentionBadInputTests {
    func argument(_ body: () throws -> Void) -> String? {
        do { try body() } catch let e as KernelInputError { return e.argument } catch { return "\(error)" }
        return nil
    }

    @Test func badShapesAndValuesNameTheArgument() {
        #expect(argument { _ = try LinearAttentionShape.infer(q: [1, 2, 8, 16], k: [1, 1, 8, 16], v: [1, 1, 8, 16], window: -2, featureMap: .relu2) } == "window")
        #expect(argument { _ = try LinearAttentionShape.infer(q: [1, 2, 8, 16], k: [1, 1, 9, 16], v: [1, 1, 9, 16], window: 0, featureMap: .relu2) } == "k")
        #expect(argument { _ = try LinearAttentionShape.infer(q: [1, 3, 8, 16], k: [1, 2, 8, 16], v: [1, 2, 8, 16], window: 0, featureMap: .relu2) } == "k")
        let shape = LinearAttentionShape(H: 2, Hkv: 1, T: 8, D: 16, window: 1)
        var p = LinearAttentionProblem(shape)
        #expect(argument { try shape.validateInputs(q: p.q, k: p.k, v: p.v, s0: Tensor(zeros: [1, 2, 16, 16])) } == "s0")
        #expect(argument { try shape.validateInputs(q: p.q, k: p.k, v: p.v, s0: Tensor(zeros: shape.stateShape)) } == nil)
        p.v.scalars[17] = .nan
        #expect(argument { try shape.validateInputs(q: p.q, k: p.k, v: p.v, s0: nil) } == "v")
        p.v.scalars[17] = 0
        p.k.scalars[3] = .infinity
        #expect(argument { try shape.validateInputs(q: p.q, k: p.k, v: p.v, s0: nil) } == "k")
        #expect(FeatureMap(rawValue: "gelu") == nil)
    }

    @Test func decodeRejectsPoisonAndKeepsItsState() throws {
        var state = try ResidualLinearAttentionDecodeState(D: 16, window: 0, featureMap: .relu2)
        let ones = [Float](repeating: 1, count: 16)
        _ = try state.step(q: ones, k: ones, v: ones)
        _ = try state.step(q: ones, k: ones, v: ones)
        let before = state.state
        var bad = ones
        bad[2] = .nan
        #expect(throws: KernelInputError.self) { _ = try state.step(q: ones, k: bad, v: ones) }
        #expect(throws: KernelInputError.self) { _ = try state.step(q: ones, k: ones, v: bad) }
        #expect(state.state == before && state.position == 2)
        #expect(throws: KernelInputError.self) { _ = try ResidualLinearAttentionDecodeState(D: 16, window: -2) }
        #expect(throws: KernelInputError.self) { _ = try ResidualLinearAttentionDecodeState(D: 4, window: 1, s0: [0, 0]) }
    }
}

/// The Float feature-map rows of the fast kernels (16-row blocks for softmax2 when D is a multiple
/// of 16, then row by row) against the generic `apply`/`backward` in Double, for row counts that
/// leave a remainder, including rows with a spread over 64 (x − max x below the single-exp range),
/// a row at the edge of the 16-row blocks' shift by the first entry and one past it.
@Suite struct FeatureMapRowTests {
    @Test(arguments: FeatureMap.allCases, [16, 32, 40, 64])
    func rowsMatchTheDoubleFormulas(featureMap: FeatureMap, D: Int) {
        let rows = 53  // three blocks of 16 and a remainder
        var rng = SeededGenerator(seed: 7, stream: "feature-map-rows")
        var x = Tensor<Float>(randomNormal: [rows, D], rng: &rng).scalars
        for i in 0..<D { x[3 * D + i] *= 60 }  // one row with a wide spread (its block shifted by max and min)
        // block 1: a row whose |x − x₀|·log₂e reaches 95, just inside the shift by the first entry
        let (row, x0) = (20, x[20 * D]), widest = (0..<D).map { abs(x[20 * D + $0] - x0) }.max()!
        for i in 0..<D { x[row * D + i] = x0 + (x[row * D + i] - x0) * (95 / 1.442_695 / widest) }
        // block 2: a row at x₀ + 126·ln2 but its first entry, whose shifted sum Σ 2^t would overflow a
        // Float: the block must take the max/min path (a shift limit above about 126 − log₂D fails)
        for i in 1..<D { x[40 * D + i] = x[40 * D] + 126 * 0.693_147_2 }
        let dy = Tensor<Float>(randomNormal: [rows, 2 * D], rng: &rng).scalars
        var y = [Float](repeating: 0, count: rows * 2 * D), dx = [Float](repeating: 1, count: rows * D)
        x.withUnsafeBufferPointer { xb in y.withUnsafeMutableBufferPointer { featureMap.applyRows(xb.baseAddress!, rows: rows, D: D, into: $0.baseAddress!) } }
        y.withUnsafeBufferPointer { yb in dy.withUnsafeBufferPointer { gb in dx.withUnsafeMutableBufferPointer {
            featureMap.backwardRows(y: yb.baseAddress!, dy: gb.baseAddress!, rows: rows, D: D, into: $0.baseAddress!, accumulate: true)
        } } }
        let xd = x.map(Double.init), dyd = dy.map(Double.init)
        var yRef = [Double](repeating: 0, count: 2 * D), dxRef = [Double](repeating: 0, count: D)
        var worstY = 0.0, worstDx = 0.0
        for r in 0..<rows {
            xd.withUnsafeBufferPointer { xb in yRef.withUnsafeMutableBufferPointer { featureMap.apply(xb.baseAddress! + r * D, count: D, into: $0.baseAddress!) } }
            yRef.withUnsafeBufferPointer { yb in dyd.withUnsafeBufferPointer { gb in dxRef.withUnsafeMutableBufferPointer {
                featureMap.backward(y: yb.baseAddress!, dy: gb.baseAddress! + r * 2 * D, count: D, into: $0.baseAddress!)
            } } }
            for i in 0..<(2 * D) { worstY = max(worstY, abs(Double(y[r * 2 * D + i]) - yRef[i])) }
            for i in 0..<D { worstDx = max(worstDx, abs(Double(dx[r * D + i]) - (1 + dxRef[i]))) }  // accumulated onto 1
        }
        #expect(worstY <= 1e-6, "max |y − y_ref| = \(worstY)")
        #expect(worstDx <= 1e-5, "max |dx − dx_ref| = \(worstDx)")
    }
}

/// softmax2's `exp2Pair` over the whole domain its callers use, against Double's exp2:
/// (2^a, 2^(−a−N)) for −121 ≤ a ≤ 0 with 0 ≤ N ≤ 120 and −a − N ≤ ½ (rows shifted by their max,
/// N the rounded spread), and for N = 0 with |a| ≤ 100 (rows shifted by their first entry), the
/// ends included. Its powers of two go into the exponent bits, exact only while every result is
/// a normal float.
@Suite struct ExponentialPairTests {
    @Test func pairMatchesDoubleOverItsDomain() {
        var cases: [(a: Float, N: Int32)] = [(0, 120), (-120.5, 120), (100, 0), (-100, 0), (0, 0), (-0.5, 0), (0.5, 0)]
        for N: Int32 in [0, 1, 37, 119, 120] {
            for a in stride(from: Float(-121), through: 0, by: 0.37) where -a - Float(N) <= 0.5 { cases.append((a, N)) }
        }
        for a in stride(from: Float(-100), through: 100, by: 0.29) { cases.append((a, 0)) }
        var worst = 0.0
        for (a, N) in cases {
            let lanes = Vec16(repeating: a) + Vec16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) * -1e-3
            let (e1, e2) = exp2Pair(lanes, shift: N)
            for lane in 0..<16 {
                let x = Double(lanes[lane])
                guard x >= -121, x <= 100, -x - Double(N) <= 0.5 else { continue }
                let want1 = Foundation.exp2(x), want2 = Foundation.exp2(-x - Double(N))
                #expect(e1[lane].isNormal && e2[lane].isNormal, "a \(x), N \(N)")
                worst = max(worst, abs(Double(e1[lane]) - want1) / want1, abs(Double(e2[lane]) - want2) / want2)
            }
        }
        #expect(worst <= 3e-7, "worst relative error \(worst)")
        // a NaN lane (either sign, as arithmetic and as `Float.nan` make them) stays NaN in both halves
        for nan in [Float.nan, -Float.nan] {
            for N: Int32 in [0, 37] {
                let (e1, e2) = exp2Pair(Vec16(repeating: nan), shift: N)
                #expect(e1[0].isNaN && e2[0].isNaN, "NaN, N \(N): \(e1[0]), \(e2[0])")
            }
        }
    }
}
