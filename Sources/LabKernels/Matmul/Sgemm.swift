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
        let saved = OpenBLAS.threads
        OpenBLAS.setThreads(threads)
        defer { OpenBLAS.setThreads(saved) }
        var rng = SeededGenerator(seed: 1, stream: "sgemm")
        let a = Tensor<Float>(randomNormal: [m, k], rng: &rng).scalars
        let b = Tensor<Float>(randomNormal: [k, n], rng: &rng).scalars
        var c = [Float](repeating: 0, count: m * n)
        let samples = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    Timing.samples(warmup: 2, minRepeats: 5, maxRepeats: 50, budget: budget, clock: clock) {
                        multiply(pa.baseAddress!, pb.baseAddress!, pc.baseAddress!, m: m, n: n, k: k)
                    }
                }
            }
        }
        return 2 * Double(m) * Double(n) * Double(k) / Timing.median(samples) / 1e9
    }
}
