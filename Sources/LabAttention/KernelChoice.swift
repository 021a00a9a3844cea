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
    /// Op → implementation name, for the ops of `KernelRegistry.all` given one (names checked by
    /// `init(overrides:)`); an op not named runs the fastest implementation that supports the shape.
    public private(set) var overrides: [String: String]
    public var threads: Int

    /// The dispatch for every op, on `threads` threads.
    public init(threads: Int = 1) {
        overrides = [:]
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
            let descriptor = try KernelRegistry.op(named: op)
            _ = try descriptor.kernel(named: name)
            self.overrides[op] = name
        }
    }

    /// The implementation of `op` this choice names, if any.
    public func named(_ op: some KernelOp) -> String? { overrides[op.name] }

    /// The implementation of `op` this choice names, if it supports `testCase` (configured for
    /// it); else the dispatch's (`KernelOp.dispatch`: the fastest that does, or the reference).
    public func resolve<Op: KernelOp>(_ op: Op, _ testCase: Op.Case) -> Op.Kernel {
        if let name = named(op), let k = try? op.kernel(named: name) {
            let k = op.configured(k, for: testCase)
            if op.unsupported(k, on: testCase) == nil { return k }
        }
        return op.dispatch(testCase).kernel
    }

    /// How results record the kernel `ran` of `op`: its name, with the named kernel's reason
    /// when this choice named another one that declined `testCase`.
    public func reportedName<Op: KernelOp>(_ ran: Op.Kernel, _ op: Op, _ testCase: Op.Case, shape: CustomStringConvertible) -> String {
        let ranName = op.name(of: ran)
        guard let name = named(op), name != ranName, let k = try? op.kernel(named: name),
              let reason = op.unsupported(op.configured(k, for: testCase), on: testCase) else { return ranName }
        return KernelChoice.declined(ranName, named: name, shape: shape, reason: reason)
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
        choice.reportedName(kernel, KernelRegistry.softmaxAttention, shape, shape: shape)
    }

    /// The named kernel if it supports `shape`, else the registry's dispatch.
    static func resolve(_ shape: AttentionShape, _ choice: KernelChoice) -> any SoftmaxAttentionKernel {
        choice.resolve(KernelRegistry.softmaxAttention, shape)
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
            let kernel = choice.resolve(KernelRegistry.softmaxAttentionDecode, DecodeCase(shape))
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
    /// output and final state (with `keepForBackward`, and the kernel's residuals for `backward`),
    /// and the name of the kernel that ran.
    public static func forward<S: TensorScalar>(q: Tensor<S>, k: Tensor<S>, v: Tensor<S>, shape: LinearAttentionShape,
                                                chunk: Int, choice: KernelChoice, keepForBackward: Bool) -> (LinearAttentionOutput<S>, String) {
        let profiled = Profile.begin(); defer { Profile.end(.linearAttention, profiled) }
        if let qf = q as? Tensor<Float>, let kf = k as? Tensor<Float>, let vf = v as? Tensor<Float> {
            let kernel = resolve(shape, chunk: chunk, choice)
            let out = kernel.forward(q: qf, k: kf, v: vf, s0: nil, shape: shape, threads: choice.threads, keepForBackward: keepForBackward)
            return (out as! LinearAttentionOutput<S>, reportedName(kernel, shape, chunk: chunk, choice))
        }
        return (RecurrentLinearAttention.forward(q: q, k: k, v: v, s0: nil, shape: shape), "recurrent")
    }

    /// Backward of `residual-linear-attention`; `residuals`: what the forward on the same inputs kept.
    public static func backward<S: TensorScalar>(q: Tensor<S>, k: Tensor<S>, v: Tensor<S>, dout: Tensor<S>,
                                                 residuals: LinearAttentionResiduals?, shape: LinearAttentionShape, chunk: Int,
                                                 choice: KernelChoice) -> LinearAttentionGradients<S> {
        let profiled = Profile.begin(); defer { Profile.end(.linearAttention, profiled) }
        if let qf = q as? Tensor<Float>, let kf = k as? Tensor<Float>, let vf = v as? Tensor<Float>, let gf = dout as? Tensor<Float> {
            let kernel = resolve(shape, chunk: chunk, choice)
            return kernel.backward(q: qf, k: kf, v: vf, s0: nil, dout: gf, residuals: residuals, shape: shape, threads: choice.threads)
                as! LinearAttentionGradients<S>
        }
        return RecurrentLinearAttention.backward(q: q, k: k, v: v, s0: nil, dout: dout, shape: shape)
    }

    /// The name of `kernel` as results record it: with the named kernel's reason when it declined `shape`.
    static func reportedName(_ kernel: any ResidualLinearAttentionKernel, _ shape: LinearAttentionShape, chunk: Int,
                             _ choice: KernelChoice) -> String {
        choice.reportedName(kernel, KernelRegistry.residualLinearAttention, LinearAttentionCase(shape, chunkSize: chunk), shape: shape)
    }

    /// The named kernel if it supports `shape` (at chunk size `chunk`), else the first in registry
    /// order that does, else the reference (all at chunk size `chunk`).
    static func resolve(_ shape: LinearAttentionShape, chunk: Int, _ choice: KernelChoice) -> any ResidualLinearAttentionKernel {
        choice.resolve(KernelRegistry.residualLinearAttention, LinearAttentionCase(shape, chunkSize: chunk))
    }
}
