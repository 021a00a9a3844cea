import Testing
import LabCore
@testable import LabKernels

@Suite struct LinearAttentionDecodeRegistryTests {
    @Test func referenceIsLastAndNamed() {
        #expect(KernelRegistry.linearAttentionDecode.reference.name == "naive")
        #expect(KernelRegistry.ops.contains { $0.op == "residual-linear-attention-decode" && $0.kernels.last == "naive" })
        #expect(throws: KernelInputError.self) { try KernelRegistry.linearAttentionDecode.kernel(named: "nope") }
    }

    /// The reference's steps equal the (tested) per-head decoder `LinearAttentionState`: fold then read.
    @Test(arguments: FeatureMap.allCases)
    func referenceEqualsPerHeadState(featureMap: FeatureMap) throws {
        let D = 24
        var rng = SeededGenerator(seed: 5, stream: "linear-decode")
        let s0 = Tensor<Float>(randomNormal: [2 * D, D], rng: &rng)
        var head = try LinearAttentionState(D: D, featureMap: featureMap, s0: s0.scalars)
        var states = s0.scalars
        let shape = LinearAttentionShape(B: 1, H: 1, T: 1, D: D, window: -1, featureMap: featureMap)
        for _ in 0..<3 {
            let q = Tensor<Float>(randomNormal: [D], rng: &rng).scalars, k = Tensor<Float>(randomNormal: [D], rng: &rng).scalars,
                v = Tensor<Float>(randomNormal: [D], rng: &rng).scalars
            var expected = [Float](repeating: 0, count: D), got = [Float](repeating: 0, count: D)
            k.withUnsafeBufferPointer { kb in v.withUnsafeBufferPointer { vb in head.fold(k: kb.baseAddress!, v: vb.baseAddress!) } }
            q.withUnsafeBufferPointer { qb in expected.withUnsafeMutableBufferPointer { head.read(q: qb.baseAddress!, into: $0.baseAddress!) } }
            q.withUnsafeBufferPointer { qb in k.withUnsafeBufferPointer { kb in v.withUnsafeBufferPointer { vb in
                states.withUnsafeMutableBufferPointer { sb in got.withUnsafeMutableBufferPointer { ob in
                    NaiveLinearAttentionDecode().step(q: qb.baseAddress!, fold: (kb.baseAddress!, vb.baseAddress!), states: sb.baseAddress!,
                                                      o: ob.baseAddress!, shape: shape, threads: 1)
                }}
            }}}
            #expect(Tensor(shape: [D], scalars: got).maxAbsDifference(Tensor(shape: [D], scalars: expected)) <= 1e-4)
        }
    }
}
