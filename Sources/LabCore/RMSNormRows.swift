// The row arithmetic of RMSNorm in Float, shared by the model's pre-norms (over the model dim C)
// and RAttention's per-head norms (over the head dim D), with 16-lane partial sums: a scalar sum
// over a row is a chain of dependent adds (64 adds at 4 cycles each for a row of 64), which the
// compiler does not reorder. n is the row length (C or D), g the gain of the row's norm.
//
//   forward:   r = (Σ_i x_i² / n + eps)^(−½),   y = x·r ⊙ g
//   backward:  k = r³/n · Σ_i x_i·g_i·dy_i,   dx = r·(g ⊙ dy) − k·x  (+ residual),   dg += dy ⊙ x·r
//
// Double (the gradient checks) keeps the callers' scalar loops; Float rounds the sums in another
// order than a scalar loop would (16 partial sums, then a halving tree).
public enum RMSNormRows {
    /// r = (Σ x²/n + eps)^(−½) of the row x[0..<n].
    @inlinable @inline(__always)
    public static func inverseRMS(_ x: UnsafePointer<Float>, count n: Int, eps: Float) -> Float {
        1 / (sumOfSquares(x, count: n) / Float(n) + eps).squareRoot()
    }

    /// r of 16 rows at once from their sums of squares `ss` (lane i: row i): the same formula and
    /// bits as `inverseRMS` row by row, one vector square root and division for 16 rows instead of
    /// a scalar chain of two divisions and a square root on every row.
    @inlinable @inline(__always)
    public static func inverseRMS(sumsOfSquares ss: Vec16, count n: Int, eps: Float) -> Vec16 {
        1 / (ss / Float(n) + eps).squareRoot()
    }

    /// Σ x² over the row x[0..<n] (the sum `inverseRMS` takes: 16-lane partial sums, then the tail).
    @inlinable @inline(__always)
    public static func sumOfSquares(_ x: UnsafePointer<Float>, count n: Int) -> Float {
        var acc0 = Vec16(), acc1 = Vec16()
        var i = 0
        while i &+ 32 <= n {
            let a = load16(x + i), b = load16(x + (i &+ 16))
            acc0.addProduct(a, a); acc1.addProduct(b, b)
            i &+= 32
        }
        if i &+ 16 <= n { let a = load16(x + i); acc0.addProduct(a, a); i &+= 16 }
        var ms = horizontalSum(acc0 + acc1)
        while i < n { ms += x[i] * x[i]; i &+= 1 }
        return ms
    }

    /// y = x·r ⊙ g over a row of n (y may not alias x); with `accumulate`, y += x·r ⊙ g.
    @inlinable @inline(__always)
    public static func scale(_ x: UnsafePointer<Float>, r: Float, gain g: UnsafePointer<Float>, count n: Int,
                             into y: UnsafeMutablePointer<Float>, accumulate: Bool = false) {
        var i = 0
        let rv = Vec16(repeating: r)
        while i &+ 16 <= n {
            let v = load16(x + i) * rv * load16(g + i)
            store16(accumulate ? load16(y + i) + v : v, y + i)
            i &+= 16
        }
        while i < n { let v = x[i] * r * g[i]; y[i] = accumulate ? y[i] + v : v; i &+= 1 }
    }

    /// The backward of one row: dx = r·(g ⊙ dy) − k·x with k = r³/n·Σ x⊙g⊙dy, plus `residual`'s
    /// row when given (the gradient that reaches x around the norm); dg += dy ⊙ x·r.
    @inlinable @inline(__always)
    public static func backward(x: UnsafePointer<Float>, gain g: UnsafePointer<Float>, dy: UnsafePointer<Float>, r: Float,
                                count n: Int, residual: UnsafePointer<Float>?, dx: UnsafeMutablePointer<Float>,
                                dg: UnsafeMutablePointer<Float>) {
        var acc0 = Vec16(), acc1 = Vec16()
        var i = 0
        while i &+ 32 <= n {
            acc0.addProduct(load16(x + i) * load16(g + i), load16(dy + i))
            acc1.addProduct(load16(x + (i &+ 16)) * load16(g + (i &+ 16)), load16(dy + (i &+ 16)))
            i &+= 32
        }
        if i &+ 16 <= n { acc0.addProduct(load16(x + i) * load16(g + i), load16(dy + i)); i &+= 16 }
        var dot = horizontalSum(acc0 + acc1)
        while i < n { dot += x[i] * g[i] * dy[i]; i &+= 1 }
        let k = r * r * r / Float(n) * dot
        let (rv, kv) = (Vec16(repeating: r), Vec16(repeating: k))
        i = 0
        while i &+ 16 <= n {
            let (xv, gv, dyv) = (load16(x + i), load16(g + i), load16(dy + i))
            let d = rv * gv * dyv - kv * xv
            store16(residual.map { load16($0 + i) + d } ?? d, dx + i)
            store16(load16(dg + i) + dyv * xv * rv, dg + i)
            i &+= 16
        }
        while i < n {
            let d = r * g[i] * dy[i] - k * x[i]
            dx[i] = residual.map { $0[i] + d } ?? d
            dg[i] += dy[i] * x[i] * r
            i &+= 1
        }
    }
}
