// The model's dense products (projections x·W and their backward, the LM head): OpenBLAS, or the
// kernels' register-tiled micro-kernels (TileGemm.swift) over B packed into 64-column panels
// when the product's B side is cache-sized and OpenBLAS would run it on one thread.
// `LinearAlgebra.matmul`/`matmulBackward` (the layers' projections) and the LM head call
// `LinearAlgebra.product`; `LinearAlgebra.gemm` stays the plain OpenBLAS call. Plain tensor ops,
// not kernels: no registry entry, no alternatives to choose.
//
// Why: at the study shapes (width 64–128, 4,096 rows a thread) every projection has a short
// inner dimension (K = 64 for x·W_q) or a short output (the weight gradient, [64 × 64]), where
// OpenBLAS spends a third of its time packing both operands (`perf`: sgemm_oncopy/otcopy/itcopy
// 9 % of a window-pareto training step's samples against 22 % in its kernel). Here only B is
// packed, and A's rows are read in place:
//
//   C[m×n] = A[m×k]·op(B)[k×n]: for each panel of 64 columns of op(B), copy it to a contiguous
//   [k × 64] block (≤ 128 KiB for k ≤ 512, so it stays in L2; its rows 256 B apart, where B's own
//   rows n = 256 or 512 floats apart fall on a few L1 sets and evict each other), then stream A's
//   rows through the 4×64 micro-kernel. Cost 2·m·n·k FLOPs plus k·n copies (none when op(B) is B
//   with n ≤ 64 columns: its rows are already n apart, as a packed panel's).
//   C[m×n] = Aᵀ·B with A [k×m] (a weight gradient xᵀ·dy; k = the rows, long): k in chunks of 128
//   rows; per chunk, each 64-column panel of B's chunk is packed ([128 × 64], 32 KiB) and
//   accumulated into C through the transposed-A micro-kernels (B read in place when n ≤ 64: the
//   weight gradients of a width-64 model, where the copy had been 1.6 % of a training step's
//   samples). C stays in L2 across the chunks (m·n ≤ 128 Ki floats).
//
// Where neither applies (long K, wide weight gradients, several OpenBLAS threads, Double) the
// product is OpenBLAS's (`gemm`). Both paths are compared with a Double reference in
// PanelProductTests, on tails of every width.
import LabCore

public enum PanelProduct {
    /// Columns of op(B) per packed panel: the width of the 4×64 micro-kernel.
    public static let panelWidth = 64
    /// Rows of A and B a weight-gradient chunk accumulates at a time.
    public static let gradientChunkRows = 128

    /// Whether C[m×n] = op(A)·op(B) (k inner) runs the panel product rather than OpenBLAS: one
    /// OpenBLAS thread (the products of a batch-parallel training step) and `shapeQualifies`.
    public static func applies(transA: Bool, transB: Bool, m: Int, n: Int, k: Int) -> Bool {
        OpenBLAS.threads == 1 && shapeQualifies(transA: transA, transB: transB, m: m, n: n, k: k)
    }

    /// The shapes the panel product takes:
    /// - A not transposed: m ≥ 64 rows (enough to pay for packing op(B)) and k ≤ 512 (a packed
    ///   panel of k × 64 floats fits L2);
    /// - Aᵀ·B (B not transposed): k ≥ 64 rows and C of at most 512 rows and 128 Ki floats (it is
    ///   re-read for every 128-row chunk, so it must stay in L2).
    /// Aᵀ·Bᵀ always goes to OpenBLAS (no caller needs it), and so does an empty product.
    public static func shapeQualifies(transA: Bool, transB: Bool, m: Int, n: Int, k: Int) -> Bool {
        guard m > 0, n > 0, k > 0 else { return false }
        if !transA { return m >= 64 && k <= 512 }
        return !transB && k >= 64 && m <= 512 && m * n <= 128 * 1024
    }

    /// C[m×n] = op(A)·op(B), or C += op(A)·op(B) with `accumulate`, on the panel path (the caller
    /// checked `applies`); row-major, the leading dimensions those of dense operands: A [m×k] (Aᵀ:
    /// [k×m]), B [k×n] (Bᵀ: [n×k]), C [m×n]. Without `accumulate` C is written whole (β = 0).
    public static func multiply(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                                accumulate: Bool = false) {
        if transA {
            precondition(!transB, "PanelProduct: Aᵀ·Bᵀ is OpenBLAS's")
            multiplyTransposedA(m: m, n: n, k: k, a: a, b: b, c: c, accumulate: accumulate)
        } else {
            multiplyPanels(transB: transB, m: m, n: n, k: k, a: a, b: b, c: c, accumulate: accumulate)
        }
    }

    /// A [m×k] · op(B): one packed [k × w] panel per 64 columns, A's rows streamed through it.
    /// Each path is its own function: inlined together into one caller, the micro-kernels ran out of
    /// registers (spills in the k loop; the training step ran at half speed).
    @inline(never)
    static func multiplyPanels(transB: Bool, m: Int, n: Int, k: Int,
                               a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                               accumulate: Bool) {
        // B with at most 64 columns is its own panel (rows n apart, as packed): no copy, no buffer
        let inPlace = !transB && n <= panelWidth
        let panel = inPlace ? nil : allocatePanel(rows: k)
        defer { panel?.deallocate() }
        var j = 0
        while j < n {
            let w = min(panelWidth, n - j)
            if let panel {
                if transB {  // op(B)[p, j + col] = B[j + col, p]
                    transposeTile(rows: w, cols: k, src: b + j * k, ldSrc: k, out: panel, ldOut: w)
                } else {
                    packColumns(rows: k, width: w, from: b + j, ld: n, into: panel)
                }
            }
            tileGemm(m: m, n: w, k: k, a: a, lda: k, b: panel.map { UnsafePointer($0) } ?? b, ldb: w, c: c + j, ldc: n,
                     accumulate: accumulate)
            j += w
        }
    }

    /// Aᵀ·B for A [k×m], B [k×n]: k in chunks of 128 rows; each chunk's 64-column panels of B
    /// packed and accumulated into C (the first chunk writes it unless `accumulate`).
    @inline(never)
    static func multiplyTransposedA(m: Int, n: Int, k: Int,
                                    a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                                    accumulate: Bool) {
        // B with at most 64 columns (a weight gradient of a width-64 layer) is its own panel
        let panel = n <= panelWidth ? nil : allocatePanel(rows: min(k, gradientChunkRows))
        defer { panel?.deallocate() }
        var r = 0
        while r < k {
            let rows = min(gradientChunkRows, k - r)
            var j = 0
            while j < n {
                let w = min(panelWidth, n - j)
                if let panel { packColumns(rows: rows, width: w, from: b + r * n + j, ld: n, into: panel) }
                tileGemmTransposedA(m: m, n: w, k: rows, a: a + r * m, lda: m, b: panel.map { UnsafePointer($0) } ?? b + r * n, ldb: w,
                                    c: c + j, ldc: n, accumulate: accumulate || r > 0)
                j += w
            }
            r += rows
        }
    }

    /// panel[p·width + col] = src[p·ld + col] for p < rows, col < width: `width` columns of a
    /// row-major matrix, made contiguous.
    @inline(__always)
    static func packColumns(rows: Int, width: Int, from src: UnsafePointer<Float>, ld: Int, into panel: UnsafeMutablePointer<Float>) {
        for p in 0..<rows { (panel + p * width).update(from: src + p * ld, count: width) }
    }

    /// A panel of `rows` × 64 floats, 64-byte aligned (free with `deallocate()`).
    static func allocatePanel(rows: Int) -> UnsafeMutablePointer<Float> { allocateAlignedFloats(rows * panelWidth) }
}

extension LinearAlgebra {
    /// C[m×n] = op(A)·op(B) (β = 0), or C += op(A)·op(B) with `accumulate` (β = 1), row-major, as
    /// `gemm`: the panel product for Float where `PanelProduct.applies`, OpenBLAS otherwise. The
    /// projections and the LM head call this; `gemm` stays the plain OpenBLAS call (the ceiling the
    /// kernels are measured against).
    public static func product<S: TensorScalar>(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                                                a: UnsafePointer<S>, b: UnsafePointer<S>, c: UnsafeMutablePointer<S>,
                                                accumulate: Bool = false) {
        if S.self == Float.self, PanelProduct.applies(transA: transA, transB: transB, m: m, n: n, k: k) {
            a.withMemoryRebound(to: Float.self, capacity: 1) { a in
            b.withMemoryRebound(to: Float.self, capacity: 1) { b in
            c.withMemoryRebound(to: Float.self, capacity: 1) { c in
                PanelProduct.multiply(transA: transA, transB: transB, m: m, n: n, k: k, a: a, b: b, c: c, accumulate: accumulate)
            }}}
            return
        }
        gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: a, b: b, beta: accumulate ? 1 : 0, c: c)
    }

    /// x·W for x: [..., K] (flattened to rows) and W: [K, N] → [..., N].
    public static func matmul<S: TensorScalar>(_ x: Tensor<S>, _ w: Tensor<S>) -> Tensor<S> {
        let profiled = Profile.begin(); defer { Profile.end(.projections, profiled) }
        if S.self == Float.self { return asFloat(matmulBody(asFloat(x) as Tensor<Float>, asFloat(w))) }
        return matmulBody(x, w)
    }

    static func matmulBody<S: TensorScalar>(_ x: Tensor<S>, _ w: Tensor<S>) -> Tensor<S> {
        let k = w.shape[0], n = w.shape[1], m = x.count / k
        precondition(x.shape.last == k, "matmul: x \(x.shape) · W \(w.shape)")
        let out = gemmOutput(count: m * n, k: k) { op in x.scalars.withUnsafeBufferPointer { xp in w.scalars.withUnsafeBufferPointer { wp in
            product(m: m, n: n, k: k, a: xp.baseAddress!, b: wp.baseAddress!, c: op)
        }}}
        return Tensor(shape: Array(x.shape.dropLast()) + [n], scalars: out)
    }

    /// A `count`-element array that `fill` writes whole with one β = 0 product whose inner
    /// dimension is `k` (BLAS with β = 0, and the panel product, store C without reading it), so it
    /// is not zero-filled first: one pass over memory less. With k = 0 (an empty sum, which BLAS would refuse for its
    /// leading dimension) the result is zeros and `fill` is not called.
    public static func gemmOutput<S: TensorScalar>(count: Int, k: Int, _ fill: (UnsafeMutablePointer<S>) -> Void) -> [S] {
        guard count > 0, k > 0 else { return [S](repeating: 0, count: count) }
        return [S](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(buffer.baseAddress!)
            initialized = count
        }
    }

    /// Backward of y = x·W given dy: returns dx = dy·Wᵀ and dW = xᵀ·dy (summed over rows).
    public static func matmulBackward<S: TensorScalar>(_ x: Tensor<S>, _ w: Tensor<S>, dy: Tensor<S>)
        -> (dx: Tensor<S>, dw: Tensor<S>) {
        let g = matmulBackward(x, [w], dys: [dy])
        return (g.dx, g.dws[0])
    }

    /// Backward of several products of one input, y_i = x·W_i (the q, k, v projections; SwiGLU's
    /// two input products), given each dy_i: dx = Σ_i dy_i·W_iᵀ, accumulated in one buffer by the
    /// products themselves (no separate sums), and dW_i = xᵀ·dy_i. x: [..., K], W_i: [K, N_i],
    /// dy_i: [..., N_i]; returns dx like x and dW_i like W_i. Cost 4·rows·K·Σ N_i FLOPs.
    public static func matmulBackward<S: TensorScalar>(_ x: Tensor<S>, _ ws: [Tensor<S>], dys: [Tensor<S>])
        -> (dx: Tensor<S>, dws: [Tensor<S>]) {
        let profiled = Profile.begin(); defer { Profile.end(.projections, profiled) }
        if S.self == Float.self {
            let r = matmulBackwardBody(asFloat(x) as Tensor<Float>, ws.map { asFloat($0) }, dys: dys.map { asFloat($0) })
            return (asFloat(r.dx), r.dws.map { asFloat($0) })
        }
        return matmulBackwardBody(x, ws, dys: dys)
    }

    static func matmulBackwardBody<S: TensorScalar>(_ x: Tensor<S>, _ ws: [Tensor<S>], dys: [Tensor<S>])
        -> (dx: Tensor<S>, dws: [Tensor<S>]) {
        precondition(!ws.isEmpty && ws.count == dys.count, "matmulBackward: \(ws.count) weights, \(dys.count) gradients")
        let k = ws[0].shape[0], m = x.count / k
        for (w, dy) in zip(ws, dys) {
            precondition(w.shape[0] == k && dy.count == m * w.shape[1], "matmulBackward: x \(x.shape), W \(w.shape), dy \(dy.shape)")
        }
        let dx = gemmOutput(count: m * k, k: ws.reduce(0) { $0 + $1.shape[1] }) { dx in
            var written = false  // the first product with N_i > 0 writes dx, the later ones add to it
            for (w, dy) in zip(ws, dys) where w.shape[1] > 0 {
                w.scalars.withUnsafeBufferPointer { wp in dy.scalars.withUnsafeBufferPointer { gp in
                    product(transB: true, m: m, n: k, k: w.shape[1], a: gp.baseAddress!, b: wp.baseAddress!, c: dx, accumulate: written)
                }}
                written = true
            }
        }
        let dws = zip(ws, dys).map { w, dy in
            let n = w.shape[1]
            let dw = x.scalars.withUnsafeBufferPointer { xp in dy.scalars.withUnsafeBufferPointer { gp in
                gemmOutput(count: k * n, k: m) { product(transA: true, m: k, n: n, k: m, a: xp.baseAddress!, b: gp.baseAddress!, c: $0) }
            }}
            return Tensor(shape: w.shape, scalars: dw)
        }
        return (Tensor(shape: x.shape, scalars: dx), dws)
    }
}
