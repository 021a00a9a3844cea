// Checking implementations against their reference: the grids of shapes, the comparison metric
// and the named tolerances. Used by `attnlab kernels check` and by the tests, so both judge
// kernels the same way.
import LabCore

/// Named tolerances: pass iff max|x − ref| ≤ atol + rtol · max|ref| (a max-norm relative bound,
/// robust to the many near-zero entries of attention gradients).
public struct Tolerance: Sendable, CustomStringConvertible {
    public var atol: Double, rtol: Double
    public init(atol: Double, rtol: Double) { self.atol = atol; self.rtol = rtol }
    /// Float32 kernels against a Double reference rounded to Float.
    public static let float32 = Tolerance(atol: 1e-5, rtol: 2e-4)
    public var description: String { "atol \(atol), rtol \(rtol)" }
    /// The rule in words, for `kernels check`'s output.
    public var rule: String { "a case passes when max|got − ref| ≤ atol + rtol · max|ref| (atol \(atol), rtol \(rtol)); max rel err = max|got − ref| / max|ref|" }
}

/// One compared quantity of one kernel on one case.
public struct CheckRow: Sendable {
    public var op: String, kernel: String, testCase: String, quantity: String
    /// max|x − ref| and that divided by max|ref|.
    public var maxAbsError: Double, maxRelError: Double
    public var tolerance: Tolerance
    /// `nil` if the kernel ran; else why the case was skipped (unsupported shape).
    public var skipped: String?
    public var passed: Bool { skipped != nil || (maxAbsError.isFinite && maxAbsError <= bound) }
    /// What `maxAbsError` must not exceed: atol + rtol · max|ref|.
    public var bound: Double { tolerance.atol + tolerance.rtol * referenceMax }
    var referenceMax: Double

    public init<S: TensorScalar>(op: String, kernel: String, testCase: String, quantity: String,
                                 value: Tensor<S>, reference: Tensor<S>, tolerance: Tolerance) {
        self.op = op; self.kernel = kernel; self.testCase = testCase; self.quantity = quantity
        self.tolerance = tolerance
        maxAbsError = value.maxAbsDifference(reference)
        referenceMax = reference.maxAbs
        maxRelError = maxAbsError / max(referenceMax, 1e-3)  // floored: some gradients are exactly 0
        skipped = nil
    }

    public init(op: String, kernel: String, testCase: String, skipped reason: String) {
        self.op = op; self.kernel = kernel; self.testCase = testCase; quantity = "-"
        maxAbsError = 0; maxRelError = 0; referenceMax = 0; tolerance = .float32; skipped = reason
    }
}

/// Inputs drawn from a seeded generator, standard normal, for a `softmax-attention` shape.
public struct SoftmaxAttentionProblem: Sendable {
    public var shape: AttentionShape
    public var q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, dout: Tensor<Float>

    public init(_ shape: AttentionShape, seed: UInt64 = 0) {
        self.shape = shape
        var rng = SeededGenerator(seed: seed, stream: shape.description)
        q = Tensor(randomNormal: [shape.B, shape.H, shape.T, shape.D], rng: &rng)
        k = Tensor(randomNormal: [shape.B, shape.Hkv, shape.S, shape.D], rng: &rng)
        v = Tensor(randomNormal: [shape.B, shape.Hkv, shape.S, shape.D], rng: &rng)
        dout = Tensor(randomNormal: [shape.B, shape.H, shape.T, shape.D], rng: &rng)
    }
}

public enum SoftmaxAttentionCheck {
    /// The check grid: T not a multiple of the tile, T = 1, W = 0, W ≥ T − 1, every
    /// D ∈ {16, 32, 64, 128} and every head dim of `KernelCheckGrid.headDims`, Hkv < H, B > 1,
    /// and a key length S > T (queries after a cache).
    /// `quick` keeps the shapes small enough for debug-build tests.
    public static func grid(quick: Bool) -> [AttentionShape] {
        var shapes: [AttentionShape] = []
        let lengths = quick ? [1, 7, 70] : [1, 7, 64, 100, 257]
        for D in [16, 32, 64, 128] {
            for T in lengths {
                for W in [nil, 0, 5, T - 1, T + 3] as [Int?] {
                    shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: T, D: D, window: W))
                }
            }
        }
        shapes.append(AttentionShape(B: 2, H: 4, Hkv: 2, T: 33, D: 32))
        shapes.append(AttentionShape(B: 2, H: 4, Hkv: 4, T: 70, D: 16, window: 17))
        shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: 9, S: 80, D: 32))
        shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: 20, S: 90, D: 16, window: 30))
        // every head dim of the grid, causal and windowed (small T for the big D: debug-build tests)
        for D in KernelCheckGrid.headDims {
            let T = quick ? (D >= 128 ? 9 : 33) : (D >= 128 ? 40 : 100)
            shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: T, D: D))
            shapes.append(AttentionShape(B: 1, H: 2, Hkv: 1, T: T, S: T + 11, D: D, window: 5))
        }
        if !quick {
            shapes.append(AttentionShape(B: 1, H: 2, T: 600, D: 64, window: 64))
            shapes.append(AttentionShape(B: 1, H: 8, Hkv: 2, T: 300, D: 64))
        }
        return shapes
    }

    /// Compares `kernel` with the reference on `shape`: o and lse forward, dq, dk, dv backward.
    public static func compare(_ kernel: any SoftmaxAttentionKernel, on shape: AttentionShape,
                               threads: Int = 1, seed: UInt64 = 0) -> [CheckRow] {
        let op = "softmax-attention"
        if let reason = kernel.unsupported(shape) {
            return [CheckRow(op: op, kernel: kernel.name, testCase: shape.description, skipped: reason)]
        }
        let p = SoftmaxAttentionProblem(shape, seed: seed)
        let reference = KernelRegistry.softmaxAttention.last!
        let refOut = reference.forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: 1)
        let refGrad = reference.backward(q: p.q, k: p.k, v: p.v, output: refOut, dout: p.dout, shape: shape, threads: 1)
        let out = kernel.forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: threads)
        let grad = kernel.backward(q: p.q, k: p.k, v: p.v, output: out, dout: p.dout, shape: shape, threads: threads)
        func row(_ name: String, _ x: Tensor<Float>, _ r: Tensor<Float>) -> CheckRow {
            CheckRow(op: op, kernel: kernel.name, testCase: shape.description, quantity: name,
                     value: x, reference: r, tolerance: .float32)
        }
        return [row("o", out.o, refOut.o), row("lse", out.lse, refOut.lse),
                row("dq", grad.dq, refGrad.dq), row("dk", grad.dk, refGrad.dk), row("dv", grad.dv, refGrad.dv)]
    }

    /// Every non-reference implementation over the grid.
    public static func all(quick: Bool, threads: Int = 1) -> [CheckRow] {
        KernelRegistry.softmaxAttention.dropLast().flatMap { kernel in
            grid(quick: quick).flatMap { compare(kernel, on: $0, threads: threads) }
        }
    }
}

/// One `softmax-attention-decode` check case: the shape (T = 1, S = visible keys), the ring size
/// and the oldest visible slot (first + S > slots wraps).
public struct DecodeCase: Hashable, Sendable, CustomStringConvertible {
    public var shape: AttentionShape
    public var slots: Int, first: Int
    public init(_ shape: AttentionShape, slots: Int? = nil, first: Int = 0) {
        self.shape = shape; self.slots = slots ?? shape.S; self.first = first
    }
    public var description: String { "\(shape)_slots\(slots)_first\(first)" }
}

public enum SoftmaxAttentionDecodeCheck {
    /// The check grid: one key (S = 1), a short and a longer cache, a full ring read from slot 0
    /// and a wrapped one, part of a ring (a windowed reader of a longer cache), Hkv < H, B > 1,
    /// and every head dim of `KernelCheckGrid.headDims`.
    public static func grid(quick: Bool) -> [DecodeCase] {
        var cases: [DecodeCase] = []
        func shape(B: Int = 1, H: Int = 2, Hkv: Int = 1, S: Int, D: Int) -> AttentionShape {
            AttentionShape(B: B, H: H, Hkv: Hkv, T: 1, S: S, D: D)
        }
        for D in [16, 64] {
            cases.append(DecodeCase(shape(S: 1, D: D)))
            cases.append(DecodeCase(shape(S: 7, D: D)))
            cases.append(DecodeCase(shape(S: 150, D: D)))                       // more than one 64-key block
            cases.append(DecodeCase(shape(S: 100, D: D), slots: 100, first: 37))  // a full ring, wrapped
            cases.append(DecodeCase(shape(S: 20, D: D), slots: 90, first: 80))    // 20 of 90 slots, wrapping
        }
        for D in KernelCheckGrid.headDims {
            cases.append(DecodeCase(shape(B: 2, H: 4, Hkv: 2, S: D >= 128 ? 33 : 70, D: D), slots: 80, first: 50))
        }
        if !quick { cases.append(DecodeCase(shape(B: 2, H: 8, Hkv: 2, S: 3000, D: 64), slots: 4000, first: 3500)) }
        return cases
    }

    /// Compares `kernel` with the reference on `testCase`: o and lse. Slots outside the visible
    /// range hold NaN, so a kernel that reads one fails.
    public static func compare(_ kernel: any SoftmaxAttentionDecodeKernel, on testCase: DecodeCase,
                               threads: Int = 1, seed: UInt64 = 0) -> [CheckRow] {
        let op = "softmax-attention-decode", shape = testCase.shape
        if let reason = kernel.unsupported(shape) {
            return [CheckRow(op: op, kernel: kernel.name, testCase: testCase.description, skipped: reason)]
        }
        let (B, H, Hkv, D, slots) = (shape.B, shape.H, shape.Hkv, shape.D, testCase.slots)
        var rng = SeededGenerator(seed: seed, stream: testCase.description)
        let q = Tensor<Float>(randomNormal: [B, H, D], rng: &rng)
        var k = Tensor<Float>(randomNormal: [B, Hkv, slots, D], rng: &rng)
        var v = Tensor<Float>(randomNormal: [B, Hkv, slots, D], rng: &rng)
        let visible = Set((0..<shape.S).map { (testCase.first + $0) % slots })
        for i in 0..<(B * Hkv) {
            for s in 0..<slots where !visible.contains(s) {
                for d in 0..<D { k.scalars[(i * slots + s) * D + d] = .nan; v.scalars[(i * slots + s) * D + d] = .nan }
            }
        }
        func run(_ kern: any SoftmaxAttentionDecodeKernel, threads: Int) -> (o: Tensor<Float>, lse: Tensor<Float>) {
            var o = [Float](repeating: 0, count: B * H * D), lse = [Float](repeating: 0, count: B * H)
            q.scalars.withUnsafeBufferPointer { qb in k.scalars.withUnsafeBufferPointer { kb in v.scalars.withUnsafeBufferPointer { vb in
                o.withUnsafeMutableBufferPointer { ob in lse.withUnsafeMutableBufferPointer { lb in
                    let view = KVView(keys: kb.baseAddress!, values: vb.baseAddress!, headStride: slots * D, slots: slots,
                                      first: testCase.first, count: shape.S)
                    kern.decode(q: qb.baseAddress!, kv: view, shape: shape, o: ob.baseAddress!, lse: lb.baseAddress!, threads: threads)
                }}
            }}}
            return (Tensor(shape: [B, H, D], scalars: o), Tensor(shape: [B, H], scalars: lse))
        }
        let ref = run(KernelRegistry.softmaxAttentionDecode.last!, threads: 1)
        let got = run(kernel, threads: threads)
        func row(_ name: String, _ x: Tensor<Float>, _ r: Tensor<Float>) -> CheckRow {
            CheckRow(op: op, kernel: kernel.name, testCase: testCase.description, quantity: name, value: x, reference: r, tolerance: .float32)
        }
        return [row("o", got.o, ref.o), row("lse", got.lse, ref.lse)]
    }

    /// Every non-reference implementation over the grid.
    public static func all(quick: Bool, threads: Int = 1) -> [CheckRow] {
        KernelRegistry.softmaxAttentionDecode.dropLast().flatMap { kernel in
            grid(quick: quick).flatMap { compare(kernel, on: $0, threads: threads) }
        }
    }
}

/// The head dimensions every kernel is checked at, beyond the grids' own: multiples of 8 and of
/// 16 that published models use (24, 40, 72, 80, 96, 112) and the ends (8, 128, 256).
public enum KernelCheckGrid {
    public static let headDims = [8, 24, 40, 72, 80, 96, 112, 128, 256]
}
