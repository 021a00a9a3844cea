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
    /// D ∈ {16, 32, 64, 128}, Hkv < H, B > 1, and a key length S > T (queries after a cache).
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
        shapes.append(AttentionShape(B: 1, H: 1, T: 5, D: 24))  // not a multiple of 16: tiled declines
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
