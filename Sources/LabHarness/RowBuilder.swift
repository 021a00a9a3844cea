// The row of a finished run, as `study run` appends it: an ok row from the child's outcome file
// (its measurements, with the peak resident memory wait4 measured), or a failed row whose reason
// is the child's exit and its own last error line (`Failure`), marked transient when the cause
// lies outside the run's config. Provenance: this checkout's commit, the machine, the build.
import Foundation
import LabCore
import LabResults
#if canImport(Glibc)
import Glibc
#endif

struct RowBuilder {
    let study: String
    let git: (commit: String, dirty: Bool, numericsDirty: Bool)
    let cpu: String, cores: Int, host: String

    /// The row of `run`, whose child ended with `exit` ("exit N" or "signal N") after starting at
    /// `start`, with peak resident memory `peak` bytes (0: not measured); `work` is its folder.
    /// ok only for "exit 0" with a readable `work/outcome.json`.
    func row(_ run: Run, exit: String, peak: Int, start: Date, work: String) -> ResultRow {
        if exit == "exit 0", let data = FileManager.default.contents(atPath: work + "/outcome.json"),
           let outcome = try? JSONDecoder().decode(RunOutcome.self, from: data) {
            return makeRow(run, outcome: outcome, exit: exit, peak: peak)
        }
        let failure = Failure(exit: exit, log: work + "/log.txt")
        return ResultRow(study: study, runID: run.id, kind: run.kind.rawValue, status: .failed, reason: failure.reason,
                         transient: failure.transient ? true : nil,
                         labels: run.labels, config: run.config, metrics: [],
                         provenance: provenance(kernels: [], started: RunExecutor.iso(start), ended: RunExecutor.iso(Date()),
                                                wall: Date().timeIntervalSince(start), peak: peak, exit: exit,
                                                resumed: nil, debugTimings: false), variant: run.variant)
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
        return ResultRow(study: study, runID: run.id, kind: run.kind.rawValue, status: .ok, labels: run.labels, config: run.config,
                         metrics: metrics, provenance: p, variant: run.variant)
    }

    func provenance(kernels: [String], started: String, ended: String, wall: Double, peak: Int, exit: String, resumed: Int?,
                    debugTimings: Bool, build: String = Machine.build, load: (before: Double?, after: Double?) = (nil, nil)) -> Provenance {
        var p = Provenance(gitCommit: git.commit, gitDirty: git.dirty, build: build, debugTimings: debugTimings, cpuModel: cpu, cores: cores,
                           hostname: host, kernels: kernels, started: started, ended: ended, wallSeconds: wall, peakResidentBytes: peak,
                           exit: exit, resumedFromStep: resumed)
        p.numericsDirty = git.numericsDirty
        p.openblasCore = OpenBLAS.coreDescription  // the children inherit this process's environment
        p.loadAverageBefore = load.before
        p.loadAverageAfter = load.after
        return p
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

