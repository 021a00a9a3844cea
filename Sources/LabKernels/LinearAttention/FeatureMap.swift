// The linear-attention feature maps φ: R^D → R^{2D} (docs/rattention.md) and their backward.
//
//   softmax2: φ(x) = [softmax(x), softmax(−x)]      (Hedgehog-style; AXLearn's default)
//   relu2:    φ(x) = [relu(x), relu(−x)]
//
// The softmax is over the head dimension of one vector. Note φ(0) ≠ 0 for softmax2 (it is 1/D in
// every entry), which is why the zero padding of the shifted v, not of k, keeps padded rows inert.
// Backward, given y = φ(x) and dy = ∂L/∂y (docs/rattention.md):
//   softmax2: dx = y₁ ⊙ (dy₁ − ⟨dy₁, y₁⟩) − y₂ ⊙ (dy₂ − ⟨dy₂, y₂⟩)
//   relu2:    dx = [y₁ > 0] dy₁ − [y₂ > 0] dy₂            (subgradient 0 at x = 0)
// Two versions: a generic scalar one (the references, Float or Double) and a Float one for the
// fast kernels, 16-lane SIMD with a scalar tail of D mod 16 entries (any D), whose exp is the
// vectorised `exp2` of TileGemm.swift; softmax2 with D a multiple of 16 goes 16 rows at a time
// (`softmax2Rows16`: each row shifted by its first entry, both halves from one range reduction,
// the rows' sums through one transposed reduction instead of one latency-bound horizontal
// reduction per row).
// Cost: O(D) per vector: for softmax2, D range reductions in 16-row blocks, D exps and D divisions
// one row at a time — small beside the O(D²) state read per token.
import LabCore
import RealModule

/// A feature map φ with D' = 2D outputs.
public enum FeatureMap: String, CaseIterable, Sendable, Hashable {
    case softmax2, relu2

    /// y = φ(x). - Parameters: x: [D]; y: [2D] (overwritten).
    @inlinable
    public func apply<Scalar: TensorScalar>(_ x: UnsafePointer<Scalar>, count D: Int, into y: UnsafeMutablePointer<Scalar>) {
        switch self {
        case .relu2:
            for i in 0..<D { y[i] = Swift.max(x[i], 0); y[D + i] = Swift.max(-x[i], 0) }
        case .softmax2:
            var hi = x[0], lo = x[0]
            for i in 1..<D { hi = Swift.max(hi, x[i]); lo = Swift.min(lo, x[i]) }
            var s1: Scalar = 0, s2: Scalar = 0
            for i in 0..<D {
                y[i] = Scalar.exp(x[i] - hi); s1 += y[i]       // softmax(x), shifted by max x
                y[D + i] = Scalar.exp(lo - x[i]); s2 += y[D + i]  // softmax(−x), shifted by max(−x) = −min x
            }
            for i in 0..<D { y[i] /= s1; y[D + i] /= s2 }
        }
    }

    /// dx = J_φᵀ dy at the point whose features are y. - Parameters: y, dy: [2D]; dx: [D] (overwritten).
    @inlinable
    public func backward<Scalar: TensorScalar>(y: UnsafePointer<Scalar>, dy: UnsafePointer<Scalar>, count D: Int,
                                               into dx: UnsafeMutablePointer<Scalar>) {
        switch self {
        case .relu2:
            for i in 0..<D { dx[i] = (y[i] > 0 ? dy[i] : 0) - (y[D + i] > 0 ? dy[D + i] : 0) }
        case .softmax2:
            var d1: Scalar = 0, d2: Scalar = 0
            for i in 0..<D { d1 += dy[i] * y[i]; d2 += dy[D + i] * y[D + i] }
            for i in 0..<D { dx[i] = y[i] * (dy[i] - d1) - y[D + i] * (dy[D + i] - d2) }
        }
    }
}

// MARK: - Float rows (16-lane SIMD, scalar tail)

extension FeatureMap {
    /// y_r = φ(x_r) for `rows` rows. - Parameters: x: [rows × D] (row stride D); y: [rows × 2D]
    /// (row stride 2D). Any D ≥ 1: the first D − D mod 16 entries of a row in 16-lane SIMD, the
    /// last D mod 16 one by one (the same formulas).
    /// softmax2 with D a multiple of 16 goes 16 rows at a time (`softmax2Rows16`), the rows left
    /// over and every other case one row at a time. While a block of 16 rows is computed, the next
    /// block's x is prefetched into L1: without it the loads of x stalled (two fifths of the
    /// samples of `softmax2Rows16` in `perf`, the chunked forward at D 64, T 4,096, W 256, which it
    /// made about 5 % faster).
    @inline(__always)
    func applyRows(_ x: UnsafePointer<Float>, rows: Int, D: Int, into y: UnsafeMutablePointer<Float>) {
        let D16 = D & ~15
        var first = 0
        if self == .softmax2, D16 == D {
            while first + 16 <= rows {
                if first + 32 <= rows { prefetchLines(x + (first + 16) * D, bytes: 16 * D * MemoryLayout<Float>.stride, into: .l1) }
                softmax2Rows16(x + first * D, D: D, into: y + first * 2 * D); first += 16
            }
        }
        for r in first..<rows {
            let xr = x + r * D, y1 = y + r * 2 * D, y2 = y1 + D
            switch self {
            case .relu2:
                var i = 0
                while i < D16 {
                    let v = load16(xr + i)
                    store16(vmax(v, Vec16()), y1 + i); store16(vmax(-v, Vec16()), y2 + i)
                    i += 16
                }
                while i < D { y1[i] = Swift.max(xr[i], 0); y2[i] = Swift.max(-xr[i], 0); i += 1 }
            case .softmax2:
                var hi = xr[0], lo = xr[0]
                if D16 > 0 {
                    var hiV = load16(xr), loV = hiV
                    var i = 16
                    while i < D16 { let v = load16(xr + i); hiV = vmax(hiV, v); loV = vmin(loV, v); i += 16 }
                    hi = horizontalMax(hiV); lo = -horizontalMax(-loV)
                }
                for i in D16..<D { hi = Swift.max(hi, xr[i]); lo = Swift.min(lo, xr[i]) }
                var s1 = Vec16(), s2 = Vec16()
                var t1: Float = 0, t2: Float = 0
                // exp(lo − x) = exp(lo − hi) / exp(x − hi): one exp per lane instead of two while
                // hi − lo ≤ 64 keeps both factors normal floats (≥ e^−64); two exps otherwise.
                let oneExp = hi - lo <= 64
                // exp(lo − hi) through the vector exp2 too (a scalar expf call per row was 2 % of
                // RAttention's training step at D 32)
                let c = exp2(Vec16(repeating: (lo - hi) * log2e)), cs = c[0]
                var i = 0
                while i < D16 {
                    let v = load16(xr + i)
                    let e1 = exp2((v - hi) * log2e)
                    let e2 = oneExp ? c / e1 : exp2((lo - v) * log2e)
                    store16(e1, y1 + i); store16(e2, y2 + i)
                    s1 += e1; s2 += e2
                    i += 16
                }
                while i < D {
                    let e1 = Float.exp2((xr[i] - hi) * log2e)
                    let e2 = oneExp ? cs / e1 : Float.exp2((lo - xr[i]) * log2e)
                    y1[i] = e1; y2[i] = e2
                    t1 += e1; t2 += e2
                    i += 1
                }
                let r1 = 1 / (horizontalSum(s1) + t1), r2 = 1 / (horizontalSum(s2) + t2)
                i = 0
                while i < D16 { store16(load16(y1 + i) * r1, y1 + i); store16(load16(y2 + i) * r2, y2 + i); i += 16 }
                while i < D { y1[i] *= r1; y2[i] *= r2; i += 1 }
            }
        }
    }

    /// dx_r = J_φᵀ dy_r for `rows` rows, given y_r = φ(x_r). - Parameters: y, dy: [rows × 2D];
    /// dx: [rows × D], overwritten, or added to with `accumulate`. Any D ≥ 1 (16-lane SIMD, then
    /// the last D mod 16 entries one by one).
    @inline(__always)
    func backwardRows(y: UnsafePointer<Float>, dy: UnsafePointer<Float>, rows: Int, D: Int,
                      into dx: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let D16 = D & ~15
        var first = 0
        if self == .softmax2, D16 == D {
            while first + 16 <= rows {
                softmax2BackwardRows16(y: y + first * 2 * D, dy: dy + first * 2 * D, D: D, into: dx + first * D, accumulate: accumulate)
                first += 16
            }
        }
        for r in first..<rows {
            let y1 = y + r * 2 * D, y2 = y1 + D, g1 = dy + r * 2 * D, g2 = g1 + D, out = dx + r * D
            var d1: Float = 0, d2: Float = 0
            if self == .softmax2 {
                var a1 = Vec16(), a2 = Vec16()
                var i = 0
                while i < D16 { a1.addProduct(load16(g1 + i), load16(y1 + i)); a2.addProduct(load16(g2 + i), load16(y2 + i)); i += 16 }
                d1 = horizontalSum(a1); d2 = horizontalSum(a2)
                while i < D { d1 += g1[i] * y1[i]; d2 += g2[i] * y2[i]; i += 1 }
            }
            var i = 0
            while i < D16 {
                let v1 = load16(y1 + i), v2 = load16(y2 + i), dy1 = load16(g1 + i), dy2 = load16(g2 + i)
                let g: Vec16
                switch self {
                case .relu2: g = Vec16().replacing(with: dy1, where: v1 .> 0) - Vec16().replacing(with: dy2, where: v2 .> 0)
                case .softmax2: g = softmax2Gradient(y1: v1, dy1: dy1, d1: Vec16(repeating: d1), y2: v2, dy2: dy2, d2: Vec16(repeating: d2))
                }
                store16(accumulate ? load16(out + i) + g : g, out + i)
                i += 16
            }
            while i < D {
                let g: Float
                switch self {
                case .relu2: g = (y1[i] > 0 ? g1[i] : 0) - (y2[i] > 0 ? g2[i] : 0)
                case .softmax2: g = (y1[i] * (g1[i] - d1)).addingProduct(-y2[i], g2[i] - d2)  // as the SIMD lanes
                }
                out[i] = accumulate ? out[i] + g : g
                i += 1
            }
        }
    }
}

// MARK: - softmax2, 16 rows at a time

/// softmax2's dx on 16 entries of a row: y₁ ⊙ (dy₁ − d₁) − y₂ ⊙ (dy₂ − d₂) with d = ⟨dy, y⟩ of each
/// half, as one multiply and one fused multiply-add (the scalar tail of `backwardRows` computes
/// the same). Written as a difference of two products, the 16-row blocks' loop compiled to 16-float
/// loads split into pieces of 8, 4, 2, 1 and 1 floats reassembled by shuffles.
@inline(__always)
func softmax2Gradient(y1: Vec16, dy1: Vec16, d1: Vec16, y2: Vec16, dy2: Vec16, d2: Vec16) -> Vec16 {
    (y1 * (dy1 - d1)).addingProduct(-y2, dy2 - d2)
}

/// (2^a, 2^(−a−N)) lane-wise from one range reduction, for −121 ≤ a ≤ 0 and 0 ≤ N ≤ 120 (the two
/// halves of softmax2 when N is the row's rounded spread in base 2: then −a − N ≤ ½ and both are
/// normal floats), or for N = 0 and |a| ≤ 100 (the halves shifted by the row's first entry).
/// Outside these ranges (or for NaN) the lanes are meaningless but nothing traps (wrapping integer
/// ops and bit casts only): `softmax2Rows16` calls it before its range check and discards them.
/// a = n + f with n = round(a), f ∈ [−½, ½]; with g = f·ln2,
/// e^g = E(g²) + g·O(g²) and e^−g = E − g·O, E and O the even and odd halves of the degree-7
/// Taylor series `exp2` evaluates (the same truncation error, ≈ 5e-9), so the second exponential
/// costs an add and its 2^(−n−N) instead of a second reduction and polynomial: 6 fused
/// multiply-adds in two independent chains for both, against 14 in two dependent ones. The powers
/// 2^±n go straight into the exponent fields (`scaledByPower2`): E ± g·O lies in [0.70, 1.42] and
/// both results are normal in these ranges, so that is exact, the same bits as multiplying by 2^±n,
/// in 3 integer ops for both instead of 7 (with the two multiplies); 2^−N stays a multiply (by 1
/// when N = 0, which the compiler drops: `softmax2Rows16` compiles to the same instructions as
/// with no multiply). A NaN lane stays NaN: an arithmetic NaN's rounding sum has its low 9 bits 0,
/// so its exponent term is 0, and the multiply by 2^−N keeps the second half NaN too (an integer
/// subtraction of N·2²³ would have made it finite).
@inline(__always)
func exp2Pair(_ a: Vec16, shift N: Int32) -> (Vec16, Vec16) {
    let (n, nExponent) = roundLanesToExponent(a)
    let g = (a - n) * ln2, g2 = g * g
    var even = Vec16(repeating: 1.0 / 720), odd = Vec16(repeating: 1.0 / 5040)
    even = Vec16(repeating: 1.0 / 24).addingProduct(even, g2); odd = Vec16(repeating: 1.0 / 120).addingProduct(odd, g2)
    even = Vec16(repeating: 0.5).addingProduct(even, g2); odd = Vec16(repeating: 1.0 / 6).addingProduct(odd, g2)
    even = Vec16(repeating: 1).addingProduct(even, g2); odd = Vec16(repeating: 1).addingProduct(odd, g2)
    let gOdd = g * odd
    return (scaledByPower2(even + gOdd, exponent: nExponent),
            scaledByPower2(even - gOdd, exponent: SIMD16<Int32>(repeating: 0) &- nExponent) * power2(SIMD16<Int32>(repeating: -N)))
}

/// Lane r of the result = `op` over the 16 lanes of v[r], for 16 vectors v[0..<16]: four levels of
/// pairwise combines, each of two vectors' even lanes with their odd lanes (two two-source
/// permutes and one `op`), 15 in all. After level k a vector holds 2^k rows with 16/2^k partials
/// each, row-major; after level 4, row r sits in lane r. Replaces 16 horizontal reductions (four
/// dependent shuffle + op steps each, then a lane extract): the per-row softmax2 of a 32-wide head
/// was bound by their latency. `op` must be associative and commutative (max, min, +).
@inline(__always)
func transposedReduce16(_ v: UnsafeMutablePointer<Vec16>, _ op: (Vec16, Vec16) -> Vec16) -> Vec16 {
    @inline(__always) func pair(_ a: Vec16, _ b: Vec16) -> Vec16 { let (e, o) = evenAndOddLanes(a, b); return op(e, o) }
    var n = 16
    while n > 1 {  // in place: v[i] ← pair(v[2i], v[2i+1])
        for i in 0..<(n / 2) { v[i] = pair(v[2 * i], v[2 * i + 1]) }
        n /= 2
    }
    return v[0]
}

extension FeatureMap {
    /// The largest |x − x₀|·log₂e over a row (x₀ its first entry) for which `softmax2Rows16`'s
    /// shift by x₀ is used: 2^±100 and the row sums of up to 2^20 of them are normal floats.
    static let firstEntryShiftLimit: Float = 100

    /// softmax2 of 16 rows, D a multiple of 16. Each row is shifted by its first entry x₀ (softmax
    /// is shift-invariant): with t = (x − x₀)·log₂e, y₁ = 2^t / Σ 2^t and y₂ = 2^−t / Σ 2^−t, both
    /// from one range reduction (`exp2Pair` with no shift), so no pass over the row for its max
    /// and min. The row sums through `transposedReduce16`, one reciprocal for 16 rows. A block
    /// with a row whose |t| exceeds `firstEntryShiftLimit` is redone by `softmax2Rows16Spread`
    /// (shifted by each row's max and min).
    /// - Parameters: x: [16 × D]; y: [16 × 2D], overwritten.
    @inline(__always)
    func softmax2Rows16(_ x: UnsafePointer<Float>, D: Int, into y: UnsafeMutablePointer<Float>) {
        let shifted: Bool = withTwoVectorBlocks { a, b in
            var widest = Vec16()
            for r in 0..<16 {
                let xr = x + r * D, y1 = y + r * 2 * D, y2 = y1 + D
                let c = Vec16(repeating: -xr[0] * log2e)
                var s1 = Vec16(), s2 = Vec16()
                var i = 0
                while i < D {
                    let t = c.addingProduct(load16(xr + i), log2e)  // (x − x₀)·log₂e
                    widest = vmax(widest, vmax(t, -t))
                    let (e1, e2) = exp2Pair(t, shift: 0)
                    store16(e1, y1 + i); store16(e2, y2 + i)
                    s1 += e1; s2 += e2
                    i += 16
                }
                (a + r).initialize(to: s1); (b + r).initialize(to: s2)
            }
            guard horizontalMax(widest) <= Self.firstEntryShiftLimit else { return false }
            normalizeRows16(y, D: D, sums1: a, sums2: b)
            return true
        }
        if !shifted { softmax2Rows16Spread(x, D: D, into: y) }
    }

    /// softmax2 of 16 rows, D a multiple of 16, shifted by each row's max and min: the row maxima,
    /// minima and sums through `transposedReduce16`, one reciprocal for 16 rows. The same formulas
    /// as one row at a time: y₁ = 2^((x − max x)·log₂e) / Σ, y₂ = 2^((min x − x)·log₂e) / Σ. When
    /// every row's spread (max x − min x)·log₂e is at most 120, both come from one range reduction
    /// (`exp2Pair`, y₂ shifted by max x − N·ln2 instead of min x, N the rounded spread: the same
    /// softmax); a block with a wider row takes two vector exp2 a lane.
    /// - Parameters: x: [16 × D]; y: [16 × 2D], overwritten.
    @inline(never)
    func softmax2Rows16Spread(_ x: UnsafePointer<Float>, D: Int, into y: UnsafeMutablePointer<Float>) {
        withTwoVectorBlocks { a, b in
            for r in 0..<16 {
                let xr = x + r * D
                var hiV = load16(xr), loV = hiV
                var i = 16
                while i < D { let v = load16(xr + i); hiV = vmax(hiV, v); loV = vmin(loV, v); i += 16 }
                (a + r).initialize(to: hiV); (b + r).initialize(to: loV)
            }
            let hi = transposedReduce16(a, vmax), lo = transposedReduce16(b, vmin)
            // the spread in base 2 of each row (lane r), rounded to an integer
            let spread = (hi - lo) * log2e, shifts = roundLanes(spread).integer
            let paired = horizontalMax(spread) <= 120
            for r in 0..<16 {
                let xr = x + r * D, y1 = y + r * 2 * D, y2 = y1 + D
                let h = Vec16(repeating: hi[r]), l = Vec16(repeating: lo[r]), shift = shifts[r]
                var s1 = Vec16(), s2 = Vec16()
                var i = 0
                while i < D {
                    let v = load16(xr + i)
                    let (e1, e2) = paired ? exp2Pair((v - h) * log2e, shift: shift) : (exp2((v - h) * log2e), exp2((l - v) * log2e))
                    store16(e1, y1 + i); store16(e2, y2 + i)
                    s1 += e1; s2 += e2
                    i += 16
                }
                a[r] = s1; b[r] = s2
            }
            normalizeRows16(y, D: D, sums1: a, sums2: b)
        }
    }

    /// y₁ /= Σ y₁ and y₂ /= Σ y₂ for 16 rows of softmax2's exponentials, given each row's 16-lane
    /// partial sums (row r: sums1[r], sums2[r]): the sums through `transposedReduce16`, one
    /// reciprocal for 16 rows. - Parameters: y: [16 × 2D], scaled in place.
    @inline(__always)
    private func normalizeRows16(_ y: UnsafeMutablePointer<Float>, D: Int, sums1 a: UnsafeMutablePointer<Vec16>,
                                 sums2 b: UnsafeMutablePointer<Vec16>) {
        let r1 = 1 / transposedReduce16(a) { $0 + $1 }, r2 = 1 / transposedReduce16(b) { $0 + $1 }
        for r in 0..<16 {
            let y1 = y + r * 2 * D, y2 = y1 + D, c1 = r1[r], c2 = r2[r]
            var i = 0
            while i < D { store16(load16(y1 + i) * c1, y1 + i); store16(load16(y2 + i) * c2, y2 + i); i += 16 }
        }
    }

    /// `backwardRows` of softmax2 for 16 rows, D a multiple of 16: the 32 dot products ⟨dy, y⟩
    /// through `transposedReduce16`. - Parameters: y, dy: [16 × 2D]; dx: [16 × D].
    @inline(__always)
    func softmax2BackwardRows16(y: UnsafePointer<Float>, dy: UnsafePointer<Float>, D: Int,
                                into dx: UnsafeMutablePointer<Float>, accumulate: Bool) {
        withTwoVectorBlocks { a, b in
            for r in 0..<16 {
                let y1 = y + r * 2 * D, y2 = y1 + D, g1 = dy + r * 2 * D, g2 = g1 + D
                var a1 = Vec16(), a2 = Vec16()
                var i = 0
                while i < D { a1.addProduct(load16(g1 + i), load16(y1 + i)); a2.addProduct(load16(g2 + i), load16(y2 + i)); i += 16 }
                (a + r).initialize(to: a1); (b + r).initialize(to: a2)
            }
            let d1 = transposedReduce16(a) { $0 + $1 }, d2 = transposedReduce16(b) { $0 + $1 }
            for r in 0..<16 {
                let y1 = y + r * 2 * D, y2 = y1 + D, g1 = dy + r * 2 * D, g2 = g1 + D, out = dx + r * D
                let e1 = d1[r], e2 = d2[r]
                var i = 0
                while i < D {
                    let g = softmax2Gradient(y1: load16(y1 + i), dy1: load16(g1 + i), d1: Vec16(repeating: e1),
                                             y2: load16(y2 + i), dy2: load16(g2 + i), d2: Vec16(repeating: e2))
                    store16(accumulate ? load16(out + i) + g : g, out + i)
                    i += 16
                }
            }
        }
    }
}
