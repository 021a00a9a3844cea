// Time per op of a model step, for `attnlab model bench --profile`: where a training step spends
// its time, by kind of op (projections, attention kernels, norms, convolution, head and loss,
// optimizer, layout copies, ...).
//
// An op opens with `let profiled = Profile.begin(); defer { Profile.end(.rope, profiled) }`.
// Off (the default), that is a load and a branch at each end. On, every measured op run by the
// thread that called `start()`, or by the workers its `Parallel.forEach` calls start (they inherit
// the mark), adds its wall time (monotonic clock) to its category, under a lock; other work in the
// process (another test, say) is not counted. Ops running concurrently on several threads (the
// batch split of a training step) each add their own, so a category's total is thread-time,
// summed over threads. Only leaf ops are measured (none calls another measured op), so categories
// never double-count.
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The kinds of op a step is split into, in the order a profile prints them.
public enum ProfileOp: String, CaseIterable, Sendable {
    case embedding = "embedding (gather, scatter-add)"
    case convolution = "short convolution"
    case norms = "norms (RMSNorm, per-head RMSNorm)"
    case projections = "projections (x·W: QKV, Wo, MLP; their backward)"
    case mlpGate = "MLP gate (SwiGLU silu(u)⊙g, its backward)"
    case rope = "rotary encoding"
    case layout = "layout copies (split/merge heads, row gather)"
    case residual = "residual and gradient adds"
    case softmaxAttention = "softmax-attention kernel"
    case linearAttention = "residual-linear-attention kernel"
    case headAndLoss = "head and loss (logits, cross-entropy, head backward)"
    case gradientReduce = "gradient sum over the batch parts"
    case optimizer = "optimizer (global norm, AdamW)"
}

public enum Profile {
    /// The recorder while profiling is on, else nil (the default).
    nonisolated(unsafe) static var recorder: Recorder?

    /// Seconds per op since `start()`, summed over threads, and how many calls.
    public struct Totals: Sendable {
        public var seconds: [ProfileOp: Double]
        public var calls: [ProfileOp: Int]
    }

    /// Starts recording the calling thread's ops (clearing what was recorded). Not to be called
    /// while measured ops run.
    public static func start() {
        recorder = Recorder()
        threadRecords = true
    }

    /// Stops recording and returns the totals. Not to be called while measured ops run.
    public static func stop() -> Totals {
        let totals = recorder?.totals ?? Totals(seconds: [:], calls: [:])
        recorder = nil
        threadRecords = false
        return totals
    }

    /// Whether the current thread's ops are recorded (a pthread-specific mark).
    public static var threadRecords: Bool {
        get { pthread_getspecific(threadKey) != nil }
        set { pthread_setspecific(threadKey, newValue ? UnsafeRawPointer(bitPattern: 1) : nil) }
    }
    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The clock at the start of a measured op (0 when profiling is off or not for this thread).
    @inline(__always)
    public static func begin() -> UInt64 { recorder == nil || !threadRecords ? 0 : DispatchTime.now().uptimeNanoseconds }

    /// Adds the time since `start` (from `begin`) to `op` when profiling is on.
    @inline(__always)
    public static func end(_ op: ProfileOp, _ start: UInt64) {
        guard start != 0, let r = recorder else { return }
        r.add(op, nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
    }

    /// Runs `body` as one measured op.
    @inline(__always)
    public static func measure<R>(_ op: ProfileOp, _ body: () throws -> R) rethrows -> R {
        let start = begin()
        defer { end(op, start) }
        return try body()
    }

    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var nanoseconds: [ProfileOp: UInt64] = [:]
        private var calls: [ProfileOp: Int] = [:]

        func add(_ op: ProfileOp, nanoseconds ns: UInt64) {
            lock.lock()
            nanoseconds[op, default: 0] += ns
            calls[op, default: 0] += 1
            lock.unlock()
        }

        var totals: Totals {
            lock.lock()
            defer { lock.unlock() }
            return Totals(seconds: nanoseconds.mapValues { Double($0) * 1e-9 }, calls: calls)
        }
    }
}
