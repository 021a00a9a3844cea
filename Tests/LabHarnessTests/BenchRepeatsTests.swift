import Foundation
import Testing
@testable import LabHarness
import LabResults

/// `bench.repeats` (interleaved rounds of every bench point) and `bench.lengths` defaulting to the
/// eval ladder.
@Suite struct BenchRepeatsTests {
    /// A tiny study: two variants, accuracy at two eval lengths, decode bench runs.
    static func study(bench: String, measurements: String = "[accuracy, decode_throughput]") -> String {
        """
        name: repeats
        question: q
        model: {model_dim: 16, layers: 1}
        variants:
          - {kind: full}
          - {kind: sliding_window}
        sweep:
          window: [4]
          train_length: [32]
        training: {steps: 10}
        tasks: [mqar_v256]
        eval: {lengths: [32, 64]}
        measurements: \(measurements)
        bench: \(bench)
        """
    }

    /// The bench point of a run: its labels without the round.
    static func point(_ r: Run) -> String {
        r.labels.filter { $0.key != "round" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    /// An empty output folder (remove it after) and the three-round decode study with its runs.
    static func emptyOutput(_ tag: String) throws -> (dir: String, study: Study, runs: [Run]) {
        let dir = NSTemporaryDirectory() + "\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let study = try Study.parse(Self.study(bench: "{lengths: [128], repeats: 3}", measurements: "[accuracy, decode_throughput]"), file: "s.yaml")
        return (dir, study, try study.expand())
    }

    /// An ok row of `r` that took `seconds`.
    static func okRow(_ r: Run, seconds: Double = 1) -> ResultRow {
        ResultRow(study: "repeats", runID: r.id, kind: r.kind.rawValue, status: .ok, labels: r.labels, config: r.config, metrics: [],
                  provenance: Provenance(gitCommit: "abc", gitDirty: false, build: "release", debugTimings: false, cpuModel: "cpu",
                                         cores: 2, hostname: "h", kernels: [], started: "", ended: "", wallSeconds: seconds,
                                         peakResidentBytes: 1, exit: "exit 0", resumedFromStep: nil))
    }

    @Test func roundsAreInterleavedAndRoundOneKeepsItsIDs() throws {
        let once = try Study.parse(Self.study(bench: "{lengths: [128, 256], repeats: 1}"), file: "s.yaml").expand()
        let thrice = try Study.parse(Self.study(bench: "{lengths: [128, 256], repeats: 3}"), file: "s.yaml").expand()
        let benchOnce = once.filter { $0.kind == .bench }, bench = thrice.filter { $0.kind == .bench }
        #expect(benchOnce.count == 4)  // 2 variants × 2 lengths
        #expect(bench.count == 3 * benchOnce.count)
        // A B C D A B C D A B C D: every round runs all points in the same order before the next
        let points = benchOnce.map(Self.point)
        #expect(bench.map(Self.point) == points + points + points)
        #expect(bench.map { $0.labels["round"] } == Array(repeating: "1", count: 4) + Array(repeating: "2", count: 4) + Array(repeating: "3", count: 4))
        // rounds 2 and 3 come after every round-1 run (accuracy runs included)
        let firstLater = try #require(thrice.firstIndex { $0.labels["round"] == "2" })
        #expect(thrice[..<firstLater].allSatisfy { $0.labels["round"] == nil || $0.labels["round"] == "1" })
        // round 1 is the run a study without repeats has; the others are runs of their own
        #expect(bench.prefix(4).map(\.id) == benchOnce.map(\.id))
        #expect(Set(bench.map(\.id)).count == bench.count)
        #expect(bench[4].config["round"]?.intValue == 2 && bench[0].config["round"] == nil)
        #expect(bench.allSatisfy { $0.id == String(SHA256.hex($0.config.canonical).prefix(16)) })
        // the accuracy runs are unchanged
        #expect(thrice.filter { $0.kind == .accuracy }.map(\.id) == once.filter { $0.kind == .accuracy }.map(\.id))
        // without the key: the default number of rounds
        let byDefault = try Study.parse(Self.study(bench: "{lengths: [128, 256]}"), file: "s.yaml").expand().filter { $0.kind == .bench }
        #expect(byDefault.count == 4 * Study.Bench.defaultRepeats)
    }

    @Test func repeatsOutOfRangeIsAStudyError() {
        for bad in ["0", "101", "two"] {
            do {
                _ = try Study.parse(Self.study(bench: "{lengths: [128], repeats: \(bad)}"), file: "s.yaml")
                Issue.record("repeats: \(bad) was accepted")
            } catch let e as StudyError {
                #expect(e.key == "bench.repeats", "\(e)")
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func benchLengthsDefaultToTheEvalLadder() throws {
        let runs = try Study.parse(Self.study(bench: "{repeats: 1}"), file: "s.yaml").expand()
        let lengths = runs.filter { $0.kind == .bench }.compactMap(\.length)
        #expect(Set(lengths) == [32, 64])
        #expect(lengths.count == 4)
        // explicit lengths win
        let explicit = try Study.parse(Self.study(bench: "{lengths: [512], repeats: 1}"), file: "s.yaml").expand()
        #expect(explicit.filter { $0.kind == .bench }.compactMap(\.length) == [512, 512])
        // a study without accuracy has no ladder to default to
        do {
            _ = try Study.parse(Self.study(bench: "{repeats: 1}", measurements: "[decode_throughput]"), file: "s.yaml")
            Issue.record("a bench-only study without bench.lengths was accepted")
        } catch let e as StudyError {
            #expect(e.key == "bench.lengths")
        }
    }

    /// A study killed after round 1 has rounds 2 and 3 pending: the next `study run` runs exactly
    /// those (it skips every run with an ok row).
    @Test func missingRoundsArePending() throws {
        let (dir, study, runs) = try Self.emptyOutput("repeats")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // every accuracy run and round 1 of the bench runs recorded, one of round 2 as well
        let done = runs.filter { $0.kind == .accuracy || $0.labels["round"] == "1" } + [runs.first { $0.labels["round"] == "2" }!]
        for r in done { try ResultsStore.append(Self.okRow(r), to: dir + "/results.jsonl") }
        let pending = try study.status(outDir: dir).filter { $0.state == .pending }.map(\.run)
        #expect(pending.map { $0.labels["round"] } == ["2", "3", "3"])
        #expect(Set(pending.map(\.id)).isDisjoint(with: done.map(\.id)))
    }

    /// `study status`'s estimate of what is left: each run not done at the median wall time of its
    /// configuration's done replicates (other rounds, other seeds), else of the done runs of its
    /// kind and shape (task, train length, length), else of its kind; failed runs that only
    /// `--retry-failed` runs again counted apart.
    @Test func remainingTimeComesFromLikeRuns() throws {
        let (dir, study, runs) = try Self.emptyOutput("remaining")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try RemainingEstimate(study.status(outDir: dir)).text
                == "remaining: no estimate (8 runs: 8 with no done run of their kind, not counted; one run at a time)")
        func run(_ kind: Run.Kind, _ variant: String, round: String? = nil) -> Run {
            runs.first { $0.kind == kind && $0.labels["variant"] == variant && $0.labels["round"] == round }!
        }
        // full attention's accuracy run (100 s), its bench rounds 1 and 2 (2 s, 4 s), SWA's bench round 1 (10 s)
        for (r, seconds) in [(run(.accuracy, "full"), 100.0), (run(.bench, "full", round: "1"), 2), (run(.bench, "full", round: "2"), 4),
                             (run(.bench, "sliding_window", round: "1"), 10)] {
            try ResultsStore.append(Self.okRow(r, seconds: seconds), to: dir + "/results.jsonl")
        }
        // SWA's accuracy run: full's, of the same train length (100); full's round 3: median of 2 and 4;
        // SWA's rounds 2 and 3: 10 each
        let estimate = RemainingEstimate(try study.status(outDir: dir))
        #expect(estimate.seconds == 123 && estimate.fromReplicates == 3 && estimate.fromShape == 1 && estimate.fromKind == 0 && estimate.unknown == 0)
        #expect(estimate.text == "remaining: about 3 machine minutes (4 runs: 3 at the median of their configuration's done replicates, "
                + "1 at that of done runs of their kind, task and length; one run at a time)")
        // two train lengths, one accuracy run done: the other variant at its length from the shape,
        // both at the other length from the kind; no bench run done, so none of them estimated
        let two = try Study.parse(Self.study(bench: "{lengths: [128], repeats: 3}").replacingOccurrences(of: "train_length: [32]", with: "train_length: [32, 64]"),
                                  file: "two.yaml")
        let twoDir = dir + "/two"
        let first = try #require(two.expand().first { $0.kind == .accuracy && $0.labels["variant"] == "full" && $0.labels["train_length"] == "32" })
        try ResultsStore.append(Self.okRow(first, seconds: 60), to: twoDir + "/results.jsonl")
        let byKind = RemainingEstimate(try two.status(outDir: twoDir))
        let benchRuns = try two.expand().filter { $0.kind == .bench }.count
        #expect(byKind.fromReplicates == 0 && byKind.fromShape == 1 && byKind.fromKind == 2 && byKind.unknown == benchRuns && byKind.seconds == 180)
        // a failed run (not transient) is not counted; a transient one is
        func failed(_ r: Run, transient: Bool) -> ResultRow {
            var row = Self.okRow(r)
            row.status = .failed
            row.reason = "diverged"
            row.transient = transient
            return row
        }
        try ResultsStore.append(failed(run(.accuracy, "sliding_window"), transient: false), to: dir + "/results.jsonl")
        let withFailure = RemainingEstimate(try study.status(outDir: dir))
        #expect(withFailure.seconds == 23 && withFailure.failedNotRerun == 1 && withFailure.fromShape == 0)
        #expect(withFailure.text == "remaining: about 1 machine minute (3 runs: 3 at the median of their configuration's done replicates; "
                + "one run at a time; 1 failed, run again only with --retry-failed, not counted)")
        try ResultsStore.append(failed(run(.accuracy, "sliding_window"), transient: true), to: dir + "/results.jsonl")
        #expect(RemainingEstimate(try study.status(outDir: dir)).seconds == 123)
        var hours = estimate
        hours.seconds = 9_000
        #expect(hours.text?.hasPrefix("remaining: about 2.5 machine hours (") == true)
        #expect(RemainingEstimate([]).text == nil)
        var onlyFailed = RemainingEstimate([])
        onlyFailed.failedNotRerun = 2
        #expect(onlyFailed.text == "remaining: nothing for `study run` (2 failed, run again only with --retry-failed)")
    }
}
