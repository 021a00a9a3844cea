// Expansion: a study → its runs, in a fixed order, each with an id that is the SHA-256 of its
// canonical config (sorted-key JSON, LabResults.JSONValue.canonical), first 16 hex digits.
//
//   accuracy runs: [pattern × model keys ×] variant × window × task × train_length × seed × learning_rate × kernel
//   bench runs:    [pattern × model keys ×] variant × window × kernel × bench length, then
//                  rounds 2…N (`bench.repeats`) of all of them, in the same order, after every
//                  round-1 run: A B C … A B C … (round 1's ids are those of bench runs before
//                  rounds existed; a later round's config adds `"round": k`)
// With `sweep.window_fraction`, the window depends on the train length: train_length × fraction
// become the outer axes of each combination (Study.windowFractionCombinations), and bench runs
// shared by two of them (same window and length) are kept once, labelled by window alone.
// An axis that does not apply to a variant is dropped for it: `window` for a variant whose kind
// takes none (full). An accuracy run's canonical config holds `kernel` only when it is not
// `auto`, and its `kernel` label only when the study sweeps kernels, so the ids and expansions
// of studies written before accuracy runs took kernels are unchanged.
import Foundation
import LabAttention
import LabKernels
import LabModel
import LabResults
import LabTasks

public struct Run: Sendable {
    public enum Kind: String, Sendable { case accuracy, bench }

    public let id: String
    public let kind: Kind
    /// The swept values, for tables (variant, window, task, seed, learning_rate, train_length, kernel, length).
    public let labels: [String: String]
    /// The canonical config: what `id` hashes and what result rows carry.
    public let config: JSONValue
    public let model: ModelConfig
    /// Accuracy runs: the training options (task, length, seed, recipe).
    public let train: TrainOptions?
    public let checkpointEvery: Int
    public let evalLengths: [Int]
    public let evalExamples: Int
    public let generate: Bool
    public let memory: Bool
    /// Bench runs: the context length, the modes.
    public let length: Int?
    public let benchModes: [ModelBench.Mode]
    /// The kernels (both kinds of run): `kernel.overrides` is what `KernelChoice(overrides:)` takes.
    public let kernel: KernelSetting
    public let bench: Study.Bench

    /// One line: id, kind and labels in a fixed order.
    public var summary: String {
        "\(id)  \(kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  "
            + (ResultsTable.labelOrder + labels.keys.filter { !ResultsTable.labelOrder.contains($0) }.sorted())
                .compactMap { k in labels[k].map { "\(k)=\($0)" } }.joined(separator: " ")
    }

    /// How the swept variant (the `variant` label) presents itself: what its rows carry for the report.
    public var variant: VariantDescription? { labels["variant"].flatMap { AttentionRegistry.type(ofKind: $0).map(AttentionRegistry.describe) } }

    static func makeID(_ config: JSONValue) -> String { String(SHA256.hex(config.canonical).prefix(16)) }
}

extension Study {
    /// Every run of the study, in expansion order, without duplicates: the study-level axes
    /// (`sweep.pattern` × `sweep.model`) outermost, then the runs of each combination; then
    /// rounds 2…`bench.repeats` of every bench run, round by round (`repeated`).
    /// Runs matched by `skip` are left out.
    public func expand() throws -> [Run] {
        try expandAll().filter { !skips($0) }
    }

    /// Whether an entry of `skip` matches `run`: each of its labels has one of the entry's values.
    func skips(_ run: Run) -> Bool {
        skip.contains { entry in Self.matches(entry, run.labels) }
    }

    /// `labels` carry every key of `entry`, each with one of its values (`sameLabelValue`).
    static func matches(_ entry: [String: [String]], _ labels: [String: String]) -> Bool {
        entry.allSatisfy { key, values in labels[key].map { v in values.contains { sameLabelValue($0, v) } } ?? false }
    }

    /// A skip value and a label: equal as numbers where both are numbers (`1.0` and `1`, `3e-3` and
    /// `0.003`), else as text.
    static func sameLabelValue(_ a: String, _ b: String) -> Bool {
        if let x = Double(a), let y = Double(b) { return x == y }
        return a == b
    }

    /// `expand` without `skip`.
    func expandAll() throws -> [Run] {
        var runs: [Run] = []
        var seen = Set<String>()
        for (combo, labels) in axisCombinations() {
            for (study, fraction) in combo.windowFractionCombinations() {
                try study.expandRuns(extraLabels: labels, windowFraction: fraction) { r in if seen.insert(r.id).inserted { runs.append(r) } }
            }
        }
        let firstRound = runs.filter { $0.kind == .bench }
        for round in 2..<max(2, bench.repeats + 1) {
            for r in firstRound { runs.append(repeated(r, round: round)) }
        }
        return runs
    }

    /// Round `round` (≥ 2) of bench run `r`: its config with `"round": round` (its own id), and the
    /// label `round`. Round 1 is `r` itself, labelled `round: 1` when the study repeats.
    func repeated(_ r: Run, round: Int) -> Run {
        guard case .object(var fields) = r.config else { return r }
        fields["round"] = .int(round)
        let config = JSONValue.object(fields)
        var labels = r.labels
        labels["round"] = "\(round)"
        return Run(id: Run.makeID(config), kind: .bench, labels: labels, config: config, model: r.model, train: nil,
                   checkpointEvery: 0, evalLengths: [], evalExamples: 0, generate: false, memory: r.memory, length: r.length,
                   benchModes: r.benchModes, kernel: r.kernel, bench: r.bench)
    }

    /// The config field and label of a state-matched run (`match_state_of`): the kind it matches.
    /// In the config, so that a state-matched run never shares its id (and row) with a plain run
    /// that happens to have the same window.
    static let stateMatchedField = "state_matched"
    /// The config field and label of a named variant entry (`name`), for the same reason.
    static let variantNameField = "variant_name"

    /// `sweep.window_fraction` resolved: for each train length L and fraction f, this study with
    /// `train_length: [L]` and `window: [f·L]` (the bench lengths then default to L's eval
    /// lengths), and f's label; without fractions, the study itself and nil.
    func windowFractionCombinations() -> [(study: Study, fraction: String?)] {
        guard !sweep.windowFraction.isEmpty else { return [(self, nil)] }
        return sweep.trainLength.flatMap { L in
            sweep.windowFraction.compactMap { f -> (Study, String?)? in
                guard let w = f.window(trainLength: L) else { return nil }  // validate() rejects it first
                var s = self
                s.skip = []  // applied to the whole expansion (`expand`), validated there
                s.sweep.windowFraction = []
                s.sweep.trainLength = [L]
                s.sweep.window = [w]
                return (s, f.description)
            }
        }
    }

    /// The runs of one combination of the study-level axes, labelled with `extraLabels`; accuracy
    /// runs of a windowed variant also with `window_fraction` when the window came from one.
    func expandRuns(extraLabels: [String: String], windowFraction: String? = nil, add: (Run) -> Void) throws {
        let windows: [Int?] = sweep.window.isEmpty ? [nil] : sweep.window.map { Optional($0) }
        let measuresMemory = measurements.contains(.memory)
        let trainOnly = measurements.filter { $0 == .accuracy || $0 == .memory }.map(\.rawValue)
        let benchMeasures = measurements.filter { $0 != .accuracy }.map(\.rawValue)
        for v in variantIndices {
            var windowsDone = false
            for w in windows {
                let probe = try modelConfig(variant: v, window: w, vocab: 256)
                if !probe.2 {  // the variant takes no window: one pass, window dropped
                    if windowsDone { continue }
                    windowsDone = true
                }
                var window = probe.2 ? w : nil
                // a state-matched entry: the window whose state equals its target's at w
                let matched = stateMatchTarget(v)
                if let kind = matched, let target = window { window = try stateMatchedWindow(variant: v, to: kind, window: target) }
                let name = variantName(v)
                func mark(_ fields: inout [String: JSONValue], _ labels: inout [String: String]) {
                    if let kind = matched {
                        fields[Self.stateMatchedField] = .string(kind)
                        labels[Self.stateMatchedField] = kind
                    }
                    if let name {
                        fields[Self.variantNameField] = .string(name)
                        labels[Self.variantNameField] = name
                    }
                }
                if wantsAccuracy {
                    for task in try resolvedTasks() {
                        let vocab = model["vocab"]?.intValue ?? task.vocabularySize
                        let (config, variant, _) = try modelConfig(variant: v, window: window, vocab: vocab)
                        for L in sweep.trainLength {
                            for seed in sweep.seed {
                                for lr in sweep.learningRate {
                                    for kernel in sweep.kernel {
                                        let o = trainOptions(task: task.name, length: L, seed: seed, learningRate: lr)
                                        var fields: [String: JSONValue] = [
                                            "kind": .string("accuracy"),
                                            "model": try JSONValue(json: config.json),
                                            "train": try JSONValue(encoding: o),
                                            "eval": .object(["lengths": .array(evalLengths(trainLength: L).map { .int($0) }), "examples": .int(eval.examples),
                                                             "generate": .bool(eval.generate)]),
                                            "measurements": .array(trainOnly.map { .string($0) }),
                                        ]
                                        if kernel != .auto { fields["kernel"] = kernel.canonical }
                                        var labels = ["variant": variant.kind, "task": task.name, "seed": "\(seed)",
                                                      "learning_rate": "\(lr)", "train_length": "\(L)"]
                                        mark(&fields, &labels)
                                        let canonical = JSONValue.object(fields)
                                        if let window { labels["window"] = "\(window)"; labels["window_fraction"] = windowFraction }
                                        if sweep.kernel != [.auto] { labels["kernel"] = kernel.label }
                                        labels.merge(extraLabels) { $1 }
                                        add(Run(id: Run.makeID(canonical), kind: .accuracy, labels: labels, config: canonical, model: config,
                                                train: o, checkpointEvery: training.checkpointEvery ?? training.options.evalEvery,
                                                evalLengths: evalLengths(trainLength: L), evalExamples: eval.examples, generate: eval.generate,
                                                memory: measuresMemory, length: nil, benchModes: [], kernel: kernel, bench: bench))
                                    }
                                }
                            }
                        }
                    }
                }
                if wantsBench {
                    let (config, variant, _) = try modelConfig(variant: v, window: window, vocab: model["vocab"]?.intValue ?? 256)
                    for kernel in sweep.kernel {
                        for T in benchLengths {
                            var fields: [String: JSONValue] = [
                                "kind": .string("bench"),
                                "model": try JSONValue(json: config.json),
                                "length": .int(T), "batch": .int(bench.batch), "threads": .int(bench.threads),
                                "parallelism": .string(training.options.parallelism.rawValue),
                                "decode_tokens": .int(bench.decodeTokens), "budget_seconds": .double(bench.budgetSeconds),
                                "kernel": kernel.canonical,
                                "measurements": .array(benchMeasures.map { .string($0) }),
                            ]
                            var labels = ["variant": variant.kind, "kernel": kernel.label, "length": "\(T)"]
                            mark(&fields, &labels)
                            let canonical = JSONValue.object(fields)
                            if let window { labels["window"] = "\(window)" }
                            if bench.repeats > 1 { labels["round"] = "1" }
                            labels.merge(extraLabels) { $1 }
                            add(Run(id: Run.makeID(canonical), kind: .bench, labels: labels, config: canonical, model: config,
                                    train: nil, checkpointEvery: 0, evalLengths: [], evalExamples: 0, generate: false,
                                    memory: measuresMemory, length: T, benchModes: benchModes, kernel: kernel, bench: bench))
                        }
                    }
                }
            }
        }
    }
}

/// `--shard I/N`: run k of the expansion belongs to shard k mod N (0-based I, as Slurm's
/// `$SLURM_ARRAY_TASK_ID` with `--array=0-(N-1)`).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int, count: Int
    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 0, index < count else { throw HarnessError("--shard \(index)/\(count): need 0 ≤ I < N") }
        self.index = index; self.count = count
    }
    /// Parses `I/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { throw HarnessError("--shard \(text): expected I/N, e.g. 0/4") }
        try self.init(index: i, count: n)
    }
    public func select<T>(_ items: [T]) -> [T] { items.enumerated().filter { $0.offset % count == index }.map(\.element) }
    public var description: String { "\(index)/\(count)" }
    /// The results file name of this shard.
    public var resultsFileName: String { "results.shard-\(index)-of-\(count).jsonl" }
}

/// A harness error (usage, state), printed as one line.
public struct HarnessError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
