import Foundation
import Testing
@testable import LabHarness
import LabModel
import LabResults
import LabTestSupport
#if canImport(Glibc)
import Glibc
#endif

func startStudy(_ args: [String]) throws -> Process {
    try startAttnlab(["study", "run"] + args + ["--plain"])
}

/// The processes whose parent is `pid` (Linux: the 4th field of /proc/<child>/stat; none elsewhere).
func childProcesses(of pid: pid_t) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { name -> pid_t? in
        guard let child = pid_t(name),
              let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
              let commEnd = stat.lastIndex(of: ")") else { return nil }
        // "pid (comm) state ppid …": after the command name, the state, then the parent
        let fields = stat[stat.index(after: commEnd)...].split(separator: " ")
        return fields.count > 1 && pid_t(fields[1]) == pid ? child : nil
    }
}

/// run id → the measurements that do not depend on timing.
func deterministicRows(_ path: String) throws -> [String: [MetricValue]] {
    let rows = try ResultsStore.read(path: path).rows
    #expect(Set(rows.map(\.runID)).count == rows.count, "duplicate rows in \(path)")
    #expect(rows.allSatisfy { $0.status == .ok }, "\(rows.filter { $0.status != .ok }.map { $0.reason ?? "" })")
    // each row carries its variant's description, as the registry gives it
    #expect(rows.allSatisfy { $0.variant != nil && $0.variant?.kind == $0.labels["variant"] && $0.variant?.referenceKind == "full" })
    return Dictionary(uniqueKeysWithValues: rows.map { ($0.runID, $0.metrics.filter { !$0.timing }) })
}

@Suite(.serialized) struct ResumeTests {
    let study = golden.appendingPathComponent("tiny.yaml").path
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("labharness-\(UUID().uuidString)").path

    /// A crash mid-training (kill -9 of `attnlab study run` and of its workers), a torn last line,
    /// then the same command again: the rows equal an uninterrupted run's (ids and metrics, timings
    /// aside), none duplicated, and a half-trained run resumed from its checkpoint. (Killing the
    /// runner alone is not enough for the last point: its workers notice within 0.2 s and exit,
    /// but a tiny run can finish in that time, and the next runner then takes its outcome as is.
    /// For the same reason a run seen half-trained can finish before the kill lands on a loaded
    /// machine: then the kill is tried again in a fresh folder, up to 3 times.)
    @Test func killedStudyResumesToTheSameRows() throws {
        let whole = root + "/whole"
        let a = try startStudy([study, "--out", whole, "--jobs", "2"])
        a.waitUntilExit()
        #expect(a.terminationStatus == 0)
        let expected = try deterministicRows(whole + "/results.jsonl")
        #expect(expected.count == 4)

        var killed = "", caughtHalfTrained = false
        for attempt in 1...3 where !caughtHalfTrained {
            killed = root + "/killed-\(attempt)"
            let b = try startStudy([study, "--out", killed, "--jobs", "2"])
            let deadline = Date().addingTimeInterval(60)
            var halfTrained: String? = nil
            while Date() < deadline && b.isRunning && halfTrained == nil {
                let work = (try? FileManager.default.contentsOfDirectory(atPath: killed + "/work")) ?? []
                let rows = (try? ResultsStore.read(path: killed + "/results.jsonl").rows.count) ?? 0
                // kill once a later run is half-trained (some rows written, a checkpoint on disk)
                if rows >= 1 {
                    halfTrained = work.first { id in
                        Checkpoint.exists("\(killed)/work/\(id)/checkpoint")
                            && !FileManager.default.fileExists(atPath: "\(killed)/work/\(id)/outcome.json")
                            && (try? ResultsStore.read(path: killed + "/results.jsonl").rows.contains { $0.runID == id }) == false
                    }
                }
                if halfTrained == nil { usleep(20_000) }
            }
            let workers = childProcesses(of: b.processIdentifier)  // before they are re-parented
            kill(b.processIdentifier, SIGKILL)
            for w in workers { kill(w, SIGKILL) }
            b.waitUntilExit()
            // still unfinished after the kill: its checkpoint is what the next runner must resume
            caughtHalfTrained = halfTrained.map { !FileManager.default.fileExists(atPath: "\(killed)/work/\($0)/outcome.json") } ?? false
        }
        #expect(caughtHalfTrained, "in 3 attempts the study was never killed while a run was half-trained")
        let partial = try ResultsStore.read(path: killed + "/results.jsonl").rows.count
        #expect(partial < 4)
        // a torn last line, as a crash inside write(2) would leave
        let h = try #require(FileHandle(forWritingAtPath: killed + "/results.jsonl"))
        h.seekToEndOfFile(); h.write(Data(#"{"schema":1,"study":"tiny","run_"#.utf8)); h.closeFile()

        let c = try startStudy([study, "--out", killed, "--jobs", "2"])
        c.waitUntilExit()
        #expect(c.terminationStatus == 0)
        let got = try deterministicRows(killed + "/results.jsonl")
        #expect(got == expected)
        let rows = try ResultsStore.read(path: killed + "/results.jsonl").rows
        #expect(rows.contains { $0.provenance.resumedFromStep != nil }, "no run resumed from a checkpoint")
        #expect(rows.allSatisfy { $0.provenance.openblasCore?.isEmpty == false }, "a row without its OpenBLAS core")

        // a rerun of a finished study adds nothing
        let d = try startStudy([study, "--out", killed])
        d.waitUntilExit()
        #expect(try ResultsStore.read(path: killed + "/results.jsonl").rows.count == 4)

        // status sees every run done; a merge of the two folders keeps one row per run
        #expect(try Study.load(path: study).status(outDir: killed).allSatisfy { $0.state == .done })
        let merged = root + "/merged.jsonl"
        let m = try ResultsStore.merge([whole + "/results.jsonl", killed + "/results.jsonl"], into: merged)
        #expect(m.rows == 4 && m.dropped == 4)
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Shards run separately and merged equal the whole study's rows.
    @Test func shardsMergeToTheWhole() throws {
        let whole = root + "/whole2", sharded = root + "/sharded"
        let a = try startStudy([study, "--out", whole, "--jobs", "2"])
        let s0 = try startStudy([study, "--out", sharded, "--shard", "0/2"])
        a.waitUntilExit(); s0.waitUntilExit()
        let s1 = try startStudy([study, "--out", sharded, "--shard", "1/2"])
        s1.waitUntilExit()
        #expect(a.terminationStatus == 0 && s0.terminationStatus == 0 && s1.terminationStatus == 0)
        let shard0 = try deterministicRows(sharded + "/results.shard-0-of-2.jsonl")
        let shard1 = try deterministicRows(sharded + "/results.shard-1-of-2.jsonl")
        #expect(Set(shard0.keys).isDisjoint(with: shard1.keys))
        try ResultsStore.merge(ResultsStore.studyFiles(in: sharded), into: sharded + "/results.jsonl")
        #expect(try deterministicRows(sharded + "/results.jsonl") == deterministicRows(whole + "/results.jsonl"))
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A run recorded in another results file of the folder (here `--only ID` into results.jsonl)
    /// is not run again by its shard, as `study status` already counts it done.
    @Test func shardSkipsRunsRecordedElsewhere() throws {
        let out = root + "/elsewhere"
        let runs = try Study.load(path: study).expand()
        let shard = try Shard(index: 0, count: 2)
        let ahead = try #require(shard.select(runs).first).id
        let a = try startStudy([study, "--out", out, "--only", ahead])
        a.waitUntilExit()
        let s0 = try startStudy([study, "--out", out, "--shard", "0/2"])
        s0.waitUntilExit()
        #expect(a.terminationStatus == 0 && s0.terminationStatus == 0)
        let whole = try deterministicRows(out + "/results.jsonl"), shard0 = try deterministicRows(out + "/" + shard.resultsFileName)
        #expect(Array(whole.keys) == [ahead])
        #expect(Set(shard0.keys) == Set(shard.select(runs).map(\.id)).subtracting([ahead]))
        #expect(try Study.load(path: study).status(outDir: out).filter { $0.state == .done }.count == shard.select(runs).count)
        try? FileManager.default.removeItem(atPath: root)
    }
}
