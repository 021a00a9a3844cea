import Testing
import LabCore
@testable import LabKernels

@Suite struct SoftmaxAttentionDecodeRegistryTests {
    @Test func referenceIsLastAndNamed() {
        #expect(KernelRegistry.softmaxAttentionDecode.reference.name == "naive")
        #expect(KernelRegistry.ops.contains { $0.op == "softmax-attention-decode" && $0.kernels.last == "naive" })
        #expect(throws: KernelInputError.self) { try KernelRegistry.softmaxAttentionDecode.kernel(named: "nope") }
    }

    /// The decode reference equals the last row of the (tested) softmax-attention reference with the
    /// same keys: one query at position S − 1 of a causal problem sees every key.
    @Test(arguments: [1, 9, 70])
    func referenceEqualsLastRowOfForward(S: Int) {
        let shape = AttentionShape(B: 2, H: 4, Hkv: 2, T: 1, S: S, D: 24)
        let p = SoftmaxAttentionProblem(shape)
        let forward = NaiveSoftmaxAttentionKernel().forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: 1)
        var o = [Float](repeating: 0, count: 2 * 4 * 24), lse = [Float](repeating: 0, count: 8)
        p.q.scalars.withUnsafeBufferPointer { qb in p.k.scalars.withUnsafeBufferPointer { kb in p.v.scalars.withUnsafeBufferPointer { vb in
            o.withUnsafeMutableBufferPointer { ob in lse.withUnsafeMutableBufferPointer { lb in
                let view = KVView(keys: kb.baseAddress!, values: vb.baseAddress!, headStride: S * 24, slots: S, first: 0, count: S)
                NaiveSoftmaxAttentionDecode().decode(q: qb.baseAddress!, kv: view, shape: shape, o: ob.baseAddress!, lse: lb.baseAddress!, threads: 1)
            }}
        }}}
        #expect(Tensor(shape: [2, 4, 1, 24], scalars: o).maxAbsDifference(forward.o) <= 1e-6)
        #expect(Tensor(shape: [2, 4, 1], scalars: lse).maxAbsDifference(forward.lse) <= 1e-5)
    }

    /// A kernel that reads a slot outside the view meets NaN there and fails the check.
    @Test func checkCatchesAnOutOfViewRead() {
        struct ReadsEverySlot: SoftmaxAttentionDecodeKernel {
            var name: String { "reads-every-slot" }
            func unsupported(_ shape: AttentionShape) -> String? { nil }
            func decode(q: UnsafePointer<Float>, kv: KVView, shape: AttentionShape, o: UnsafeMutablePointer<Float>,
                        lse: UnsafeMutablePointer<Float>, threads: Int) {
                var all = kv
                all.first = 0; all.count = kv.slots
                SingleQueryDecode().decode(q: q, kv: all, shape: shape, o: o, lse: lse, threads: threads)
            }
        }
        let rows = KernelRegistry.softmaxAttentionDecode.compare(ReadsEverySlot(), on: DecodeCase(AttentionShape(H: 1, T: 1, S: 5, D: 16), slots: 9, first: 7))
        #expect(rows.contains { !$0.passed })
    }
}
