// `attnlab study run`: the parent. It expands the study, skips the runs that already have an `ok`
// row in any results file of the output folder (its own, the whole-study file, another shard's),
// and runs each remaining one in its own child process (`attnlab study run-one`), up to
// `jobs` at a time. A child that crashes, is killed (OOM, signal) or exits non-zero becomes a
// `failed` row with the reason, and the study goes on. Peak resident memory of each child comes
// from wait4's rusage. Only the parent appends rows, one fsync'd line per finished run.
//
// Output folder (default results/<study>):
//   results.jsonl                      rows (results.shard-I-of-N.jsonl with --shard I/N)
//   work/<run id>/log.txt              the child's output
//   work/<run id>/checkpoint/          training checkpoints (resume point after a kill)
//   work/<run id>/outcome.json         a finished child's measurements, until its row is appended
//   work/<run id>/lock                 flock'd by the child while it runs
import Foundation
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
    public static func defaultOut(_ study: Study) -> String { "results/\(study.name)" }
    public static func results(_ out: String, shard: Shard?) -> String { out + "/" + (shard?.resultsFileName ?? "results.jsonl") }
    public static func work(_ out: String, _ id: String) -> String { out + "/work/" + id }
    /// Every results file in `out` (the whole-study file and the shard files).
    public static func allResults(_ out: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        return names.filter { $0 == "results.jsonl" || ($0.hasPrefix("results.shard-") && $0.hasSuffix(".jsonl")) }.sorted().map { out + "/" + $0 }
    }
    /// The latest row of each run over every results file in `out` (`ResultsStore.latest`: an ok row
    /// beats a failed one): a run is recorded wherever its row is, for `study status` and for what
    /// `study run` skips, whichever file (shard or whole-study) an earlier invocation wrote it to.
    public static func recorded(_ out: String) throws -> [String: ResultRow] {
        ResultsStore.latest(try allResults(out).flatMap { try ResultsStore.read(path: $0).rows })
    }
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

    public func run(log: (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }) throws -> RunSummary {
        let runs = try selectedRuns()
        if Machine.build == "debug" && !options.allowDebug && runs.contains(where: { $0.kind == .bench }) {
            throw HarnessError("this attnlab is a debug build: its timings are not comparable; build with -c release, or pass --allow-debug (rows are then marked debug_timings)")
        }
        let resultsPath = StudyPaths.results(options.outDir, shard: options.shard)
        let existing = try StudyPaths.recorded(options.outDir)
        var summary = RunSummary(total: runs.count)
        var queue: [Run] = []
        for r in runs {
            switch existing[r.id]?.status {
            case .ok?: summary.skipped += 1
            case .failed? where !options.retryFailed: summary.skipped += 1
            default: queue.append(r)
            }
        }
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
                let tail = logTail(work + "/log.txt", lines: 3)
                var reason = exit
                if exit == "signal 9" { reason += " (SIGKILL: out of memory or killed)" }
                if !tail.isEmpty { reason += ": " + tail }
                let now = RunExecutor.iso(Date())
                row = ResultRow(study: study.name, runID: run.id, kind: run.kind.rawValue, status: .failed, reason: reason,
                                labels: run.labels, config: run.config, metrics: [],
                                provenance: provenance(kernels: [], started: RunExecutor.iso(start), ended: now,
                                                       wall: Date().timeIntervalSince(start), peak: peak, exit: exit,
                                                       resumed: nil, debugTimings: false))
                summary.failed += 1
            }
            try ResultsStore.append(row, to: resultsPath)
            try? FileManager.default.removeItem(atPath: outcomePath)
            done += 1
            finishedWall.append(row.provenance.wallSeconds)
            if live { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
            log(String(format: "[%d/%d] %@ %@ (%.1f s)", done, total, row.status == .ok ? "done  " : "FAILED", run.summary, row.provenance.wallSeconds)
                + (row.status == .ok ? "" : "\n        " + (row.reason ?? "")))
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
                    FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + String(line.prefix(width))).utf8))
                } else if Date().timeIntervalSince(lastPlain) > 15 {
                    log(line)
                    lastPlain = Date()
                }
                usleep(200_000)
            }
        }
        if live { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
        log("study \(study.name): \(summary.ok) done, \(summary.failed) failed, \(summary.skipped) skipped (already recorded)")
        return summary
    }

    func makeRow(_ run: Run, outcome: RunOutcome, exit: String, peak: Int) -> ResultRow {
        let measuredPeak = peak > 0 ? peak : outcome.peakResidentBytes
        var metrics = outcome.metrics
        if run.memory {
            metrics.append(MetricValue("peak_resident_bytes", Double(measuredPeak), unit: "bytes", task: run.train?.task,
                                         length: run.length ?? run.train?.length, timing: true))
        }
        return ResultRow(study: study.name, runID: run.id, kind: run.kind.rawValue, status: .ok, labels: run.labels, config: run.config,
                         metrics: metrics,
                         provenance: provenance(kernels: outcome.kernels, started: outcome.started, ended: outcome.ended,
                                                wall: outcome.wallSeconds, peak: measuredPeak, exit: exit, resumed: outcome.resumedFromStep,
                                                debugTimings: outcome.build == "debug" && metrics.contains { $0.timing }, build: outcome.build))
    }

    func provenance(kernels: [String], started: String, ended: String, wall: Double, peak: Int, exit: String, resumed: Int?,
                    debugTimings: Bool, build: String = Machine.build) -> Provenance {
        Provenance(gitCommit: git.commit, gitDirty: git.dirty, build: build, debugTimings: debugTimings, cpuModel: cpu, cores: cores,
                   hostname: host, kernels: kernels, started: started, ended: ended, wallSeconds: wall, peakResidentBytes: peak,
                   exit: exit, resumedFromStep: resumed)
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

/// The last `lines` non-empty lines of a log, joined with " | ".
func logTail(_ path: String, lines: Int) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "" }
    let all = String(decoding: data.suffix(4096), as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    return all.suffix(lines).joined(separator: " | ")
}

/// The newest `progress …` line of a run's log, shortened (`step=120/300 loss=2.31`).
func lastProgress(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "starting" }
    let lines = String(decoding: data.suffix(2048), as: UTF8.self).split(separator: "\n")
    guard let p = lines.last(where: { $0.hasPrefix("progress ") }) else { return "starting" }
    return String(p.dropFirst("progress ".count))
}
