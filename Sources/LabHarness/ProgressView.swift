// What `study run` prints while its children run: a line per start (plain output) and per finished
// run, and a status line of the running children (the last progress line of each one's log) with
// an ETA from the mean wall time so far — redrawn in place on a terminal (`live`), else printed
// every 15 s.
import Foundation
import LabCore
import LabResults

struct ProgressView {
    /// The runs to run, the children at a time, the output folder (logs under `work/<id>`).
    let total: Int, jobs: Int, outDir: String
    /// Redraw one status line in place (a terminal) rather than print lines.
    let live: Bool
    let log: (String) -> Void
    private(set) var done = 0
    private var finishedWall: [Double] = []
    private var lastPlain = Date()
    /// The widest status line drawn in place, in characters.
    static let width = 160

    init(total: Int, jobs: Int, outDir: String, live: Bool, log: @escaping (String) -> Void) {
        self.total = total; self.jobs = jobs; self.outDir = outDir; self.live = live; self.log = log
    }

    /// A child started (a line in plain output only; the status line shows it live).
    func started(_ run: Run) {
        if !live { log("start  \(run.summary)") }
    }

    /// `run` finished with `row`: `[done/total] done|FAILED <run> (<wall> s)`, and the reason of a failure.
    mutating func finished(_ run: Run, row: ResultRow) {
        done += 1
        finishedWall.append(row.provenance.wallSeconds)
        clear()
        log(String(format: "[%d/%d] %@ %@ (%.1f s)", done, total, row.status == .ok ? "done  " : "FAILED", run.summary, row.provenance.wallSeconds)
            + (row.status == .ok ? "" : "\n        " + (row.reason ?? "") + (row.transient == true ? " (transient: runs again next time)" : "")))
    }

    /// The status line while `running` children run and `queued` runs wait: each child's id,
    /// variant (window), task or length, and last progress; the ETA is the mean wall time of the
    /// finished runs × the runs left / jobs.
    mutating func waiting(on running: [Run], queued: Int, failed: Int) {
        let mean = finishedWall.isEmpty ? nil : finishedWall.reduce(0, +) / Double(finishedWall.count)
        let remaining = queued + running.count
        let eta = mean.map { String(format: " | ETA ~%.0f s", $0 * Double(remaining) / Double(jobs)) } ?? ""
        let current = running.map { run in
            "\(run.id.prefix(8)) \(run.labels["variant"] ?? "")\(run.labels["window"].map { "(\($0))" } ?? "") "
                + (run.labels["task"] ?? "T=\(run.labels["length"] ?? "")") + ": "
                + lastProgress(StudyPaths.work(outDir, run.id) + "/log.txt")
        }.joined(separator: "; ")
        let line = "[\(done)/\(total) done, \(failed) failed] \(current)\(eta)"
        if live {
            FileHandle.standardOutput.writeIgnoringErrors("\r\u{1B}[K" + String(line.prefix(Self.width)))
        } else if Date().timeIntervalSince(lastPlain) > 15 {
            log(line)
            lastPlain = Date()
        }
    }

    /// Erases the status line drawn in place (live only).
    func clear() {
        if live { FileHandle.standardOutput.writeIgnoringErrors("\r\u{1B}[K") }
    }
}

/// The newest `progress …` line of a run's log, shortened (`step=120/300 loss=2.31`).
func lastProgress(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "starting" }
    let lines = String(decoding: data.suffix(2048), as: UTF8.self).split(separator: "\n")
    guard let p = lines.last(where: { $0.hasPrefix("progress ") }) else { return "starting" }
    return String(p.dropFirst("progress ".count))
}
