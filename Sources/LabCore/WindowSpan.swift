// Windows as token counts, without overflow.
//
// A window W attends to W + 1 keys: key j is visible to the query at p iff 0 ≤ p − j ≤ W. A
// window can be any Int a user types (2^63 − 1 included), so "+ 1" is never written directly:
// shapes with a known length S clamp W to min(W, S) first (W ≥ S − 1 already is full causal
// attention), and open-ended decoding, which has no S, uses `windowSpan`.

/// Keys a window `W ≥ 0` sees, W + 1, saturating at `Int.max` (a ring of `windowSpan(W)` slots
/// that grows as tokens arrive never reaches that size; W = Int.max means "every token").
/// W = −1 (no softmax window) gives 0.
@inline(__always) public func windowSpan(_ W: Int) -> Int { W == .max ? .max : W + 1 }
