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
    @inline(__always)
    public static func inverseRMS(_ x: UnsafePointer<Float>, count n: Int, eps: Float) -> Float {
        var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
        var i = 0
        while i &+ 32 <= n {
            let a = load(x + i), b = load(x + (i &+ 16))
            acc0.addProduct(a, a); acc1.addProduct(b, b)
            i &+= 32
        }
        if i &+ 16 <= n { let a = load(x + i); acc0.addProduct(a, a); i &+= 16 }
        var ms = sum(acc0 + acc1)
        while i < n { ms += x[i] * x[i]; i &+= 1 }
        return 1 / (ms / Float(n) + eps).squareRoot()
    }

    /// y = x·r ⊙ g over a row of n (y may not alias x).
    @inline(__always)
    public static func scale(_ x: UnsafePointer<Float>, r: Float, gain g: UnsafePointer<Float>, count n: Int,
                             into y: UnsafeMutablePointer<Float>) {
        var i = 0
        let rv = SIMD16<Float>(repeating: r)
        while i &+ 16 <= n { store(load(x + i) * rv * load(g + i), y + i); i &+= 16 }
        while i < n { y[i] = x[i] * r * g[i]; i &+= 1 }
    }

    /// The backward of one row: dx = r·(g ⊙ dy) − k·x with k = r³/n·Σ x⊙g⊙dy, plus `residual`'s
    /// row when given (the gradient that reaches x around the norm); dg += dy ⊙ x·r.
    @inline(__always)
    public static func backward(x: UnsafePointer<Float>, gain g: UnsafePointer<Float>, dy: UnsafePointer<Float>, r: Float,
                                count n: Int, residual: UnsafePointer<Float>?, dx: UnsafeMutablePointer<Float>,
                                dg: UnsafeMutablePointer<Float>) {
        var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
        var i = 0
        while i &+ 32 <= n {
            acc0.addProduct(load(x + i) * load(g + i), load(dy + i))
            acc1.addProduct(load(x + (i &+ 16)) * load(g + (i &+ 16)), load(dy + (i &+ 16)))
            i &+= 32
        }
        if i &+ 16 <= n { acc0.addProduct(load(x + i) * load(g + i), load(dy + i)); i &+= 16 }
        var dot = sum(acc0 + acc1)
        while i < n { dot += x[i] * g[i] * dy[i]; i &+= 1 }
        let k = r * r * r / Float(n) * dot
        let (rv, kv) = (SIMD16<Float>(repeating: r), SIMD16<Float>(repeating: k))
        i = 0
        while i &+ 16 <= n {
            let (xv, gv, dyv) = (load(x + i), load(g + i), load(dy + i))
            let d = rv * gv * dyv - kv * xv
            store(residual.map { load($0 + i) + d } ?? d, dx + i)
            store(load(dg + i) + dyv * xv * rv, dg + i)
            i &+= 16
        }
        while i < n {
            let d = r * g[i] * dy[i] - k * x[i]
            dx[i] = residual.map { $0[i] + d } ?? d
            dg[i] += dy[i] * x[i] * r
            i &+= 1
        }
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }
    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> { load(UnsafePointer(p)) }
    @inline(__always) static func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }
    /// The 16 lanes' sum by halving (`SIMD.sum()` is a scalar loop).
    @inline(__always) static func sum(_ v: SIMD16<Float>) -> Float {
        let a = v.lowHalf + v.highHalf, b = a.lowHalf + a.highHalf
        return (b[0] + b[2]) + (b[1] + b[3])
    }
}
