// Wall-clock timing for benchmarks: warm-up, then the median of repeats.
import Foundation

public enum Timing {
    /// What a sample measures: wall-clock time (the default), or the calling thread's CPU time,
    /// which on a shared, busy machine leaves out the time other processes held the core (for
    /// single-threaded work only: other threads' time is not counted).
    public enum Clock: String, Sendable, CaseIterable { case wall, cpu }

    /// Seconds taken by `body`, on the monotonic clock.
    public static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    }

    /// Seconds taken by `body` on `clock`.
    public static func seconds(_ clock: Clock, _ body: () throws -> Void) rethrows -> Double {
        guard clock == .cpu else { return try seconds(body) }
        let start = threadCPUSeconds()
        try body()
        return threadCPUSeconds() - start
    }

    /// The calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID), seconds.
    public static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Runs `body` `warmup` times untimed, then times it until `minRepeats` samples are taken and
    /// either `maxRepeats` samples or `budget` seconds are reached; returns all samples, sorted.
    public static func samples(warmup: Int = 1, minRepeats: Int = 3, maxRepeats: Int = 50,
                               budget: Double = 2.0, clock: Clock = .wall, _ body: () throws -> Void) rethrows -> [Double] {
        for _ in 0..<warmup { try body() }
        var out: [Double] = []
        var spent = 0.0
        while out.count < minRepeats || (out.count < maxRepeats && spent < budget) {
            let s = try seconds(clock, body)
            out.append(s)
            spent += s
        }
        return out.sorted()
    }

    /// One round of `pairedSamples`: seconds of one call of `a`, and seconds per call of `b`.
    public struct PairedSample: Sendable, Equatable {
        public var a: Double, b: Double
        public init(a: Double, b: Double) { self.a = a; self.b = b }
    }

    /// Times two bodies in alternation, so that load from other processes, the core's clock speed
    /// and the other body's use of the caches hit both alike (a kernel and the GEMM it is compared
    /// with). First `warmup` (≥ 1) calls of each, timed only to size the rounds: `bCalls` =
    /// `pairedCalls` of the last warm-up's two times (the first call of a body pays its page faults
    /// and set-up, hence 2 warm-ups by default). Then every round runs `a` once untimed and once
    /// timed, then `b` once untimed and `bCalls` times timed together; the untimed call puts each
    /// body's operands back in cache after the other ran, as when it is repeated on its own. Rounds
    /// go on until `minRounds` are taken and either `maxRounds` or `budget` seconds of timed calls
    /// (of both bodies) are reached. Returns the rounds in order.
    public static func pairedSamples(warmup: Int = 2, minRounds: Int = 3, maxRounds: Int = 50, budget: Double = 2.0,
                                     clock: Clock = .wall, _ a: () throws -> Void, _ b: () throws -> Void) rethrows -> [PairedSample] {
        var aWarm = 0.0, bWarm = 0.0
        for _ in 0..<max(1, warmup) {
            aWarm = try seconds(clock, a)
            bWarm = try seconds(clock, b)
        }
        let bCalls = pairedCalls(aSeconds: aWarm, bSeconds: bWarm)
        var out: [PairedSample] = []
        var spent = 0.0
        while out.count < minRounds || (out.count < maxRounds && spent < budget) {
            try a()
            let sa = try seconds(clock, a)
            try b()
            let sb = try seconds(clock) { for _ in 0..<bCalls { try b() } }
            out.append(PairedSample(a: sa, b: sb / Double(bCalls)))
            spent += sa + sb
        }
        return out
    }

    /// How many calls of b take about as long as one call of a: a's time over b's, rounded, at
    /// least 1 and at most 1,000 (b timed as 0 counts as 1 ns).
    static func pairedCalls(aSeconds: Double, bSeconds: Double) -> Int {
        let ratio = aSeconds / max(bSeconds, 1e-9)
        return ratio.isFinite ? max(1, min(1_000, Int(ratio.rounded()))) : 1
    }

    /// The p-quantile of `values` (0 ≤ p ≤ 1), linearly interpolated between the sorted values
    /// (Hyndman and Fan's type 7, NumPy's default): p = 0.5 is the median (as `median`, to the last
    /// bit for an odd count), 0.25 and 0.75 the quartiles.
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        precondition(!values.isEmpty && (0...1).contains(p))
        let v = values.sorted(), h = Double(v.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, v.count - 1)
        return v[lo] + (h - Double(lo)) * (v[hi] - v[lo])
    }

    /// The median of `values` (mean of the two middle values for an even count).
    public static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty)
        let v = values.sorted()
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }
}
