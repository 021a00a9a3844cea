// Every kernel of the softmax-attention and residual-linear-attention descriptors in KernelRegistry × a named shape table, forward and forward+backward.
// Names are `op:kernel:shape:mode` (no '/': the thresholds check reads `Thresholds/<target>.<name>.p90.json`
// without escaping the name).
// Metrics: wall clock, throughput (calls/s) and malloc counts; thresholds with tolerances wide
// enough for this shared 2-core machine's run-to-run noise (±20 % seen).
import Benchmark
import BenchSupport
import LabCore
import LabKernels

/// Shapes named as in flash-attention's tables: B1_T4096_H8_D64_W256 (no W: plain causal).
let shapeTable: [AttentionShape] = [
    AttentionShape(B: 1, H: 8, T: 1024, D: 64),
    AttentionShape(B: 1, H: 8, T: 4096, D: 64),
    AttentionShape(B: 1, H: 8, T: 4096, D: 64, window: 256),
    AttentionShape(B: 1, H: 8, T: 16384, D: 64, window: 256),
]

/// References are for correctness; timing them on long sequences would take minutes.
func worthTiming(_ kernel: String, isReference: Bool, T: Int) -> Bool { !isReference || T <= 1024 }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 1,
        maxDuration: .seconds(2),
        maxIterations: 20,
        thresholds: labThresholds)
    for shape in shapeTable {
        let p = SoftmaxAttentionProblem(shape)
        for (i, kernel) in KernelRegistry.softmaxAttention.implementations.enumerated()  // fast, then the reference
        where kernel.unsupported(shape) == nil
            && worthTiming(kernel.name, isReference: i == KernelRegistry.softmaxAttention.fast.count, T: shape.T) {
            Benchmark("softmax-attention:\(kernel.name):\(shape):fwd") { b in
                for _ in b.scaledIterations {
                    blackHole(kernel.forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: 1))
                }
            }
            Benchmark("softmax-attention:\(kernel.name):\(shape):fwdbwd") { b in
                for _ in b.scaledIterations {
                    let out = kernel.forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: 1)
                    blackHole(kernel.backward(q: p.q, k: p.k, v: p.v, output: out, dout: p.dout, shape: shape, threads: 1))
                }
            }
        }
        // The linear branch of RAttention at the same T, H, D (its window is the softmax window, or
        // none: W = −1 is plain causal linear attention).
        let lshape = LinearAttentionShape(B: shape.B, H: shape.H, T: shape.T, D: shape.D, window: shape.window ?? -1)
        let lp = LinearAttentionProblem(lshape)
        for (i, kernel) in KernelRegistry.residualLinearAttention.implementations.enumerated()  // fast, then the reference
        where kernel.unsupported(lshape) == nil
            && worthTiming(kernel.name, isReference: i == KernelRegistry.residualLinearAttention.fast.count, T: shape.T) {
            Benchmark("residual-linear-attention:\(kernel.name):\(lshape):fwd") { b in
                for _ in b.scaledIterations {
                    blackHole(kernel.forward(q: lp.q, k: lp.k, v: lp.v, s0: nil, shape: lshape, threads: 1))
                }
            }
            Benchmark("residual-linear-attention:\(kernel.name):\(lshape):fwdbwd") { b in
                for _ in b.scaledIterations {
                    // the forward keeps what its backward reuses, as in the model's layers
                    let out = kernel.forward(q: lp.q, k: lp.k, v: lp.v, s0: nil, shape: lshape, threads: 1, keepForBackward: true)
                    blackHole(kernel.backward(q: lp.q, k: lp.k, v: lp.v, s0: nil, dout: lp.dout, residuals: out.residuals,
                                              shape: lshape, threads: 1))
                    blackHole(out)
                }
            }
        }
    }
}

