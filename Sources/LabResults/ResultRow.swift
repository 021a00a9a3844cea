// One result row: one run of a study, its measurements and its provenance. A results file is
// JSON Lines, one row a line, append-only (`ResultsStore`). The row format, key by key, is in
// studies/README.md; plots and notebooks read only these files.
import Foundation

public struct ResultRow: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Sendable { case ok, failed }

    /// Row format version.
    public var schema: Int = 1
    public var study: String
    /// Hex SHA-256 prefix of the run's canonical config (`config`).
    public var runID: String
    /// `accuracy` (train, then evaluate the task ladder) or `bench` (throughput and memory at one length).
    public var kind: String
    public var status: Status
    /// Why a failed run failed: the exit status or signal, and the run's one-line error.
    public var reason: String?
    /// For a failed row: true when the failure came from outside the run's config (no space left,
    /// an I/O error, a signal sent from outside such as SIGKILL or SIGTERM), so the next `study run`
    /// runs it again; absent or false for a deterministic failure (a config error, a crash), which
    /// stays failed until `--retry-failed`.
    public var transient: Bool?
    /// The swept values of this run, flat, for tables and plots: variant, window, task, seed,
    /// learning_rate, train_length, length, kernel (those that apply).
    public var labels: [String: String]
    /// The run's canonical config, exactly what `runID` hashes.
    public var config: JSONValue
    public var metrics: [MetricValue]
    public var provenance: Provenance
    /// How the run's variant (the `variant` label) presents itself in tables and figures
    /// (`VariantDescription`); nil in rows written before rows carried it.
    public var variant: VariantDescription?

    public init(study: String, runID: String, kind: String, status: Status, reason: String? = nil, transient: Bool? = nil,
                labels: [String: String], config: JSONValue, metrics: [MetricValue], provenance: Provenance,
                variant: VariantDescription? = nil) {
        self.study = study; self.runID = runID; self.kind = kind; self.status = status; self.reason = reason; self.transient = transient
        self.labels = labels; self.config = config; self.metrics = metrics; self.provenance = provenance; self.variant = variant
    }

    enum CodingKeys: String, CodingKey {
        case schema, study, runID = "run_id", kind, status, reason, transient, labels, config, metrics, provenance, variant
    }

    /// The row as one line of JSON (sorted keys, no newline).
    public var jsonLine: String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// The first measurement called `name` (optionally for a task and a length).
    public func metric(_ name: String, task: String? = nil, length: Int? = nil) -> Double? {
        metrics.first { $0.name == name && (task == nil || $0.task == task) && (length == nil || $0.length == length) }?.value
    }
}

/// One number a run measured.
public struct MetricValue: Codable, Hashable, Sendable {
    /// e.g. `accuracy`, `score`, `train_tokens_per_second`, `state_bytes`, `peak_resident_bytes`.
    public var name: String
    public var value: Double
    /// e.g. `fraction`, `tokens/s`, `bytes`, `steps`.
    public var unit: String
    /// The task evaluated, where one applies.
    public var task: String?
    /// The context length measured at, where one applies.
    public var length: Int?
    /// The training step, for curves (`curve_val_loss`, `curve_val_accuracy`: one value per validation).
    public var step: Int?
    /// True for wall-clock measurements (they differ between runs of the same config).
    public var timing: Bool

    public init(_ name: String, _ value: Double, unit: String, task: String? = nil, length: Int? = nil, step: Int? = nil,
                timing: Bool = false) {
        self.name = name; self.value = value; self.unit = unit; self.task = task; self.length = length; self.step = step
        self.timing = timing
    }
}

/// Where and how a row was produced.
public struct Provenance: Codable, Hashable, Sendable {
    /// `git rev-parse HEAD` of the checkout that ran it ("unknown" outside a git checkout).
    public var gitCommit: String
    /// Uncommitted changes to tracked files at the time (results files included).
    public var gitDirty: Bool
    /// Uncommitted changes to the numerics sources (`Machine.numericsSources`: core, kernels,
    /// attention, model, tasks) at the time: what decides whether the row's numbers can be trusted
    /// to be the commit's. nil in rows written before it was recorded (then `gitDirty` stands in).
    public var numericsDirty: Bool? = nil
    /// `release` or `debug`.
    public var build: String
    /// A debug build recorded timings (`--allow-debug`): do not compare them with release rows.
    public var debugTimings: Bool
    public var cpuModel: String
    public var cores: Int
    public var hostname: String
    /// The kernels that ran, as `op: kernel` (e.g. `softmax-attention: tiled-online-softmax`).
    public var kernels: [String]
    /// ISO 8601 UTC.
    public var started: String
    public var ended: String
    public var wallSeconds: Double
    /// Peak resident set of the run's process, from the OS (wait4 rusage / VmHWM), bytes.
    public var peakResidentBytes: Int
    /// How the run's process ended: `exit 0`, `exit 1`, `signal 9`.
    public var exit: String
    /// The training step a resumed run started from (nil: from scratch).
    public var resumedFromStep: Int?
    /// The machine's 1-minute load average (/proc/loadavg) when the run started and when it ended;
    /// nil in rows written before it was recorded. Above `cores`, timings shared the CPUs.
    public var loadAverageBefore: Double? = nil
    public var loadAverageAfter: Double? = nil
    /// The data a language-model run read: the corpus, its folder, its pinned manifest SHA-256 and,
    /// per split, the number of documents, the SHA-256 of their names (sorted, each followed by "\n")
    /// and their bytes (`{"corpus", "folder", "manifest_sha256", "splits": {"train": {"documents": N,
    /// "names_sha256": hex, "bytes": N}, …}}`; rows written before 2026-12 list the names instead);
    /// nil for generated tasks.
    public var data: JSONValue? = nil
    /// OpenBLAS's core in the run's process (`OpenBLAS.coreDescription`: e.g. `Cooperlake`, or
    /// `Haswell (OPENBLAS_CORETYPE=Haswell)` when the environment forced it, which roughly halves
    /// the products' speed on an AVX-512 CPU); nil in rows written before it was recorded.
    public var openblasCore: String? = nil

    public init(gitCommit: String, gitDirty: Bool, build: String, debugTimings: Bool, cpuModel: String, cores: Int,
                hostname: String, kernels: [String], started: String, ended: String, wallSeconds: Double,
                peakResidentBytes: Int, exit: String, resumedFromStep: Int?) {
        self.gitCommit = gitCommit; self.gitDirty = gitDirty; self.build = build; self.debugTimings = debugTimings
        self.cpuModel = cpuModel; self.cores = cores; self.hostname = hostname; self.kernels = kernels
        self.started = started; self.ended = ended; self.wallSeconds = wallSeconds
        self.peakResidentBytes = peakResidentBytes; self.exit = exit; self.resumedFromStep = resumedFromStep
    }

    enum CodingKeys: String, CodingKey {
        case gitCommit = "git_commit", gitDirty = "git_dirty", build, debugTimings = "debug_timings", cpuModel = "cpu_model"
        case cores, hostname, kernels, started, ended, wallSeconds = "wall_seconds"
        case peakResidentBytes = "peak_resident_bytes", exit, resumedFromStep = "resumed_from_step"
        case loadAverageBefore = "load_average_before", loadAverageAfter = "load_average_after", data
        case numericsDirty = "numerics_dirty", openblasCore = "openblas_core"
    }
}
