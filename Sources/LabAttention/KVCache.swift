// Key/value storage for decoding softmax attention.
//
// `capacity: nil` keeps every token (full attention: memory grows with T).
// `capacity: W+1` (`windowSpan(W)`, saturating) is a ring buffer: token t goes to slot t mod (W+1),
// overwriting token t−W−1, which has just left the window (sliding window: memory flat in T once
// the window is full). The ring's buffers grow as tokens arrive and never hold more than
// min(count, W+1) slots, so a huge window costs what the context costs, and `bytes` is exactly
// the analytic 2·B·Hkv·min(T, W+1)·D·4.
// Keys are stored *after* the positional encoding (what softmax attention consumes).
// Layout per (b, kv head): slots × D, contiguous.
import LabCore

public final class KVCache {
    public let batch: Int, kvHeads: Int, headDim: Int
    public let capacity: Int?
    /// Tokens written so far.
    public private(set) var count = 0
    /// Per (b, kv head): `filled` slots × D, appended while the ring fills, then overwritten.
    private var keys: [[Float]], values: [[Float]]

    /// - Parameters: capacity: ring slots (≥ 1; `windowSpan(W)` for a window W) or nil to keep
    ///   every token. No memory is reserved up front: slots are added as tokens arrive.
    public init(batch: Int, kvHeads: Int, headDim: Int, capacity: Int?) {
        precondition(capacity.map { $0 >= 1 } ?? true)
        self.batch = batch; self.kvHeads = kvHeads; self.headDim = headDim; self.capacity = capacity
        keys = Array(repeating: [], count: batch * kvHeads)
        values = keys
    }

    /// Slots in use: min(count, capacity).
    public var filled: Int { capacity.map { min(count, $0) } ?? count }

    /// The slot token `t` occupies (ring) or its index (growing).
    @inline(__always) func slot(_ t: Int) -> Int { capacity.map { t % $0 } ?? t }

    /// Appends one token per sequence: k, v: [B, Hkv, 1, D]. In a ring, returns the key and value
    /// evicted from each (b, kv head) ([B, Hkv, 1, D]), or nil while the ring is not yet full.
    @discardableResult
    public func append(k: Tensor<Float>, v: Tensor<Float>) -> (k: Tensor<Float>, v: Tensor<Float>)? {
        let D = headDim
        var evicted: (k: [Float], v: [Float])? = nil
        if let cap = capacity, count >= cap { evicted = ([], []) }
        let s = slot(count)
        let growing = capacity.map { count < $0 } ?? true  // a free slot: s == count, append it
        for i in 0..<(batch * kvHeads) {
            let kRow = k.scalars[(i * D)..<((i + 1) * D)], vRow = v.scalars[(i * D)..<((i + 1) * D)]
            if growing {
                keys[i].append(contentsOf: kRow); values[i].append(contentsOf: vRow)
            } else {
                if evicted != nil {
                    evicted!.k.append(contentsOf: keys[i][(s * D)..<((s + 1) * D)])
                    evicted!.v.append(contentsOf: values[i][(s * D)..<((s + 1) * D)])
                }
                keys[i].replaceSubrange((s * D)..<((s + 1) * D), with: kRow)
                values[i].replaceSubrange((s * D)..<((s + 1) * D), with: vRow)
            }
        }
        count += 1
        return evicted.map { (Tensor(shape: [batch, kvHeads, 1, D], scalars: $0.k), Tensor(shape: [batch, kvHeads, 1, D], scalars: $0.v)) }
    }

    /// The stored keys and values as [B, Hkv, filled, D] (ring slots in slot order: softmax over
    /// keys does not depend on their order, and every stored key is visible to the newest query).
    public func contents() -> (k: Tensor<Float>, v: Tensor<Float>) {
        let n = filled * headDim
        let k = keys.flatMap { $0.prefix(n) }, v = values.flatMap { $0.prefix(n) }
        return (Tensor(shape: [batch, kvHeads, filled, headDim], scalars: k),
                Tensor(shape: [batch, kvHeads, filled, headDim], scalars: v))
    }

    /// The keys and values of the last min(n, filled) tokens, count−n ..< count, as [B, Hkv, n', D]
    /// (a sliding-window consumer of a longer cache reads only its window; order as `contents`).
    /// Cost: a copy of 2·B·Hkv·n'·D floats.
    public func contents(last n: Int) -> (k: Tensor<Float>, v: Tensor<Float>) {
        let m = min(n, filled), D = headDim
        if m == filled { return contents() }
        var k = [Float](), v = [Float]()
        k.reserveCapacity(batch * kvHeads * m * D); v.reserveCapacity(batch * kvHeads * m * D)
        for i in 0..<(batch * kvHeads) {
            for t in (count - m)..<count {
                let s = slot(t)
                k.append(contentsOf: keys[i][(s * D)..<((s + 1) * D)])
                v.append(contentsOf: values[i][(s * D)..<((s + 1) * D)])
            }
        }
        return (Tensor(shape: [batch, kvHeads, m, D], scalars: k), Tensor(shape: [batch, kvHeads, m, D], scalars: v))
    }

    /// Bytes held by the key and value buffers (fp32): 2·B·Hkv·filled·D·4, filled = min(count, capacity).
    public var bytes: Int { 2 * batch * kvHeads * filled * headDim * MemoryLayout<Float>.size }
}
