// Op `residual-linear-attention`: the linear branch of RAttention (docs/rattention.md). Per head,
// query t reads a state that summarises only the tokens that have left its window of W+1:
//
//   S_t = S_0 + Σ_{j ≤ t−W−1} φ(k_j) v_jᵀ          S: [D', D], D' = 2D
//   o_t = φ(q_t)ᵀ S_t                               o_t: [D]
//
// so with S_0 = 0 every query t ≤ W reads exactly 0, and W = −1 is plain causal linear attention
// over j ≤ t. No denominator, no decay, no RoPE and no 1/√D (as in AXLearn's reference).
// This file holds the shape, the FLOP convention, input validation and the protocol every
// implementation conforms to; the implementations live in `ResidualLinearAttention+*.swift`.
//
// Shapes: q: [B, H, T, D]; k, v: [B, Hkv, T, D] with H % Hkv == 0 (query head h reads kv head
// h / (H / Hkv)); o: [B, H, T, D]; states S_0, S_T: [B, H, 2D, D] (per *query* head, as AXLearn
// keeps them; dk and dv sum over each GQA group).
// Final state: `sT` = S_0 + Σ_{j ≤ T−W−2} φ(k_j) v_jᵀ, the state the last query read. Together with
// the last W+1 keys and values it is exactly the decode state after T tokens (see +Decode).
import LabCore

/// The problem size and configuration of one `residual-linear-attention` call (S = T: no cache;
/// decoding after a prefill goes through `ResidualLinearAttentionDecodeState`).
public struct LinearAttentionShape: Hashable, Sendable, CustomStringConvertible {
    public var B: Int, H: Int, Hkv: Int, T: Int, D: Int
    /// Window W ≥ −1: query t reads tokens j ≤ t − W − 1 (the SWA branch covers the other W+1).
    /// Clamped here, once, to min(W, T): W ≥ T − 1 folds no token (every output reads S_0), and
    /// `shift` = W + 1 ≤ T + 1 cannot overflow whatever window a caller passed (2^63 − 1 included).
    public var window: Int {
        didSet { window = Swift.min(window, T) }
    }
    public var featureMap: FeatureMap

    public init(B: Int = 1, H: Int, Hkv: Int? = nil, T: Int, D: Int, window: Int, featureMap: FeatureMap = .softmax2) {
        self.B = B; self.H = H; self.Hkv = Hkv ?? H; self.T = T; self.D = D
        self.window = Swift.min(window, T); self.featureMap = featureMap
    }

    public var description: String {
        "B\(B)_H\(H)" + (Hkv == H ? "" : "_Hkv\(Hkv)") + "_T\(T)_D\(D)_W\(window)_\(featureMap.rawValue)"
    }

    /// Query heads per kv head.
    public var group: Int { H / Hkv }
    /// Rows per chunk where none is given: the chunked kernel's, the variants' `chunk` and the
    /// CLI's (64 balances the O(C) intra-chunk term against tile efficiency).
    public static let defaultChunkSize = 64
    /// Feature dimension D' = 2D (both feature maps concatenate two D-vectors).
    public var featureDim: Int { 2 * D }
    /// How far k and v are shifted right: W + 1 ≤ T + 1 (row t of the shifted k, v holds token t − W − 1).
    public var shift: Int { window + 1 }
    /// Shape of S_0 and S_T: [B, H, 2D, D].
    public var stateShape: [Int] { [B, H, 2 * D, D] }
    /// Tokens that ever enter the state: U = max(0, T − W − 1).
    public var foldedTokens: Int { max(0, T - shift) }

    /// Forward FLOPs by docs/conventions.md (matmuls only, 2 per multiply-add), per head:
    ///   read    2·T·D'·D        (o_t = φ(q_t)ᵀ S_t for every query)
    ///   update  2·U·D'·D        (S += φ(k_j) v_jᵀ for the U tokens that leave the window)
    ///   intra   U·C·(D' + D)    (the causal half of each C×C block of Q̃K̃ᵀ and A·V')
    /// with U = max(0, T − W − 1) and C = min(chunk, T) (C = 0 for a kernel without chunks).
    /// For D = 64, C = 64 that is ≈ 45 kFLOP per token per head.
    public func forwardFLOPs(chunkSize: Int) -> Double {
        let (Dp, U, C) = (Double(featureDim), Double(foldedTokens), Double(min(chunkSize, T)))
        return Double(B * H) * (2 * Double(T) * Dp * Double(D) + 2 * U * Dp * Double(D) + U * C * (Dp + Double(D)))
    }
    /// Forward + backward FLOPs: 3.5 × forward (FlashAttention's convention, docs/conventions.md).
    public func forwardBackwardFLOPs(chunkSize: Int) -> Double { 3.5 * forwardFLOPs(chunkSize: chunkSize) }

    /// Checks the shape is well-formed; the error names the offending argument.
    public func validate() throws {
        for (name, value) in [("B", B), ("H", H), ("Hkv", Hkv), ("T", T), ("D", D)] where value < 1 {
            throw KernelInputError(argument: name, reason: "must be ≥ 1, got \(value)")
        }
        if H % Hkv != 0 {
            throw KernelInputError(argument: "k", reason: "query heads H=\(H) are not a multiple of kv heads Hkv=\(Hkv)")
        }
        if window < -1 {
            throw KernelInputError(argument: "window", reason: "must be ≥ −1 (−1: plain causal linear attention), got \(window)")
        }
        // every index a kernel computes is below one of these element counts (states: 2D·D per head)
        if AttentionShape.elementCount([B, H, T, D]) == nil || AttentionShape.elementCount([B, H, 2, D, D]) == nil {
            throw KernelInputError(argument: "q", reason: "shape B=\(B) H=\(H) T=\(T) D=\(D) has too many elements (Int overflow)")
        }
    }

    /// The shape of q, k, v tensors (rank 4), or an error naming the argument that disagrees.
    public static func infer(q: [Int], k: [Int], v: [Int], window: Int, featureMap: FeatureMap) throws -> LinearAttentionShape {
        let a = try AttentionShape.infer(q: q, k: k, v: v, window: nil)  // ranks, batch, D, GQA
        if a.S != a.T {
            throw KernelInputError(argument: "k", reason: "length \(a.S) differs from q's T=\(a.T) (residual-linear-attention has no cache; use the decode state)")
        }
        let shape = LinearAttentionShape(B: a.B, H: a.H, Hkv: a.Hkv, T: a.T, D: a.D, window: window, featureMap: featureMap)
        try shape.validate()
        return shape
    }

    /// Checks the tensors a kernel will read: S_0's shape, and that every value is finite (a NaN
    /// or ∞ in k or v is folded into the state and poisons every later output; in q, S_0 or dout
    /// it poisons the outputs and gradients). Call before a kernel; kernels do not re-check.
    public func validateInputs(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?,
                               dout: Tensor<Float>? = nil) throws {
        if let s0, s0.shape != stateShape {
            throw KernelInputError(argument: "s0", reason: "expected state shape \(stateShape) [B, H, 2D, D], got \(s0.shape)")
        }
        if let dout, dout.shape != q.shape {
            throw KernelInputError(argument: "dout", reason: "shape \(dout.shape) differs from q's \(q.shape)")
        }
        let named: [(String, Tensor<Float>?)] = [("q", q), ("k", k), ("v", v), ("s0", s0), ("dout", dout)]
        for case let (name, tensor?) in named {
            if let i = tensor.scalars.firstIndex(where: { !$0.isFinite }) {
                throw KernelInputError(argument: name, reason: "non-finite value \(tensor.scalars[i]) at flat index \(i); it would poison the state")
            }
        }
    }
}

/// What a forward pass returns: the output, the final state and, when the caller asked it to keep
/// them (`keepForBackward`), the kernel's residuals for its backward.
public struct LinearAttentionOutput<Scalar: TensorScalar>: Sendable {
    /// o: [B, H, T, D]
    public var o: Tensor<Scalar>
    /// sT: [B, H, 2D, D] = S_0 + Σ_{j ≤ T−W−2} φ(k_j) v_jᵀ (S_0 when T ≤ W + 1).
    public var sT: Tensor<Scalar>
    /// What the kernel kept for its backward (nil: nothing; its backward recomputes from the inputs).
    public var residuals: LinearAttentionResiduals?
    public init(o: Tensor<Scalar>, sT: Tensor<Scalar>, residuals: LinearAttentionResiduals? = nil) {
        self.o = o; self.sT = sT; self.residuals = residuals
    }
}

/// What a forward keeps for its backward beyond the inputs (JAX's "residuals"; `chunked`: every
/// chunk's causal scores and the final state, so that its backward neither recomputes the scores
/// nor rebuilds the states in a pass of its own), opaque to callers: hand
/// them back to `backward(…residuals:…)` with the same inputs (residuals of other inputs of the
/// same shape would give wrong gradients). A kernel reads only residuals it wrote itself for the
/// same shape and chunk size and recomputes from the inputs otherwise (nil, or another kernel's,
/// shape's or chunk size's), so those cost time, never correctness.
public struct LinearAttentionResiduals: Sendable {
    /// The kernel that wrote them (its registry name), its chunk size and the shape.
    let kernel: String, chunkSize: Int, shape: LinearAttentionShape
    /// In the writing kernel's own layout.
    let values: [Float]
    /// Bytes held (4 a value): `chunked` keeps T·Cp + 2D·D floats per (b, h), Cp = C rounded up
    /// to 16 (at C 64 and D 64 about as many as q holds).
    public var bytes: Int { values.count * MemoryLayout<Float>.stride }

    /// The values when `kernel` with `chunkSize` wrote them for `shape`, else nil.
    func values(kernel: String, chunkSize: Int, shape: LinearAttentionShape) -> [Float]? {
        self.kernel == kernel && self.chunkSize == chunkSize && self.shape == shape ? values : nil
    }
}

/// Gradients of a scalar loss L(o) with respect to q, k, v (input shapes) and S_0 ([B, H, 2D, D]).
public struct LinearAttentionGradients<Scalar: TensorScalar>: Sendable {
    public var dq: Tensor<Scalar>, dk: Tensor<Scalar>, dv: Tensor<Scalar>, ds0: Tensor<Scalar>
    public init(dq: Tensor<Scalar>, dk: Tensor<Scalar>, dv: Tensor<Scalar>, ds0: Tensor<Scalar>) {
        self.dq = dq; self.dk = dk; self.dv = dv; self.ds0 = ds0
    }
}

extension ResidualLinearAttentionKernel {
    public func prefers(_ shape: LinearAttentionShape) -> Bool { true }

    /// The forward of a call no backward follows (keeps nothing).
    public func forward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?,
                        shape: LinearAttentionShape, threads: Int) -> LinearAttentionOutput<Float> {
        forward(q: q, k: k, v: v, s0: s0, shape: shape, threads: threads, keepForBackward: false)
    }
    /// The backward with no residuals: everything recomputed from the inputs.
    public func backward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?,
                         dout: Tensor<Float>, shape: LinearAttentionShape, threads: Int) -> LinearAttentionGradients<Float> {
        backward(q: q, k: k, v: v, s0: s0, dout: dout, residuals: nil, shape: shape, threads: threads)
    }
}

/// One implementation of `residual-linear-attention`.
public protocol ResidualLinearAttentionKernel: Sendable {
    /// Registry name, e.g. `"chunked"` or `"recurrent"`.
    var name: String { get }
    /// Rows per chunk (the tuning knob of chunked kernels; the reference accepts and ignores it).
    var chunkSize: Int { get set }
    /// Whether the kernel works in chunks of `chunkSize` rows (its FLOP count and bench rows depend
    /// on the chunk size); a kernel that does not accepts and ignores `chunkSize`.
    var worksInChunks: Bool { get }
    /// `nil` if this kernel handles `shape`, else the reason it does not.
    func unsupported(_ shape: LinearAttentionShape) -> String?
    /// Whether the dispatch should pick this kernel for `shape` among those that handle it
    /// (`KernelOp.prefers`); default: true.
    func prefers(_ shape: LinearAttentionShape) -> Bool
    /// Forward pass on `threads` threads. `s0`: [B, H, 2D, D] or `nil` for zero. Inputs are
    /// validated by the caller (`LinearAttentionShape.infer`, `validateInputs`). With
    /// `keepForBackward` a kernel may return residuals its backward reuses (`chunked`: T·Cp + 2D·D
    /// floats per head); without, it keeps nothing.
    func forward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?,
                 shape: LinearAttentionShape, threads: Int, keepForBackward: Bool) -> LinearAttentionOutput<Float>
    /// Backward pass for the upstream gradient `dout` ([B, H, T, D]) of o. It needs no forward
    /// activations (states are recomputed from the inputs); `residuals` from this kernel's forward on
    /// the same inputs save it work. Another kernel's, shape's or chunk size's are ignored; those of
    /// other inputs of the same shape would give wrong gradients. (No gradient flows into S_T.)
    func backward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?, dout: Tensor<Float>,
                  residuals: LinearAttentionResiduals?, shape: LinearAttentionShape, threads: Int) -> LinearAttentionGradients<Float>
}

// MARK: - The frame the fast kernels share

/// One (b, h) of a forward pass: the head's q [T, D], its kv head's k and v [T, D], its output
/// rows o [T, D] (every row to be written) and its state [D', D]: S_0 on entry (0 with no S_0),
/// S_T to leave.
struct LinearForwardHead {
    let q, k, v: UnsafePointer<Float>
    let o, state: UnsafeMutablePointer<Float>
}

/// The frame of a fast forward: allocates o (not zero-filled: the kernel writes every row) and
/// S_T (a copy of S_0, or 0), and calls `perThread` on `threads` threads, each with its block of
/// the B·H heads (b·H + h) and the pointers of any head.
func linearAttentionForward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?,
                            shape: LinearAttentionShape, threads: Int,
                            perThread: (_ heads: Range<Int>, _ head: (Int) -> LinearForwardHead) -> Void) -> LinearAttentionOutput<Float> {
    let (B, H, T, D, G, Dp) = (shape.B, shape.H, shape.T, shape.D, shape.group, shape.featureDim)
    var o = uninitializedOutput(count: B * H * T * D)
    var sT = s0?.scalars ?? [Float](repeating: 0, count: B * H * Dp * D)
    q.scalars.withUnsafeBufferPointer { qb in
    k.scalars.withUnsafeBufferPointer { kb in
    v.scalars.withUnsafeBufferPointer { vb in
    o.withUnsafeMutableBufferPointer { ob in
    sT.withUnsafeMutableBufferPointer { sb in
        let (qAll, kAll, vAll, oAll, sAll) = (qb.baseAddress!, kb.baseAddress!, vb.baseAddress!, ob.baseAddress!, sb.baseAddress!)
        func head(_ bh: Int) -> LinearForwardHead {
            let kvOffset = (bh / H * shape.Hkv + bh % H / G) * T * D
            return LinearForwardHead(q: qAll + bh * T * D, k: kAll + kvOffset, v: vAll + kvOffset, o: oAll + bh * T * D, state: sAll + bh * Dp * D)
        }
        Parallel.forEachBlock(B * H, threads: threads) { heads in perThread(heads, head) }
    }}}}}
    return LinearAttentionOutput(o: Tensor(shape: [B, H, T, D], scalars: o), sT: Tensor(shape: shape.stateShape, scalars: sT))
}

/// One query head of a backward pass: its q and dout [T, D], dq [T, D] (every row to be
/// written), S_0 [D', D] (nil: none), dS_0 [D', D] (0 on entry), whether it is the first of
/// its GQA group (which writes the group's dk and dv; the others add to them), and its index
/// b·H + h (where its residuals lie).
struct LinearBackwardHead {
    let q, dout: UnsafePointer<Float>
    let s0: UnsafePointer<Float>?
    let dq, ds0: UnsafeMutablePointer<Float>
    let isFirst: Bool
    let index: Int
}

/// One kv head (b, g) of a backward pass: its k, v, dk, dv [T, D], the dk and dv rows of the last
/// W+1 tokens (which never leave the window) already 0, and its G query heads.
struct LinearBackwardGroup {
    let k, v: UnsafePointer<Float>
    let dk, dv: UnsafeMutablePointer<Float>
    let heads: [LinearBackwardHead]
}

/// The frame of a fast backward: allocates dq, dk, dv (not zero-filled, but for the rows above)
/// and dS_0 (0), and calls `perThread` on `threads` threads, each with its block of the B·Hkv kv
/// heads (b·Hkv + g) and a function giving any of them (call it once per kv head: it zeroes that
/// head's rows above), so a GQA group's sums into dk and dv stay in one thread.
func linearAttentionBackward(q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, s0: Tensor<Float>?, dout: Tensor<Float>,
                             shape: LinearAttentionShape, threads: Int,
                             perThread: (_ groups: Range<Int>, _ group: (Int) -> LinearBackwardGroup) -> Void) -> LinearAttentionGradients<Float> {
    let (B, H, Hkv, T, D, G, Dp) = (shape.B, shape.H, shape.Hkv, shape.T, shape.D, shape.group, shape.featureDim)
    var dq = uninitializedOutput(count: q.count), dk = uninitializedOutput(count: k.count), dv = uninitializedOutput(count: v.count)
    var ds0 = [Float](repeating: 0, count: B * H * Dp * D)
    let s0Scalars = s0?.scalars ?? []
    q.scalars.withUnsafeBufferPointer { qb in
    k.scalars.withUnsafeBufferPointer { kb in
    v.scalars.withUnsafeBufferPointer { vb in
    dout.scalars.withUnsafeBufferPointer { gb in
    s0Scalars.withUnsafeBufferPointer { s0b in
    dq.withUnsafeMutableBufferPointer { dqb in
    dk.withUnsafeMutableBufferPointer { dkb in
    dv.withUnsafeMutableBufferPointer { dvb in
    ds0.withUnsafeMutableBufferPointer { dsb in
        let (qAll, kAll, vAll, gAll, s0All) = (qb.baseAddress!, kb.baseAddress!, vb.baseAddress!, gb.baseAddress!, s0 == nil ? nil : s0b.baseAddress)
        let (dqAll, dkAll, dvAll, dsAll) = (dqb.baseAddress!, dkb.baseAddress!, dvb.baseAddress!, dsb.baseAddress!)
        let leaving = max(0, T - shape.shift)  // tokens 0..<leaving leave the window and get gradients
        func group(_ bg: Int) -> LinearBackwardGroup {
            let (b, g) = (bg / Hkv, bg % Hkv)
            let dkh = dkAll + bg * T * D, dvh = dvAll + bg * T * D
            (dkh + leaving * D).update(repeating: 0, count: (T - leaving) * D)
            (dvh + leaving * D).update(repeating: 0, count: (T - leaving) * D)
            let heads = ((g * G)..<((g + 1) * G)).map { h in
                let bh = b * H + h
                return LinearBackwardHead(q: qAll + bh * T * D, dout: gAll + bh * T * D, s0: s0All.map { $0 + bh * Dp * D },
                                          dq: dqAll + bh * T * D, ds0: dsAll + bh * Dp * D, isFirst: h == g * G, index: bh)
            }
            return LinearBackwardGroup(k: kAll + bg * T * D, v: vAll + bg * T * D, dk: dkh, dv: dvh, heads: heads)
        }
        Parallel.forEachBlock(B * Hkv, threads: threads) { groups in perThread(groups, group) }
    }}}}}}}}}
    return LinearAttentionGradients(dq: Tensor(shape: q.shape, scalars: dq), dk: Tensor(shape: k.shape, scalars: dk),
                                    dv: Tensor(shape: v.shape, scalars: dv), ds0: Tensor(shape: shape.stateShape, scalars: ds0))
}

/// Prefetches rows start ..< start + count of a [T × D] Float tensor of one head, those of them in
/// 0 ..< T (`prefetchLines`, into L2 unless `level` says L1): a linear-attention kernel asks for
/// its next chunk's or tile's rows while it works on this one.
@inline(__always)
func prefetchRows(_ p: UnsafeRawPointer, from start: Int, count: Int, T: Int, D: Int, into level: CacheLevel = .l2) {
    let first = max(0, start), end = min(T, start + count), rowBytes = D * MemoryLayout<Float>.stride
    if end > first { prefetchLines(p + first * rowBytes, bytes: (end - first) * rowBytes, into: level) }
}
