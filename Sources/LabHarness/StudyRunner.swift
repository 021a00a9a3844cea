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
    /// this checkout (or by an uncommitted tree), instead of only warning about them.
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
    /// Every results file in `out` (the whole-study file and the shard files).
    public static func allResults(_ out: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        return names.filter { $0 == "results.jsonl" || ($0.hasPrefix("results.shard-") && $0.hasSuffix(".jsonl")) }.sorted().map { out + "/" + $0 }
    }
    /// The latest row of each run of `study` over every results file in `out` (`ResultsStore.latest`:
    /// an ok row beats a failed one): a run is recorded wherever its row is, for `study status` and
    /// for what `study run` skips, whichever file (shard or whole-study) an earlier invocation wrote
    /// it to. Rows of another study or another results format are never taken as done: `warn`
    /// hears how many were skipped.
    public static func recorded(_ out: String, study: String, warn: (String) -> Void = { _ in }) throws -> [String: ResultRow] {
        var rows: [ResultRow] = []
        for path in allResults(out) {
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
    let git: (commit: String, dirty: Bool)
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

    public func run(log: (String) -> Void = { FileHandle.standardOutput.writeIgnoringErrors($0 + "\n") }) throws -> RunSummary {
        let runs = try selectedRuns()
        if Machine.build == "debug" && !options.allowDebug && runs.contains(where: { $0.kind == .bench }) {
            throw HarnessError("this attnlab is a debug build: its timings are not comparable; build with -c release, or pass --allow-debug (rows are then marked debug_timings)")
        }
        let resultsPath = StudyPaths.results(options.outDir, shard: options.shard)
        let lock = try ResultsLock(resultsPath)
        defer { lock.release() }
        let existing = try StudyPaths.recorded(options.outDir, study: study.name, warn: { log("warning: \($0)") })
        var summary = RunSummary(total: runs.count)
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
        let live = options.live ?? (isatty(1) == 1)
        log("study \(study.name): \(runs.count) runs" + (options.shard.map { " (shard \($0))" } ?? "")
            + ", \(summary.skipped) already recorded, \(queue.count) to run, \(options.jobs) at a time; rows → \(resultsPath)")
        struct Active { let run: Run; let pid: pid_t; let start: Date }
        var active: [Active] = []
        var finishedWall: [Double] = []
        var lastPlain = Date()
        let total = queue.count
        var done = 0

        func finish(_ run: Run, exit: String, peak: Int, start: Date) throws {
            let work = StudyPaths.work(options.outDir, run.id)
            let outcomePath = work + "/outcome.json"
            let row: ResultRow
            if exit == "exit 0", let data = FileManager.default.contents(atPath: outcomePath),
               let outcome = try? JSONDecoder().decode(RunOutcome.self, from: data) {
                row = makeRow(run, outcome: outcome, exit: exit, peak: peak)
                summary.ok += 1
            } else {
                let failure = Failure(exit: exit, log: work + "/log.txt")
                let now = RunExecutor.iso(Date())
                row = ResultRow(study: study.name, runID: run.id, kind: run.kind.rawValue, status: .failed, reason: failure.reason,
                                transient: failure.transient ? true : nil,
                                labels: run.labels, config: run.config, metrics: [],
                                provenance: provenance(kernels: [], started: RunExecutor.iso(start), ended: now,
                                                       wall: Date().timeIntervalSince(start), peak: peak, exit: exit,
                                                       resumed: nil, debugTimings: false), variant: run.variant)
                summary.failed += 1
            }
            try ResultsStore.append(row, to: resultsPath)
            try? FileManager.default.removeItem(atPath: outcomePath)
            done += 1
            finishedWall.append(row.provenance.wallSeconds)
            if live { FileHandle.standardOutput.writeIgnoringErrors("\r\u{1B}[K") }
            log(String(format: "[%d/%d] %@ %@ (%.1f s)", done, total, row.status == .ok ? "done  " : "FAILED", run.summary, row.provenance.wallSeconds)
                + (row.status == .ok ? "" : "\n        " + (row.reason ?? "") + (row.transient == true ? " (transient: runs again next time)" : "")))
        }

        while !queue.isEmpty || !active.isEmpty {
            while active.count < options.jobs, !queue.isEmpty {
                let run = queue.removeFirst()
                let work = StudyPaths.work(options.outDir, run.id)
                try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
                if FileManager.default.fileExists(atPath: work + "/outcome.json") {  // finished before the last parent died
                    try finish(run, exit: "exit 0", peak: 0, start: Date())
                    continue
                }
                let pid = try spawn(run, work: work)
                active.append(Active(run: run, pid: pid, start: Date()))
                if !live { log("start  \(run.summary)") }
            }
            var still: [Active] = []
            for a in active {
                var status: Int32 = 0
                var usage = rusage()
                let r = wait4(a.pid, &status, WNOHANG, &usage)
                if r == a.pid {
                    let signal = status & 0x7f
                    let exit = signal == 0 ? "exit \((status >> 8) & 0xff)" : "signal \(signal)"
                    try finish(a.run, exit: exit, peak: Int(usage.ru_maxrss) * 1024, start: a.start)
                } else {
                    still.append(a)
                }
            }
            active = still
            if !active.isEmpty {
                let mean = finishedWall.isEmpty ? nil : finishedWall.reduce(0, +) / Double(finishedWall.count)
                let remaining = queue.count + active.count
                let eta = mean.map { String(format: " | ETA ~%.0f s", $0 * Double(remaining) / Double(options.jobs)) } ?? ""
                let current = active.map { a in
                    "\(a.run.id.prefix(8)) \(a.run.labels["variant"] ?? "")\(a.run.labels["window"].map { "(\($0))" } ?? "") "
                        + (a.run.labels["task"] ?? "T=\(a.run.labels["length"] ?? "")") + ": "
                        + lastProgress(StudyPaths.work(options.outDir, a.run.id) + "/log.txt")
                }.joined(separator: "; ")
                let line = "[\(done)/\(total) done, \(summary.failed) failed] \(current)\(eta)"
                if live {
                    let width = 160
                    FileHandle.standardOutput.writeIgnoringErrors("\r\u{1B}[K" + String(line.prefix(width)))
                } else if Date().timeIntervalSince(lastPlain) > 15 {
                    log(line)
                    lastPlain = Date()
                }
                usleep(200_000)
            }
        }
        if live { FileHandle.standardOutput.writeIgnoringErrors("\r\u{1B}[K") }
        log("study \(study.name): \(summary.ok) done, \(summary.failed) failed, \(summary.skipped) skipped (already recorded)")
        return summary
    }

    /// The rows made by code whose numerics may differ from this checkout's: a commit whose numerics
    /// sources differ (or that this checkout does not know), or a tree with uncommitted changes.
    /// `commits` names them (12 hex digits, `+dirty` for an uncommitted tree).
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
            if differs || row.provenance.gitDirty {
                ids.insert(row.runID)
                commits.insert(String(c.prefix(12)) + (row.provenance.gitDirty ? "+dirty" : ""))
            }
        }
        return (ids, commits.sorted())
    }

    func makeRow(_ run: Run, outcome: RunOutcome, exit: String, peak: Int) -> ResultRow {
        let measuredPeak = peak > 0 ? peak : outcome.peakResidentBytes
        var metrics = outcome.metrics
        if run.memory {
            metrics.append(MetricValue(MetricName.peakResidentBytes, Double(measuredPeak), unit: "bytes", task: run.train?.task,
                                         length: run.length ?? run.train?.length, timing: true))
        }
        var p = provenance(kernels: outcome.kernels, started: outcome.started, ended: outcome.ended,
                           wall: outcome.wallSeconds, peak: measuredPeak, exit: exit, resumed: outcome.resumedFromStep,
                           debugTimings: outcome.build == "debug" && metrics.contains { $0.timing }, build: outcome.build,
                           load: (outcome.loadAverageBefore, outcome.loadAverageAfter))
        p.data = outcome.data
        return ResultRow(study: study.name, runID: run.id, kind: run.kind.rawValue, status: .ok, labels: run.labels, config: run.config,
                         metrics: metrics, provenance: p, variant: run.variant)
    }

    func provenance(kernels: [String], started: String, ended: String, wall: Double, peak: Int, exit: String, resumed: Int?,
                    debugTimings: Bool, build: String = Machine.build, load: (before: Double?, after: Double?) = (nil, nil)) -> Provenance {
        var p = Provenance(gitCommit: git.commit, gitDirty: git.dirty, build: build, debugTimings: debugTimings, cpuModel: cpu, cores: cores,
                           hostname: host, kernels: kernels, started: started, ended: ended, wallSeconds: wall, peakResidentBytes: peak,
                           exit: exit, resumedFromStep: resumed)
        p.loadAverageBefore = load.before
        p.loadAverageAfter = load.after
        return p
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

/// Why a run's child failed, from its exit and its log, in one short line; and whether the cause
/// lies outside the run's config (then the next `study run` runs it again).
struct Failure {
    let reason: String
    let transient: Bool
    /// Signals sent from outside the run (a user, a scheduler, the OOM killer) rather than raised by its code.
    static let outsideSignals: [Int32: String] = [SIGKILL: "SIGKILL: killed, or out of memory", SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"]
    static let crashSignals: [Int32: String] = [SIGSEGV: "SIGSEGV", SIGILL: "SIGILL: a trap", SIGFPE: "SIGFPE", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGTRAP: "SIGTRAP: a trap"]

    /// `exit`: "exit N" or "signal N" as the runner words it; `log`: the run's log file.
    init(exit: String, log: String) {
        var what = exit
        var transient = false
        if exit.hasPrefix("signal "), let n = Int32(exit.dropFirst(7)) {
            if let name = Failure.outsideSignals[n] { what += " (\(name))"; transient = true }
            else if let name = Failure.crashSignals[n] { what += " (\(name))" }
        } else if exit == "exit \(StudyWorker.transientExit)" {
            transient = true
        }
        let line = Failure.lastError(log)
        self.reason = line.isEmpty ? what : what + ": " + line
        self.transient = transient
    }

    /// The run's own one-line error (`attnlab: …`) or the runtime's `Fatal error: …` line, at most
    /// 240 characters; never a backtrace or the config line.
    static func lastError(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let lines = String(decoding: data.suffix(16384), as: UTF8.self).split(separator: "\n").map(String.init)
        guard var line = lines.last(where: { $0.hasPrefix("attnlab: ") && !$0.hasPrefix("attnlab: warning:") })
                ?? lines.last(where: { $0.contains("Fatal error:") }) else { return "" }
        if line.hasPrefix("attnlab: ") { line.removeFirst("attnlab: ".count) }
        return line.count > 240 ? String(line.prefix(239)) + "…" : line
    }
}

/// The newest `progress …` line of a run's log, shortened (`step=120/300 loss=2.31`).
func lastProgress(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "starting" }
    let lines = String(decoding: data.suffix(2048), as: UTF8.self).split(separator: "\n")
    guard let p = lines.last(where: { $0.hasPrefix("progress ") }) else { return "starting" }
    return String(p.dropFirst("progress ".count))
}
