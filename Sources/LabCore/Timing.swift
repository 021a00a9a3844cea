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

    /// The median of `values` (mean of the two middle values for an even count).
    public static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty)
        let v = values.sorted()
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }
}
