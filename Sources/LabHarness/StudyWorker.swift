// `attnlab study run-one`: the child process of one run. It takes the run's lock (so a rerun
// waits for an orphan of a killed study to exit), watches its parent (it exits when the parent
// is gone, so `kill -9` of the study stops its runs too), executes the run and writes
// `outcome.json` atomically for the parent to turn into a row.
import Foundation
import LabCore
import LabModel
import LabResults
#if canImport(Glibc)
import Glibc
#endif

public enum StudyWorker {
    /// The exit status of a run that failed for a reason outside its config (no space left, an
    /// I/O error): the runner marks its row transient and the next `study run` runs it again
    /// (EX_TEMPFAIL of sysexits.h).
    public static let transientExit: Int32 = 75

    /// True when `error` came from the file system rather than from the run's config: no space,
    /// quota, I/O error, read-only file system — or, whatever the error, when the output folder has
    /// under 1 MiB free when it is raised.
    public static func isTransient(_ error: Error, workDir: String) -> Bool {
        let codes: Set<Int32> = [ENOSPC, EDQUOT, EIO, EROFS]
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain && codes.contains(Int32(ns.code)) { return true }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           codes.contains(Int32(underlying.code)) { return true }
        if ns.domain == NSCocoaErrorDomain && [CocoaError.fileWriteOutOfSpace.rawValue, CocoaError.fileWriteVolumeReadOnly.rawValue].contains(ns.code) {
            return true
        }
        let text = "\(error)"
        if codes.contains(where: { text.contains(String(cString: strerror($0))) }) { return true }
        var fs = statvfs()
        if statvfs(workDir, &fs) == 0, UInt64(fs.f_bavail) * UInt64(fs.f_frsize) < 1 << 20 { return true }
        return false
    }

    public static func runOne(study: Study, runID: String, outDir: String, parentPID: pid_t?) throws {
        guard let run = try study.expand().first(where: { $0.id == runID }) else {
            throw HarnessError("no run \(runID) in \(study.file)")
        }
        let work = StudyPaths.work(outDir, runID)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let lock = open(work + "/lock", O_RDWR | O_CREAT, 0o644)
        guard lock >= 0, flock(lock, LOCK_EX) == 0 else { throw HarnessError("cannot lock \(work)/lock") }
        if let parentPID {
            let watcher = Thread {
                while true {
                    if getppid() != parentPID { _exit(137) }
                    usleep(200_000)
                }
            }
            watcher.start()
        }
        // The log may sit on a full disk: writing to it must never kill the run.
        func say(_ s: String) { FileHandle.standardOutput.writeIgnoringErrors(s + "\n") }
        say("run \(run.summary)")
        say("config \(run.config.canonical)")
        let tmp = work + "/outcome.json.tmp"
        do {
            let outcome = try RunExecutor.execute(run, workDir: work, progress: say)
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys]
            try e.encode(outcome).write(to: URL(fileURLWithPath: tmp))
            fsyncPath(tmp)
            guard rename(tmp, work + "/outcome.json") == 0 else {
                throw HarnessError("\(work)/outcome.json: cannot write (\(String(cString: strerror(errno))))")
            }
            say(String(format: "finished in %.1f s", outcome.wallSeconds))
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            if isTransient(error, workDir: work) {
                FileHandle.standardError.writeIgnoringErrors("attnlab: \(describeError(error))\n")
                exit(transientExit)
            }
            throw error
        }
    }
}

/// Where each run of a study stands, from its output folder.
public struct RunStatus: Sendable {
    public enum State: String, Sendable { case done, failed, running, pending }
    public let run: Run
    public let state: State
    public let detail: String
    /// A done run's wall time in seconds (its row's `provenance.wall_seconds`); nil otherwise, and
    /// for a run resumed from a checkpoint (its row times only the part after the resume).
    public var wallSeconds: Double? = nil
    /// A failed run whose failure was outside its config (killed, out of disk): the next `study
    /// run` runs it again; other failed runs only with `--retry-failed`.
    public var transient = false
}

/// The machine time the next `study run` should take, from the done runs: each pending, running or
/// transiently failed run at the median wall time of the done runs that differ from it only in
/// `seed` and `round` (its configuration's other replicates), else of the done runs of its kind
/// (accuracy or bench) with its `task`, `train_length` and `length` labels (its shape), else of
/// its kind. Other failed runs are counted apart (they run again only with `--retry-failed`).
/// Machine time, one run at a time: not a forecast of the clock, which runs at a time, other load
/// and a later build change. A running or half-trained run counts whole.
public struct RemainingEstimate: Sendable, Equatable {
    public var seconds = 0.0
    /// How many runs were estimated from their configuration's other replicates, from their shape,
    /// from their kind, and not at all (no done run of their kind); failed runs left out.
    public var fromReplicates = 0, fromShape = 0, fromKind = 0, unknown = 0, failedNotRerun = 0

    /// The labels that tell replicates of one configuration apart.
    static let replicateLabels: Set<String> = ["seed", "round"]
    /// The labels that set a run's shape: its task, the train length of an accuracy run, the context length of a bench run.
    static let shapeLabels = ["task", "train_length", "length"]

    public init(_ states: [RunStatus]) {
        func key(_ r: Run, _ labels: (String) -> Bool) -> String {
            r.kind.rawValue + " " + r.labels.filter { labels($0.key) }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        let levels: [(Run) -> String] = [
            { key($0) { !Self.replicateLabels.contains($0) } },  // the configuration
            { key($0) { Self.shapeLabels.contains($0) } },       // the shape
            { key($0) { _ in false } },                          // the kind
        ]
        var done: [[String: [Double]]] = Array(repeating: [:], count: levels.count)
        for s in states where s.state == .done {
            guard let t = s.wallSeconds else { continue }
            for (i, level) in levels.enumerated() { done[i][level(s.run), default: []].append(t) }
        }
        for s in states where s.state != .done {
            if s.state == .failed && !s.transient { failedNotRerun += 1; continue }
            guard let i = levels.indices.first(where: { done[$0][levels[$0](s.run)] != nil }) else { unknown += 1; continue }
            seconds += Timing.median(done[i][levels[i](s.run)]!)
            switch i { case 0: fromReplicates += 1; case 1: fromShape += 1; default: fromKind += 1 }
        }
    }

    /// One line for `study status`, e.g. "remaining: about 2.4 machine hours (189 runs: 180 at the
    /// median of their configuration's done replicates, 9 at that of done runs of their kind, task
    /// and length; one run at a time)"; nil when every run is done.
    public var text: String? {
        let runs = fromReplicates + fromShape + fromKind + unknown
        guard runs + failedNotRerun > 0 else { return nil }
        let minutes = Int((seconds / 60).rounded(.up))
        let amount = seconds >= 3_600 ? String(format: "about %.1f machine hours", seconds / 3_600)
            : "about \(minutes) machine minute\(minutes == 1 ? "" : "s")"
        var parts: [String] = []
        if fromReplicates > 0 { parts.append("\(fromReplicates) at the median of their configuration's done replicates") }
        if fromShape > 0 { parts.append("\(fromShape) at that of done runs of their kind, task and length") }
        if fromKind > 0 { parts.append("\(fromKind) at their kind's median") }
        if unknown > 0 { parts.append("\(unknown) with no done run of their kind, not counted") }
        let failed = failedNotRerun > 0 ? "; \(failedNotRerun) failed, run again only with --retry-failed, not counted" : ""
        guard runs > 0 else { return "remaining: nothing for `study run` (\(failedNotRerun) failed, run again only with --retry-failed)" }
        return (runs > unknown ? "remaining: \(amount)" : "remaining: no estimate")
            + " (\(runs) run\(runs == 1 ? "" : "s"): " + parts.joined(separator: ", ") + "; one run at a time\(failed))"
    }
}

extension Study {
    /// done (an ok row in any results file of `outDir`), failed (last row failed, with the
    /// reason), running (its child holds the lock), pending (with its checkpoint if half-trained).
    public func status(outDir: String) throws -> [RunStatus] { try statusAndOrphans(outDir: outDir).states }

    /// `status`, and the run ids of `outDir`'s rows of this study that its expansion no longer has
    /// (an entry renamed or removed, a sweep value dropped, a run cut by `skip:`; counted apart by
    /// `study status`, never as done), from one read of the results files and one expansion.
    public func statusAndOrphans(outDir: String) throws -> (states: [RunStatus], orphans: [String]) {
        let latest = try StudyPaths.recorded(outDir, study: name), runs = try expand()
        let ids = Set(runs.map(\.id))
        return (runs.map { run in state(of: run, row: latest[run.id], outDir: outDir) }, latest.keys.filter { !ids.contains($0) }.sorted())
    }

    /// One run's state from its latest row (nil: none) and its work folder.
    func state(of run: Run, row: ResultRow?, outDir: String) -> RunStatus {
        let work = StudyPaths.work(outDir, run.id)
        if let row {
            if row.status == .ok {
                return RunStatus(run: run, state: .done, detail: String(format: "%.1f s", row.provenance.wallSeconds),
                                 wallSeconds: row.provenance.resumedFromStep == nil ? row.provenance.wallSeconds : nil)
            }
            return RunStatus(run: run, state: .failed, detail: (row.reason ?? "") + (row.transient == true ? " (transient: runs again on the next `study run`)" : ""),
                             transient: row.transient == true)
        }
        let fd = open(work + "/lock", O_RDWR)
        if fd >= 0 {
            defer { close(fd) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                return RunStatus(run: run, state: .running, detail: lastProgress(work + "/log.txt"))
            }
            flock(fd, LOCK_UN)
        }
        if FileManager.default.fileExists(atPath: work + "/outcome.json") {
            return RunStatus(run: run, state: .pending, detail: "finished; its row is appended by the next `study run`")
        }
        if Checkpoint.exists(work + "/checkpoint") {
            return RunStatus(run: run, state: .pending, detail: "half-trained, resumes from its checkpoint (\(lastProgress(work + "/log.txt")))")
        }
        return RunStatus(run: run, state: .pending, detail: "")
    }
}
