// OpenBLAS SGEMM: the ceiling every kernel's GFLOP/s is compared with, in the same process.
// The product itself is LabCore's `LinearAlgebra.gemm`, the lab's one BLAS wrapper.
import LabCore

public enum Sgemm {
    /// C[m×n] = A[m×k]·B[k×n], row-major, through `cblas_sgemm` (`LinearAlgebra.gemm`).
    public static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                                m: Int, n: Int, k: Int) {
        LinearAlgebra.gemm(m: m, n: n, k: k, a: a, b: b, c: c)
    }

    /// Median GFLOP/s of an n×n×n SGEMM on `threads` OpenBLAS threads (2·n³ FLOPs a call).
    public static func measureGFLOPs(n: Int = 1024, threads: Int, budget: Double = 1.0, clock: Timing.Clock = .wall) -> Double {
        measureGFLOPs(m: n, n: n, k: n, threads: threads, budget: budget, clock: clock)
    }

    /// Median GFLOP/s of C[m×n] = A[m×k]·B[k×n] on `threads` OpenBLAS threads (2·m·n·k FLOPs a
    /// call): the ceiling for a kernel whose main product has that shape.
    /// Leaves OpenBLAS's thread count as it found it. `clock: .cpu` (1 thread only: OpenBLAS then
    /// computes on the calling thread) times the calling thread's CPU time.
    public static func measureGFLOPs(m: Int, n: Int, k: Int, threads: Int, budget: Double = 1.0, clock: Timing.Clock = .wall) -> Double {
        let problem = Problem(m: m, n: n, k: k)
        let samples = withThreads(threads) {
            Timing.samples(warmup: 2, minRepeats: 5, maxRepeats: 50, budget: budget, clock: clock) { problem.multiply() }
        }
        return problem.flops / Timing.median(samples) / 1e9
    }

    /// Runs `body` with OpenBLAS on `threads` threads, then restores the count it found.
    public static func withThreads<R>(_ threads: Int, _ body: () throws -> R) rethrows -> R {
        let saved = OpenBLAS.threads
        OpenBLAS.setThreads(threads)
        defer { OpenBLAS.setThreads(saved) }
        return try body()
    }

    /// One SGEMM's operands, A: [m×k] and B: [k×n] standard normal (seeded), C: [m×n], kept for
    /// repeated calls of `multiply` (C = A·B). Owns its storage (`deinit` frees it).
    public final class Problem {
        public let m: Int, n: Int, k: Int
        private let a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>
        /// 2·m·n·k: the FLOPs of one call.
        public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }

        public init(m: Int, n: Int, k: Int) {
            (self.m, self.n, self.k) = (m, n, k)
            var rng = SeededGenerator(seed: 1, stream: "sgemm")
            a = .allocate(capacity: m * k); b = .allocate(capacity: k * n); c = .allocate(capacity: m * n)
            a.initialize(from: Tensor<Float>(randomNormal: [m, k], rng: &rng).scalars, count: m * k)
            b.initialize(from: Tensor<Float>(randomNormal: [k, n], rng: &rng).scalars, count: k * n)
            c.initialize(repeating: 0, count: m * n)
        }
        deinit { a.deallocate(); b.deallocate(); c.deallocate() }

        /// C = A·B through `cblas_sgemm` on OpenBLAS's current thread count.
        public func multiply() { Sgemm.multiply(a, b, c, m: m, n: n, k: k) }
    }
}
