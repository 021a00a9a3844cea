// Op `softmax-attention`: o = softmax(q·kᵀ/√D + mask)·v per head, with a causal mask that may
// also have a left window. This file holds the shapes, the mask, the FLOP convention and the
// protocol every implementation conforms to; the implementations live in `SoftmaxAttention+*.swift`.
//
// Shapes: q: [B, H, T, D]; k, v: [B, Hkv, S, D] with H % Hkv == 0 (grouped-query attention: query
// head h reads kv head h / (H / Hkv)); o: [B, H, T, D]; lse: [B, H, T].
// Positions: the T queries are the *last* T of the S keys, so query t sits at absolute position
// p = t + (S − T) (S = T for training and prefill, S > T when a cache precedes the queries).
// Mask: key j is visible to query t iff 0 ≤ p − j ≤ W (window W attends to W+1 keys, itself
// included); with no window, iff j ≤ p.
import LabCore

/// The problem size of one softmax-attention call.
public struct AttentionShape: Hashable, Sendable, CustomStringConvertible {
    public var B: Int, H: Int, Hkv: Int, T: Int, S: Int, D: Int
    /// Left window W (W+1 visible keys), or `nil` for plain causal attention. Clamped here, once,
    /// to min(W, S) (W ≥ S − 1 already sees every earlier key), so kernels may compute W + 1 and
    /// p − j ± W without overflow whatever window a caller passed (2^63 − 1 included). A negative
    /// window is kept as given for `validate` to reject.
    public var window: Int? {
        didSet { window = window.map { Swift.min($0, S) } }
    }

    public init(B: Int = 1, H: Int, Hkv: Int? = nil, T: Int, S: Int? = nil, D: Int, window: Int? = nil) {
        self.B = B; self.H = H; self.Hkv = Hkv ?? H; self.T = T; self.S = S ?? T; self.D = D
        self.window = window.map { Swift.min($0, self.S) }
    }

    public var description: String {
        "B\(B)_H\(H)" + (Hkv == H ? "" : "_Hkv\(Hkv)") + "_T\(T)" + (S == T ? "" : "_S\(S)") + "_D\(D)"
            + (window.map { "_W\($0)" } ?? "")
    }

    /// Query heads per kv head.
    public var group: Int { H / Hkv }
    /// Absolute position of query 0: S − T.
    public var queryOffset: Int { S - T }

    /// Visible keys of query t: `lo..<hi` with lo = max(0, p − W), hi = p + 1.
    @inline(__always) public func keyRange(query t: Int) -> Range<Int> {
        let p = t + queryOffset
        return max(0, window.map { p - $0 } ?? 0)..<(p + 1)
    }

    /// Number of visible (query, key) pairs per head: Σ_t (min(p_t, W) + 1).
    public var visiblePairs: Int {
        (0..<T).reduce(0) { $0 + keyRange(query: $1).count }
    }

    /// Forward FLOPs by docs/conventions.md: matmuls only, 2 per multiply-add, over the visible
    /// pairs of q·kᵀ and p·v: 2·B·H·pairs·(D + D). Causal halves (pairs ≈ T²/2).
    public var forwardFLOPs: Double { 4 * Double(B * H) * Double(visiblePairs) * Double(D) }
    /// Forward + backward FLOPs: 3.5 × forward (FlashAttention's convention: backward = 2.5×).
    public var forwardBackwardFLOPs: Double { 3.5 * forwardFLOPs }

    /// Checks the shape is well-formed; the error names the offending argument.
    public func validate() throws {
        func fail(_ argument: String, _ reason: String) -> KernelInputError {
            KernelInputError(argument: argument, reason: reason)
        }
        for (name, value) in [("B", B), ("H", H), ("Hkv", Hkv), ("D", D)] where value < 1 {
            throw fail(name, "must be ≥ 1, got \(value)")
        }
        if T < 1 { throw fail("T", "must be ≥ 1, got \(T)") }
        if S < T { throw fail("k", "key length S=\(S) is shorter than query length T=\(T) (queries are the last T of S positions)") }
        if H % Hkv != 0 { throw fail("k", "query heads H=\(H) are not a multiple of kv heads Hkv=\(Hkv)") }
        if let w = window, w < 0 { throw fail("window", "must be ≥ 0, got \(w)") }
        // every index a kernel computes is below one of these element counts
        if Self.elementCount([B, H, T, D]) == nil { throw fail("q", "shape [\(B), \(H), \(T), \(D)] has too many elements (Int overflow)") }
        if Self.elementCount([B, Hkv, S, D]) == nil { throw fail("k", "shape [\(B), \(Hkv), \(S), \(D)] has too many elements (Int overflow)") }
    }

    /// Π dims, or nil if the product overflows `Int`.
    public static func elementCount(_ dims: [Int]) -> Int? {
        var n = 1
        for d in dims {
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            n = p
        }
        return n
    }

    /// The shape of q, k, v tensors (rank 4), or an error naming the argument that disagrees.
    public static func infer(q: [Int], k: [Int], v: [Int], window: Int?) throws -> AttentionShape {
        for (name, s) in [("q", q), ("k", k), ("v", v)] where s.count != 4 {
            throw KernelInputError(argument: name, reason: "expected rank 4 [B, H, T, D], got shape \(s)")
        }
        if k != v { throw KernelInputError(argument: "v", reason: "shape \(v) differs from k's \(k)") }
        if q[0] != k[0] { throw KernelInputError(argument: "k", reason: "batch \(k[0]) differs from q's \(q[0])") }
        if q[3] != k[3] { throw KernelInputError(argument: "k", reason: "head dim D=\(k[3]) differs from q's D=\(q[3])") }
        let shape = AttentionShape(B: q[0], H: q[1], Hkv: k[1], T: q[2], S: k[2], D: q[3], window: window)
        try shape.validate()
        return shape
    }
}

/// A bad argument to a kernel: which one and why.
public struct KernelInputError: Error, CustomStringConvertible, Equatable {
    public let argument: String
    public let reason: String
    public init(argument: String, reason: String) { self.argument = argument; self.reason = reason }
    public var description: String { "\(argument): \(reason)" }
}

/// What a forward pass returns: the output and the per-row log-sum-exp of the scaled scores
/// (natural log), which the backward pass uses to recompute probabilities.
public struct SoftmaxAttentionOutput<Scalar: TensorScalar>: Sendable {
    /// o: [B, H, T, D]
    public var o: Tensor<Scalar>
    /// lse: [B, H, T], lse_t = log Σ_j exp(q_t·k_j/√D) over visible j.
    public var lse: Tensor<Scalar>
    public init(o: Tensor<Scalar>, lse: Tensor<Scalar>) { self.o = o; self.lse = lse }
}

/// Gradients of a scalar loss with respect to q, k and v (same shapes as the inputs).
public struct SoftmaxAttentionGradients<Scalar: TensorScalar>: Sendable {
    public var dq: Tensor<Scalar>, dk: Tensor<Scalar>, dv: Tensor<Scalar>
    public init(dq: Tensor<Scalar>, dk: Tensor<Scalar>, dv: Tensor<Scalar>) {
        self.dq = dq; self.dk = dk; self.dv = dv
    }
}

/// One implementation of `softmax-attention`.
public protocol SoftmaxAttentionKernel: Sendable {
    /// Registry name, e.g. `"naive"` or `"tiled-online-softmax"`.
    var name: String { get }
    /// `nil` if this kernel handles `shape`, else the reason it does not.
    func unsupported(_ shape: AttentionShape) -> String?
    /// Forward pass on `threads` threads. Inputs are validated by the caller (`AttentionShape.infer`).
    func forward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, shape: AttentionShape,
                 threads: Int) -> SoftmaxAttentionOutput<Float>
    /// Backward pass given the forward's output and the upstream gradient `dout` ([B, H, T, D]).
    func backward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, output: SoftmaxAttentionOutput<Float>,
                  dout: Tensor<Float>, shape: AttentionShape, threads: Int) -> SoftmaxAttentionGradients<Float>
}
