// The `residual-linear-attention-decode` op as `KernelRegistry` lists it: one token per
// (sequence, head) against linear states held in place; implementations fastest first, the
// reference, the check grid and how one kernel runs one case (`steps` steps from the same random
// states: every step's o and the final states; no backward).
import LabCore

/// One `residual-linear-attention-decode` check case: the shape (T = 1), whether each step folds,
/// and how many steps run one after another on the same states.
public struct LinearDecodeCase: Hashable, Sendable, CustomStringConvertible {
    public var shape: LinearAttentionShape
    public var fold: Bool, steps: Int
    public init(_ shape: LinearAttentionShape, fold: Bool, steps: Int = 3) { self.shape = shape; self.fold = fold; self.steps = steps }
    public var description: String { "\(shape)_\(fold ? "fold" : "read")_x\(steps)" }
}

/// The seeded inputs of a `LinearDecodeCase`: the initial states [B, H, 2D, D] and, per step,
/// q [B, H, D] and the folded k, v [B, Hkv, D].
public struct LinearDecodeProblem: Sendable {
    public var testCase: LinearDecodeCase
    public var s0: Tensor<Float>
    public var inputs: [(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>)]

    public init(_ testCase: LinearDecodeCase, seed: UInt64 = 0) {
        self.testCase = testCase
        let shape = testCase.shape
        let (B, H, Hkv, D) = (shape.B, shape.H, shape.Hkv, shape.D)
        var rng = SeededGenerator(seed: seed, stream: testCase.description)
        s0 = Tensor<Float>(randomNormal: shape.stateShape, rng: &rng)
        inputs = (0..<testCase.steps).map { _ in
            (q: Tensor<Float>(randomNormal: [B, H, D], rng: &rng), k: Tensor<Float>(randomNormal: [B, Hkv, D], rng: &rng),
             v: Tensor<Float>(randomNormal: [B, Hkv, D], rng: &rng))
        }
    }
}

public struct LinearAttentionDecodeDescriptor: KernelOp {
    public init() {}
    public let name = "residual-linear-attention-decode"
    public let fast: [any LinearAttentionDecodeKernel] = [
        FusedStateDecode(),
    ]
    public let reference: any LinearAttentionDecodeKernel = NaiveLinearAttentionDecode()
    public let capabilities: KernelCapabilities = [.decode]

    public func name(of kernel: any LinearAttentionDecodeKernel) -> String { kernel.name }
    public func unsupported(_ kernel: any LinearAttentionDecodeKernel, on testCase: LinearDecodeCase) -> String? {
        kernel.unsupported(testCase.shape)
    }

    /// The check grid: both feature maps, with and without a fold, Hkv < H, B > 1, and every head
    /// dim of `KernelCheckGrid.headDims` (each step's o and the final states are compared).
    public func checkCases(quick: Bool) -> [LinearDecodeCase] {
        var cases: [LinearDecodeCase] = []
        for D in [16, 64] {
            for fm in FeatureMap.allCases {
                for fold in [false, true] {
                    cases.append(LinearDecodeCase(LinearAttentionShape(B: 1, H: 2, Hkv: 1, T: 1, D: D, window: -1, featureMap: fm), fold: fold))
                }
            }
        }
        for (i, D) in KernelCheckGrid.headDims.enumerated() {
            cases.append(LinearDecodeCase(LinearAttentionShape(B: 2, H: 4, Hkv: 2, T: 1, D: D, window: -1, featureMap: FeatureMap.allCases[i % 2]),
                                          fold: true, steps: quick ? 2 : 4))
        }
        return cases
    }

    public func problem(for testCase: LinearDecodeCase, seed: UInt64) -> LinearDecodeProblem { LinearDecodeProblem(testCase, seed: seed) }

    /// Runs `kernel` `steps` times from the problem's states: every step's o [steps, B, H, D] and
    /// the final states.
    /// `steps` tokens, each reading the state φ(q)·S (2·D′·D) and, when folding, adding φ(k)ᵀv
    /// (2·D′·D), for every (sequence, head): steps·B·H·(2 or 4)·D′·D (docs/conventions.md).
    public func flops(_ kernel: any LinearAttentionDecodeKernel, on testCase: LinearDecodeCase, backward: Bool) -> Double? {
        let s = testCase.shape
        return Double(testCase.steps) * Double(s.B) * Double(s.H) * (testCase.fold ? 4 : 2) * Double(s.featureDim) * Double(s.D)
    }

    public func forward(_ kernel: any LinearAttentionDecodeKernel, on p: LinearDecodeProblem, threads: Int,
                        keepForBackward: Bool) -> (outputs: [KernelQuantity], saved: Void) {
        let shape = p.testCase.shape, (B, H, D) = (shape.B, shape.H, shape.D)
        var states = p.s0.scalars, outs: [Float] = []
        for x in p.inputs {
            var o = [Float](repeating: 0, count: B * H * D)
            x.q.scalars.withUnsafeBufferPointer { qb in x.k.scalars.withUnsafeBufferPointer { kb in x.v.scalars.withUnsafeBufferPointer { vb in
                states.withUnsafeMutableBufferPointer { sb in o.withUnsafeMutableBufferPointer { ob in
                    kernel.step(q: qb.baseAddress!, fold: p.testCase.fold ? (kb.baseAddress!, vb.baseAddress!) : nil,
                                states: sb.baseAddress!, o: ob.baseAddress!, shape: shape, threads: threads)
                }}
            }}}
            outs += o
        }
        return ([("o", Tensor(shape: [p.testCase.steps, B, H, D], scalars: outs)), ("S", Tensor(shape: shape.stateShape, scalars: states))], ())
    }
}
