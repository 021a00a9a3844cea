// The `residual-linear-attention` op as `KernelRegistry` lists it: implementations fastest first,
// the reference (`recurrent`), the check grid and how one kernel runs one case (forward o, S_T;
// backward dq, dk, dv, dS_0), each kernel's chunk size set to the case's.
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

public struct ResidualLinearAttentionDescriptor: KernelOp {
    public init() {}
    public let name = "residual-linear-attention"
    public let fast: [any ResidualLinearAttentionKernel] = [
        FusedRecurrentLinearAttention(),
        ChunkedLinearAttention(),
    ]
    public let reference: any ResidualLinearAttentionKernel = RecurrentLinearAttentionKernel()
    public let capabilities: KernelCapabilities = [.backward]

    public func name(of kernel: any ResidualLinearAttentionKernel) -> String { kernel.name }
    public func unsupported(_ kernel: any ResidualLinearAttentionKernel, on testCase: LinearAttentionCase) -> String? {
        kernel.unsupported(testCase.shape)
    }
    public func prefers(_ kernel: any ResidualLinearAttentionKernel, on testCase: LinearAttentionCase) -> Bool {
        kernel.prefers(testCase.shape)
    }
    /// The kernel with its chunk size set to the case's.
    public func configured(_ kernel: any ResidualLinearAttentionKernel, for testCase: LinearAttentionCase) -> any ResidualLinearAttentionKernel {
        var kernel = kernel
        kernel.chunkSize = testCase.chunkSize
        return kernel
    }
    /// `.chunks` for a kernel that works in chunks (`worksInChunks`).
    public func capabilities(of kernel: any ResidualLinearAttentionKernel) -> KernelCapabilities {
        kernel.worksInChunks ? capabilities.union(.chunks) : capabilities
    }

    /// The check grid: every D ∈ {16, 32, 64, 128} with both feature maps (quick: both for D ≤ 32) and
    /// every head dim of `KernelCheckGrid.headDims`; T = 1, T not a
    /// multiple of the chunk; W ∈ {−1, 0, 5, T−1, T+3} (T+3: every row is padding, o = φ(q)ᵀS_0);
    /// chunk sizes that divide T and ones that do not; Hkv < H; B > 1; S_0 on W ∈ {0, T+3} and
    /// on the extra cases. `quick` keeps the shapes small enough for debug-build tests.
    public func checkCases(quick: Bool) -> [LinearAttentionCase] {
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

    public func problem(for testCase: LinearAttentionCase, seed: UInt64) -> LinearAttentionProblem {
        LinearAttentionProblem(testCase.shape, withInitialState: testCase.withInitialState, seed: seed)
    }

    public func forward(_ kernel: any ResidualLinearAttentionKernel, on p: LinearAttentionProblem, threads: Int,
                        keepForBackward: Bool) -> (outputs: [KernelQuantity], saved: LinearAttentionResiduals?) {
        let out = kernel.forward(q: p.q, k: p.k, v: p.v, s0: p.s0, shape: p.shape, threads: threads, keepForBackward: keepForBackward)
        return ([("o", out.o), ("sT", out.sT)], out.residuals)
    }

    /// The gradients, from the inputs and what the forward kept (the check compares a backward
    /// that reuses the kernel's residuals; the tests compare it with one that recomputes them).
    public func backward(_ kernel: any ResidualLinearAttentionKernel, on p: LinearAttentionProblem, saved: LinearAttentionResiduals?,
                         threads: Int) -> [KernelQuantity] {
        let g = kernel.backward(q: p.q, k: p.k, v: p.v, s0: p.s0, dout: p.dout, residuals: saved, shape: p.shape, threads: threads)
        return [("dq", g.dq), ("dk", g.dk), ("dv", g.dv), ("ds0", g.ds0)]
    }

    /// The state read, the update and (for a kernel that works in chunks) the causal half of the
    /// intra-chunk blocks at the case's chunk size (`LinearAttentionShape.forwardFLOPs(chunkSize:)`).
    public func flops(_ kernel: any ResidualLinearAttentionKernel, on testCase: LinearAttentionCase, backward: Bool) -> Double? {
        let chunk = capabilities(of: kernel).contains(.chunks) ? testCase.chunkSize : 0  // no intra-chunk blocks
        return backward ? testCase.shape.forwardBackwardFLOPs(chunkSize: chunk) : testCase.shape.forwardFLOPs(chunkSize: chunk)
    }
    /// The state read φ(Q)·S: T×D×D'.
    public func mainProduct(of testCase: LinearAttentionCase) -> (m: Int, n: Int, k: Int)? {
        (testCase.shape.T, testCase.shape.D, testCase.shape.featureDim)
    }
}
