// How a variant reaches the kernel layer: by name through `KernelRegistry` (default: the fastest
// that supports the shape), in Float; in Double (gradient checks) the generic references run.
// Every call reports the kernel that actually ran, so results can record it.
import LabCore
import LabKernels

/// Which kernels a variant should use and on how many threads.
public struct KernelChoice: Hashable, Sendable, Codable {
    /// `softmax-attention` implementation name, or nil for the fastest that supports the shape.
    public var softmaxAttention: String?
    /// `residual-linear-attention` implementation name, or nil for the fastest.
    public var linearAttention: String?
    public var threads: Int

    public init(softmaxAttention: String? = nil, linearAttention: String? = nil, threads: Int = 1) {
        self.softmaxAttention = softmaxAttention
        self.linearAttention = linearAttention
        self.threads = threads
    }
}

public enum SoftmaxAttentionOp {
    /// Forward of `softmax-attention`; returns the output and the name of the kernel that ran.
    public static func forward<S: TensorScalar>(q: Tensor<S>, k: Tensor<S>, v: Tensor<S>, shape: AttentionShape,
                                                choice: KernelChoice) -> (SoftmaxAttentionOutput<S>, String) {
        if let qf = q as? Tensor<Float>, let kf = k as? Tensor<Float>, let vf = v as? Tensor<Float> {
            let kernel = resolve(shape, choice)
            let out = kernel.forward(q: qf, k: kf, v: vf, shape: shape, threads: choice.threads)
            return (out as! SoftmaxAttentionOutput<S>, kernel.name)
        }
        return (NaiveSoftmaxAttention.forward(q: q, k: k, v: v, shape: shape), "naive")
    }

    public static func backward<S: TensorScalar>(q: Tensor<S>, k: Tensor<S>, v: Tensor<S>, output: SoftmaxAttentionOutput<S>,
                                                 dout: Tensor<S>, shape: AttentionShape, choice: KernelChoice)
        -> SoftmaxAttentionGradients<S> {
        if let qf = q as? Tensor<Float>, let kf = k as? Tensor<Float>, let vf = v as? Tensor<Float>,
           let of = output as? SoftmaxAttentionOutput<Float>, let gf = dout as? Tensor<Float> {
            let kernel = resolve(shape, choice)
            return kernel.backward(q: qf, k: kf, v: vf, output: of, dout: gf, shape: shape, threads: choice.threads)
                as! SoftmaxAttentionGradients<S>
        }
        return NaiveSoftmaxAttention.backward(q: q, k: k, v: v, output: output, dout: dout, shape: shape)
    }

    /// The named kernel if it supports `shape`, else the registry's dispatch.
    static func resolve(_ shape: AttentionShape, _ choice: KernelChoice) -> any SoftmaxAttentionKernel {
        if let name = choice.softmaxAttention, let k = try? KernelRegistry.softmaxAttention(named: name),
           k.unsupported(shape) == nil {
            return k
        }
        return KernelRegistry.dispatchSoftmaxAttention(shape).kernel
    }
}

public enum ResidualLinearAttentionOp {
    /// Forward of `residual-linear-attention` (chunk size `chunk` for chunked kernels); returns the
    /// output and final state, and the name of the kernel that ran.
    public static func forward<S: TensorScalar>(q: Tensor<S>, k: Tensor<S>, v: Tensor<S>, shape: LinearAttentionShape,
                                                chunk: Int, choice: KernelChoice) -> (LinearAttentionOutput<S>, String) {
        if let qf = q as? Tensor<Float>, let kf = k as? Tensor<Float>, let vf = v as? Tensor<Float> {
            let kernel = resolve(shape, chunk: chunk, choice)
            let out = kernel.forward(q: qf, k: kf, v: vf, s0: nil, shape: shape, threads: choice.threads)
            return (out as! LinearAttentionOutput<S>, kernel.name)
        }
        return (RecurrentLinearAttention.forward(q: q, k: k, v: v, s0: nil, shape: shape), "recurrent")
    }

    public static func backward<S: TensorScalar>(q: Tensor<S>, k: Tensor<S>, v: Tensor<S>, dout: Tensor<S>,
                                                 shape: LinearAttentionShape, chunk: Int, choice: KernelChoice)
        -> LinearAttentionGradients<S> {
        if let qf = q as? Tensor<Float>, let kf = k as? Tensor<Float>, let vf = v as? Tensor<Float>, let gf = dout as? Tensor<Float> {
            let kernel = resolve(shape, chunk: chunk, choice)
            return kernel.backward(q: qf, k: kf, v: vf, s0: nil, dout: gf, shape: shape, threads: choice.threads)
                as! LinearAttentionGradients<S>
        }
        return RecurrentLinearAttention.backward(q: q, k: k, v: v, s0: nil, dout: dout, shape: shape)
    }

    /// The named kernel if it supports `shape`, else the first in registry order that does.
    static func resolve(_ shape: LinearAttentionShape, chunk: Int, _ choice: KernelChoice) -> any ResidualLinearAttentionKernel {
        var kernel: any ResidualLinearAttentionKernel = KernelRegistry.residualLinearAttention.last!
        if let name = choice.linearAttention, let k = try? KernelRegistry.residualLinearAttention(named: name),
           k.unsupported(shape) == nil {
            kernel = k
        } else if let k = KernelRegistry.residualLinearAttention.first(where: { $0.unsupported(shape) == nil }) {
            kernel = k
        }
        kernel.chunkSize = chunk
        return kernel
    }
}
