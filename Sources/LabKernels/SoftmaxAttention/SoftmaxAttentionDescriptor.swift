// The `softmax-attention` op as `KernelRegistry` lists it: implementations fastest first, the
// reference, the check grid and how one kernel runs one case (forward o, lse; backward dq, dk, dv).
import LabCore

/// Inputs drawn from a seeded generator, standard normal, for a `softmax-attention` shape:
/// q, dout [B, H, T, D]; k, v [B, Hkv, S, D].
public struct SoftmaxAttentionProblem: Sendable {
    public var shape: AttentionShape
    public var q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, dout: Tensor<Float>

    public init(_ shape: AttentionShape, seed: UInt64 = 0) {
        self.shape = shape
        var rng = SeededGenerator(seed: seed, stream: shape.description)
        q = Tensor(randomNormal: [shape.B, shape.H, shape.T, shape.D], rng: &rng)
        k = Tensor(randomNormal: [shape.B, shape.Hkv, shape.S, shape.D], rng: &rng)
        v = Tensor(randomNormal: [shape.B, shape.Hkv, shape.S, shape.D], rng: &rng)
        dout = Tensor(randomNormal: [shape.B, shape.H, shape.T, shape.D], rng: &rng)
    }
}

public struct SoftmaxAttentionDescriptor: KernelOp {
    public init() {}
    public let name = "softmax-attention"
    public let fast: [any SoftmaxAttentionKernel] = [
        TiledOnlineSoftmaxAttention(),
    ]
    public let reference: any SoftmaxAttentionKernel = NaiveSoftmaxAttentionKernel()
    public let capabilities: KernelCapabilities = [.backward]

    public func name(of kernel: any SoftmaxAttentionKernel) -> String { kernel.name }
    public func unsupported(_ kernel: any SoftmaxAttentionKernel, on shape: AttentionShape) -> String? { kernel.unsupported(shape) }

    /// The check grid: T not a multiple of the tile, T = 1, W = 0, W ≥ T − 1, every
    /// D ∈ {16, 32, 64, 128} and every head dim of `KernelCheckGrid.headDims`, Hkv < H, B > 1,
    /// and a key length S > T (queries after a cache).
    /// `quick` keeps the shapes small enough for debug-build tests.
    public func checkCases(quick: Bool) -> [AttentionShape] {
        var shapes: [AttentionShape] = []
        let lengths = quick ? [1, 7, 70] : [1, 7, 64, 100, 257]
        for D in [16, 32, 64, 128] {
            for T in lengths {
                for W in [nil, 0, 5, T - 1, T + 3] as [Int?] {
                    shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: T, D: D, window: W))
                }
            }
        }
        shapes.append(AttentionShape(B: 2, H: 4, Hkv: 2, T: 33, D: 32))
        shapes.append(AttentionShape(B: 2, H: 4, Hkv: 4, T: 70, D: 16, window: 17))
        shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: 9, S: 80, D: 32))
        shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: 20, S: 90, D: 16, window: 30))
        // windows that pick other tile sizes (the tiles follow W: Bq 16 / Bk 16 at W 12, Bq 32 / Bk 48 at W 40)
        shapes.append(AttentionShape(B: 2, H: 2, Hkv: 1, T: 70, D: 32, window: 12))
        shapes.append(AttentionShape(B: 1, H: 2, Hkv: 2, T: 100, S: 103, D: 24, window: 40))
        // a band wider than a key tile taken as one forward tile (W 150: 176 keys; with a cache
        // offset, S > T), the widest such band (W 496: 512 keys), and one wider than that (W 600)
        shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: quick ? 200 : 300, D: 32, window: 150))
        shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: 40, S: 300, D: 16, window: 150))
        if !quick {
            shapes.append(AttentionShape(B: 1, H: 1, T: 530, D: 16, window: 496))
            shapes.append(AttentionShape(B: 1, H: 1, T: 700, D: 16, window: 600))
        }
        // every head dim of the grid, causal and windowed (small T for the big D: debug-build tests)
        for D in KernelCheckGrid.headDims {
            let T = quick ? (D >= 128 ? 9 : 33) : (D >= 128 ? 40 : 100)
            shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: T, D: D))
            shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: T, S: T + 11, D: D, window: 5))
        }
        if !quick {
            shapes.append(AttentionShape(B: 1, H: 2, T: 600, D: 64, window: 64))
            shapes.append(AttentionShape(B: 1, H: 8, Hkv: 2, T: 300, D: 64))
        }
        return shapes
    }

    public func problem(for shape: AttentionShape, seed: UInt64) -> SoftmaxAttentionProblem { SoftmaxAttentionProblem(shape, seed: seed) }

    public func forward(_ kernel: any SoftmaxAttentionKernel, on p: SoftmaxAttentionProblem, threads: Int,
                        keepForBackward: Bool) -> (outputs: [KernelQuantity], saved: SoftmaxAttentionOutput<Float>) {
        let out = kernel.forward(q: p.q, k: p.k, v: p.v, shape: p.shape, threads: threads)
        return ([("o", out.o), ("lse", out.lse)], out)
    }

    public func backward(_ kernel: any SoftmaxAttentionKernel, on p: SoftmaxAttentionProblem,
                         saved: SoftmaxAttentionOutput<Float>, threads: Int) -> [KernelQuantity] {
        let g = kernel.backward(q: p.q, k: p.k, v: p.v, output: saved, dout: p.dout, shape: p.shape, threads: threads)
        return [("dq", g.dq), ("dk", g.dk), ("dv", g.dv)]
    }

    /// The exact visible key pairs (causal halves); forward and backward = 3.5 × forward.
    public func flops(_ kernel: any SoftmaxAttentionKernel, on shape: AttentionShape, backward: Bool) -> Double? {
        backward ? shape.forwardBackwardFLOPs : shape.forwardFLOPs
    }
    /// q·kᵀ: T×S×D.
    public func mainProduct(of shape: AttentionShape) -> (m: Int, n: Int, k: Int)? { (shape.T, shape.S, shape.D) }
}
