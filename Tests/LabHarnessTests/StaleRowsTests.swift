// Rows remember the code that made them: in a throwaway git repository, a commit whose numerics
// sources differ from the checkout is told apart from one whose only changes lie elsewhere, an
// unknown commit cannot be checked, and `study run` selects the stale rows (and only with
// --rerun-stale runs them again).
import Foundation
import Testing
@testable import LabHarness
import LabResults

@Suite struct StaleRowsTests {
    func git(_ args: [String], in dir: String) throws -> String {
        let r = try #require(Machine.runGit(["-c", "user.name=t", "-c", "user.email=t@t"] + args, in: dir))
        #expect(r.status == 0, "git \(args)")
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func numericsChangesAreToldApartFromOtherChanges() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stale-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/Sources/LabKernels", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/docs", withIntermediateDirectories: true)
        _ = try git(["init", "-q"], in: dir)
        try "let a = 1\n".write(toFile: dir + "/Sources/LabKernels/K.swift", atomically: true, encoding: .utf8)
        try "v1\n".write(toFile: dir + "/docs/d.md", atomically: true, encoding: .utf8)
        _ = try git(["add", "-A"], in: dir); _ = try git(["commit", "-qm", "one"], in: dir)
        let first = try git(["rev-parse", "HEAD"], in: dir)
        try "v2\n".write(toFile: dir + "/docs/d.md", atomically: true, encoding: .utf8)
        _ = try git(["commit", "-qam", "docs only"], in: dir)
        #expect(Machine.numericsDiffer(from: first, in: dir) == false, "a docs change is not a numerics change")
        try "let a = 2\n".write(toFile: dir + "/Sources/LabKernels/K.swift", atomically: true, encoding: .utf8)
        #expect(Machine.numericsDiffer(from: first, in: dir) == true, "an uncommitted kernel change counts")
        _ = try git(["commit", "-qam", "kernel"], in: dir)
        let third = try git(["rev-parse", "HEAD"], in: dir)
        #expect(Machine.numericsDiffer(from: first, in: dir) == true)
        #expect(Machine.numericsDiffer(from: third, in: dir) == false)
        #expect(Machine.numericsDiffer(from: String(repeating: "0", count: 40), in: dir) == nil, "an unknown commit cannot be checked")
        #expect(Machine.numericsDiffer(from: "unknown", in: dir) == nil)
        // an uncommitted change outside the numerics sources (a results file) dirties the tree, not the numerics
        try "v3\n".write(toFile: dir + "/docs/d.md", atomically: true, encoding: .utf8)
        let docs = Machine.git(in: dir)
        #expect(docs.dirty && !docs.numericsDirty)
        try "let a = 3\n".write(toFile: dir + "/Sources/LabKernels/K.swift", atomically: true, encoding: .utf8)
        let kernel = Machine.git(in: dir)
        #expect(kernel.dirty && kernel.numericsDirty)
    }

    @Test func staleRowsAreSelected() throws {
        let study = try Study.load(path: golden.appendingPathComponent("tiny.yaml").path)
        let runner = StudyRunner(study: study, studyPath: "tiny.yaml", options: RunnerOptions(outDir: "/nonexistent", executable: "/bin/false"))
        let head = Machine.git(in: FileManager.default.currentDirectoryPath).commit
        func row(_ id: String, commit: String, dirty: Bool, numericsDirty: Bool? = nil) -> ResultRow {
            var r = ResultRow(study: "tiny", runID: id, kind: "accuracy", status: .ok, labels: [:], config: .object([:]), metrics: [],
                      provenance: Provenance(gitCommit: commit, gitDirty: dirty, build: "debug", debugTimings: false, cpuModel: "x",
                                             cores: 1, hostname: "h", kernels: [], started: "", ended: "", wallSeconds: 0,
                                             peakResidentBytes: 0, exit: "exit 0", resumedFromStep: nil))
            r.provenance.numericsDirty = numericsDirty
            return r
        }
        let stale = runner.staleRuns([row("a", commit: "unknown", dirty: false), row("b", commit: String(repeating: "f", count: 40), dirty: false),
                                      row("c", commit: head, dirty: true)])
        #expect(stale.ids == ["a", "b", "c"], "unknown commits and uncommitted trees cannot vouch for their numbers")
        #expect(stale.commits.contains { $0.hasSuffix("+dirty") })
        if head != "unknown", Machine.numericsDiffer(from: head, in: FileManager.default.currentDirectoryPath) == false {
            #expect(runner.staleRuns([row("d", commit: head, dirty: false)]).ids.isEmpty, "rows of this very code are not stale")
            // a tree dirty only outside the numerics sources (a results file being appended to) vouches for its numbers
            #expect(runner.staleRuns([row("e", commit: head, dirty: true, numericsDirty: false)]).ids.isEmpty)
            #expect(runner.staleRuns([row("f", commit: head, dirty: true, numericsDirty: true)]).ids == ["f"])
        }
    }
}
