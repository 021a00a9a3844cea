// The children of `study run`: up to `jobs` at a time, each reaped with wait4 (its exit and its
// peak resident memory, from rusage), polled every 200 ms. What a child is, and what becomes of a
// finished one, are the caller's (`StudyRunner.run`).
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct RunScheduler {
    /// A running child.
    struct Child { let run: Run; let pid: pid_t; let start: Date }
    /// A run that ended: `exit` is "exit N" or "signal N"; `peak` the child's peak resident
    /// memory in bytes (0: no child ran, or not measured).
    struct Ended { let run: Run; let exit: String; let peak: Int; let start: Date }

    /// The runs not yet started, in order.
    private(set) var queue: [Run]
    let jobs: Int
    private(set) var active: [Child] = []
    /// Between polls of the running children.
    static let pollMicroseconds: useconds_t = 200_000

    init(queue: [Run], jobs: Int) { self.queue = queue; self.jobs = jobs }

    /// Runs the queue to its end. `start` starts a run's child and returns its pid, or nil when
    /// the run needs none (already finished: it ends at once, "exit 0"); `finish` hears each run
    /// that ended; `waiting` hears the running children and the queue's length between polls.
    mutating func drain(start: (Run) throws -> pid_t?, finish: (Ended) throws -> Void,
                        waiting: (_ active: [Child], _ queued: Int) -> Void) throws {
        while !queue.isEmpty || !active.isEmpty {
            while active.count < jobs, !queue.isEmpty {
                let run = queue.removeFirst()
                guard let pid = try start(run) else {
                    try finish(Ended(run: run, exit: "exit 0", peak: 0, start: Date()))
                    continue
                }
                active.append(Child(run: run, pid: pid, start: Date()))
            }
            var still: [Child] = []
            for child in active {
                if let (exit, peak) = Self.reap(child.pid) {
                    try finish(Ended(run: child.run, exit: exit, peak: peak, start: child.start))
                } else {
                    still.append(child)
                }
            }
            active = still
            if !active.isEmpty {
                waiting(active, queue.count)
                usleep(Self.pollMicroseconds)
            }
        }
    }

    /// The exit ("exit N" or "signal N") and peak resident bytes of child `pid` if it has ended; nil while it runs.
    static func reap(_ pid: pid_t) -> (exit: String, peak: Int)? {
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, WNOHANG, &usage) == pid else { return nil }
        let signal = status & 0x7f
        return (signal == 0 ? "exit \((status >> 8) & 0xff)" : "signal \(signal)", Int(usage.ru_maxrss) * 1024)
    }
}
