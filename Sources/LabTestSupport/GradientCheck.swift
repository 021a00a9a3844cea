// Central finite differences in Double: the yardstick for analytic gradients, shared by the test
// targets (a library target only tests import).
import LabCore

public enum GradientCheck {
    /// Numerical gradient of `loss` with respect to every element of `x` (central differences,
    /// step `h`), and the largest |numeric − analytic| relative to max(1, max|analytic|).
    public static func maxError(of analytic: Tensor<Double>, at x: Tensor<Double>, h: Double = 1e-5,
                         loss: (Tensor<Double>) -> Double) -> Double {
        var worst = 0.0
        let scale = max(1, analytic.maxAbs)
        for i in 0..<x.count {
            var plus = x, minus = x
            plus.scalars[i] += h
            minus.scalars[i] -= h
            let numeric = (loss(plus) - loss(minus)) / (2 * h)
            worst = max(worst, abs(numeric - analytic.scalars[i]) / scale)
        }
        return worst
    }

    /// ⟨a, b⟩ over all elements: the scalar loss L = Σ o ∘ dO whose gradient with respect to o is dO.
    public static func dot(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Double {
        zip(a.scalars, b.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
