// `attnlab study run`: the parent. It expands the study, skips the runs that already have an `ok`
// row in any results file of the output folder (its own, the whole-study file, another shard's),
// and runs each remaining one in its own child process (`attnlab study run-one`), up to
// `jobs` at a time. A child that crashes, is killed (OOM, signal) or exits non-zero becomes a
// `failed` row with a one-line reason, and the study goes on. A failure from outside the run's
// config (no space left, an I/O error: the child exits with `StudyWorker.transientExit`; or a
// signal sent from outside: SIGKILL, SIGTERM, SIGINT, SIGHUP) is marked `transient` and runs again
// on the next `study run`; a deterministic one (a config error, a crash) stays failed until
// `--retry-failed`. Peak resident memory of each child comes from wait4's rusage. Only the parent
// appends rows, one fsync'd line per finished run, and one parent writes a results file at a time
// (an advisory lock, below).
//
// Output folder (default runs/<study>; results/<study> with --publish):
//   results.jsonl                      rows (results.shard-I-of-N.jsonl with --shard I/N)
//   results.part-NNNN.jsonl            earlier rows: a results file reaching 4 MiB is sealed as a
//                                      part (ResultsStore.partBytes); readers read the parts first
//   results.jsonl.lock                 flock'd by the `study run` (or `study merge`) writing
//                                      results.jsonl; holds its PID
//   work/<run id>/log.txt              the child's output
//   work/<run id>/checkpoint/          training checkpoints (resume point after a kill)
//   work/<run id>/outcome.json         a finished child's measurements, until its row is appended
//   work/<run id>/lock                 flock'd by the child while it runs
import Foundation
import LabCore
import LabModel
import LabResults
#if canImport(Glibc)
import Glibc
#endif

public struct RunnerOptions: Sendable {
    public var outDir: String
    public var jobs = 1
    public var shard: Shard? = nil
    public var only: [String] = []
    public var allowDebug = false
    public var retryFailed = false
    /// Run again the runs whose ok row was made by a commit whose numerics sources differ from
    /// this checkout (or by a tree with uncommitted numerics sources), instead of only warning about them.
    public var rerunStale = false
    /// The attnlab binary to re-exec for each run.
    public var executable: String
    /// nil: live line when stdout is a terminal, plain lines otherwise.
    public var live: Bool? = nil
    public init(outDir: String, executable: String) { self.outDir = outDir; self.executable = executable }
}

public struct RunSummary: Sendable, Equatable {
    public var total = 0, skipped = 0, ok = 0, failed = 0
}

public enum StudyPaths {
    /// `runs/<name>` for a user's runs, `results/<name>` when publishing (`StudyLocations`).
    public static func defaultOut(_ study: Study, publish: Bool) -> String { StudyLocations(study: study.name, publish: publish).results }
    public static func results(_ out: String, shard: Shard?) -> String { out + "/" + (shard?.resultsFileName ?? "results.jsonl") }
    public static func work(_ out: String, _ id: String) -> String { out + "/work/" + id }
    /// The latest row of each run of `study` over every results file in `out` (`ResultsStore.latest`:
    /// an ok row beats a failed one): a run is recorded wherever its row is, for `study status` and
    /// for what `study run` skips, whichever file (shard or whole-study) an earlier invocation wrote
    /// it to. Rows of another study or another results format are never taken as done: `warn`
    /// hears how many were skipped.
    public static func recorded(_ out: String, study: String, warn: (String) -> Void = { _ in }) throws -> [String: ResultRow] {
        var rows: [ResultRow] = []
        for path in ResultsStore.studyFiles(in: out) {
            let r = try ResultsStore.read(path: path)
            if r.otherSchema > 0 { warn("\(path): skipped \(r.otherSchema) rows of another results format (schema ≠ \(ResultsStore.schema))") }
            let foreign = r.rows.filter { $0.study != study }.count
            if foreign > 0 { warn("\(path): skipped \(foreign) rows of another study (not \(study))") }
            rows += r.rows.filter { $0.study == study }
        }
        return ResultsStore.latest(rows)
    }
}

/// The advisory lock of one results file (`<results file>.lock`, flock'd, holding the owner's PID):
/// one `study run` or `study merge` writes a results file at a time; shards write their own files
/// and do not contend. Released when the process exits, however it exits.
public struct ResultsLock {
    let fd: Int32
    /// Takes the lock of `resultsPath` or throws naming the PID that holds it.
    public init(_ resultsPath: String) throws {
        let dir = (resultsPath as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), !isDir.boolValue {
                throw HarnessError("\(dir): is a file, not a folder")
            }
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw HarnessError("\(dir): cannot create the output folder (\(String(cString: strerror(errno))))")
            }
        }
        let path = resultsPath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HarnessError("\(path): cannot open (\(String(cString: strerror(errno))))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let owner = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw HarnessError("\(resultsPath): another `attnlab study` process (pid \(owner.isEmpty ? "unknown" : owner)) is writing it; "
                + "wait for it to finish or stop it (shards write their own files: --shard I/N)")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBufferPointer { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.fd = fd
    }
    /// Releases the lock (also released when the process exits).
    public func release() { flock(fd, LOCK_UN); close(fd) }
}

public final class StudyRunner {
    let study: Study
    let studyPath: String
    let options: RunnerOptions
    let git: (commit: String, dirty: Bool, numericsDirty: Bool)
    let cpu = Machine.cpuModel, cores = Machine.cores, host = Machine.hostname

    public init(study: Study, studyPath: String, options: RunnerOptions) {
        self.study = study; self.studyPath = studyPath; self.options = options
        git = Machine.git(in: FileManager.default.currentDirectoryPath)
    }

    /// The runs this invocation is responsible for (shard, then --only).
    public func selectedRuns() throws -> [Run] {
        var runs = try study.expand()
        if let shard = options.shard { runs = shard.select(runs) }
        if !options.only.isEmpty {
            for id in options.only where !runs.contains(where: { $0.id == id }) {
                throw HarnessError("--only \(id): no such run in \(studyPath)" + (options.shard.map { " shard \($0)" } ?? ""))
            }
            runs = runs.filter { options.only.contains($0.id) }
        }
        return runs
    }

    /// Runs every selected run not yet recorded, `options.jobs` children at a time, appending one
    /// row per finished run to this invocation's results file; returns what it did. Throws before
    /// any run on a debug build with bench runs (unless `allowDebug`) or a results file another
    /// process holds; a run's failure is its row, never a throw.
    public func run(log: @escaping (String) -> Void = { FileHandle.standardOutput.writeIgnoringErrors($0 + "\n") }) throws -> RunSummary {
        let runs = try selectedRuns()
        if Machine.build == "debug" && !options.allowDebug && runs.contains(where: { $0.kind == .bench }) {
            throw HarnessError("this attnlab is a debug build: its timings are not comparable; build with -c release, or pass --allow-debug (rows are then marked debug_timings)")
        }
        let resultsPath = StudyPaths.results(options.outDir, shard: options.shard)
        let lock = try ResultsLock(resultsPath)
        defer { lock.release() }
        var summary = RunSummary(total: runs.count)
        let queue = try plan(runs, summary: &summary, log: log)
        log("study \(study.name): \(runs.count) runs" + (options.shard.map { " (shard \($0))" } ?? "")
            + ", \(summary.skipped) already recorded, \(queue.count) to run, \(options.jobs) at a time; rows → \(resultsPath)")
        if let core = OpenBLAS.forcedCore, !queue.isEmpty {  // a narrower forced core roughly halves the products
            log("note: OPENBLAS_CORETYPE=\(core) forces OpenBLAS's \(OpenBLAS.coreName) kernels in every run (rows record it as openblas_core); unset it to let OpenBLAS pick this CPU's own")
        }
        let rows = RowBuilder(study: study.name, git: git, cpu: cpu, cores: cores, host: host)
        var progress = ProgressView(total: queue.count, jobs: options.jobs, outDir: options.outDir, live: options.live ?? (isatty(1) == 1), log: log)
        var scheduler = RunScheduler(queue: queue, jobs: options.jobs)
        try scheduler.drain(start: { run in
            let work = StudyPaths.work(options.outDir, run.id)
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: work + "/outcome.json") { return nil }  // finished before the last parent died
            let pid = try spawn(run, work: work)
            progress.started(run)
            return pid
        }, finish: { ended in
            let work = StudyPaths.work(options.outDir, ended.run.id)
            let row = rows.row(ended.run, exit: ended.exit, peak: ended.peak, start: ended.start, work: work)
            if row.status == .ok { summary.ok += 1 } else { summary.failed += 1 }
            try ResultsStore.append([row], to: resultsPath, sealingAt: ResultsStore.partBytes)
            try? FileManager.default.removeItem(atPath: work + "/outcome.json")
            progress.finished(ended.run, row: row)
        }, waiting: { active, queued in
            progress.waiting(on: active.map(\.run), queued: queued, failed: summary.failed)
        })
        progress.clear()
        log("study \(study.name): \(summary.ok) done, \(summary.failed) failed, \(summary.skipped) skipped (already recorded)")
        return summary
    }

    /// The runs to run, in order: those without a row, those whose last row failed for a reason
    /// outside their config (transient), with `retryFailed` the failed ones, with `rerunStale` the
    /// stale ok ones; the rest are counted in `summary.skipped`.
    func plan(_ runs: [Run], summary: inout RunSummary, log: (String) -> Void) throws -> [Run] {
        let existing = try StudyPaths.recorded(options.outDir, study: study.name, warn: { log("warning: \($0)") })
        var queue: [Run] = []
        var retried = 0
        let stale = staleRuns(runs.compactMap { existing[$0.id] }.filter { $0.status == .ok })
        if !stale.ids.isEmpty {
            log("warning: \(stale.ids.count) recorded runs were made by code whose numerics (\(Machine.numericsSources.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))) "
                + "differ from this checkout or could not be checked (\(stale.commits.joined(separator: ", ")))"
                + (options.rerunStale ? ": running them again" : "; --rerun-stale runs them again"))
        }
        for r in runs {
            switch existing[r.id] {
            case let row? where row.status == .ok && options.rerunStale && stale.ids.contains(r.id): queue.append(r)
            case let row? where row.status == .ok: summary.skipped += 1
            case let row? where row.transient == true: queue.append(r); retried += 1
            case _? where !options.retryFailed: summary.skipped += 1
            default: queue.append(r)
            }
        }
        if retried > 0 { log("\(retried) runs failed for a reason outside their config last time (no space, I/O error, killed): running them again") }
        return queue
    }

    /// The rows made by code whose numerics may differ from this checkout's: a commit whose numerics
    /// sources differ (or that this checkout does not know), or a tree with uncommitted changes to the
    /// numerics sources (`numericsDirty`; any uncommitted change for rows written before it was
    /// recorded). `commits` names them (12 hex digits, `+dirty` for an uncommitted tree).
    func staleRuns(_ rows: [ResultRow]) -> (ids: Set<String>, commits: [String]) {
        var verdict: [String: Bool] = [:]
        var ids = Set<String>(), commits = Set<String>()
        for row in rows {
            let c = row.provenance.gitCommit
            let differs = verdict[c] ?? {
                let v = Machine.numericsDiffer(from: c, in: FileManager.default.currentDirectoryPath) ?? true
                verdict[c] = v
                return v
            }()
            // an uncommitted change elsewhere (a results file being written) cannot change the numbers
            let dirty = row.provenance.numericsDirty ?? row.provenance.gitDirty
            if differs || dirty {
                ids.insert(row.runID)
                commits.insert(String(c.prefix(12)) + (dirty ? "+dirty" : ""))
            }
        }
        return (ids, commits.sorted())
    }

    /// Starts `attnlab study run-one` for `run`, its output appended to the run's log.
    func spawn(_ run: Run, work: String) throws -> pid_t {
        var args = [options.executable, "study", "run-one", studyPath, "--run", run.id, "--out", options.outDir, "--parent", "\(getpid())"]
        if options.allowDebug { args.append("--allow-debug") }
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        posix_spawn_file_actions_addopen(&fa, 1, work + "/log.txt", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&fa, 1, 2)
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)
        let argv = args.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, options.executable, &fa, nil, argv, environ)
        guard rc == 0 else { throw HarnessError("cannot start \(options.executable): \(String(cString: strerror(rc)))") }
        return pid
    }
}
