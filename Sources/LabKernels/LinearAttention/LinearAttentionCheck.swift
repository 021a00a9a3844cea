// Checking `residual-linear-attention` implementations against the reference (`recurrent`, last in
// the registry), as `SoftmaxAttentionCheck` does for softmax attention: the grid, the seeded
// problem and the comparison of every output (o, S_T) and gradient (dq, dk, dv, dS_0).
import LabCore

/// One check case: a shape, the chunk size handed to the kernel, and whether S_0 is given.
public struct LinearAttentionCase: Hashable, Sendable, CustomStringConvertible {
    public var shape: LinearAttentionShape
    public var chunkSize: Int
    public var withInitialState: Bool
    public init(_ shape: LinearAttentionShape, chunkSize: Int, withInitialState: Bool = false) {
        self.shape = shape; self.chunkSize = chunkSize; self.withInitialState = withInitialState
    }
    public var description: String { "\(shape)_C\(chunkSize)" + (withInitialState ? "_s0" : "") }
}

/// Inputs drawn from a seeded generator, standard normal: q, k, v, dout, and S_0 if asked for.
public struct LinearAttentionProblem: Sendable {
    public var shape: LinearAttentionShape
    public var q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, dout: Tensor<Float>
    public var s0: Tensor<Float>?

    public init(_ shape: LinearAttentionShape, withInitialState: Bool = false, seed: UInt64 = 0) {
        self.shape = shape
        var rng = SeededGenerator(seed: seed, stream: shape.description)
        q = Tensor(randomNormal: [shape.B, shape.H, shape.T, shape.D], rng: &rng)
        k = Tensor(randomNormal: [shape.B, shape.Hkv, shape.T, shape.D], rng: &rng)
        v = Tensor(randomNormal: [shape.B, shape.Hkv, shape.T, shape.D], rng: &rng)
        dout = Tensor(randomNormal: [shape.B, shape.H, shape.T, shape.D], rng: &rng)
        s0 = withInitialState ? Tensor(randomNormal: shape.stateShape, rng: &rng) : nil
    }
}

public enum LinearAttentionCheck {
    /// The check grid: every D ∈ {16, 32, 64, 128} with both feature maps (quick: both for D ≤ 32) and
    /// every head dim of `KernelCheckGrid.headDims`; T = 1, T not a
    /// multiple of the chunk; W ∈ {−1, 0, 5, T−1, T+3} (T+3: every row is padding, o = φ(q)ᵀS_0);
    /// chunk sizes that divide T and ones that do not; Hkv < H; B > 1; S_0 on W ∈ {0, T+3} and
    /// on the extra cases. `quick` keeps the shapes small enough for debug-build tests.
    public static func grid(quick: Bool) -> [LinearAttentionCase] {
        var cases: [LinearAttentionCase] = []
        let lengths = quick ? [1, 7, 40] : [1, 7, 64, 100, 257]
        for D in [16, 32, 64, 128] {
            // quick: both maps for D ≤ 32, one each for the costly D = 64 (softmax2) and 128 (relu2)
            let maps: [FeatureMap] = !quick || D <= 32 ? FeatureMap.allCases : [D == 64 ? .softmax2 : .relu2]
            for featureMap in maps {
                for T in lengths {
                    for W in [-1, 0, 5, T - 1, T + 3] {
                        let shape = LinearAttentionShape(B: 1, H: 2, Hkv: 1, T: T, D: D, window: W, featureMap: featureMap)
                        cases.append(LinearAttentionCase(shape, chunkSize: 16, withInitialState: W == 0 || W == T + 3))
                    }
                }
            }
        }
        // chunk sizes that divide T (8, 20, 40 | 40; 32, 64 | 64) and ones that do not (3, 7, 16, 48, 128)
        let chunked: [(T: Int, chunks: [Int])] = quick ? [(40, [3, 8, 20, 40, 48])] : [(64, [7, 32, 64, 128]), (100, [3, 16, 20, 48])]
        for (T, chunks) in chunked {
            for C in chunks {
                for W in [-1, 0, 9] {
                    let shape = LinearAttentionShape(B: 1, H: 2, Hkv: 1, T: T, D: 16, window: W, featureMap: .softmax2)
                    cases.append(LinearAttentionCase(shape, chunkSize: C, withInitialState: W == 9))
                }
            }
        }
        cases.append(LinearAttentionCase(LinearAttentionShape(B: 2, H: 4, Hkv: 2, T: 33, D: 32, window: 3, featureMap: .relu2),
                                         chunkSize: 8, withInitialState: true))
        cases.append(LinearAttentionCase(LinearAttentionShape(B: 2, H: 4, Hkv: 4, T: 45, D: 16, window: -1), chunkSize: 16, withInitialState: true))
        // every head dim of the grid, both feature maps in turn (small T for the big D: debug-build tests)
        for (i, D) in KernelCheckGrid.headDims.enumerated() {
            let T = quick ? (D >= 128 ? 9 : 33) : (D >= 128 ? 40 : 100)
            let shape = LinearAttentionShape(B: 1, H: 2, Hkv: 1, T: T, D: D, window: 3, featureMap: FeatureMap.allCases[i % 2])
            cases.append(LinearAttentionCase(shape, chunkSize: 8, withInitialState: i % 3 == 0))
        }
        if !quick {
            cases.append(LinearAttentionCase(LinearAttentionShape(B: 1, H: 8, Hkv: 2, T: 600, D: 64, window: 64), chunkSize: 64, withInitialState: true))
            cases.append(LinearAttentionCase(LinearAttentionShape(B: 1, H: 2, T: 300, D: 128, window: 100, featureMap: .relu2), chunkSize: 64))
        }
        return cases
    }

    /// Compares `kernel` (its chunk size set to the case's) with the reference on `testCase`:
    /// o and S_T forward; dq, dk, dv and dS_0 backward.
    public static func compare(_ kernel: any ResidualLinearAttentionKernel, on testCase: LinearAttentionCase,
                               threads: Int = 1, seed: UInt64 = 0) -> [CheckRow] {
        let op = "residual-linear-attention", shape = testCase.shape
        var kernel = kernel
        kernel.chunkSize = testCase.chunkSize
        if let reason = kernel.unsupported(shape) {
            return [CheckRow(op: op, kernel: kernel.name, testCase: testCase.description, skipped: reason)]
        }
        let p = LinearAttentionProblem(shape, withInitialState: testCase.withInitialState, seed: seed)
        let reference = KernelRegistry.residualLinearAttention.last!
        let refOut = reference.forward(q: p.q, k: p.k, v: p.v, s0: p.s0, shape: shape, threads: 1)
        let refGrad = reference.backward(q: p.q, k: p.k, v: p.v, s0: p.s0, dout: p.dout, shape: shape, threads: 1)
        let out = kernel.forward(q: p.q, k: p.k, v: p.v, s0: p.s0, shape: shape, threads: threads)
        let grad = kernel.backward(q: p.q, k: p.k, v: p.v, s0: p.s0, dout: p.dout, shape: shape, threads: threads)
        func row(_ name: String, _ x: Tensor<Float>, _ r: Tensor<Float>) -> CheckRow {
            CheckRow(op: op, kernel: kernel.name, testCase: testCase.description, quantity: name,
                     value: x, reference: r, tolerance: .float32)
        }
        return [row("o", out.o, refOut.o), row("sT", out.sT, refOut.sT), row("dq", grad.dq, refGrad.dq),
                row("dk", grad.dk, refGrad.dk), row("dv", grad.dv, refGrad.dv), row("ds0", grad.ds0, refGrad.ds0)]
    }

    /// Every non-reference implementation over the grid.
    public static func all(quick: Bool, threads: Int = 1) -> [CheckRow] {
        KernelRegistry.residualLinearAttention.dropLast().flatMap { kernel in
            grid(quick: quick).flatMap { compare(kernel, on: $0, threads: threads) }
        }
    }
}

/// One `residual-linear-attention-decode` check case: the shape (T = 1), whether each step folds,
/// and how many steps run one after another on the same states.
public struct LinearDecodeCase: Hashable, Sendable, CustomStringConvertible {
    public var shape: LinearAttentionShape
    public var fold: Bool, steps: Int
    public init(_ shape: LinearAttentionShape, fold: Bool, steps: Int = 3) { self.shape = shape; self.fold = fold; self.steps = steps }
    public var description: String { "\(shape)_\(fold ? "fold" : "read")_x\(steps)" }
}

public enum LinearAttentionDecodeCheck {
    /// The check grid: both feature maps, with and without a fold, Hkv < H, B > 1, and every head
    /// dim of `KernelCheckGrid.headDims` (each step's o and the final states are compared).
    public static func grid(quick: Bool) -> [LinearDecodeCase] {
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

    /// Runs `kernel` and the reference `steps` times each from the same random states and inputs:
    /// rows for every step's o (concatenated) and the final states.
    public static func compare(_ kernel: any LinearAttentionDecodeKernel, on testCase: LinearDecodeCase,
                               threads: Int = 1, seed: UInt64 = 0) -> [CheckRow] {
        let op = "residual-linear-attention-decode", shape = testCase.shape
        if let reason = kernel.unsupported(shape) {
            return [CheckRow(op: op, kernel: kernel.name, testCase: testCase.description, skipped: reason)]
        }
        let (B, H, Hkv, D) = (shape.B, shape.H, shape.Hkv, shape.D)
        var rng = SeededGenerator(seed: seed, stream: testCase.description)
        let s0 = Tensor<Float>(randomNormal: shape.stateShape, rng: &rng)
        let inputs = (0..<testCase.steps).map { _ in
            (q: Tensor<Float>(randomNormal: [B, H, D], rng: &rng), k: Tensor<Float>(randomNormal: [B, Hkv, D], rng: &rng),
             v: Tensor<Float>(randomNormal: [B, Hkv, D], rng: &rng))
        }
        func run(_ kern: any LinearAttentionDecodeKernel) -> (o: Tensor<Float>, s: Tensor<Float>) {
            var states = s0.scalars, outs: [Float] = []
            for x in inputs {
                var o = [Float](repeating: 0, count: B * H * D)
                x.q.scalars.withUnsafeBufferPointer { qb in x.k.scalars.withUnsafeBufferPointer { kb in x.v.scalars.withUnsafeBufferPointer { vb in
                    states.withUnsafeMutableBufferPointer { sb in o.withUnsafeMutableBufferPointer { ob in
                        kern.step(q: qb.baseAddress!, fold: testCase.fold ? (kb.baseAddress!, vb.baseAddress!) : nil,
                                  states: sb.baseAddress!, o: ob.baseAddress!, shape: shape, threads: threads)
                    }}
                }}}
                outs += o
            }
            return (Tensor(shape: [testCase.steps, B, H, D], scalars: outs), Tensor(shape: shape.stateShape, scalars: states))
        }
        let ref = run(KernelRegistry.linearAttentionDecode.last!), got = run(kernel)
        func row(_ name: String, _ x: Tensor<Float>, _ r: Tensor<Float>) -> CheckRow {
            CheckRow(op: op, kernel: kernel.name, testCase: testCase.description, quantity: name, value: x, reference: r, tolerance: .float32)
        }
        return [row("o", got.o, ref.o), row("S", got.s, ref.s)]
    }

    /// Every non-reference implementation over the grid.
    public static func all(quick: Bool, threads: Int = 1) -> [CheckRow] {
        KernelRegistry.linearAttentionDecode.dropLast().flatMap { kernel in
            grid(quick: quick).flatMap { compare(kernel, on: $0, threads: threads) }
        }
    }
}
