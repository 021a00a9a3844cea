// Key/value storage for decoding softmax attention.
//
// `capacity: nil` keeps every token (full attention: memory grows with T).
// `capacity: W+1` (`windowSpan(W)`, saturating) is a ring buffer: token t goes to slot t mod (W+1),
// overwriting token t−W−1, which has just left the window (sliding window: memory flat in T once
// the window is full). The ring's buffers grow as tokens arrive and never hold more than
// min(count, W+1) slots, so a huge window costs what the context costs, and `bytes` is exactly
// the analytic 2·B·Hkv·min(T, W+1)·D·4.
// Keys are stored *after* the positional encoding (what softmax attention consumes).
// Layout: one buffer each for keys and values, [B·Hkv, allocated slots, D]; the allocation doubles
// (up to the ring size) when the slots in use reach it, so appending is amortised O(B·Hkv·D).
// Decoding reads the buffers in place through `view(last:)` (a `KVView` for the
// `softmax-attention-decode` kernels): no per-token copy of the cache.
import LabCore
import LabKernels

public final class KVCache {
    public let batch: Int, kvHeads: Int, headDim: Int
    public let capacity: Int?
    /// Tokens written so far.
    public private(set) var count = 0
    /// Slots allocated per (b, kv head): ≥ filled, ≤ capacity.
    private var allocated = 0
    /// [B·Hkv, allocated, D] each; slot s of pair i at (i·allocated + s)·D.
    private var keys: UnsafeMutablePointer<Float>, values: UnsafeMutablePointer<Float>

    /// - Parameters: capacity: ring slots (≥ 1; `windowSpan(W)` for a window W) or nil to keep
    ///   every token. No memory is reserved up front: slots are added as tokens arrive.
    public init(batch: Int, kvHeads: Int, headDim: Int, capacity: Int?) {
        precondition(capacity.map { $0 >= 1 } ?? true)
        self.batch = batch; self.kvHeads = kvHeads; self.headDim = headDim; self.capacity = capacity
        keys = UnsafeMutablePointer<Float>.allocate(capacity: 0)
        values = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    }

    deinit { keys.deallocate(); values.deallocate() }

    /// Slots in use: min(count, capacity).
    public var filled: Int { capacity.map { min(count, $0) } ?? count }

    /// The slot token `t` occupies (ring) or its index (growing).
    @inline(__always) func slot(_ t: Int) -> Int { capacity.map { t % $0 } ?? t }

    /// Makes room for `slots` slots per pair (doubling, capped at the ring size), keeping the rows.
    private func reserve(_ slots: Int) {
        guard slots > allocated else { return }
        var n = max(slots, min(2 * allocated, Int.max / 2), 16)
        if let cap = capacity { n = min(n, cap) }
        let D = headDim, pairs = batch * kvHeads
        for which in 0..<2 {
            let old = which == 0 ? keys : values
            let new = UnsafeMutablePointer<Float>.allocate(capacity: pairs * n * D)
            for i in 0..<pairs { (new + i * n * D).update(from: old + i * allocated * D, count: filled * D) }
            old.deallocate()
            if which == 0 { keys = new } else { values = new }
        }
        allocated = n
    }

    /// Appends one token per sequence: k, v: [B, Hkv, 1, D]. In a ring, returns the key and value
    /// evicted from each (b, kv head) ([B, Hkv, 1, D]), or nil while the ring is not yet full.
    @discardableResult
    public func append(k: Tensor<Float>, v: Tensor<Float>) -> (k: Tensor<Float>, v: Tensor<Float>)? {
        let D = headDim, pairs = batch * kvHeads
        let full = capacity.map { count >= $0 } ?? false
        if !full { reserve(filled + 1) }
        let s = slot(count)
        var evicted: (k: [Float], v: [Float])? = full ? ([Float](repeating: 0, count: pairs * D), [Float](repeating: 0, count: pairs * D)) : nil
        k.scalars.withUnsafeBufferPointer { kb in v.scalars.withUnsafeBufferPointer { vb in
            for i in 0..<pairs {
                let at = (i * allocated + s) * D
                if evicted != nil {
                    evicted!.k.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: i * D).update(from: keys + at, count: D) }
                    evicted!.v.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: i * D).update(from: values + at, count: D) }
                }
                (keys + at).update(from: kb.baseAddress! + i * D, count: D)
                (values + at).update(from: vb.baseAddress! + i * D, count: D)
            }
        }}
        count += 1
        return evicted.map { (Tensor(shape: [batch, kvHeads, 1, D], scalars: $0.k), Tensor(shape: [batch, kvHeads, 1, D], scalars: $0.v)) }
    }

    /// Calls `body` with the last min(n, filled) tokens, count−n ..< count, as a `KVView` of the
    /// buffers in place (no copy; valid only inside `body`). n = nil: every stored token.
    public func withView<R>(last n: Int? = nil, _ body: (KVView) -> R) -> R {
        let m = min(n ?? filled, filled)
        let slots = max(filled, 1)  // the ring's modulus once full (filled = capacity), else no wrap
        return body(KVView(keys: keys, values: values, headStride: allocated * headDim, slots: slots,
                           first: m == 0 ? 0 : slot(count - m), count: m))
    }

    /// The stored keys and values as [B, Hkv, filled, D] (ring slots in slot order: softmax over
    /// keys does not depend on their order, and every stored key is visible to the newest query).
    /// A copy of the whole cache: for tests and inspection; decoding reads `withView`.
    public func contents() -> (k: Tensor<Float>, v: Tensor<Float>) {
        let (n, D) = (filled, headDim)
        var k = [Float](), v = [Float]()
        k.reserveCapacity(batch * kvHeads * n * D); v.reserveCapacity(batch * kvHeads * n * D)
        for i in 0..<(batch * kvHeads) {
            k.append(contentsOf: UnsafeBufferPointer(start: keys + i * allocated * D, count: n * D))
            v.append(contentsOf: UnsafeBufferPointer(start: values + i * allocated * D, count: n * D))
        }
        return (Tensor(shape: [batch, kvHeads, n, D], scalars: k), Tensor(shape: [batch, kvHeads, n, D], scalars: v))
    }

    /// The keys and values of the last min(n, filled) tokens, count−n ..< count, as [B, Hkv, n', D]
    /// (order as `contents`: the view's runs). A copy: for tests and inspection.
    public func contents(last n: Int) -> (k: Tensor<Float>, v: Tensor<Float>) {
        withView(last: n) { view in
            let (D, m) = (headDim, view.count)
            var k = [Float](), v = [Float]()
            for i in 0..<(batch * kvHeads) {
                for run in [view.runs.first, view.runs.second] where run.length > 0 {
                    let at = i * view.headStride + run.start * D
                    k.append(contentsOf: UnsafeBufferPointer(start: view.keys + at, count: run.length * D))
                    v.append(contentsOf: UnsafeBufferPointer(start: view.values + at, count: run.length * D))
                }
            }
            return (Tensor(shape: [batch, kvHeads, m, D], scalars: k), Tensor(shape: [batch, kvHeads, m, D], scalars: v))
        }
    }

    /// Bytes held by the key and value buffers (fp32): 2·B·Hkv·filled·D·4, filled = min(count, capacity).
    /// (The allocation may hold up to twice the slots of a growing cache; this is the analytic figure.)
    public var bytes: Int { 2 * batch * kvHeads * filled * headDim * MemoryLayout<Float>.size }
}
