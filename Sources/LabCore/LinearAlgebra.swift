// The OpenBLAS product and the head layout changes around the projections.
// Generic over Float (the working precision) and Double (finite-difference checks).
// `gemm` is the lab's one wrapper of a BLAS product: LabKernels' `Sgemm` (the OpenBLAS ceiling the
// kernels are compared with) and `LinearAlgebra.product` (the projections' and the LM head's
// product, LabKernels/Matmul/Projection.swift) call it. These are plain tensor ops, not kernels:
// none has alternative implementations or a registry entry.
import CBLAS

public enum LinearAlgebra {
    /// C[m×n] = α·op(A)·op(B) + β·C, row-major; op(X) = Xᵀ when `transX`.
    /// A is [m×k] (or [k×m] when transposed), B is [k×n] (or [n×k]).
    public static func gemm<S: TensorScalar>(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                                             alpha: S = 1, a: UnsafePointer<S>, b: UnsafePointer<S>,
                                             beta: S = 0, c: UnsafeMutablePointer<S>) {
        let lda = Int32(transA ? m : k), ldb = Int32(transB ? k : n), ldc = Int32(n)
        let ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans
        if S.self == Float.self {
            a.withMemoryRebound(to: Float.self, capacity: 1) { a in
            b.withMemoryRebound(to: Float.self, capacity: 1) { b in
            c.withMemoryRebound(to: Float.self, capacity: 1) { c in
                cblas_sgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), Float(alpha), a, lda, b, ldb, Float(beta), c, ldc)
            }}}
        } else if S.self == Double.self {
            a.withMemoryRebound(to: Double.self, capacity: 1) { a in
            b.withMemoryRebound(to: Double.self, capacity: 1) { b in
            c.withMemoryRebound(to: Double.self, capacity: 1) { c in
                cblas_dgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), Double(alpha), a, lda, b, ldb, Double(beta), c, ldc)
            }}}
        } else {
            preconditionFailure("gemm supports Float and Double only")
        }
    }

    /// [B, T, H·D] → [B, H, T, D].
    public static func splitHeads<S: TensorScalar>(_ x: Tensor<S>, heads H: Int) -> Tensor<S> {
        let profiled = Profile.begin(); defer { Profile.end(.layout, profiled) }
        if S.self == Float.self { return asFloat(splitHeadsBody(asFloat(x) as Tensor<Float>, heads: H)) }
        return splitHeadsBody(x, heads: H)
    }

    static func splitHeadsBody<S: TensorScalar>(_ x: Tensor<S>, heads H: Int) -> Tensor<S> {
        let (B, T) = (x.shape[0], x.shape[1]), D = x.shape[2] / H
        // One head: [B, T, D] and [B, 1, T, D] are the same bytes; no copy.
        if H == 1 { return x.reshaped([B, 1, T, D]) }
        let out = [S](unsafeUninitializedCapacity: x.count) { o, n in
            x.scalars.withUnsafeBufferPointer { xp in
                for b in 0..<B { for t in 0..<T { for h in 0..<H {
                    (o.baseAddress! + ((b * H + h) * T + t) * D).initialize(from: xp.baseAddress! + ((b * T + t) * H + h) * D, count: D)
                } } }
            }
            n = x.count
        }
        return Tensor(shape: [B, H, T, D], scalars: out)
    }

    /// [B, H, T, D] → [B, T, H·D].
    public static func mergeHeads<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> {
        let profiled = Profile.begin(); defer { Profile.end(.layout, profiled) }
        if S.self == Float.self { return asFloat(mergeHeadsBody(asFloat(x) as Tensor<Float>)) }
        return mergeHeadsBody(x)
    }

    static func mergeHeadsBody<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> {
        let (B, H, T, D) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        if H == 1 { return x.reshaped([B, T, D]) }  // the same bytes; no copy
        let out = [S](unsafeUninitializedCapacity: x.count) { o, n in
            x.scalars.withUnsafeBufferPointer { xp in
                for b in 0..<B { for h in 0..<H { for t in 0..<T {
                    (o.baseAddress! + ((b * T + t) * H + h) * D).initialize(from: xp.baseAddress! + ((b * H + h) * T + t) * D, count: D)
                } } }
            }
            n = x.count
        }
        return Tensor(shape: [B, T, H * D], scalars: out)
    }

    /// a + b element-wise (same shapes).
    public static func add<S: TensorScalar>(_ a: Tensor<S>, _ b: Tensor<S>) -> Tensor<S> {
        let profiled = Profile.begin(); defer { Profile.end(.residual, profiled) }
        if S.self == Float.self { return asFloat(addBody(asFloat(a) as Tensor<Float>, asFloat(b))) }
        return addBody(a, b)
    }

    static func addBody<S: TensorScalar>(_ a: Tensor<S>, _ b: Tensor<S>) -> Tensor<S> {
        precondition(a.shape == b.shape, "add: \(a.shape) vs \(b.shape)")
        let out = [S](unsafeUninitializedCapacity: a.count) { o, n in
            a.scalars.withUnsafeBufferPointer { ap in b.scalars.withUnsafeBufferPointer { bp in
                for i in 0..<ap.count { (o.baseAddress! + i).initialize(to: ap[i] + bp[i]) }
            }}
            n = a.count
        }
        return Tensor(shape: a.shape, scalars: out)
    }
}

/// Reinterprets a tensor whose scalar type is known to be Float (checked by the caller with
/// `S.self == Float.self`) so that a generic entry point can call a body specialised for Float.
/// Generic code reached through `any AttentionVariant` is not specialised by the compiler, and its
/// element loops then cost a metadata lookup per element (25× slower training, measured).
@inlinable @inline(__always)
public func asFloat<A: TensorScalar, B: TensorScalar>(_ x: Tensor<A>) -> Tensor<B> {
    precondition(A.self == B.self)
    return unsafeBitCast(x, to: Tensor<B>.self)
}
