// Every kernel op the lab has: one descriptor per op (`KernelOp`: implementations fastest first,
// the reference, capabilities, check cases). A new op is its folder plus one line in `all`; a new
// implementation of an op is one file plus one line in its descriptor's `fast`. `attnlab kernels
// list` / `check`, the `--kernel OP=NAME` flag, `KernelChoice` and the tests loop over `all`.

public enum KernelRegistry {
    /// Every op, in the order `kernels list` and `kernels check` print them.
    public static let all: [any KernelOp] = [
        softmaxAttention,
        residualLinearAttention,
        softmaxAttentionDecode,
        linearAttentionDecode,
    ]

    // Typed handles for the ops that layers call directly (the dispatch in `LabAttention`).
    public static let softmaxAttention = SoftmaxAttentionDescriptor()
    public static let residualLinearAttention = ResidualLinearAttentionDescriptor()
    public static let softmaxAttentionDecode = SoftmaxAttentionDecodeDescriptor()
    public static let linearAttentionDecode = LinearAttentionDecodeDescriptor()

    /// The ops and their implementation names, fastest first and the reference at the end.
    public static var ops: [(op: String, kernels: [String])] { all.map { ($0.name, $0.implementationNames) } }

    /// The op called `name`.
    /// - Throws: `KernelInputError` (argument `kernel`, as `--kernel OP=NAME` reports it) naming the known ops.
    public static func op(named name: String) throws -> any KernelOp {
        guard let op = all.first(where: { $0.name == name }) else {
            throw KernelInputError(argument: "kernel", reason: "unknown op '\(name)' (known: \(all.map(\.name).joined(separator: ", ")))")
        }
        return op
    }
}
