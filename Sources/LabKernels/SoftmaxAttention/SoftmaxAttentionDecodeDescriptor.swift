// The `softmax-attention-decode` op as `KernelRegistry` lists it: one query per (sequence, head)
// against a cache read in place (`KVView`); implementations fastest first, the reference, the
// check grid and how one kernel runs one case (o [B, H, D], lse [B, H]; no backward).
import LabCore

/// One `softmax-attention-decode` check case: the shape (T = 1, S = visible keys), the ring size
/// and the oldest visible slot (first + S > slots wraps).
public struct DecodeCase: Hashable, Sendable, CustomStringConvertible {
    public var shape: AttentionShape
    public var slots: Int, first: Int
    public init(_ shape: AttentionShape, slots: Int? = nil, first: Int = 0) {
        self.shape = shape; self.slots = slots ?? shape.S; self.first = first
    }
    public var description: String { "\(shape)_slots\(slots)_first\(first)" }
}

/// The seeded inputs of a `DecodeCase`: q [B, H, D]; k, v [B, Hkv, slots, D] with NaN in every
/// slot outside the visible range, so a kernel that reads one fails.
public struct DecodeProblem: Sendable {
    public var testCase: DecodeCase
    public var q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>

    public init(_ testCase: DecodeCase, seed: UInt64 = 0) {
        self.testCase = testCase
        let shape = testCase.shape, slots = testCase.slots
        let (B, H, Hkv, D) = (shape.B, shape.H, shape.Hkv, shape.D)
        var rng = SeededGenerator(seed: seed, stream: testCase.description)
        q = Tensor<Float>(randomNormal: [B, H, D], rng: &rng)
        k = Tensor<Float>(randomNormal: [B, Hkv, slots, D], rng: &rng)
        v = Tensor<Float>(randomNormal: [B, Hkv, slots, D], rng: &rng)
        let visible = Set((0..<shape.S).map { (testCase.first + $0) % slots })
        for i in 0..<(B * Hkv) {
            for s in 0..<slots where !visible.contains(s) {
                for d in 0..<D { k.scalars[(i * slots + s) * D + d] = .nan; v.scalars[(i * slots + s) * D + d] = .nan }
            }
        }
    }
}

public struct SoftmaxAttentionDecodeDescriptor: KernelOp {
    public init() {}
    public let name = "softmax-attention-decode"
    public let fast: [any SoftmaxAttentionDecodeKernel] = [
        SingleQueryDecode(),
    ]
    public let reference: any SoftmaxAttentionDecodeKernel = NaiveSoftmaxAttentionDecode()
    public let capabilities: KernelCapabilities = [.decode]

    public func name(of kernel: any SoftmaxAttentionDecodeKernel) -> String { kernel.name }
    public func unsupported(_ kernel: any SoftmaxAttentionDecodeKernel, on testCase: DecodeCase) -> String? {
        kernel.unsupported(testCase.shape)
    }

    /// The check grid: one key (S = 1), a short and a longer cache, a full ring read from slot 0
    /// and a wrapped one, part of a ring (a windowed reader of a longer cache), Hkv < H, B > 1,
    /// and every head dim of `KernelCheckGrid.headDims`.
    public func checkCases(quick: Bool) -> [DecodeCase] {
        var cases: [DecodeCase] = []
        func shape(B: Int = 1, H: Int = 2, Hkv: Int = 1, S: Int, D: Int) -> AttentionShape {
            AttentionShape(B: B, H: H, Hkv: Hkv, T: 1, S: S, D: D)
        }
        for D in [16, 64] {
            cases.append(DecodeCase(shape(S: 1, D: D)))
            cases.append(DecodeCase(shape(S: 7, D: D)))
            cases.append(DecodeCase(shape(S: 150, D: D)))                       // more than one 64-key block
            cases.append(DecodeCase(shape(S: 100, D: D), slots: 100, first: 37))  // a full ring, wrapped
            cases.append(DecodeCase(shape(S: 20, D: D), slots: 90, first: 80))    // 20 of 90 slots, wrapping
        }
        for D in KernelCheckGrid.headDims {
            cases.append(DecodeCase(shape(B: 2, H: 4, Hkv: 2, S: D >= 128 ? 33 : 70, D: D), slots: 80, first: 50))
        }
        if !quick { cases.append(DecodeCase(shape(B: 2, H: 8, Hkv: 2, S: 3000, D: 64), slots: 4000, first: 3500)) }
        return cases
    }

    public func problem(for testCase: DecodeCase, seed: UInt64) -> DecodeProblem { DecodeProblem(testCase, seed: seed) }

    /// One token: q·Kᵀ and p·V over the S visible keys, 2·S·D each, for every (sequence, head):
    /// 4·B·H·S·D (docs/conventions.md).
    public func flops(_ kernel: any SoftmaxAttentionDecodeKernel, on testCase: DecodeCase, backward: Bool) -> Double? {
        let s = testCase.shape
        return 4 * Double(s.B) * Double(s.H) * Double(s.S) * Double(s.D)
    }

    public func forward(_ kernel: any SoftmaxAttentionDecodeKernel, on p: DecodeProblem, threads: Int,
                        keepForBackward: Bool) -> (outputs: [KernelQuantity], saved: Void) {
        let shape = p.testCase.shape, slots = p.testCase.slots
        let (B, H, D) = (shape.B, shape.H, shape.D)
        var o = [Float](repeating: 0, count: B * H * D), lse = [Float](repeating: 0, count: B * H)
        p.q.scalars.withUnsafeBufferPointer { qb in p.k.scalars.withUnsafeBufferPointer { kb in p.v.scalars.withUnsafeBufferPointer { vb in
            o.withUnsafeMutableBufferPointer { ob in lse.withUnsafeMutableBufferPointer { lb in
                let view = KVView(keys: kb.baseAddress!, values: vb.baseAddress!, headStride: slots * D, slots: slots,
                                  first: p.testCase.first, count: shape.S)
                kernel.decode(q: qb.baseAddress!, kv: view, shape: shape, o: ob.baseAddress!, lse: lb.baseAddress!, threads: threads)
            }}
        }}}
        return ([("o", Tensor(shape: [B, H, D], scalars: o)), ("lse", Tensor(shape: [B, H], scalars: lse))], ())
    }
}
