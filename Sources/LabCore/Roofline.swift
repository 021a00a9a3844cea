// The roofline of this machine, measured in-process: the FMA peak and the streaming bandwidth.
//
//   FMA peak: C independent chains acc_i ← acc_i·m + k of SIMD FMAs (C = 16 chains, more than
//             latency × issue width of current cores: 4 cycles × 2 pipes), 2 FLOPs per lane per
//             FMA, best of 30 rounds of ~1 ms on 1 thread (per core) and on `threads` threads at once
//             (a set under 3/4 of the cores' worth measured again, up to 3 more sets: `peakOfThreads`).
//             The SIMD width follows the CPU: 16 lanes (AVX-512) when /proc/cpuinfo lists
//             avx512f, else 8 (AVX2/FMA). Release builds compile for the host CPU (Package.swift),
//             so these are the instructions the kernels run; a debug build measures far less.
//   bandwidth: the STREAM triad a[i] = b[i] + s·c[i] over three arrays of 16 Mi floats (64 MiB
//             each, larger than any last-level cache), counted as 3 × 4 bytes per element
//             (STREAM's convention: reads of b and c, write of a; the write-allocate read is not
//             counted), on 1 thread and on `threads` threads (each thread its
//             own contiguous part), best of 10 passes.
// The CPU under a shared machine changes from day to day, so every bench row records the roofline
// measured in the same process and reports fractions of it (docs/conventions.md).
// Cost: about 1–2 s per thread count (the first call per thread count; later calls reuse it).
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The FMA peak and streaming bandwidth of this machine for a thread count.
public struct Roofline: Codable, Sendable, Hashable {
    /// "avx512" (16-lane FMA chains) or "avx2" (8-lane).
    public var isa: String
    /// Independent FMA chains per thread.
    public var fmaChains: Int
    /// Threads of the `peak` and `bandwidth` figures.
    public var threads: Int
    /// FMA peak of one core, FLOP/s.
    public var peakFlopsPerCore: Double
    /// FMA peak of `threads` cores at once, FLOP/s.
    public var peakFlops: Double
    /// Triad bandwidth of one thread, bytes/s.
    public var bandwidthPerCore: Double
    /// Triad bandwidth of `threads` threads at once, bytes/s.
    public var bandwidth: Double

    /// The fraction of `peakFlops` that `flopsPerSecond` reaches.
    public func fractionOfPeak(_ flopsPerSecond: Double) -> Double { flopsPerSecond / peakFlops }
    /// The fraction of `bandwidth` that `bytesPerSecond` reaches.
    public func fractionOfBandwidth(_ bytesPerSecond: Double) -> Double { bytesPerSecond / bandwidth }
    /// The roofline's lower bound on the time of a call that does `flops` FLOPs and moves `bytes`
    /// bytes: max(flops / peak, bytes / bandwidth), seconds.
    public func boundSeconds(flops: Double, bytes: Double) -> Double { max(flops / peakFlops, bytes / bandwidth) }

    /// One line: `FMA peak 116.2 GFLOP/s per core, 230.1 on 2 threads (avx512, 16 chains);
    /// triad 28.0 GB/s on 1 thread, 40.3 on 2`.
    public var summary: String {
        String(format: "FMA peak %.1f GFLOP/s per core, %.1f on %d thread%@ (%@, %d chains of %d-lane FMAs); triad %.1f GB/s on 1 thread, %.1f on %d",
               peakFlopsPerCore / 1e9, peakFlops / 1e9, threads, threads == 1 ? "" : "s", isa, fmaChains,
               isa == "avx512" ? 16 : 8, bandwidthPerCore / 1e9, bandwidth / 1e9, threads)
    }

    /// Whether the CPU has AVX-512F (/proc/cpuinfo's flags; false where it cannot tell).
    public static var hasAVX512: Bool {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
        return flags.split(separator: " ").contains("avx512f")
    }

    private static let cache = Mutex<[Int: Roofline]>([:])

    /// The roofline for `threads` threads, measured on the first call in this process and reused.
    /// Threads beyond the cores this process may use are measured as that many cores.
    public static func measured(threads: Int) -> Roofline {
        let t = min(max(1, threads), Parallel.availableCores)
        if let r = cache.withLock({ $0[t] }) { return r }
        let r = measure(threads: t)
        cache.withLock { $0[t] = r }
        return r
    }

    /// Measures the roofline now (about 1–2 s): FMA peak and triad on 1 and on `threads` threads.
    /// Resets the process's peak resident set (see `triad`): call it before the work whose memory
    /// is reported (`measured(threads:)` does the work once, on its first call).
    public static func measure(threads: Int) -> Roofline {
        let t = min(max(1, threads), Parallel.availableCores)
        let wide = hasAVX512
        let perCore = fmaPeak(threads: 1, wide: wide)
        let all = t == 1 ? perCore : peakOfThreads(t, perCore: perCore) { fmaPeak(threads: t, wide: wide) }
        let bw1 = triad(threads: 1)
        let bwAll = t == 1 ? bw1 : triad(threads: t).nonZero ?? bw1
        return Roofline(isa: wide ? "avx512" : "avx2", fmaChains: fmaChains, threads: t, peakFlopsPerCore: perCore,
                        peakFlops: all, bandwidthPerCore: bw1, bandwidth: bwAll)
    }

    static let fmaChains = 16

    /// The FMA peak of `threads` threads at once from `measureSet` (one set: best of 30 rounds).
    /// A set below 3/4 of `threads` × `perCore` is measured again, up to `extraSets` more times,
    /// keeping the best: on a shared machine another tenant can hold one of the cores for a whole
    /// set (about 30 ms), and that set then reports about one core's figure (seen twice in some
    /// 40 processes on 2026-12-01: 239 GFLOP/s "on 2 threads" beside 242 on one core, which
    /// doubled those rows' fractions of the peak). The peak is a best case, so more rounds can only
    /// bring the estimate closer. Cores that really are shared (SMT siblings, threads pinned
    /// together) pay the extra sets (about 0.1 s) and keep their lower figure. When every round
    /// of the first set was voided (`simultaneousSeconds`: the threads never ran together, each
    /// round waiting 50 ms for its barrier) the threads run one after another: one core's figure,
    /// with no further sets.
    static func peakOfThreads(_ threads: Int, perCore: Double, extraSets: Int = 3, measureSet: () -> Double) -> Double {
        var best = measureSet()
        var sets = 0
        while best > 0, best < 0.75 * Double(threads) * perCore, sets < extraSets {
            best = max(best, measureSet())
            sets += 1
        }
        return best.nonZero ?? perCore
    }

    /// Rounds of the FMA chains per thread and floats per triad array. A debug build (tests) runs
    /// a token amount: its SIMD code is not inlined and measures nothing meaningful anyway.
    #if DEBUG
    static let fmaIterations = 1 << 10, triadFloats = 1 << 16
    #else
    static let fmaIterations = 1 << 19, triadFloats = 1 << 24
    #endif

    /// FLOP/s of `threads` threads each running 16 independent FMA chains; best of 30 short
    /// rounds (about 1 ms each on a free core), so that on a shared machine one of them runs
    /// undisturbed.
    static func fmaPeak(threads: Int, wide: Bool) -> Double {
        let iterations = fmaIterations  // 2^19 × 16 chains × 16 lanes × 2 = 268 MFLOP per thread (16 lanes), ~1 ms
        let lanes = wide ? 16 : 8
        var best = 0.0
        for _ in 0..<30 {
            let seconds = simultaneousSeconds(threads: threads) { _ in
                if wide { runFMAChains(SIMD16<Float>.self, iterations) } else { runFMAChains(SIMD8<Float>.self, iterations) }
            }
            best = max(best, Double(threads * iterations * fmaChains * lanes * 2) / seconds)
        }
        return best  // 0 when every round was voided (`simultaneousSeconds`)
    }

    /// Seconds from a common start to the last of `threads` threads finishing `body(w)`, w < threads.
    /// The threads wait at a start barrier first: a thread pool may hand out the second item a
    /// millisecond late, and rounds of ~1 ms timed around the whole call then run one thread after
    /// the other (measured: the 2-thread FMA peak came out as 1.0×, 1.5× or 2.0× the 1-thread one
    /// from process to process). A thread that waits over 50 ms starts anyway (a pool that runs the
    /// items one after another, or threads pinned to one core, must not deadlock), and that round
    /// returns +∞: timed from the last thread's start it would credit the early thread's work to a
    /// shorter interval and overstate the peak.
    static func simultaneousSeconds(threads: Int, _ body: (Int) -> Void) -> Double {
        guard threads > 1 else { return Timing.seconds { body(0) } }
        let arrived = Atomic<Int>(0), released = Atomic<UInt64>(0), finished = Atomic<UInt64>(0)
        let startedEarly = Atomic<Bool>(false)
        Parallel.forEach(threads, threads: threads) { w in
            let waitFrom = DispatchTime.now().uptimeNanoseconds
            if arrived.add(1, ordering: .acquiringAndReleasing).newValue == threads {
                released.store(DispatchTime.now().uptimeNanoseconds, ordering: .releasing)
            }
            while released.load(ordering: .acquiring) == 0 {
                if DispatchTime.now().uptimeNanoseconds - waitFrom > 50_000_000 { startedEarly.store(true, ordering: .releasing); break }
            }
            body(w)
            _ = finished.max(DispatchTime.now().uptimeNanoseconds, ordering: .acquiringAndReleasing)
        }
        let start = released.load(ordering: .acquiring)
        guard start != 0, !startedEarly.load(ordering: .acquiring) else { return .infinity }
        return Double(finished.load(ordering: .acquiring) - start) * 1e-9
    }

    /// Bytes/s of the triad on `threads` threads; best of 10 passes after one warm-up pass.
    /// The arrays are mapped and unmapped directly (not through malloc, which this process tells
    /// to keep freed memory: `Allocator.keepLargeBlocks`), and the peak resident set (VmHWM) is
    /// then reset to the current one, so a bench that measures the roofline first reports its own
    /// peak memory, not the triad's 192 MiB.
    static func triad(threads: Int) -> Double {
        let n = triadFloats  // 16 Mi floats, 64 MiB per array (release)
        let bytes = 3 * n * MemoryLayout<Float>.size
        guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED else { return 0 }
        defer {
            munmap(raw, bytes)
            resetPeakResident()
        }
        let a = raw.bindMemory(to: Float.self, capacity: 3 * n), b = a + n, c = a + 2 * n
        // first touch on the threads that will stream them
        Parallel.forEach(threads, threads: threads) { w in
            let lo = w * n / threads, hi = (w + 1) * n / threads
            (a + lo).initialize(repeating: 0, count: hi - lo)
            (b + lo).initialize(repeating: 1, count: hi - lo)
            (c + lo).initialize(repeating: 2, count: hi - lo)
        }
        var best = 0.0
        for pass in 0..<11 {
            let seconds = simultaneousSeconds(threads: threads) { w in
                let lo = w * n / threads, hi = (w + 1) * n / threads
                triadPart(a + lo, b + lo, c + lo, count: hi - lo)
            }
            if pass > 0 { best = max(best, Double(bytes) / seconds) }
        }
        return best  // 0 when every pass was voided
    }

    /// Resets the process's peak resident set (VmHWM) to its current resident set (Linux ≥ 4.0:
    /// writing 5 to /proc/self/clear_refs); does nothing where that is not possible.
    static func resetPeakResident() {
        #if os(Linux)
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        if fd >= 0 {
            _ = "5".withCString { write(fd, $0, 1) }
            close(fd)
        }
        #endif
    }
}

/// a[i] = b[i] + 3·c[i] for i < count, 16 lanes at a time.
@inline(never) func triadPart(_ a: UnsafeMutablePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>, count: Int) {
    let s = SIMD16<Float>(repeating: 3)
    var i = 0
    while i + 16 <= count {
        let x = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD16<Float>.self)
        let y = UnsafeRawPointer(c + i).loadUnaligned(as: SIMD16<Float>.self)
        UnsafeMutableRawPointer(a + i).storeBytes(of: x.addingProduct(s, y), as: SIMD16<Float>.self)
        i += 16
    }
    while i < count { a[i] = b[i] + 3 * c[i]; i += 1 }
}

/// A sink the chains' sums go to, so the compiler keeps them.
private let fmaSink = Mutex<Float>(0)

/// 16 independent chains of `V.scalarCount`-lane FMAs (SIMD16: AVX-512, SIMD8: AVX2), `iterations`
/// rounds: 16 · lanes · 2 FLOPs a round. Specialised per vector type by the optimiser.
@inline(never) func runFMAChains<V: SIMD>(_: V.Type, _ iterations: Int) where V.Scalar == Float {
    let m = V(repeating: 0.999_999), k = V(repeating: 1e-7)
    var c0 = V(repeating: 1), c1 = c0 + 1, c2 = c0 + 2, c3 = c0 + 3, c4 = c0 + 4, c5 = c0 + 5, c6 = c0 + 6, c7 = c0 + 7
    var c8 = c0 + 8, c9 = c0 + 9, c10 = c0 + 10, c11 = c0 + 11, c12 = c0 + 12, c13 = c0 + 13, c14 = c0 + 14, c15 = c0 + 15
    for _ in 0..<iterations {
        c0 = k.addingProduct(c0, m); c1 = k.addingProduct(c1, m); c2 = k.addingProduct(c2, m); c3 = k.addingProduct(c3, m)
        c4 = k.addingProduct(c4, m); c5 = k.addingProduct(c5, m); c6 = k.addingProduct(c6, m); c7 = k.addingProduct(c7, m)
        c8 = k.addingProduct(c8, m); c9 = k.addingProduct(c9, m); c10 = k.addingProduct(c10, m); c11 = k.addingProduct(c11, m)
        c12 = k.addingProduct(c12, m); c13 = k.addingProduct(c13, m); c14 = k.addingProduct(c14, m); c15 = k.addingProduct(c15, m)
    }
    let s = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)) + ((c12 + c13) + (c14 + c15))
    fmaSink.withLock { $0 += s.sum() }
}

private extension Double {
    /// nil for 0 (a measurement that every round voided).
    var nonZero: Double? { self == 0 ? nil : self }
}
