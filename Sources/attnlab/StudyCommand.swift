// `attnlab study expand|run|status|merge` (and the hidden `run-one`, the child of one run):
// study files in, results files out. The schema and the recipes are in studies/README.md.
import ArgumentParser
import Foundation
import LabCore
import LabHarness
import LabResults

struct StudyCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study", abstract: "Sweep studies: expand a study file, run it (resumable, sharded), status, merge.",
        subcommands: [Expand.self, Run.self, Status.self, Merge.self, RunOne.self])

    struct Expand: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the runs of a study (id = hash of the canonical config).")
        @Argument(help: "Study file (YAML).") var file: String
        @Flag(help: "Print each run's canonical config JSON after its line.") var json = false
        @Option(help: "Only the runs of shard I/N.") var shard: String?

        func run() throws {
            try reportingErrors {
                let study = try Study.load(path: file)
                var runs = try study.expand()
                if let shard { runs = try Shard(parsing: shard).select(runs) }
                for r in runs {
                    print(r.summary)
                    if json { print("    " + r.config.canonical) }
                }
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a study: each run in its own process; rerun the same command to resume after a crash or kill.")
        @Argument(help: "Study file (YAML).") var file: String
        @Option(help: "Output folder (default runs/<study name>; results/<study name> with --publish).") var out: String?
        @Flag(help: "Use the canonical output folder results/<study name> (what is committed) instead of runs/<study name>.") var publish = false
        @Option(help: "Runs at a time (each a child process).") var jobs: Int = 1
        @Option(help: "Only shard I of N (0-based), e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT.") var shard: String?
        @Option(help: "Only this run id (repeatable).") var only: [String] = []
        @Flag(help: "Record timings from a debug build (rows marked debug_timings).") var allowDebug = false
        @Flag(help: "Run again the runs whose last row failed.") var retryFailed = false
        @Flag(help: "Run again the runs recorded by code whose numerics sources (core, kernels, attention, model, tasks) differ from this checkout.") var rerunStale = false
        @Flag(help: "Plain log lines even on a terminal.") var plain = false

        func run() throws {
            try reportingErrors {
                try checkFlag("--jobs", jobs, 1...1_024)
                let study = try Study.load(path: file)
                try study.checkData()
                try checkOutputFolder(out ?? StudyPaths.defaultOut(study, publish: publish), flag: "--out")
                var o = RunnerOptions(outDir: out ?? StudyPaths.defaultOut(study, publish: publish), executable: selfExecutable())
                o.jobs = jobs; o.only = only; o.allowDebug = allowDebug; o.retryFailed = retryFailed; o.rerunStale = rerunStale
                o.shard = try shard.map { try Shard(parsing: $0) }
                if plain { o.live = false }
                let s = try StudyRunner(study: study, studyPath: file, options: o).run()
                if s.failed > 0 { throw ExitCode(1) }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "done / running / failed / pending of each run, with reasons.")
        @Argument(help: "Study file (YAML).") var file: String
        @Option(help: "Output folder (default runs/<study name>; results/<study name> with --publish).") var out: String?
        @Flag(help: "Use the canonical output folder results/<study name> (what is committed) instead of runs/<study name>.") var publish = false

        func run() throws {
            try reportingErrors {
                let study = try Study.load(path: file)
                try study.checkData()
                try checkOutputFolder(out ?? StudyPaths.defaultOut(study, publish: publish), flag: "--out")
                let (states, orphans) = try study.statusAndOrphans(outDir: out ?? StudyPaths.defaultOut(study, publish: publish))
                for s in states {
                    print("\(s.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(s.run.summary)" + (s.detail.isEmpty ? "" : "  — \(s.detail)"))
                }
                let counts = RunStatus.State.allCases.map { st in "\(states.filter { $0.state == st }.count) \(st.rawValue)" }
                print("\(states.count) runs: " + counts.joined(separator: ", "))
                if let remaining = RemainingEstimate(states).text { print(remaining) }
                if !orphans.isEmpty {
                    print("\(orphans.count) recorded runs match no run of this file (an entry renamed or removed, a sweep value dropped, a run cut by skip): "
                          + "not counted above; the report leaves them out only if you remove their rows")
                }
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the shard files of a study's output folder (or the files given) into one results file.")
        @Argument(help: "Study file (YAML).") var file: String
        @Option(help: "Output folder (default runs/<study name>; results/<study name> with --publish).") var out: String?
        @Flag(help: "Use the canonical output folder results/<study name> (what is committed) instead of runs/<study name>.") var publish = false
        @Option(help: "Merged file (default <out>/results.jsonl).") var into: String?
        @Option(help: "Input results files, each read with its parts (default: results.jsonl and the shard files of the output folder).") var input: [String] = []

        func run() throws {
            try reportingErrors {
                let study = try Study.load(path: file)
                let dir = out ?? StudyPaths.defaultOut(study, publish: publish)
                try checkOutputFolder(dir, flag: "--out")
                let target = into ?? dir + "/results.jsonl"
                let lock = try ResultsLock(target)  // no `study run` appends to it meanwhile
                defer { lock.release() }
                let inputs = input.isEmpty ? ResultsStore.studyFiles(in: dir) : input
                guard !inputs.isEmpty else { throw UsageFailure("no results files in \(dir)") }
                let r = try ResultsStore.merge(inputs, into: target, study: study.name)
                let expected = try study.expand().count
                if r.foreign > 0 { FileHandle.standardError.writeIgnoringErrors("attnlab: warning: left out \(r.foreign) rows of other studies\n") }
                print("merged \(inputs.count) files → \(target): \(r.rows) rows (\(r.dropped) superseded dropped); the study has \(expected) runs")
            }
        }
    }

    struct RunOne: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run-one", abstract: "One run (the child process of `study run`).",
                                                        shouldDisplay: false)
        @Argument var file: String
        @Option(name: .customLong("run")) var runID: String
        @Option var out: String
        @Option var parent: Int32?
        @Flag var allowDebug = false

        func run() throws {
            try reportingErrors {
                let study = try Study.load(path: file)
                try StudyWorker.runOne(study: study, runID: runID, outDir: out, parentPID: parent)
            }
        }
    }
}

extension RunStatus.State: CaseIterable {
    public static var allCases: [RunStatus.State] { [.done, .running, .failed, .pending] }
}

/// This binary's path (/proc/self/exe), to re-exec one child per run.
func selfExecutable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}
