// Judging an implementation against its op's reference: the comparison metric and the named
// tolerances. The check skeleton (`KernelOp.compare`) and `attnlab kernels check` use them, so
// the CLI and the tests judge kernels the same way; each op's grid is in its descriptor.
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
