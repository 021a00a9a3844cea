// Tensor: a shape and contiguous, row-major (C order) storage. Nothing more.
//
// The lab's kernels work on raw buffers (`withUnsafeBufferPointer`) and use `Tensor` only to
// carry data and shape between layers, files and tests. `Tensor<Float>` is the working type;
// `Tensor<Double>` serves the references and the finite-difference gradient checks.
import RealModule

/// The element types a tensor may hold: `Float` (working precision) and `Double` (references).
public protocol TensorScalar: Real, BinaryFloatingPoint, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {
    /// The `.npy` dtype descriptor, e.g. `"<f4"`.
    static var npyDescriptor: String { get }
}
extension Float: TensorScalar { public static var npyDescriptor: String { "<f4" } }
extension Double: TensorScalar { public static var npyDescriptor: String { "<f8" } }

/// A dense tensor: `shape` (row-major, last axis fastest) and `scalars.count == shape.product`.
public struct Tensor<Scalar: TensorScalar>: Sendable, Equatable {
    public private(set) var shape: [Int]
    public var scalars: [Scalar]

    /// - Precondition: every dimension is ≥ 0 and `scalars.count` equals the product of `shape`.
    public init(shape: [Int], scalars: [Scalar]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(scalars.count == shape.reduce(1, *),
                      "\(scalars.count) scalars do not fill shape \(shape)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` filled with `value` (zeros by default). Inlinable so that callers in
    /// other modules fill with their concrete scalar type (the unspecialised fill went through a
    /// value-witness call per element: 1.5 % of a window-pareto training step).
    @inlinable
    public init(zeros shape: [Int], value: Scalar = 0) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor of independent standard normal draws scaled by `std`, from `rng`.
    public init(randomNormal shape: [Int], std: Scalar = 1, rng: inout SeededGenerator) {
        let n = shape.reduce(1, *)
        var values = [Scalar]()
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(Scalar(rng.nextNormal()) * std) }
        self.init(shape: shape, scalars: values)
    }

    public var count: Int { scalars.count }
    public var rank: Int { shape.count }

    /// Same scalars, new shape with the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Element-wise conversion to another precision.
    public func converted<Other: TensorScalar>(to: Other.Type = Other.self) -> Tensor<Other> {
        Tensor<Other>(shape: shape, scalars: scalars.map { Other($0) })
    }

    /// Row-major strides in elements: `strides[i] = shape[i+1] · … · shape[rank−1]`.
    public var strides: [Int] {
        var s = Array(repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            s[i] = acc
            acc *= shape[i]
        }
        return s
    }

    public subscript(index: Int...) -> Scalar {
        get { scalars[offset(index)] }
        set { scalars[offset(index)] = newValue }
    }

    private func offset(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index \(index) does not match shape \(shape)")
        var o = 0
        for (i, (x, n)) in zip(index, shape).enumerated() {
            precondition(x >= 0 && x < n, "index \(x) out of range 0..<\(n) on axis \(i)")
            o = o * n + x
        }
        return o
    }
}

extension Tensor {
    /// Largest absolute element-wise difference; `.infinity` if shapes differ, `.nan` if any is NaN.
    public func maxAbsDifference(_ other: Tensor) -> Double {
        guard shape == other.shape else { return .infinity }
        var m = 0.0
        for (a, b) in zip(scalars, other.scalars) {
            let d = abs(Double(a) - Double(b))
            if d.isNaN { return .nan }
            m = Swift.max(m, d)
        }
        return m
    }

    /// Largest absolute element.
    public var maxAbs: Double { scalars.reduce(0.0) { Swift.max($0, abs(Double($1))) } }
}
