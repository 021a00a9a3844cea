// The short depthwise causal convolution of kernel k over the block input, added as a residual
// before the mixer (x ← x + conv(x)), as Zoology's BaseConv and the short convolutions of Based,
// Mamba and most hybrid stacks.
//
//   forward:   y[b,t,c] = Σ_{j<k} w[j,c] · x[b,t−j,c]        (x at t−j < 0 is 0)   x, y: [B, T, C], w: [k, C]
//   backward:  dx[b,t,c] = Σ_{j<k} w[j,c] · dy[b,t+j,c],    dw[j,c] = Σ_{b,t} dy[b,t,c] · x[b,t−j,c]
//   decoding:  each layer keeps the last k−1 inputs per sequence (`ConvolutionCache`).
//
// Weights start uniform in ±(projectionScale/√k), PyTorch's Conv1d default for a depthwise filter.
// Cost: 2·B·T·C·k FLOPs forward.
import LabCore

enum ShortConvolution {
    static func initialWeight(kernel k: Int, channels C: Int, scale: Double, rng: inout SeededGenerator) -> Tensor<Float> {
        let bound = scale / Double(k).squareRoot()
        return Tensor(shape: [k, C], scalars: (0..<(k * C)).map { _ in Float((2 * rng.nextDouble() - 1) * bound) })
    }

    /// y = conv(x), or x + conv(x) with `residual` (the block's x1: the sum made row by row while
    /// the row is in cache, the same rounding as a separate add), x: [B, T, C], w: [k, C].
    static func forward<S: TensorScalar>(_ x: Tensor<S>, weight w: Tensor<S>, residual: Bool = false) -> Tensor<S> {
        let profiled = Profile.begin(); defer { Profile.end(.convolution, profiled) }
        let (B, T, C) = (x.shape[0], x.shape[1], x.shape[2]), k = w.shape[0]
        var y = [S](unsafeUninitializedCapacity: x.count) { _, n in n = x.count }  // every row written below
        x.scalars.withUnsafeBufferPointer { xp in w.scalars.withUnsafeBufferPointer { wp in y.withUnsafeMutableBufferPointer { yp in
            for b in 0..<B { for t in 0..<T {
                let o = (b * T + t) * C, yr = yp.baseAddress! + o
                yr.initialize(repeating: 0, count: C)
                for j in 0..<min(k, t + 1) {
                    let (xr, wr) = (xp.baseAddress! + (o - j * C), wp.baseAddress! + j * C)
                    addProducts(yr, wr, xr, C)
                }
                if residual { addRow(yr, xp.baseAddress! + o, C) }
            }}
        }}}
        return Tensor(shape: x.shape, scalars: y)
    }

    /// Backward of `forward`: dx [B, T, C] and dw [k, C]. dx is the convolution's alone, or with
    /// `residual` dy + the convolution's (the gradient of x + conv(x)).
    static func backward<S: TensorScalar>(_ x: Tensor<S>, weight w: Tensor<S>, dy: Tensor<S>, residual: Bool = false)
        -> (dx: Tensor<S>, dw: Tensor<S>) {
        let profiled = Profile.begin(); defer { Profile.end(.convolution, profiled) }
        let (B, T, C) = (x.shape[0], x.shape[1], x.shape[2]), k = w.shape[0]
        var dx = [S](unsafeUninitializedCapacity: x.count) { _, n in n = x.count }, dw = [S](repeating: 0, count: w.count)
        x.scalars.withUnsafeBufferPointer { xp in w.scalars.withUnsafeBufferPointer { wp in dy.scalars.withUnsafeBufferPointer { gp in
            dx.withUnsafeMutableBufferPointer { dxp in dw.withUnsafeMutableBufferPointer { dwp in
                // dx row by row, dx[t] = Σ_{j < k, t+j < T} w[j]·dy[t+j] in ascending j (the order in
                // which a pass over t would scatter the terms into it), then + dy[t] with `residual`;
                // dw in a second pass in (b, t, j) order.
                for b in 0..<B { for t in 0..<T {
                    let o = (b * T + t) * C, dxr = dxp.baseAddress! + o
                    dxr.initialize(repeating: 0, count: C)
                    for j in 0..<min(k, T - t) {
                        let (wr, gr) = (wp.baseAddress! + j * C, gp.baseAddress! + (o + j * C))
                        addProducts(dxr, wr, gr, C)
                    }
                    if residual { addRow(dxr, gp.baseAddress! + o, C) }
                }}
                for b in 0..<B { for t in 0..<T {
                    let o = (b * T + t) * C, gr = gp.baseAddress! + o
                    for j in 0..<min(k, t + 1) {
                        let (dwr, xr) = (dwp.baseAddress! + j * C, xp.baseAddress! + (o - j * C))
                        addProducts(dwr, gr, xr, C)
                    }
                }}
            }}
        }}}
        return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: w.shape, scalars: dw))
    }
}

/// dst[c] = src[c] + dst[c] for c < n (the residual sum, as `LinearAlgebra.add(src, dst)` rounds it):
/// 16 lanes at a time in Float.
@inline(__always)
private func addRow<S: TensorScalar>(_ dst: UnsafeMutablePointer<S>, _ src: UnsafePointer<S>, _ n: Int) {
    var c = 0
    if S.self == Float.self {
        typealias V = SIMD16<Float>
        let (d, x) = (UnsafeMutableRawPointer(dst), UnsafeRawPointer(src))
        while c &+ 16 <= n {
            let off = c &* 4
            d.storeBytes(of: x.loadUnaligned(fromByteOffset: off, as: V.self) + d.loadUnaligned(fromByteOffset: off, as: V.self),
                         toByteOffset: off, as: V.self)
            c &+= 16
        }
    }
    while c < n { dst[c] = src[c] + dst[c]; c &+= 1 }
}

/// dst[c] += a[c]·b[c] for c < n: 16 lanes at a time in Float (a product then a sum, unfused, as
/// the scalar loop rounds), the scalar loop otherwise. The compiler leaves the plain loop scalar.
@inline(__always)
private func addProducts<S: TensorScalar>(_ dst: UnsafeMutablePointer<S>, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ n: Int) {
    var c = 0
    if S.self == Float.self {
        typealias V = SIMD16<Float>
        let (d, x, y) = (UnsafeMutableRawPointer(dst), UnsafeRawPointer(a), UnsafeRawPointer(b))
        while c &+ 16 <= n {
            let off = c &* 4
            let v = d.loadUnaligned(fromByteOffset: off, as: V.self)
                + x.loadUnaligned(fromByteOffset: off, as: V.self) * y.loadUnaligned(fromByteOffset: off, as: V.self)
            d.storeBytes(of: v, toByteOffset: off, as: V.self)
            c &+= 16
        }
    }
    while c < n { dst[c] += a[c] * b[c]; c &+= 1 }
}

/// The last k−1 block inputs of each sequence (oldest first), for decoding the convolution.
final class ConvolutionCache {
    let batch: Int, kernel: Int, channels: Int
    /// [B][(k−1)·C], oldest first; zeros before the sequence starts (what the forward pads with).
    private var history: [[Float]]

    init(batch: Int, kernel: Int, channels: Int) {
        self.batch = batch; self.kernel = kernel; self.channels = channels
        history = Array(repeating: [Float](repeating: 0, count: max(kernel - 1, 0) * channels), count: batch)
    }

    var bytes: Int { batch * max(kernel - 1, 0) * channels * MemoryLayout<Float>.size }

    /// conv(x) for x: [B, T, C] following the cached inputs, and the cache advanced by T tokens.
    func step(_ x: Tensor<Float>, weight w: Tensor<Float>) -> Tensor<Float> {
        let (B, T, C) = (x.shape[0], x.shape[1], x.shape[2]), k = kernel, h = k - 1
        var y = [Float](repeating: 0, count: x.count)
        for b in 0..<B {
            // the cached inputs then this call's: window[i] is the input at relative time i − h
            let window = history[b] + x.scalars[(b * T * C)..<((b + 1) * T * C)]
            for t in 0..<T { for j in 0..<k {
                let src = (t + h - j) * C
                for c in 0..<C { y[(b * T + t) * C + c] += w.scalars[j * C + c] * window[src + c] }
            }}
            if h > 0 { history[b] = Array(window[(window.count - h * C)...]) }
        }
        return Tensor(shape: x.shape, scalars: y)
    }
}
