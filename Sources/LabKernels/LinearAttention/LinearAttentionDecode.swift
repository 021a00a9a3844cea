// Op `residual-linear-attention-decode`: one token per (sequence, query head) against linear states
// held in place (docs/rattention.md). Per head i = b·H + h, kv head g = h / (H / Hkv):
//
//   fold (when given):  S_i += φ(k_{b,g}) v_{b,g}ᵀ     (the token that leaves the window; for
//                                                       W = −1 the new token itself)
//   read:               o_i = φ(q_i)ᵀ S_i
//
// Shapes: q, o: [B, H, D]; fold k, v: [B, Hkv, D]; states: [B, H, 2D, D], updated in place
// (`LinearAttentionShape` with T = 1 names B, H, Hkv, D and φ; its window is not used).
// Cost per call: B·H·(2·D'·D fold + 2·D'·D read) FLOPs, D' = 2D, over B·H·D'·D·4 bytes of state,
// read and (with a fold) written once: about 1 FLOP per byte, memory-bound once the states leave
// the caches.
import LabCore
import RealModule

/// One implementation of `residual-linear-attention-decode`.
public protocol LinearAttentionDecodeKernel: Sendable {
    /// Registry name, e.g. `"fused-state"` or `"naive"`.
    var name: String { get }
    /// `nil` if this kernel handles `shape`, else the reason it does not.
    func unsupported(_ shape: LinearAttentionShape) -> String?
    /// Folds (k, v) into every head's state when `fold` is given, then reads o = φ(q)ᵀ S, on
    /// `threads` threads. States must be finite (the callers check k and v before folding).
    func step(q: UnsafePointer<Float>, fold: (k: UnsafePointer<Float>, v: UnsafePointer<Float>)?,
              states: UnsafeMutablePointer<Float>, o: UnsafeMutablePointer<Float>, shape: LinearAttentionShape, threads: Int)
}

/// The reference: φ, the fold and the read in Double per head; each updated state entry is
/// rounded to Float once (the state's storage type), o from the stored Float state in Double.
public struct NaiveLinearAttentionDecode: LinearAttentionDecodeKernel {
    public init() {}
    public var name: String { "naive" }
    public func unsupported(_ shape: LinearAttentionShape) -> String? { nil }

    public func step(q: UnsafePointer<Float>, fold: (k: UnsafePointer<Float>, v: UnsafePointer<Float>)?,
                     states: UnsafeMutablePointer<Float>, o: UnsafeMutablePointer<Float>, shape: LinearAttentionShape, threads: Int) {
        let (H, D, G, Dp) = (shape.H, shape.D, shape.group, shape.featureDim)
        var x = [Double](repeating: 0, count: D), phi = [Double](repeating: 0, count: Dp)
        func features(_ p: UnsafePointer<Float>) -> [Double] {
            for d in 0..<D { x[d] = Double(p[d]) }
            x.withUnsafeBufferPointer { xb in phi.withUnsafeMutableBufferPointer { shape.featureMap.apply(xb.baseAddress!, count: D, into: $0.baseAddress!) } }
            return phi
        }
        for i in 0..<(shape.B * H) {
            let (b, h) = (i / H, i % H)
            let S = states + i * Dp * D
            if let fold {
                let kv = (b * shape.Hkv + h / G) * D
                let fk = features(fold.k + kv)
                for r in 0..<Dp { for c in 0..<D { S[r * D + c] = Float(Double(S[r * D + c]) + fk[r] * Double(fold.v[kv + c])) } }
            }
            let fq = features(q + i * D)
            for c in 0..<D {
                var acc = 0.0
                for r in 0..<Dp { acc += fq[r] * Double(S[r * D + c]) }
                o[i * D + c] = Float(acc)
            }
        }
    }
}

/// `fused-state`: per head one pass over the 2D rows of S that folds and reads together,
///   S_r += φ(k)_r · v;  o += φ(q)_r · S_r     (r < 2D, each a D-wide axpy)
/// so the state is read from memory once per token instead of twice. Any D ≥ 1 (16-lane axpys
/// with a scalar tail; φ in SIMD when D % 16 == 0). Work is split over the B·H heads.
public struct FusedStateDecode: LinearAttentionDecodeKernel {
    public init() {}
    public var name: String { "fused-state" }
    public func unsupported(_ shape: LinearAttentionShape) -> String? { nil }

    public func step(q: UnsafePointer<Float>, fold: (k: UnsafePointer<Float>, v: UnsafePointer<Float>)?,
                     states: UnsafeMutablePointer<Float>, o: UnsafeMutablePointer<Float>, shape: LinearAttentionShape, threads: Int) {
        let (H, D, G, Dp, fm) = (shape.H, shape.D, shape.group, shape.featureDim, shape.featureMap)
        Parallel.forEach(shape.B * H, threads: threads) { i in
            let (b, h) = (i / H, i % H)
            let S = states + i * Dp * D, out = o + i * D
            let phi = UnsafeMutablePointer<Float>.allocate(capacity: 2 * Dp)
            defer { phi.deallocate() }
            let fq = phi, fk = phi + Dp
            applyFeatureMap(fm, q + i * D, D: D, into: fq)
            out.update(repeating: 0, count: D)
            if let fold {
                let kv = (b * shape.Hkv + h / G) * D
                applyFeatureMap(fm, fold.k + kv, D: D, into: fk)
                let v = fold.v + kv
                for r in 0..<Dp {
                    axpy(fk[r], v, into: S + r * D, count: D)
                    axpy(fq[r], S + r * D, into: out, count: D)
                }
            } else {
                for r in 0..<Dp { axpy(fq[r], S + r * D, into: out, count: D) }
            }
        }
    }
}
