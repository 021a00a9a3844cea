// The linear states of a decode cache (RAttention's linear branch, `linear_attention`): one
// S [2D, D] per (sequence, query head), contiguous as [B, H, 2D, D], stepped in place by a
// `residual-linear-attention-decode` kernel (fold the token that leaves the window, then read).
// Bytes: B·H·2D·D·4, flat in T.
import LabCore
import LabKernels

public final class LinearStates {
    public let batch: Int, heads: Int, kvHeads: Int, headDim: Int
    public let featureMap: FeatureMap
    /// [B, H, 2D, D]
    private var storage: [Float]

    /// Zero states for `batch` sequences of `heads` query heads (kv heads: the fold's k, v).
    public init(batch: Int, heads: Int, kvHeads: Int, headDim: Int, featureMap: FeatureMap) {
        self.batch = batch; self.heads = heads; self.kvHeads = kvHeads; self.headDim = headDim; self.featureMap = featureMap
        storage = [Float](repeating: 0, count: batch * heads * 2 * headDim * headDim)
    }

    /// Replaces the states with a forward pass's final states `sT` [B, H, 2D, D].
    public func load(_ sT: Tensor<Float>) {
        precondition(sT.count == storage.count, "linear states: \(sT.shape) for B=\(batch) H=\(heads) D=\(headDim)")
        storage = sT.scalars
    }

    /// Bytes of the states: B·H·2D·D·4.
    public var bytes: Int { storage.count * MemoryLayout<Float>.size }

    func shape(batch B: Int, heads H: Int, kvHeads Hkv: Int) -> LinearAttentionShape {
        LinearAttentionShape(B: B, H: H, Hkv: Hkv, T: 1, D: headDim, window: -1, featureMap: featureMap)
    }

    /// The kernel `choice` names if it supports `shape`, else the registry's first that does.
    static func kernel(_ shape: LinearAttentionShape, _ choice: KernelChoice) -> any LinearAttentionDecodeKernel {
        choice.resolve(KernelRegistry.linearAttentionDecode, LinearDecodeCase(shape, fold: true))
    }

    /// Folds (k, v) into every head's state when given (raw k, v [B, Hkv, 1, D]), then reads
    /// o = φ(q)ᵀ S for q [B, H, 1, D]: o [B, H, 1, D] and the kernel that ran.
    public func step(q: Tensor<Float>, fold: (k: Tensor<Float>, v: Tensor<Float>)?, choice: KernelChoice) -> (o: Tensor<Float>, kernel: String) {
        let (B, H, D) = (batch, heads, headDim)
        let shape = shape(batch: B, heads: H, kvHeads: kvHeads)
        let kernel = Self.kernel(shape, choice)
        var o = [Float](repeating: 0, count: B * H * D)
        let k = fold?.k.scalars ?? [], v = fold?.v.scalars ?? []
        q.scalars.withUnsafeBufferPointer { qb in k.withUnsafeBufferPointer { kb in v.withUnsafeBufferPointer { vb in
            storage.withUnsafeMutableBufferPointer { sb in o.withUnsafeMutableBufferPointer { ob in
                kernel.step(q: qb.baseAddress!, fold: fold == nil ? nil : (kb.baseAddress!, vb.baseAddress!), states: sb.baseAddress!,
                            o: ob.baseAddress!, shape: shape, threads: choice.threads)
            }}
        }}}
        return (Tensor(shape: [B, H, 1, D], scalars: o), kernel.name)
    }

    /// φ(q)ᵀ S_i of state i = b·H + h alone (a KV-sharing consumer's read). q, out: [D].
    public func read(_ i: Int, q: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        precondition(i < batch * heads, "linear states: no state \(i)")
        let D = headDim, one = shape(batch: 1, heads: 1, kvHeads: 1)
        storage.withUnsafeMutableBufferPointer { sb in
            Self.kernel(one, KernelChoice()).step(q: q, fold: nil, states: sb.baseAddress! + i * 2 * D * D, o: out, shape: one, threads: 1)
        }
    }
}
