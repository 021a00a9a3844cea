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
            if row.status == .ok { return RunStatus(run: run, state: .done, detail: String(format: "%.1f s", row.provenance.wallSeconds)) }
            return RunStatus(run: run, state: .failed, detail: (row.reason ?? "") + (row.transient == true ? " (transient: runs again on the next `study run`)" : ""))
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
