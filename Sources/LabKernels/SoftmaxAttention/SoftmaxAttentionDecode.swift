// Op `softmax-attention-decode`: one query per (sequence, head) against a KV cache read in place.
//
//   o_{b,h} = softmax(q_{b,h}·Kᵀ/√D)·V,  lse_{b,h} = log Σ_j exp(q_{b,h}·k_j/√D)
//
// over the visible keys of kv head h / G (G = H / Hkv) of sequence b. The keys and values are
// not copied: `KVView` points at the cache's own storage, a block of `slots` rows × D per
// (b, kv head), and names the visible slots as `count` slots from `first` on, wrapping at `slots`
// (a ring whose oldest token sits at `first`). Every visible key is visible to the query (the
// decode query is the newest position; a window is expressed by which slots are visible), and
// softmax does not depend on the keys' order, so a wrapped ring is read as two contiguous runs.
//
// Shapes: q, o: [B, H, D]; lse: [B, H]; `AttentionShape` with T = 1, S = count, no window.
// Cost per call: 4·B·H·S·D FLOPs (q·kᵀ and p·v) over 2·B·Hkv·S·D·4 bytes of cache, so with
// G = 1 about 0.5 FLOP per byte: memory-bound; the fast kernel reads each key and value once
// per group of G query heads (`SingleQueryDecode`).
import LabCore
import RealModule

/// The visible keys and values of a decode step, in the cache's own storage.
public struct KVView: @unchecked Sendable {
    /// Base of the keys (and values) of (b, kv head) 0; those of pair i start at + i·headStride.
    public var keys: UnsafePointer<Float>, values: UnsafePointer<Float>
    /// Floats between the blocks of consecutive (b, kv head) pairs (≥ slots·D).
    public var headStride: Int
    /// Ring size: slot indices wrap at `slots` (≥ count).
    public var slots: Int
    /// The oldest visible slot, and how many slots from there on (mod `slots`) are visible.
    public var first: Int, count: Int

    public init(keys: UnsafePointer<Float>, values: UnsafePointer<Float>, headStride: Int, slots: Int, first: Int, count: Int) {
        precondition(count >= 0 && count <= slots && (0..<max(slots, 1)).contains(first), "KVView: count \(count), first \(first), slots \(slots)")
        self.keys = keys; self.values = values; self.headStride = headStride; self.slots = slots
        self.first = first; self.count = count
    }

    /// The visible slots as at most two contiguous runs `start ..< start + length`: first ..<
    /// min(first + count, slots), then 0 ..< the rest.
    public var runs: (first: (start: Int, length: Int), second: (start: Int, length: Int)) {
        let a = min(count, slots - first)
        return ((first, a), (0, count - a))
    }
}

/// One implementation of `softmax-attention-decode`.
public protocol SoftmaxAttentionDecodeKernel: Sendable {
    /// Registry name, e.g. `"single-query"` or `"naive"`.
    var name: String { get }
    /// `nil` if this kernel handles `shape` (T = 1, S = visible keys), else the reason it does not.
    func unsupported(_ shape: AttentionShape) -> String?
    /// o [B, H, D] and lse [B, H] of the queries q [B, H, D] over the visible keys of `kv`
    /// (kv.count == shape.S ≥ 1) on `threads` threads.
    func decode(q: UnsafePointer<Float>, kv: KVView, shape: AttentionShape,
                o: UnsafeMutablePointer<Float>, lse: UnsafeMutablePointer<Float>, threads: Int)
}

/// The reference: per (b, h), scores, max, exponentials and sums in Double, rounded to Float.
/// Cost 4·B·H·S·D FLOPs in Double, one pass per head (no sharing across a GQA group).
public struct NaiveSoftmaxAttentionDecode: SoftmaxAttentionDecodeKernel {
    public init() {}
    public var name: String { "naive" }
    public func unsupported(_ shape: AttentionShape) -> String? { nil }

    public func decode(q: UnsafePointer<Float>, kv: KVView, shape: AttentionShape,
                       o: UnsafeMutablePointer<Float>, lse: UnsafeMutablePointer<Float>, threads: Int) {
        let (H, D, G) = (shape.H, shape.D, shape.group)
        let scale = 1 / Double(D).squareRoot()
        let (r1, r2) = kv.runs
        let slots = Array(r1.start..<(r1.start + r1.length)) + Array(r2.start..<(r2.start + r2.length))
        for bh in 0..<(shape.B * H) {
            let (b, h) = (bh / H, bh % H)
            let base = (b * shape.Hkv + h / G) * kv.headStride
            let qh = q + bh * D
            let scores = slots.map { s -> Double in
                var dot = 0.0
                for d in 0..<D { dot += Double(qh[d]) * Double(kv.keys[base + s * D + d]) }
                return dot * scale
            }
            let m = scores.max() ?? -.infinity
            let p = scores.map { Double.exp($0 - m) }
            let l = p.reduce(0, +)
            for d in 0..<D {
                var acc = 0.0
                for (i, s) in slots.enumerated() { acc += p[i] * Double(kv.values[base + s * D + d]) }
                o[bh * D + d] = Float(acc / l)
            }
            lse[bh] = Float(m + Double.log(l))
        }
    }
}

/// `single-query`: one pass over the visible keys per (b, kv head), online softmax in base 2 over
/// blocks of 64 keys, the G query heads of the group taking turns on each block while it sits in
/// L1 (so the cache is read from memory once per group, not once per query head):
///   s_j = q·k_j · log2e/√D;  m' = max(m, max s);  p = 2^(s − m');  α = 2^(m − m')
///   l = α·l + Σ p;  acc = α·acc + Σ_j p_j v_j;  m = m'
///   o = acc / l,  lse = (m + log2 l)·ln 2
/// Any D ≥ 1 (16-lane dot products and axpys with a scalar tail). Work is split over the B·Hkv
/// (sequence, kv head) pairs; with fewer pairs than threads the extra threads idle.
/// Memory: O(64 + D) floats of scratch per thread; nothing proportional to S.
public struct SingleQueryDecode: SoftmaxAttentionDecodeKernel {
    public init() {}
    public var name: String { "single-query" }
    public func unsupported(_ shape: AttentionShape) -> String? { nil }

    static let block = 64

    public func decode(q: UnsafePointer<Float>, kv: KVView, shape: AttentionShape,
                       o: UnsafeMutablePointer<Float>, lse: UnsafeMutablePointer<Float>, threads: Int) {
        let (H, Hkv, D, G) = (shape.H, shape.Hkv, shape.D, shape.group)
        let qScale = log2e / Float(D).squareRoot()
        let (r1, r2) = kv.runs
        let Bk = Self.block
        Parallel.forEach(shape.B * Hkv, threads: threads) { bg in
            let (b, g) = (bg / Hkv, bg % Hkv)
            let kBase = kv.keys + bg * kv.headStride, vBase = kv.values + bg * kv.headStride
            // per head of the group: scaled q [G × D], acc [G × D], m, l [G]; scores [Bk]
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 2 * G * D + 2 * G + Bk)
            defer { scratch.deallocate() }
            let qs = scratch, acc = scratch + G * D, m = acc + G * D, l = m + G, s = l + G
            for i in 0..<G {
                let qh = q + ((b * H) + g * G + i) * D
                for d in 0..<D { qs[i * D + d] = qh[d] * qScale }
                m[i] = -.infinity; l[i] = 0
            }
            acc.update(repeating: 0, count: G * D)
            for run in [r1, r2] where run.length > 0 {
                var j0 = run.start
                let end = run.start + run.length
                while j0 < end {
                    let n = min(Bk, end - j0), nPad = (n + 15) & ~15
                    let kb = kBase + j0 * D, vb = vBase + j0 * D
                    for i in 0..<G {
                        let qi = qs + i * D, ai = acc + i * D
                        for j in 0..<n { s[j] = dotRow(qi, kb + j * D, count: D) }
                        for j in n..<nPad { s[j] = -.infinity }
                        let mNew = max(m[i], maxOfRow(s, count: nPad))
                        let alpha = Float.exp2(m[i] - mNew)  // m = −∞ at the start: α = 0, acc and l are 0 anyway
                        l[i] = l[i] * alpha + exp2Row(s, into: s, count: nPad, minus: mNew).sum
                        if alpha != 1 { scaleInPlace(ai, count: D, by: alpha) }
                        m[i] = mNew
                        for j in 0..<n { axpy(s[j], vb + j * D, into: ai, count: D) }
                    }
                    j0 += n
                }
            }
            for i in 0..<G {
                let bh = b * H + g * G + i
                scaleRows(rows: 1, D: D, src: acc + i * D, by: 1 / l[i], into: o + bh * D)
                lse[bh] = (m[i] + Float.log2(l[i])) / log2e
            }
        }
    }
}
