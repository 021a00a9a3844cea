// Faults from outside: SIGKILL at random instants (of a study and of a training run), two runners
// on one output folder, a full disk. Each must end with nothing lost, nothing duplicated, and the
// rows (or parameters) of an uninterrupted run.
import Foundation
import Testing
@testable import LabHarness
import LabModel
import LabResults
import LabTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Starts the attnlab binary with its output discarded.
func startAttnlab(_ args: [String]) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try attnlabBinary())
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    return p
}

/// SIGKILL of a process and its children (taken before they are re-parented).
func killTree(_ p: Process) {
    let children = childProcesses(of: p.processIdentifier)
    kill(p.processIdentifier, SIGKILL)
    for c in children { kill(c, SIGKILL) }
    p.waitUntilExit()
    for c in children { while kill(c, 0) == 0 { usleep(5_000) } }
}

/// Hidden temporary files or folders (`.tmp-…`, `*.tmp-<pid>`) anywhere under `dir`.
func temporaries(under dir: String) -> [String] {
    let all = (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String]) ?? []
    return all.filter { ($0 as NSString).lastPathComponent.contains(".tmp") }
}

/// A small xorshift generator: the kill instants are random but the same on every run of the test.
struct KillClock {
    var state: UInt64
    mutating func next(_ range: ClosedRange<Double>) -> Double {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return range.lowerBound + Double(state % 10_000) / 10_000 * (range.upperBound - range.lowerBound)
    }
}

@Suite(.serialized) struct FaultTests {
    let killable = golden.appendingPathComponent("killable.yaml").path
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("labfaults-\(UUID().uuidString)").path

    /// `study run` killed (with its workers) at 20 or more random instants, then run to the end:
    /// the rows equal an uninterrupted run's, none duplicated, none failed, no temporary file left;
    /// at least one kill landed inside a checkpoint write (a temporary checkpoint folder on disk).
    @Test func studyKilledAtRandomInstantsEndsWithTheSameRows() throws {
        let whole = root + "/whole", killed = root + "/killed"
        let started = Date()
        let (status, output) = try runAttnlab(["study", "run", killable, "--out", whole, "--plain", "--jobs", "2"]).pair
        #expect(status == 0, "\(output)")
        let expected = try deterministicRows(whole + "/results.jsonl")
        #expect(expected.count == 2)
        // kill instants below 1/20 of the uninterrupted run's time (0.1 to 0.5 s): 20 kills then
        // cover at most its whole time, start-ups included, so a fast machine cannot finish first
        let latest = max(0.1, min(0.5, Date().timeIntervalSince(started) / 20))

        var clock = KillClock(state: 0x9E3779B97F4A7C15)
        var kills = 0, insideCheckpointWrites = 0, finished = false
        while !finished && kills < 80 {
            let p = try startAttnlab(["study", "run", killable, "--out", killed, "--plain", "--jobs", "2"])
            let deadline = Date().addingTimeInterval(kills < 20 || insideCheckpointWrites == 0 ? clock.next(0.05...latest) : 600)
            while p.isRunning && Date() < deadline { usleep(2_000) }
            if !p.isRunning { finished = p.terminationStatus == 0; #expect(finished, "exit \(p.terminationStatus)"); break }
            killTree(p)
            kills += 1
            if temporaries(under: killed + "/work").contains(where: { $0.contains("checkpoint/.tmp-") }) { insideCheckpointWrites += 1 }
        }
        #expect(finished, "the study did not finish after \(kills) kills")
        #expect(kills >= 20, "only \(kills) kills before the study finished")
        #expect(insideCheckpointWrites >= 1, "no kill landed inside a checkpoint write")
        #expect(try deterministicRows(killed + "/results.jsonl") == expected)
        #expect(try ResultsStore.read(path: killed + "/results.jsonl").rows.count == 2, "duplicated rows")
        // the temporaries a kill left are gone once the runs that own them finished
        #expect(temporaries(under: killed).filter { !$0.hasSuffix("outcome.json.tmp") }.isEmpty, "\(temporaries(under: killed))")
        try? FileManager.default.removeItem(atPath: root)
    }

    /// `attnlab train` with a checkpoint every step, killed at 20 random instants and resumed each
    /// time: its last checkpoint equals an uninterrupted run's, parameters and step.
    @Test func trainingKilledAtRandomInstantsResumesBitIdentical() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let config = root + "/model.yaml"
        try "{vocab: 256, model_dim: 16, layers: 1, heads: 1, head_dim: 16, mlp_ratio: 0, conv_kernel: 0}".write(toFile: config, atomically: true, encoding: .utf8)
        let common = ["--task", "mqar_v256", "--length", "32", "--steps", "200", "--batch", "4", "--warmup", "5", "--eval-every", "20",
                      "--train-examples", "64", "--test-examples", "16", "--threads", "1", "--checkpoint-every", "1"]
        let straight = root + "/straight", killed = root + "/killed-train"
        let started = Date()
        let (status, output) = try runAttnlab(["train", "--config", config, "--out", straight] + common).pair
        #expect(status == 0, "\(output)")
        // kill instants below 1/25 of the uninterrupted run's time (at most 0.35 s): 20 kills then
        // cover at most 80 % of its work, so a fast machine cannot finish the run before them
        let latest = max(0.05, min(0.35, Date().timeIntervalSince(started) / 25))
        var clock = KillClock(state: 0xD1B54A32D192ED03)
        var kills = 0, finished = false
        while !finished && kills < 60 {
            let args = Checkpoint.exists(killed)
                ? ["train", "--resume", killed, "--out", killed, "--steps", "200", "--checkpoint-every", "1"]
                : ["train", "--config", config, "--out", killed] + common
            let p = try startAttnlab(args)
            let deadline = Date().addingTimeInterval(kills < 20 ? clock.next(0.05...latest) : 600)
            while p.isRunning && Date() < deadline { usleep(2_000) }
            if !p.isRunning { finished = p.terminationStatus == 0; #expect(finished, "exit \(p.terminationStatus)"); break }
            killTree(p)
            kills += 1
        }
        #expect(finished && kills >= 20, "finished \(finished) after \(kills) kills")
        let a = try Checkpoint.loadModel(from: straight), b = try Checkpoint.loadModel(from: killed)
        #expect(a.step == 200 && b.step == 200)
        #expect(a.params == b.params, "the resumed run's parameters differ from the uninterrupted run's")
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A second `study run` on a folder that one is writing exits 2 naming the first one's PID and
    /// writes nothing; the first one finishes with every row once.
    @Test func secondRunnerOnOneFolderIsRefused() throws {
        let out = root + "/two"
        let first = try startAttnlab(["study", "run", killable, "--out", out, "--plain"])
        let lock = out + "/results.jsonl.lock"
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, ((try? String(contentsOfFile: lock, encoding: .utf8)) ?? "").isEmpty { usleep(5_000) }
        let (status, output) = try runAttnlab(["study", "run", killable, "--out", out, "--plain"]).pair
        #expect(status == 2)
        #expect(output.hasPrefix("attnlab: ") && output.contains("pid \(first.processIdentifier)")
                && output.split(separator: "\n").count == 1, "\(output)")
        let (mergeStatus, mergeOutput) = try runAttnlab(["study", "merge", killable, "--out", out]).pair
        #expect(mergeStatus == 2 && mergeOutput.contains("pid \(first.processIdentifier)"), "\(mergeOutput)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let rows = try ResultsStore.read(path: out + "/results.jsonl").rows
        #expect(rows.count == 2 && rows.allSatisfy { $0.status == .ok }, "\(rows.map { $0.reason ?? "ok" })")
        // shards write their own files: two shards side by side do not contend
        let sharded = root + "/sharded"
        let s0 = try startAttnlab(["study", "run", killable, "--out", sharded, "--shard", "0/2", "--plain"])
        let s1 = try startAttnlab(["study", "run", killable, "--out", sharded, "--shard", "1/2", "--plain"])
        s0.waitUntilExit(); s1.waitUntilExit()
        #expect(s0.terminationStatus == 0 && s1.terminationStatus == 0)
        try? FileManager.default.removeItem(atPath: root)
    }

    /// On a small tmpfs (root only; skipped where mounting is not allowed): a study whose disk fills
    /// up fails its runs as transient (never SIGILL), leaves no temporary file, and once space is
    /// freed a plain rerun completes them with the rows of an uninterrupted run. With zero bytes
    /// free, `study run` fails its runs or stops with one line and exit 2, never crashes, and loses
    /// nothing already written.
    @Test(.enabled(if: TmpfsMount.allowed)) func fullDiskFailsTransientlyAndRecovers() throws {
        let whole = root + "/whole-disk"
        let (s0, o0) = try runAttnlab(["study", "run", killable, "--out", whole, "--plain"]).pair
        #expect(s0 == 0, "\(o0)")
        let expected = try deterministicRows(whole + "/results.jsonl")

        let mount = try TmpfsMount(root + "/tmpfs", bytes: 1 << 20)
        defer { mount.unmount() }
        let out = mount.path + "/out"
        // fill the disk so that the runs start (log, work folder) but their checkpoints cannot be written
        let filler = mount.path + "/filler"
        try mount.fill(filler, leaving: 48 << 10)
        let (s1, o1) = try runAttnlab(["study", "run", killable, "--out", out, "--plain"]).pair
        #expect(!o1.contains("signal"), "\(o1)")
        let rows = (try? ResultsStore.read(path: out + "/results.jsonl").rows) ?? []
        // either the rows say transient, or the runner itself could not append and stopped in one line
        #expect(rows.allSatisfy { $0.status == .failed && $0.transient == true }, "\(rows.map { ($0.reason ?? "", $0.transient) })")
        // exit 1: runs failed; exit 2: the runner itself could not append a row and stopped in one line
        #expect(s1 == 1 || (s1 == 2 && o1.split(separator: "\n").last?.hasPrefix("attnlab: ") == true), "exit \(s1): \(o1)")
        #expect(!o1.contains("Domain="), "framework text in a reason: \(o1)")
        #expect(temporaries(under: out).isEmpty, "temporary files left: \(temporaries(under: out))")

        // zero bytes free: one line, exit 2, the results file as it was
        try mount.fill(filler + "2", leaving: 0)
        let before = FileManager.default.contents(atPath: out + "/results.jsonl")
        let (s2, o2) = try runAttnlab(["study", "run", killable, "--out", out, "--plain"]).pair
        #expect(s2 == 1 || s2 == 2, "exit \(s2): \(o2)")
        #expect(!o2.contains("signal") && !o2.contains("Fatal error"), "\(o2)")
        // what was written stays: the file is the old one, or the old one with whole rows after it
        let after = FileManager.default.contents(atPath: out + "/results.jsonl")
        #expect(after.map { a in before.map { a.starts(with: $0) } ?? true } ?? (before == nil), "the results file lost bytes")
        #expect((try? ResultsStore.read(path: out + "/results.jsonl"))?.tornTail == false, "a torn row")

        // space again: a plain rerun completes every run
        try FileManager.default.removeItem(atPath: filler)
        try FileManager.default.removeItem(atPath: filler + "2")
        let (s3, o3) = try runAttnlab(["study", "run", killable, "--out", out, "--plain"]).pair
        #expect(s3 == 0, "\(o3)")
        let recorded = try StudyPaths.recorded(out, study: "killable")
        #expect(recorded.count == 2 && recorded.values.allSatisfy { $0.status == .ok })
        let got = Dictionary(uniqueKeysWithValues: recorded.values.map { ($0.runID, $0.metrics.filter { !$0.timing }) })
        #expect(got == expected)
        #expect(temporaries(under: out).isEmpty, "temporary files left: \(temporaries(under: out))")
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// A tmpfs of a given size, mounted for one test (needs root and a kernel that allows it).
struct TmpfsMount {
    let path: String
    static let allowed: Bool = {
        guard getuid() == 0 else { return false }
        let probe = NSTemporaryDirectory() + "labfaults-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? runShell("mount -t tmpfs -o size=64k tmpfs '\(probe)'")) == 0 else { return false }
        _ = try? runShell("umount '\(probe)'")
        return true
    }()

    init(_ path: String, bytes: Int) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard try runShell("mount -t tmpfs -o size=\(bytes) tmpfs '\(path)'") == 0 else { throw HarnessError("cannot mount a tmpfs on \(path)") }
        self.path = path
    }

    /// Writes `file` until `leaving` bytes are free (0: until the file system refuses).
    func fill(_ file: String, leaving: Int) throws {
        var fs = statvfs()
        guard statvfs(path, &fs) == 0 else { throw HarnessError("statvfs \(path)") }
        let free = Int(fs.f_bavail) * Int(fs.f_frsize)
        let size = leaving == 0 ? free + (1 << 20) : max(0, free - leaving)
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw HarnessError("cannot create \(file)") }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0, count: 4096)
        var written = 0
        while written < size {
            let n = chunk.withUnsafeBufferPointer { write(fd, $0.baseAddress, min($0.count, size - written)) }
            if n <= 0 { break }
            written += n
        }
    }

    func unmount() { _ = try? runShell("umount -l '\(path)'") }
}

func runShell(_ command: String) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}
