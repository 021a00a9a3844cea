// How a variant reaches the kernel layer: by name through `KernelRegistry` (default: the fastest
// that supports the shape), in Float; in Double (gradient checks) the generic references run.
// Every call reports the kernel that actually ran, so results can record it. A named kernel that
// declines a shape falls back to the dispatch, and the name it reports says so:
// `"naive (tiled-online-softmax declined B1_H1_T64_D24: head dim D=24 is not a multiple of 16 …)"`;
// `LanguageModel.checkKernels` turns that into an error before a run starts.
import LabCore
import LabKernels

/// Which kernels a variant should use and on how many threads.
public struct KernelChoice: Hashable, Sendable, Codable {
    /// `softmax-attention` implementation name, or nil for the fastest that supports the shape.
    public var softmaxAttention: String?
    /// `residual-linear-attention` implementation name, or nil for the fastest.
    public var linearAttention: String?
    /// `softmax-attention-decode` implementation name (decoding one token against a cache), or nil
    /// for the fastest.
    public var softmaxAttentionDecode: String?
    /// `residual-linear-attention-decode` implementation name (a linear state's decode step), or
    /// nil for the fastest.
    public var linearAttentionDecode: String?
    public var threads: Int

    public init(softmaxAttention: String? = nil, linearAttention: String? = nil, threads: Int = 1) {
        self.softmaxAttention = softmaxAttention
        self.linearAttention = linearAttention
        self.threads = threads
    }

    /// A choice from op → kernel-name overrides (`KernelRegistry.ops` names both), e.g.
    /// `["softmax-attention": "naive", "residual-linear-attention": "recurrent"]`; an op not
    /// named keeps the dispatch (the fastest kernel that supports the shape).
    /// - Throws: `KernelInputError` naming the known ops for an unknown op, or the op's known
    ///   kernels for an unknown kernel.
    public init(overrides: [String: String], threads: Int = 1) throws {
        self.init(threads: threads)
        for (op, name) in overrides.sorted(by: { $0.key < $1.key }) {
            switch op {
            case "softmax-attention": softmaxAttention = try KernelRegistry.softmaxAttention(named: name).name
            case "residual-linear-attention": linearAttention = try KernelRegistry.residualLinearAttention(named: name).name
            case "softmax-attention-decode": softmaxAttentionDecode = try KernelRegistry.softmaxAttentionDecode(named: name).name
            case "residual-linear-attention-decode": linearAttentionDecode = try KernelRegistry.linearAttentionDecode(named: name).name
            default:
                throw KernelInputError(argument: "kernel", reason: "unknown op '\(op)' (known: "
                    + KernelRegistry.ops.map(\.op).joined(separator: ", ") + ")")
            }
        }
    }

    /// The ops this choice names a kernel for, op → kernel name (empty: dispatch everywhere).
    public var overrides: [String: String] {
        var o: [String: String] = [:]
        if let softmaxAttention { o["softmax-attention"] = softmaxAttention }
        if let linearAttention { o["residual-linear-attention"] = linearAttention }
        if let softmaxAttentionDecode { o["softmax-attention-decode"] = softmaxAttentionDecode }
        if let linearAttentionDecode { o["residual-linear-attention-decode"] = linearAttentionDecode }
        return o
    }

    /// Parses one `OP=NAME` (the `--kernel` flag), e.g. `softmax-attention=naive`, checking both
    /// names against `KernelRegistry`.
    /// - Throws: `KernelInputError` for a missing `=` or an unknown op or kernel (naming the known ones).
    public static func parse(_ spec: String) throws -> (op: String, kernel: String) {
        let parts = spec.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw KernelInputError(argument: "kernel", reason: "'\(spec)': expected OP=NAME, e.g. softmax-attention=naive (ops: "
                + KernelRegistry.ops.map(\.op).joined(separator: ", ") + ")")
        }
        _ = try KernelChoice(overrides: [parts[0]: parts[1]])
        return (parts[0], parts[1])
    }

    /// The name an op reports when `named` declined `shape` for `reason` and `ran` ran instead.
    static func declined(_ ran: String, named: String, shape: CustomStringConvertible, reason: String) -> String {
        "\(ran) (\(named) declined \(shape): \(reason))"
    }

    /// From a reported name (as `declined` writes it), `"NAME declines SHAPE: REASON; RAN ran instead"`
    /// when the named kernel declined, else nil.
    public static func declineMessage(_ reported: String, named: String) -> String? {
        guard let open = reported.range(of: " (\(named) declined "), reported.hasSuffix(")") else { return nil }
        let ran = reported[..<open.lowerBound]
        let detail = reported[open.upperBound...].dropLast()
        return "\(named) declines \(detail); \(ran) ran instead"
    }
}

public enum SoftmaxAttentionOp {
    /// Forward of `softmax-attention`; returns the output and the name of the kernel that ran.
    public static func forward<S: TensorScalar>(q: Tensor<S>, k: Tensor<S>, v: Tensor<S>, shape: AttentionShape,
                                                choice: KernelChoice) -> (SoftmaxAttentionOutput<S>, String) {
        let profiled = Profile.begin(); defer { Profile.end(.softmaxAttention, profiled) }
        if let qf = q as? Tensor<Float>, let kf = k as? Tensor<Float>, let vf = v as? Tensor<Float> {
            let kernel = resolve(shape, choice)
            let out = kernel.forward(q: qf, k: kf, v: vf, shape: shape, threads: choice.threads)
            return (out as! SoftmaxAttentionOutput<S>, reportedName(kernel, shape, choice))
        }
        return (NaiveSoftmaxAttention.forward(q: q, k: k, v: v, shape: shape), "naive")
    }

    public static func backward<S: TensorScalar>(q: Tensor<S>, k: Tensor<S>, v: Tensor<S>, output: SoftmaxAttentionOutput<S>,
                                                 dout: Tensor<S>, shape: AttentionShape, choice: KernelChoice)
        -> SoftmaxAttentionGradients<S> {
        let profiled = Profile.begin(); defer { Profile.end(.softmaxAttention, profiled) }
        if let qf = q as? Tensor<Float>, let kf = k as? Tensor<Float>, let vf = v as? Tensor<Float>,
           let of = output as? SoftmaxAttentionOutput<Float>, let gf = dout as? Tensor<Float> {
            let kernel = resolve(shape, choice)
            return kernel.backward(q: qf, k: kf, v: vf, output: of, dout: gf, shape: shape, threads: choice.threads)
                as! SoftmaxAttentionGradients<S>
        }
        return NaiveSoftmaxAttention.backward(q: q, k: k, v: v, output: output, dout: dout, shape: shape)
    }

    /// The name of `kernel` as results record it: with the named kernel's reason when it declined `shape`.
    static func reportedName(_ kernel: any SoftmaxAttentionKernel, _ shape: AttentionShape, _ choice: KernelChoice) -> String {
        guard let name = choice.softmaxAttention, name != kernel.name, let k = try? KernelRegistry.softmaxAttention(named: name),
              let reason = k.unsupported(shape) else { return kernel.name }
        return KernelChoice.declined(kernel.name, named: name, shape: shape, reason: reason)
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

public enum SoftmaxAttentionDecodeOp {
    /// One query per (sequence, head), q: [B, H, 1, D] (positions after the keys), against the
    /// last `last` tokens of `cache` (nil: every stored token), read in place: o [B, H, 1, D] and
    /// the name of the kernel that ran. Every token the view covers is visible to the query.
    public static func decode(q: Tensor<Float>, cache: KVCache, last: Int? = nil, heads H: Int, choice: KernelChoice)
        -> (o: Tensor<Float>, kernel: String) {
        let (B, D) = (cache.batch, cache.headDim)
        precondition(q.shape == [B, H, 1, D], "decode: q \(q.shape), expected [\(B), \(H), 1, \(D)]")
        return cache.withView(last: last) { view in
            let shape = AttentionShape(B: B, H: H, Hkv: cache.kvHeads, T: 1, S: view.count, D: D)
            var kernel = KernelRegistry.softmaxAttentionDecode.first { $0.unsupported(shape) == nil } ?? KernelRegistry.softmaxAttentionDecode.last!
            if let name = choice.softmaxAttentionDecode, let k = try? KernelRegistry.softmaxAttentionDecode(named: name),
               k.unsupported(shape) == nil { kernel = k }
            var o = [Float](repeating: 0, count: B * H * D), lse = [Float](repeating: 0, count: B * H)
            q.scalars.withUnsafeBufferPointer { qb in o.withUnsafeMutableBufferPointer { ob in lse.withUnsafeMutableBufferPointer { lb in
                kernel.decode(q: qb.baseAddress!, kv: view, shape: shape, o: ob.baseAddress!, lse: lb.baseAddress!, threads: choice.threads)
            }}}
            return (Tensor(shape: [B, H, 1, D], scalars: o), kernel.name)
        }
    }
}

public enum ResidualLinearAttentionOp {
    /// Forward of `residual-linear-attention` (chunk size `chunk` for chunked kernels); returns the
    /// output and final state, and the name of the kernel that ran.
    public static func forward<S: TensorScalar>(q: Tensor<S>, k: Tensor<S>, v: Tensor<S>, shape: LinearAttentionShape,
                                                chunk: Int, choice: KernelChoice) -> (LinearAttentionOutput<S>, String) {
        let profiled = Profile.begin(); defer { Profile.end(.linearAttention, profiled) }
        if let qf = q as? Tensor<Float>, let kf = k as? Tensor<Float>, let vf = v as? Tensor<Float> {
            let kernel = resolve(shape, chunk: chunk, choice)
            let out = kernel.forward(q: qf, k: kf, v: vf, s0: nil, shape: shape, threads: choice.threads)
            return (out as! LinearAttentionOutput<S>, reportedName(kernel, shape, chunk: chunk, choice))
        }
        return (RecurrentLinearAttention.forward(q: q, k: k, v: v, s0: nil, shape: shape), "recurrent")
    }

    public static func backward<S: TensorScalar>(q: Tensor<S>, k: Tensor<S>, v: Tensor<S>, dout: Tensor<S>,
                                                 shape: LinearAttentionShape, chunk: Int, choice: KernelChoice)
        -> LinearAttentionGradients<S> {
        let profiled = Profile.begin(); defer { Profile.end(.linearAttention, profiled) }
        if let qf = q as? Tensor<Float>, let kf = k as? Tensor<Float>, let vf = v as? Tensor<Float>, let gf = dout as? Tensor<Float> {
            let kernel = resolve(shape, chunk: chunk, choice)
            return kernel.backward(q: qf, k: kf, v: vf, s0: nil, dout: gf, shape: shape, threads: choice.threads)
                as! LinearAttentionGradients<S>
        }
        return RecurrentLinearAttention.backward(q: q, k: k, v: v, s0: nil, dout: dout, shape: shape)
    }

    /// The name of `kernel` as results record it: with the named kernel's reason when it declined `shape`.
    static func reportedName(_ kernel: any ResidualLinearAttentionKernel, _ shape: LinearAttentionShape, chunk: Int,
                             _ choice: KernelChoice) -> String {
        guard let name = choice.linearAttention, name != kernel.name,
              var k = try? KernelRegistry.residualLinearAttention(named: name) else { return kernel.name }
        k.chunkSize = chunk
        guard let reason = k.unsupported(shape) else { return kernel.name }
        return KernelChoice.declined(kernel.name, named: name, shape: shape, reason: reason)
    }

    /// The named kernel if it supports `shape` (at chunk size `chunk`), else the first in registry order that does.
    static func resolve(_ shape: LinearAttentionShape, chunk: Int, _ choice: KernelChoice) -> any ResidualLinearAttentionKernel {
        if let name = choice.linearAttention, var k = try? KernelRegistry.residualLinearAttention(named: name) {
            k.chunkSize = chunk
            if k.unsupported(shape) == nil { return k }
        }
        for var k in KernelRegistry.residualLinearAttention {
            k.chunkSize = chunk
            if k.unsupported(shape) == nil { return k }
        }
        var k = KernelRegistry.residualLinearAttention.last!  // the reference supports every shape
        k.chunkSize = chunk
        return k
    }
}
