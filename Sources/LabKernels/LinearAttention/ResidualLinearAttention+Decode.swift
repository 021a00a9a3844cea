// Decoding residual linear attention one token at a time (docs/rattention.md), per head.
//
// State: a ring buffer of the last W+1 raw keys and values plus S ([D', D], D' = 2D). Step t:
//   slot = t mod (W+1), which holds token t − W − 1 once t ≥ W + 1
//   if t ≥ W + 1:  S += φ(k_slot) v_slotᵀ        // the evicted token leaves the window: fold it
//   (k_slot, v_slot) = (k_t, v_t)
//   o_t = φ(q_t)ᵀ S
// W = −1 has no ring: token t is folded before the read (plain causal linear attention).
// After T steps S equals the forward's `sT` and the ring holds tokens T−W−1 ..< T, so a decode
// continues a prefill from the forward's `sT` and the last W+1 keys and values
// (`init(D:window:featureMap:prefillState:keys:values:)`).
//
// Memory per head: (min(t, W+1)·2·D + 2D·D) floats after t tokens: the ring grows as tokens
// arrive (a huge W costs what the context costs) and is flat in T once full.
// Cost per step: 2·D'·D FLOPs for the fold and 2·D'·D for the read, O(D²), independent of T.
import LabCore

/// The linear state of one head alone, S: [2D, D], with its two operations. RAttention's decode
/// cache keeps these next to the SWA ring it already has (one ring per layer, not two);
/// `ResidualLinearAttentionDecodeState` pairs one with a ring of its own.
public struct LinearAttentionState: Sendable {
    public let D: Int
    public let featureMap: FeatureMap
    /// S: [2D, D], row-major.
    public private(set) var state: [Float]
    /// Scratch for one feature vector φ(·): [2D].
    private var phi: [Float]

    /// - Parameters: D: head dim; s0: [2D, D] (zero if nil).
    public init(D: Int, featureMap: FeatureMap = .softmax2, s0: [Float]? = nil) throws {
        if D < 1 { throw KernelInputError(argument: "D", reason: "must be ≥ 1, got \(D)") }
        if let s0, s0.count != 2 * D * D {
            throw KernelInputError(argument: "s0", reason: "expected 2D·D = \(2 * D * D) values [2D, D], got \(s0.count)")
        }
        if let s0, let bad = s0.first(where: { !$0.isFinite }) {
            throw KernelInputError(argument: "s0", reason: "non-finite value \(bad); it would poison the state")
        }
        self.D = D; self.featureMap = featureMap
        state = s0 ?? [Float](repeating: 0, count: 2 * D * D)
        phi = [Float](repeating: 0, count: 2 * D)
    }

    /// S += φ(k) vᵀ (a token leaves the window). k, v: [D]. Cost 2·D'·D FLOPs.
    public mutating func fold(k: UnsafePointer<Float>, v: UnsafePointer<Float>) {
        let (D, fm) = (self.D, featureMap)
        state.withUnsafeMutableBufferPointer { sb in phi.withUnsafeMutableBufferPointer { pb in
            applyFeatureMap(fm, k, D: D, into: pb.baseAddress!)
            rankOneUpdate(sb.baseAddress!, pb.baseAddress!, v, rows: 2 * D, cols: D)
        }}
    }

    /// out = φ(q)ᵀ S. q, out: [D]. Cost 2·D'·D FLOPs.
    public mutating func read(q: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let (D, fm) = (self.D, featureMap)
        out.update(repeating: 0, count: D)
        state.withUnsafeBufferPointer { sb in phi.withUnsafeMutableBufferPointer { pb in
            let f = pb.baseAddress!
            applyFeatureMap(fm, q, D: D, into: f)
            for i in 0..<(2 * D) { axpy(f[i], sb.baseAddress! + i * D, into: out, count: D) }
        }}
    }

    /// Bytes of S: 2D·D·4.
    public var bytes: Int { state.count * MemoryLayout<Float>.stride }
}

/// One head's decode state for `residual-linear-attention`: a ring of the last W+1 raw keys and
/// values plus a `LinearAttentionState`.
public struct ResidualLinearAttentionDecodeState: Sendable {
    public let D: Int
    public let window: Int
    public var featureMap: FeatureMap { linear.featureMap }
    /// Tokens seen so far (the position of the next token).
    public private(set) var position = 0
    /// S: [2D, D], row-major.
    public var state: [Float] { linear.state }
    private var linear: LinearAttentionState
    /// Ring of min(position, W+1) raw keys and values: [slots, D] each; slot t mod (W+1) holds
    /// token t. Grows by appending while position < W+1 (then slot == position).
    private var keys: [Float] = [], values: [Float] = []
    /// Ring slots when full: W + 1, saturating (`windowSpan`); 0 for W = −1 (no ring).
    private var ring: Int { windowSpan(window) }

    /// - Parameters: D: head dim; window: W ≥ −1; s0: [2D, D] (zero if nil).
    public init(D: Int, window: Int, featureMap: FeatureMap = .softmax2, s0: [Float]? = nil) throws {
        if window < -1 { throw KernelInputError(argument: "window", reason: "must be ≥ −1, got \(window)") }
        linear = try LinearAttentionState(D: D, featureMap: featureMap, s0: s0)
        self.D = D; self.window = window
    }

    /// The state after a prefill of T tokens, to continue decoding at position T.
    /// - Parameters: prefillState: that head's `sT` from a forward pass, [2D, D]; keys, values:
    ///   the prefilled tokens' raw k and v, [T, D] each (only the last W+1 are kept).
    public init(D: Int, window: Int, featureMap: FeatureMap = .softmax2, prefillState: [Float],
                keys k: [Float], values v: [Float]) throws {
        try self.init(D: D, window: window, featureMap: featureMap, s0: prefillState)
        guard k.count == v.count, k.count % D == 0 else {
            throw KernelInputError(argument: "keys", reason: "keys (\(k.count)) and values (\(v.count)) must both hold T·D values")
        }
        let T = k.count / D, ring = self.ring
        let kept = min(T, ring)  // the ring holds tokens T − kept ..< T
        keys = [Float](repeating: 0, count: kept * D)
        values = keys
        for t in (T - kept)..<T {  // token t goes to slot t mod (W+1), as `step` would put it
            let slot = t % ring
            keys.replaceSubrange(slot * D..<(slot + 1) * D, with: k[t * D..<(t + 1) * D])
            values.replaceSubrange(slot * D..<(slot + 1) * D, with: v[t * D..<(t + 1) * D])
        }
        position = T
    }

    /// Bytes held per head: (min(position, W+1)·2·D + 2D·D)·4 (flat once the ring is full).
    public var stateBytes: Int { (keys.count + values.count) * MemoryLayout<Float>.stride + linear.bytes }

    /// Bytes per head after `tokens` tokens for a given head dim and window, without building a
    /// state: (min(tokens, W+1)·2·D + 2D·D)·4 (`windowSpan` saturates, so any W ≥ −1 is fine).
    public static func stateBytes(D: Int, window: Int, tokens: Int) -> Int {
        (min(tokens, windowSpan(window)) * 2 * D + 2 * D * D) * MemoryLayout<Float>.stride
    }

    /// Consumes token t = `position`: q, k, v: [D] each. Returns o_t: [D].
    /// - Throws: `KernelInputError` if k or v is non-finite (it would be folded into S for good);
    ///   the state is then unchanged.
    /// - Complexity: O(D²) time, no allocation beyond the returned array.
    public mutating func step(q: [Float], k: [Float], v: [Float]) throws -> [Float] {
        for (name, x) in [("q", q), ("k", k), ("v", v)] where x.count != D {
            throw KernelInputError(argument: name, reason: "expected \(D) values, got \(x.count)")
        }
        for (name, x) in [("k", k), ("v", v)] where !x.allSatisfy(\.isFinite) {
            throw KernelInputError(argument: name, reason: "non-finite value at position \(position); it would poison the state")
        }
        var out = [Float](repeating: 0, count: D)
        let ring = self.ring
        if ring == 0 {  // W = −1: token t is read by its own query
            linear.fold(k: k, v: v)
        } else if position < ring {  // the ring is still filling: slot t mod (W+1) = t, appended
            keys.append(contentsOf: k)
            values.append(contentsOf: v)
        } else {
            let slot = position % ring
            // the slot holds token t − W − 1: fold it before overwriting
            keys.withUnsafeBufferPointer { kr in values.withUnsafeBufferPointer { vr in
                linear.fold(k: kr.baseAddress! + slot * D, v: vr.baseAddress! + slot * D)
            }}
            keys.replaceSubrange(slot * D..<(slot + 1) * D, with: k)
            values.replaceSubrange(slot * D..<(slot + 1) * D, with: v)
        }
        out.withUnsafeMutableBufferPointer { linear.read(q: q, into: $0.baseAddress!) }  // o_t = φ(q_t)ᵀ S
        position += 1
        return out
    }
}

/// y = φ(x) ([D] → [2D]), one row of `FeatureMap.applyRows` (SIMD with a scalar tail: any D).
@inline(__always) func applyFeatureMap(_ fm: FeatureMap, _ x: UnsafePointer<Float>, D: Int, into y: UnsafeMutablePointer<Float>) {
    fm.applyRows(x, rows: 1, D: D, into: y)
}

/// S[rows × cols] += x yᵀ.
@inline(__always) func rankOneUpdate(_ s: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                                     rows: Int, cols: Int) {
    for i in 0..<rows { axpy(x[i], y, into: s + i * cols, count: cols) }
}

/// y[0..<count] += a·x.
@inline(__always) func axpy(_ a: Float, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
    let av = Vec16(repeating: a)
    var i = 0
    while i + 16 <= count { store16(load16(y + i).addingProduct(av, load16(x + i)), y + i); i += 16 }
    while i < count { y[i] += a * x[i]; i += 1 }
}
