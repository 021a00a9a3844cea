// Every kernel implementation the lab has, per op, fastest first and the reference last.
// A new implementation is one file plus one line here; `attnlab kernels check`, the tests and
// the benchmarks loop over these lists.

public enum KernelRegistry {
    /// `softmax-attention` implementations; the last is the reference.
    public static let softmaxAttention: [any SoftmaxAttentionKernel] = [
        TiledOnlineSoftmaxAttention(),
        NaiveSoftmaxAttentionKernel(),
    ]

    /// `residual-linear-attention` implementations; the last is the reference.
    public static let residualLinearAttention: [any ResidualLinearAttentionKernel] = [
        ChunkedLinearAttention(),
        RecurrentLinearAttentionKernel(),
    ]

    /// `softmax-attention-decode` implementations (one query against a cache read in place);
    /// the last is the reference.
    public static let softmaxAttentionDecode: [any SoftmaxAttentionDecodeKernel] = [
        SingleQueryDecode(),
        NaiveSoftmaxAttentionDecode(),
    ]

    /// `residual-linear-attention-decode` implementations (one token against linear states held
    /// in place); the last is the reference.
    public static let linearAttentionDecode: [any LinearAttentionDecodeKernel] = [
        FusedStateDecode(),
        NaiveLinearAttentionDecode(),
    ]

    /// The ops and their implementation names, in registry order.
    public static var ops: [(op: String, kernels: [String])] {
        [("softmax-attention", softmaxAttention.map(\.name)),
         ("residual-linear-attention", residualLinearAttention.map(\.name)),
         ("softmax-attention-decode", softmaxAttentionDecode.map(\.name)),
         ("residual-linear-attention-decode", linearAttentionDecode.map(\.name))]
    }

    /// The `softmax-attention-decode` kernel called `name`, or an error listing the known names.
    public static func softmaxAttentionDecode(named name: String) throws -> any SoftmaxAttentionDecodeKernel {
        try lookup(name, in: softmaxAttentionDecode, names: softmaxAttentionDecode.map(\.name), op: "softmax-attention-decode")
    }

    /// The `residual-linear-attention` kernel called `name`, or an error listing the known names.
    public static func residualLinearAttention(named name: String) throws -> any ResidualLinearAttentionKernel {
        try lookup(name, in: residualLinearAttention, names: residualLinearAttention.map(\.name), op: "residual-linear-attention")
    }

    /// The `softmax-attention` kernel called `name`, or an error listing the known names.
    public static func softmaxAttention(named name: String) throws -> any SoftmaxAttentionKernel {
        try lookup(name, in: softmaxAttention, names: softmaxAttention.map(\.name), op: "softmax-attention")
    }

    /// The `residual-linear-attention-decode` kernel called `name`, or an error listing the known names.
    public static func linearAttentionDecode(named name: String) throws -> any LinearAttentionDecodeKernel {
        try lookup(name, in: linearAttentionDecode, names: linearAttentionDecode.map(\.name), op: "residual-linear-attention-decode")
    }

    /// The element of `kernels` whose name (`names`, same order) is `name`, or an error listing them.
    private static func lookup<K>(_ name: String, in kernels: [K], names: [String], op: String) throws -> K {
        guard let i = names.firstIndex(of: name) else {
            throw KernelInputError(argument: "kernel", reason: "unknown \(op) kernel '\(name)' (known: \(names.joined(separator: ", ")))")
        }
        return kernels[i]
    }

    /// The first kernel that supports `shape` (the fastest by registry order), and the reasons the
    /// ones before it declined, so a silent fallback is visible in results.
    public static func dispatchSoftmaxAttention(_ shape: AttentionShape)
        -> (kernel: any SoftmaxAttentionKernel, skipped: [(name: String, reason: String)]) {
        var skipped: [(String, String)] = []
        for k in softmaxAttention {
            if let reason = k.unsupported(shape) { skipped.append((k.name, reason)) } else { return (k, skipped) }
        }
        return (softmaxAttention.last!, skipped)  // the reference supports every shape
    }
}
