// Running independent work items on a fixed number of threads, and keeping OpenBLAS from
// oversubscribing the cores while we do.
import CBLAS
import Dispatch
import Foundation

public enum Parallel {
    /// Runs `body(i)` for `i` in `0..<count` on at most `threads` threads (items are split into
    /// `threads` contiguous blocks; `threads <= 1` runs inline). `body` must be safe to call
    /// concurrently for distinct `i`.
    public static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        forEachBlock(count, threads: threads) { block in for i in block { body(i) } }
    }

    /// Runs `body(block)` once for each of at most `threads` contiguous blocks that split
    /// `0..<count` (one block inline when `threads <= 1`; nothing when `count <= 0`), each on its
    /// own thread. For work whose items share per-thread setup (a kernel's scratch buffers): the
    /// setup is paid once per block, not once per item. `body` must be safe to call concurrently
    /// for distinct blocks.
    public static func forEachBlock(_ count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(threads, count))
        if workers == 1 {
            body(0..<count)
            return
        }
        let profiled = Profile.threadRecords  // workers inherit the caller's profile mark
        withoutActuallyEscaping(body) { body in
            // The caller promises distinct items touch disjoint memory; that is the contract.
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let was = Profile.threadRecords
                if was != profiled { Profile.threadRecords = profiled }
                defer { if was != profiled { Profile.threadRecords = was } }
                work((w * count / workers)..<((w + 1) * count / workers))
            }
        }
    }

    /// The number of cores this process may use.
    public static var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// OpenBLAS's own thread pool and identity.
public enum OpenBLAS {
    /// Sets OpenBLAS's thread count (process-wide). Kernels that parallelise over heads call
    /// this with 1 so the two levels of parallelism do not multiply.
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(clamping: max(1, n))) }  // OpenBLAS caps it at its own maximum
    public static var threads: Int { Int(openblas_get_num_threads()) }
    /// The name of the core OpenBLAS dispatched to, e.g. "Haswell" or "SkylakeX".
    public static var coreName: String { String(cString: openblas_get_corename()) }
    public static var config: String { String(cString: openblas_get_config()) }
    /// The core `OPENBLAS_CORETYPE` forces, if the environment sets it (nil: OpenBLAS picks the
    /// CPU's own). A forced narrower core (e.g. `Haswell` on an AVX-512 CPU) roughly halves SGEMM.
    public static var forcedCore: String? { ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].flatMap { $0.isEmpty ? nil : $0 } }
    /// `coreName`, followed by " (OPENBLAS_CORETYPE=X)" when the environment forces it: what result
    /// rows record as `openblas_core`.
    public static var coreDescription: String { coreName + (forcedCore.map { " (OPENBLAS_CORETYPE=\($0))" } ?? "") }
}

/// The C allocator's treatment of large blocks.
public enum Allocator {
    /// Serves blocks of any size from the heap and keeps freed memory, instead of glibc's default
    /// of mapping large blocks fresh on every allocation (and unmapping them on free; the dynamic
    /// threshold stops rising at 32 MiB, so it cannot simply be raised: mmap is switched off). Kernels
    /// allocate their outputs per call, so at T = 16k (a 33.5 MB output for 8 heads of 64) every
    /// call would otherwise pay ~8k page faults; with this, repeated calls reuse the same pages, as
    /// a training loop or a benchmark's steady state does. Called once at start-up by `attnlab`
    /// and the benchmarks.
    ///
    /// And a top pad of `topPadBytes`: the worker threads allocate from glibc's per-thread arenas,
    /// whose heaps give the free memory at their top back to the kernel when a step frees its
    /// activations (`heap_trim` keeps only the top pad), so the next step faults those pages in
    /// again, zeroed. At window-pareto-long-text's shape (T 1,024, batch 8, 2 threads; tens of MB
    /// freed and re-allocated per thread and step) 7 % of a step's samples were in the page-fault
    /// path; with a 64 MiB pad the step ran 1.20–1.25× as many tokens/s (two alternating runs,
    /// `MALLOC_TOP_PAD_`), peak RSS unchanged (the pad is address space, not touched pages).
    public static func keepLargeBlocks() {
        #if os(Linux)
        _ = mallopt(M_MMAP_MAX, 0)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        _ = mallopt(M_TOP_PAD, topPadBytes)
        #endif
    }

    /// The top pad `keepLargeBlocks` sets: 64 MiB.
    public static let topPadBytes: Int32 = 64 << 20
}
