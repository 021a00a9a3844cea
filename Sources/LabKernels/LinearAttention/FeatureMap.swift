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
// Two versions: a generic scalar one (the references, Float or Double, and the fast kernels at a
// head dim D that is not a multiple of 16) and a SIMD Float one for D % 16 == 0, whose exp is the
// vectorised `exp2` of TileGemm.swift.
// Cost: O(D) per vector, D exps for softmax2 — small beside the O(D²) state read per token.
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

// MARK: - Float rows (SIMD when D % 16 == 0)

extension FeatureMap {
    static let log2e: Float = 1.442_695_040_888_963_4

    /// y_r = φ(x_r) for `rows` rows. - Parameters: x: [rows × D] (row stride D); y: [rows × 2D]
    /// (row stride 2D). SIMD when D % 16 == 0; any other D goes through the scalar `apply`.
    @inline(__always)
    func applyRows(_ x: UnsafePointer<Float>, rows: Int, D: Int, into y: UnsafeMutablePointer<Float>) {
        if D % 16 != 0 {
            for r in 0..<rows { apply(x + r * D, count: D, into: y + r * 2 * D) }
            return
        }
        for r in 0..<rows {
            let xr = x + r * D, y1 = y + r * 2 * D, y2 = y1 + D
            switch self {
            case .relu2:
                var i = 0
                while i < D {
                    let v = load16(xr + i)
                    store16(vmax(v, Vec16()), y1 + i); store16(vmax(-v, Vec16()), y2 + i)
                    i += 16
                }
            case .softmax2:
                var hiV = load16(xr), loV = hiV
                var i = 16
                while i < D { let v = load16(xr + i); hiV = vmax(hiV, v); loV = vmin(loV, v); i += 16 }
                let hi = horizontalMax(hiV), lo = -horizontalMax(-loV)
                var s1 = Vec16(), s2 = Vec16()
                // exp(lo − x) = exp(lo − hi) / exp(x − hi): one exp per lane instead of two while
                // hi − lo ≤ 64 keeps both factors normal floats (≥ e^−64); two exps otherwise.
                let oneExp = hi - lo <= 64
                let c = Vec16(repeating: Float.exp(lo - hi))
                i = 0
                while i < D {
                    let v = load16(xr + i)
                    let e1 = exp2((v - hi) * Self.log2e)
                    let e2 = oneExp ? c / e1 : exp2((lo - v) * Self.log2e)
                    store16(e1, y1 + i); store16(e2, y2 + i)
                    s1 += e1; s2 += e2
                    i += 16
                }
                let r1 = 1 / horizontalSum(s1), r2 = 1 / horizontalSum(s2)
                i = 0
                while i < D { store16(load16(y1 + i) * r1, y1 + i); store16(load16(y2 + i) * r2, y2 + i); i += 16 }
            }
        }
    }

    /// dx_r = J_φᵀ dy_r for `rows` rows, given y_r = φ(x_r). - Parameters: y, dy: [rows × 2D];
    /// dx: [rows × D], overwritten, or added to with `accumulate`. SIMD when D % 16 == 0; any other
    /// D goes through the scalar `backward`.
    @inline(__always)
    func backwardRows(y: UnsafePointer<Float>, dy: UnsafePointer<Float>, rows: Int, D: Int,
                      into dx: UnsafeMutablePointer<Float>, accumulate: Bool) {
        if D % 16 != 0 {
            let g = UnsafeMutablePointer<Float>.allocate(capacity: D)
            defer { g.deallocate() }
            for r in 0..<rows {
                backward(y: y + r * 2 * D, dy: dy + r * 2 * D, count: D, into: accumulate ? g : dx + r * D)
                if accumulate { for i in 0..<D { dx[r * D + i] += g[i] } }
            }
            return
        }
        for r in 0..<rows {
            let y1 = y + r * 2 * D, y2 = y1 + D, g1 = dy + r * 2 * D, g2 = g1 + D, out = dx + r * D
            var d1: Float = 0, d2: Float = 0
            if self == .softmax2 {
                var a1 = Vec16(), a2 = Vec16()
                var i = 0
                while i < D { a1.addProduct(load16(g1 + i), load16(y1 + i)); a2.addProduct(load16(g2 + i), load16(y2 + i)); i += 16 }
                d1 = horizontalSum(a1); d2 = horizontalSum(a2)
            }
            var i = 0
            while i < D {
                let v1 = load16(y1 + i), v2 = load16(y2 + i), dy1 = load16(g1 + i), dy2 = load16(g2 + i)
                let g: Vec16
                switch self {
                case .relu2: g = Vec16().replacing(with: dy1, where: v1 .> 0) - Vec16().replacing(with: dy2, where: v2 .> 0)
                case .softmax2: g = v1 * (dy1 - d1) - v2 * (dy2 - d2)
                }
                store16(accumulate ? load16(out + i) + g : g, out + i)
                i += 16
            }
        }
    }
}

/// The sum of the 16 lanes by halving (`SIMD.sum()` compiles to a scalar loop).
@inline(__always) func horizontalSum(_ v: Vec16) -> Float {
    let a = v.lowHalf + v.highHalf, b = a.lowHalf + a.highHalf
    return (b[0] + b[2]) + (b[1] + b[3])
}
