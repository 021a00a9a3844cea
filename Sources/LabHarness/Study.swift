// A study file (YAML, under studies/): the question, the model, the variants, the sweep axes,
// the training recipe, the tasks and the measurements. Parsing is strict: an unknown key, a wrong
// type or an impossible combination is a `StudyError` naming the file, the line and the key path.
// The schema, key by key, is documented in studies/README.md.
import Foundation
import LabAttention
import LabKernels
import LabModel
import LabResults
import LabTasks
import Yams

/// A study-file error: `file:line[:column]: key.path: message` (`file: key.path: message` when the
/// line is unknown), always one line.
public struct StudyError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let key: String
    public let message: String
    /// The column of a YAML syntax error.
    public var column: Int? = nil
    public var description: String {
        file + (line.map { ":\($0)" } ?? "") + (column.map { ":\($0)" } ?? "") + ": \(key): \(message)"
    }
}

/// The measurements a study can ask for.
public enum MeasurementKind: String, Codable, CaseIterable, Sendable {
    case accuracy, trainThroughput = "train_throughput", prefillThroughput = "prefill_throughput"
    case decodeThroughput = "decode_throughput", memory

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let kind = MeasurementKind(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "unknown measurement '\(text)' (known: \(MeasurementKind.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        self = kind
    }
}

/// The ranges of the study's own numeric settings (the training recipe's are
/// `TrainOptions.Setting.range`, the model's `ModelConfig.ranges`, the variants' `ConfigLimits`).
public enum StudyLimits {
    /// The most runs a study may expand to (its upper bound, computed before expanding): 10 000.
    public static let maxRuns = 10_000
    /// `training.checkpoint_every`: [1, 10^9] steps.
    public static let checkpointEvery = 1...1_000_000_000
    /// `eval.examples`: [1, 10^6] test examples per task and length.
    public static let evalExamples = 1...1_000_000
    /// `eval.lengths`, `bench.lengths`: [2, 2^20] tokens.
    public static let length = 2...(1 << 20)
    /// `bench.batch` [1, 65536] sequences, `bench.threads` [1, 1024], `bench.decode_tokens` [1, 10^6].
    public static let benchBatch = 1...65_536, threads = 1...1_024, decodeTokens = 1...1_000_000
    /// `bench.repeats`: [1, 100] interleaved rounds of every bench point.
    public static let benchRepeats = 1...100
    /// `bench.budget_seconds`: (0, 86400] seconds.
    public static let budgetSeconds = NumberRange(0...86_400, lowerOpen: true)
    /// `compare.margin`: (0, 10^9], in the metric's unit.
    public static let compareMargin = NumberRange(0...1e9, lowerOpen: true)

    /// The documented range of the number at `path` in a study file, for the message about a NaN there.
    static func range(at path: [Study.PathComponent]) -> NumberRange? {
        let keys = path.compactMap(\.key)
        if keys.count == 2, keys[0] == "model" { return ModelConfig.ranges[keys[1]] }
        if keys.count == 3, keys[0] == "sweep", keys[1] == "model" { return ModelConfig.ranges[keys[2]] }
        let dotted = keys.joined(separator: ".")
        if let s = TrainOptions.Setting.allCases.first(where: { $0.studyKey == dotted }) { return s.range }
        switch dotted {
        case "bench.budget_seconds": return budgetSeconds
        case "compare.margin": return compareMargin
        case "sweep.window": return NumberRange(ConfigLimits.window)
        default: return nil
        }
    }
}

public struct Study: @unchecked Sendable {
    public var name: String
    public var question: String
    /// The `model:` mapping (ModelConfig keys), pattern excluded.
    public var model: [String: JSONValue]
    /// The layer pattern with the string `variant` standing for the swept variant (default `[variant]`).
    public var patternTemplate: JSONValue
    /// Variant configs as written (without the swept window).
    public var variants: [JSONValue]
    public var sweep: Sweep
    public var training: Training
    public var tasks: [String]
    public var eval: Eval
    public var measurements: [MeasurementKind]
    public var bench: Bench
    /// The comparisons declared before the runs (`compare:`): analysis only, never part of a run's
    /// canonical config (run ids do not depend on it). nil: none declared.
    public var compare: Compare? = nil
    /// The variant kinds this (stack of the) study runs; nil: every listed variant.
    public var variantKinds: Set<String>? = nil
    /// The indices of `variants` this study runs.
    var variantIndices: [Int] {
        variants.indices.filter { i in variantKinds.map { $0.contains(variants[i]["kind"]?.stringValue ?? "") } ?? true }
    }
    /// The file it came from (as given) and its parsed YAML, for error locations.
    public let file: String
    let root: Node

    public struct Sweep: Sendable {
        public var window: [Int] = []
        public var seed: [UInt64] = [0]
        public var learningRate: [Double] = [3e-3]
        public var trainLength: [Int] = [128]
        /// The kernels runs use, accuracy and bench runs alike: `auto` (the registry's dispatch), a
        /// softmax-attention kernel name, or an op → kernel mapping. Default `[auto]`.
        public var kernel: [KernelSetting] = [.auto]
        /// Named layer stacks (`sweep.pattern: [{name: all_local, pattern: [variant]}, …]`), each a
        /// pattern template like `model.pattern`; label `pattern` = the name. Empty: `model.pattern`.
        /// `variants` (optional): the variant kinds that run in that stack (e.g. KV sharing only
        /// where the kinds can share); nil: all.
        public var pattern: [(name: String, template: JSONValue, variants: [String]?)] = []
        /// Model-config keys swept (`sweep.model: {conv_kernel: [0, 3], norm_gain: [1, 0.05]}`), in key
        /// order; each key becomes a label. Empty: the `model:` values alone.
        public var model: [(key: String, values: [JSONValue])] = []
    }

    /// One combination of the study-level axes (`sweep.pattern` × `sweep.model`): the study with
    /// that pattern and those model values, and the labels that name it (empty without the axes,
    /// so studies without them keep their run ids).
    public func axisCombinations() -> [(study: Study, labels: [String: String])] {
        var combos: [(Study, [String: String])] = [(self, [:])]
        if !sweep.pattern.isEmpty {
            combos = combos.flatMap { (s, l) in
                sweep.pattern.map { p in
                    var t = s; t.patternTemplate = p.template; t.variantKinds = p.variants.map(Set.init)
                    return (t, l.merging(["pattern": p.name]) { $1 })
                }
            }
        }
        for (key, values) in sweep.model {
            combos = combos.flatMap { (s, l) in
                values.map { v in
                    var t = s; t.model[key] = v
                    return (t, l.merging([key: v.labelText]) { $1 })
                }
            }
        }
        return combos
    }

    public struct Training: Sendable {
        public var steps = 1000, batch = 64, warmup = 100
        /// `batch_tokens`: tokens per step, the same at every train length (batch = batch_tokens / L
        /// sequences), so that runs at different lengths see one token budget; nil: `batch` sequences.
        public var batchTokens: Int? = nil
        public var decaySteps: Int? = nil
        public var weightDecay = 0.1, clip = 1.0
        public var targetAccuracy: Double? = nil
        public var plateau: Int? = nil
        public var evalEvery = 100
        public var checkpointEvery: Int? = nil
        public var trainExamples = 20_000
        /// `test_examples`: the validation split's size (`TrainOptions.validationExamples`; the key keeps its old name).
        public var validationExamples = 1_000
        public var threads = 2
        public var parallelism = "batch"
    }

    public struct Eval: Sendable {
        /// nil: the train lengths.
        public var lengths: [Int]? = nil
        /// `multiples`: each run evaluates at these multiples of its own train length (e.g. [1, 2, 4]:
        /// 1×, 2× and 4×); exclusive with `lengths`.
        public var multiples: [Int]? = nil
        public var examples = 100
        /// Also score greedy generations with the task's RULER metric (`all`/`part` tasks).
        public var generate = true
    }

    /// `compare:`: every configuration against a reference, paired by seed (same task and other
    /// labels), on `metric` at `lengths`, with an equivalence `margin` in the metric's unit.
    public struct Compare: Sendable, Equatable {
        /// The reference's labels: `variant` (a kind listed in `variants`), `window`, or any swept
        /// label (`pattern`, `learning_rate`, `kernel`); the reference must be runs of the study.
        public var reference: [String: String]
        /// A metric the accuracy rows carry (e.g. `accuracy`).
        public var metric: String
        /// true for losses, bits per byte: a lower value is better.
        public var lowerIsBetter = false
        public var margin: Double
        /// The eval lengths compared; nil: every eval length.
        public var lengths: [Int]? = nil
    }

    public struct Bench: Sendable {
        /// The context lengths of the bench runs; nil (the key omitted): the eval ladder
        /// (`evalLengths`) when the study measures accuracy, so cost and accuracy meet at the same
        /// lengths (`Study.benchLengths`).
        public var lengths: [Int]? = nil
        public var batch = 1, threads = 2, decodeTokens = 32
        public var budgetSeconds = 2.0
        /// Interleaved rounds of all bench points (A B C … A B C …): round 1 keeps the run ids bench
        /// runs had before rounds existed; rounds 2…N are runs of their own (`round` in the config).
        public var repeats = Study.Bench.defaultRepeats
        /// Three rounds: a median and a min–max spread from the fewest measurements that have one.
        public static let defaultRepeats = 3
    }

    // MARK: Loading

    /// Reads and parses a study file (at most `YAMLInput.maxFileBytes`, 1 MiB).
    public static func load(path: String) throws -> Study {
        let text: String
        do { text = try YAMLInput.read(path: path, what: "study") } catch let e as ModelError {
            throw StudyError(file: path, line: nil, key: "(file)", message: e.message.hasPrefix(path + ": ") ? String(e.message.dropFirst(path.count + 2)) : e.message)
        }
        return try parse(text, file: path)
    }

    /// Parses a study; every error is a `StudyError` (one line naming the file, line and key path).
    /// Limits checked before any work: `YAMLInput`'s (size, nodes through aliases, nesting, null,
    /// NaN, ±Inf, duplicate keys), the ranges of every number, `StudyLimits.maxRuns`, memory.
    public static func parse(_ text: String, file: String) throws -> Study {
        let node: Node
        do {
            node = try YAMLInput.compose(text, rangeOf: StudyLimits.range(at:))
        } catch let e as YAMLInputError {
            var err = StudyError(file: file, line: e.line, key: e.path.map(render) ?? (e.column != nil ? "(syntax)" : "(top level)"),
                                 message: e.message)
            err.column = e.column
            throw err
        }
        let study: Study
        do {
            study = try YAMLDecoder().decode(StudyDecoder.self, from: node).make(file: file, root: node)
        } catch let e as DecodingError {
            throw error(from: e, file: file, root: node, prefix: [])
        }
        try study.validate()
        return study
    }

    /// A StudyError from a decoding error whose coding path starts at `prefix` in the file.
    static func error(from e: DecodingError, file: String, root: Node, prefix: [PathComponent]) -> StudyError {
        let full = prefix + YAMLInput.path(of: e)
        return StudyError(file: file, line: locate(full, in: root), key: render(full), message: YAMLInput.reason(of: e))
    }

    public typealias PathComponent = YAMLPathComponent

    static func render(_ path: [PathComponent]) -> String { YAMLInput.render(path) }

    /// The line of the deepest node on `path` (a mapping key's own line for a key).
    static func locate(_ path: [PathComponent], in root: Node) -> Int? { YAMLInput.locate(path, in: root) }

    /// An error at the study key `dotted` (e.g. `training.batch`), with `index` for a list axis.
    func fail(dotted: String, index: Int? = nil, _ message: String) -> StudyError {
        fail(dotted.split(separator: ".").map { .key(String($0)) } + (index.map { [.index($0)] } ?? []), message)
    }

    /// An error at `path` of this study's file.
    func fail(_ path: [PathComponent], _ message: String) -> StudyError {
        StudyError(file: file, line: Self.locate(path, in: root), key: Self.render(path), message: message)
    }

    // MARK: Derived

    /// The task configurations of `tasks` (groups resolved), in order, without repeats.
    public func resolvedTasks() throws -> [any SyntheticTask] {
        var out: [any SyntheticTask] = []
        for (i, name) in tasks.enumerated() {
            do {
                for t in try TaskRegistry.resolve(name) where !out.contains(where: { $0.name == t.name }) { out.append(t) }
            } catch {
                throw fail([.key("tasks"), .index(i)], "\(error)")
            }
        }
        return out
    }

    /// Every task's data is on this machine (a language-model task's corpus is fetched); else a
    /// one-line `StudyError` at `tasks` naming the corpus, its package and the fetch command.
    /// `study run` checks it before any run; expanding and reporting do not need the data.
    public func checkData() throws {
        guard wantsAccuracy else { return }
        for t in try resolvedTasks() {
            do { try t.checkAvailable() } catch {
                let i = tasks.firstIndex(of: t.name) ?? tasks.firstIndex { (try? TaskRegistry.resolve($0))?.contains { $0.name == t.name } ?? false }
                throw fail(i.map { [.key("tasks"), .index($0)] } ?? [.key("tasks")], "task \(t.name): \(error)")
            }
        }
    }

    /// Every eval length of the study: `eval.lengths`, or every train length × every multiple, or the train lengths.
    public var evalLengths: [Int] {
        if let m = eval.multiples { return Array(Set(sweep.trainLength.flatMap { L in m.map { $0 * L } })).sorted() }
        return eval.lengths ?? sweep.trainLength
    }

    /// The eval lengths of a run trained at `L`: `L × eval.multiples` when given, else `evalLengths`.
    public func evalLengths(trainLength L: Int) -> [Int] { eval.multiples.map { $0.map { $0 * L } } ?? evalLengths }
    public var wantsAccuracy: Bool { measurements.contains(.accuracy) }
    public var benchModes: [ModelBench.Mode] {
        [(MeasurementKind.trainThroughput, ModelBench.Mode.train), (.prefillThroughput, .prefill), (.decodeThroughput, .decode)]
            .filter { measurements.contains($0.0) }.map(\.1)
    }
    /// The bench lengths: `bench.lengths`, else (the key omitted) the eval ladder of a study that
    /// measures accuracy, else none.
    public var benchLengths: [Int] { bench.lengths ?? (wantsAccuracy ? evalLengths : []) }
    public var wantsBench: Bool { !benchModes.isEmpty || (measurements.contains(.memory) && bench.lengths.map { !$0.isEmpty } == true) }

    /// Every context length a run of this study uses.
    var allLengths: [Int] {
        (wantsAccuracy ? sweep.trainLength + evalLengths : []) + (wantsBench ? benchLengths : [])
    }

    /// The variant `v` with the window `w` when its kind takes one; nil window when it does not
    /// (the axis is dropped for it).
    func variantConfig(_ index: Int, window: Int?) throws -> (config: AnyAttentionConfig, json: JSONValue, takesWindow: Bool) {
        guard case .object(var object) = variants[index] else {
            throw fail([.key("variants"), .index(index)], "a variant is a mapping such as {kind: sliding_window}")
        }
        if object["window"] != nil {
            throw fail([.key("variants"), .index(index), .key("window")], "the window is a sweep axis: set it in sweep.window")
        }
        func decode(_ v: JSONValue) throws -> AnyAttentionConfig { try v.decode(AnyAttentionConfig.self) }
        if let w = window {
            object["window"] = .int(w)
            if let c = try? decode(.object(object)) { return (c, .object(object), true) }
            object["window"] = nil
        }
        do {
            let c = try decode(.object(object))
            return (c, .object(object), false)
        } catch let e as DecodingError {
            var err = Self.error(from: e, file: file, root: root, prefix: [.key("variants"), .index(index)])
            if window == nil, err.message.contains("window") {
                err = fail([.key("sweep"), .key("window")], "variant \(object["kind"]?.stringValue ?? "?") needs a window: add sweep.window")
            }
            throw err
        }
    }

    /// The model config of variant `index` at `window` with vocabulary `vocab`.
    func modelConfig(variant index: Int, window: Int?, vocab: Int) throws -> (ModelConfig, AnyAttentionConfig, Bool) {
        let (variant, json, takes) = try variantConfig(index, window: window)
        func substitute(_ v: JSONValue) -> JSONValue {
            switch v {
            case .string("variant"): return json
            case .array(let a): return .array(a.map(substitute))
            case .object(let o): return .object(o.mapValues(substitute))
            default: return v
            }
        }
        var m = model
        if m["vocab"] == nil { m["vocab"] = .int(vocab) }
        m["pattern"] = substitute(patternTemplate)
        do {
            return (try JSONValue.object(m).decode(ModelConfig.self), variant, takes)
        } catch let e as DecodingError {
            throw Self.error(from: e, file: file, root: root, prefix: [.key("model")])
        }
    }

    // MARK: Validation (impossible combinations)

    /// The training options of an accuracy run: the recipe with the swept task, length, seed and rate.
    func trainOptions(task: String, length: Int, seed: UInt64, learningRate: Double) -> TrainOptions {
        var o = TrainOptions()
        o.task = task; o.length = length; o.seed = seed; o.steps = training.steps
        o.batchSize = training.batchTokens.map { $0 / length } ?? training.batch; o.trainExamples = training.trainExamples
        o.validationExamples = training.validationExamples; o.evalEvery = training.evalEvery
        o.targetAccuracy = training.targetAccuracy; o.plateauEvals = training.plateau
        o.threads = training.threads; o.parallelism = TrainOptions.Parallelism(rawValue: training.parallelism) ?? .batch
        o.optimizer.learningRate = learningRate; o.optimizer.warmupSteps = training.warmup
        o.optimizer.decaySteps = training.decaySteps ?? training.steps
        o.optimizer.weightDecay = training.weightDecay; o.optimizer.clipNorm = training.clip
        return o
    }

    /// An upper bound of the runs `expand()` makes (the product of the axes, before windows are
    /// dropped and duplicates removed), computed without expanding; in Double, so it cannot overflow.
    public func runCountBound() throws -> Double {
        let combos = Double(max(sweep.pattern.count, 1)) * sweep.model.reduce(1.0) { $0 * Double($1.values.count) }
        var accuracy: Double = 0, benchRuns: Double = 0
        if wantsAccuracy {
            let tasks = Double(try resolvedTasks().count)
            accuracy = tasks * Double(sweep.trainLength.count) * Double(sweep.seed.count) * Double(sweep.learningRate.count)
        }
        if wantsAccuracy { accuracy *= Double(sweep.kernel.count) }
        if wantsBench { benchRuns = Double(sweep.kernel.count) * Double(benchLengths.count) * Double(bench.repeats) }
        let perVariant: Double = Double(max(sweep.window.count, 1)) * (accuracy + benchRuns)
        return combos * Double(variants.count) * perVariant
    }

    func validate() throws {
        if let tokens = training.batchTokens {
            for (i, L) in sweep.trainLength.enumerated() where tokens % L != 0 || tokens < L {
                throw fail([.key("training"), .key("batch_tokens")],
                           "\(tokens) is not a positive multiple of train length \(L) (sweep.train_length[\(i)]): the batch would not be whole sequences")
            }
        }
        // the training recipe: TrainOptions.validate is the one check of every training setting
        for (i, L) in sweep.trainLength.enumerated() {
            for (j, lr) in sweep.learningRate.enumerated() {
                do { try trainOptions(task: "-", length: L, seed: 0, learningRate: lr).validate() } catch let p as TrainOptions.Problem {
                    throw fail(dotted: p.setting.studyKey, index: p.setting == .length ? i : p.setting == .learningRate ? j : nil, p.message)
                }
            }
        }
        let bound = try runCountBound()
        if bound > Double(StudyLimits.maxRuns) {
            throw fail([.key("sweep")], "the study expands to up to \(NumberRange.text(bound)) runs (the product of its axes); "
                       + "the limit is \(StudyLimits.maxRuns): split it into several studies")
        }
        if wantsAccuracy {
            if tasks.isEmpty { throw fail([.key("tasks")], "accuracy is measured but no task is listed") }
            for t in try resolvedTasks() {
                for (i, L) in sweep.trainLength.enumerated() {
                    do { try t.validate(length: L) } catch { throw fail([.key("sweep"), .key("train_length"), .index(i)], "task \(t.name): \(error)") }
                }
                for (i, L) in evalLengths.enumerated() {
                    do { try t.validate(length: L) } catch {
                        throw fail(eval.multiples != nil ? [.key("eval"), .key("multiples")]
                                   : eval.lengths == nil ? [.key("sweep"), .key("train_length")] : [.key("eval"), .key("lengths"), .index(i)],
                                   "task \(t.name): \(error)")
                    }
                }
                if let v = model["vocab"]?.intValue, v < t.vocabularySize {
                    throw fail([.key("model"), .key("vocab")], "task \(t.name) has vocabulary \(t.vocabularySize), the model only \(v) (omit vocab to use the task's)")
                }
            }
        }
        if wantsBench && benchLengths.isEmpty {
            throw fail([.key("bench"), .key("lengths")], "throughput is measured but there are no bench lengths: set bench.lengths (it defaults to the eval lengths only in a study that measures accuracy)")
        }
        if !wantsAccuracy && !wantsBench { throw fail([.key("measurements")], "nothing to measure") }
        try validateCompare()
        let maxLength = allLengths.max() ?? 0
        for (i, w) in sweep.window.enumerated() where w >= maxLength {
            throw fail([.key("sweep"), .key("window"), .index(i)],
                       "window \(w) ≥ every context length of this study (max \(maxLength)): it has no effect (that is full attention)")
        }
        let kinds = Set(variants.compactMap { $0["kind"]?.stringValue })
        for (i, stack) in sweep.pattern.enumerated() {
            for (j, k) in (stack.variants ?? []).enumerated() where !kinds.contains(k) {
                throw fail([.key("sweep"), .key("pattern"), .index(i), .key("variants"), .index(j)],
                           "'\(k)' is not a kind listed in variants (\(kinds.sorted().joined(separator: ", ")))")
            }
        }
        // every stack × model setting × variant × window builds a valid model
        for (study, _) in axisCombinations() {
            for v in study.variantIndices {
                for w in (sweep.window.isEmpty ? [nil] : sweep.window.map { Optional($0) }) {
                    let (config, _, _) = try study.modelConfig(variant: v, window: w, vocab: 256)
                    try checkKernels(config: config)
                    do {
                        if wantsAccuracy {
                            let L = sweep.trainLength.max() ?? 0
                            try config.checkMemory(batch: training.batchTokens.map { $0 / max(L, 1) } ?? training.batch, length: L, training: true)
                        }
                        if wantsBench {
                            try config.checkMemory(batch: bench.batch, length: benchLengths.max() ?? 0, training: benchModes.contains(.train))
                        }
                    } catch let e as ModelError {
                        throw fail([.key("model")], e.message)
                    }
                }
            }
        }
    }

    /// The `compare` block names a reference in the sweep and eval lengths of the study.
    func validateCompare() throws {
        guard let c = compare else { return }
        guard wantsAccuracy else { throw fail([.key("compare")], "comparisons need accuracy runs: add accuracy to measurements") }
        let kinds = variants.compactMap { $0["kind"]?.stringValue }
        if let variant = c.reference["variant"] { try validateReferenceVariant(c, variant: variant, kinds: kinds) }
        // every other label names a value some accuracy run carries
        let runs = try expand().filter { $0.kind == .accuracy }
        for key in c.reference.keys.sorted() where key != "variant" && key != "window" {
            let value = c.reference[key]!
            let values = Set(runs.compactMap { $0.labels[key] })
            guard values.contains(value) else {
                throw fail([.key("compare"), .key("reference"), .key(key)],
                           values.isEmpty ? "no run of this study carries a \(key) label: drop the key"
                               : "'\(value)' is not a \(key) of this study's runs (\(values.sorted().joined(separator: ", ")))")
            }
        }
        guard runs.contains(where: { r in c.reference.allSatisfy { r.labels[$0.key] == $0.value } }) else {
            throw fail([.key("compare"), .key("reference")], "no run of this study carries all of these labels: the reference must be one of the study's runs")
        }
        for (i, L) in (c.lengths ?? []).enumerated() where !evalLengths.contains(L) {
            throw fail([.key("compare"), .key("lengths"), .index(i)],
                       "\(L) is not an eval length of the study (\(evalLengths.map(String.init).joined(separator: ", ")))")
        }
    }

    /// `compare.reference.variant` is a listed kind, with a window exactly where it runs at several.
    private func validateReferenceVariant(_ c: Compare, variant: String, kinds: [String]) throws {
        guard let index = variants.firstIndex(where: { $0["kind"]?.stringValue == variant }) else {
            throw fail([.key("compare"), .key("reference"), .key("variant")],
                       "'\(variant)' is not a kind listed in variants (\(kinds.joined(separator: ", "))): the reference must be one of the study's runs")
        }
        let takesWindow = try variantConfig(index, window: sweep.window.first).takesWindow
        if let w = c.reference["window"].flatMap({ Int($0) }) {
            guard takesWindow else {
                throw fail([.key("compare"), .key("reference"), .key("window")], "variant \(variant) takes no window: drop the key")
            }
            guard sweep.window.contains(w) else {
                throw fail([.key("compare"), .key("reference"), .key("window")],
                           "window \(w) is not in sweep.window (\(sweep.window.map(String.init).joined(separator: ", ")))")
            }
        } else if takesWindow, sweep.window.count > 1 {
            throw fail([.key("compare"), .key("reference"), .key("variant")],
                       "variant \(variant) runs at several windows: name one in compare.reference.window (\(sweep.window.map(String.init).joined(separator: ", ")))")
        }
    }

    /// Each named op and kernel exists, and each named softmax-attention kernel supports every
    /// shape a bench run uses (other declines are caught when a run starts: `LanguageModel.checkKernels`).
    func checkKernels(config c: ModelConfig) throws {
        for (i, setting) in sweep.kernel.enumerated() {
            let path: [PathComponent] = [.key("sweep"), .key("kernel"), .index(i)]
            do { _ = try KernelChoice(overrides: setting.overrides) } catch let e as KernelInputError {
                var hint = ""
                if case .softmax(let name) = setting, let op = KernelRegistry.ops.first(where: { $0.kernels.contains(name) })?.op {
                    hint = "; for a \(op) kernel write a mapping, e.g. {\(op): \(name)}"
                }
                throw fail(path, "\(e) (or auto)" + hint)
            }
            guard wantsBench, let name = setting.overrides["softmax-attention"] else { continue }
            let kernel = try KernelRegistry.softmaxAttention.kernel(named: name)
            for layer in c.pattern.layers(depth: c.layers) {
                for T in benchLengths {
                    let shape = AttentionShape(B: bench.batch, H: c.heads, Hkv: c.kvHeads, T: T, D: c.headDim, window: layer.window)
                    if let reason = kernel.unsupported(shape) {
                        throw fail(path, "kernel \(name) does not support \(shape) (\(layer.kind)): \(reason)")
                    }
                }
            }
        }
    }
}

/// One entry of `sweep.kernel`: which kernels a run uses.
public enum KernelSetting: Sendable, Hashable, Decodable {
    /// The registry's dispatch for every op.
    case auto
    /// A softmax-attention kernel by name (the original form, `kernel: [naive]`).
    case softmax(String)
    /// An op → kernel mapping, e.g. `{softmax-attention: naive, residual-linear-attention: recurrent}`.
    case ops([String: String])

    /// Op → kernel name overrides (`KernelChoice(overrides:)`); empty for `auto`.
    public var overrides: [String: String] {
        switch self {
        case .auto: return [:]
        case .softmax(let name): return ["softmax-attention": name]
        case .ops(let m): return m
        }
    }

    /// The `kernel` label: `auto`, the softmax kernel's name, or for a mapping the kernel of each
    /// op in `KernelRegistry.ops` order joined by `+` (`auto` for an op it leaves out), e.g.
    /// `naive+recurrent`; the ops after the first two (the decode ops) only up to the last one the
    /// mapping names, so mappings of the first two keep the labels they had before the decode ops.
    public var label: String {
        switch self {
        case .auto: return "auto"
        case .softmax(let name): return name
        case .ops(let m):
            var parts = KernelRegistry.ops.map { m[$0.op] ?? "auto" }
            while parts.count > 2, parts.last == "auto" { parts.removeLast() }
            return parts.joined(separator: "+")
        }
    }

    /// What the canonical config records: the name as a string (as before the mapping form
    /// existed, so those ids are unchanged), or the mapping as an object.
    var canonical: JSONValue {
        switch self {
        case .ops(let m): return .object(m.mapValues { .string($0) })
        default: return .string(label)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let name = try? c.decode(String.self) {
            self = name == "auto" ? .auto : .softmax(name)
            return
        }
        guard let m = try? c.decode([String: String].self), !m.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "expected auto, a softmax-attention kernel name or a mapping op: kernel, e.g. {softmax-attention: naive, residual-linear-attention: recurrent}"))
        }
        self = .ops(m)
    }
}

// MARK: - Strict decoding of the file

private func strict(_ decoder: Decoder, _ keys: [String], _ what: String) throws -> KeyedDecodingContainer<AnyCodingKey> {
    try rejectUnknownKeys(decoder, allowed: Set(keys), in: what)
    return try decoder.container(keyedBy: AnyCodingKey.self)
}


private struct StudyDecoder: Decodable {
    var name: String, question: String
    var model: [String: JSONValue], pattern: JSONValue
    var variants: [JSONValue]
    var sweep = Study.Sweep(), training = Study.Training(), eval = Study.Eval(), bench = Study.Bench()
    var tasks: [String], measurements: [MeasurementKind]
    var compare: Study.Compare? = nil

    init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["name", "question", "model", "variants", "sweep", "training", "tasks", "eval", "measurements", "bench", "compare"], "study")
        name = try c.required(String.self, "name")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [AnyCodingKey("name")], debugDescription: "name '\(name)': use letters, digits, - and _"))
        }
        question = try c.required(String.self, "question")
        var m = try c.required([String: JSONValue].self, "model")
        let explicitPattern = m["pattern"] != nil
        pattern = m.removeValue(forKey: "pattern") ?? .array([.string("variant")])
        model = m
        variants = try c.required([JSONValue].self, "variants")
        if variants.isEmpty { throw DecodingError.dataCorrupted(.init(codingPath: [AnyCodingKey("variants")], debugDescription: "list at least one variant")) }
        tasks = try c.optional([String].self, "tasks") ?? []
        measurements = try c.required([MeasurementKind].self, "measurements")
        if let s = try c.optional(SweepDecoder.self, "sweep") { sweep = s.value }
        if !sweep.pattern.isEmpty {
            if explicitPattern {
                throw DecodingError.dataCorrupted(.init(codingPath: [AnyCodingKey("sweep"), AnyCodingKey("pattern")],
                                                       debugDescription: "model.pattern is also set: give the stacks in one place"))
            }
            pattern = sweep.pattern[0].template
        }
        for (key, _) in sweep.model where model[key] != nil {
            throw DecodingError.dataCorrupted(.init(codingPath: [AnyCodingKey("sweep"), AnyCodingKey("model"), AnyCodingKey(key)],
                                                   debugDescription: "model.\(key) is also set: sweep it or fix it, not both"))
        }
        if let t = try c.optional(TrainingDecoder.self, "training") { training = t.value }
        if let e = try c.optional(EvalDecoder.self, "eval") { eval = e.value }
        if let b = try c.optional(BenchDecoder.self, "bench") { bench = b.value }
        compare = try c.optional(CompareDecoder.self, "compare")?.value
    }

    func make(file: String, root: Node) -> Study {
        Study(name: name, question: question, model: model, patternTemplate: pattern, variants: variants, sweep: sweep,
              training: training, tasks: tasks, eval: eval, measurements: measurements, bench: bench, compare: compare, file: file, root: root)
    }
}

/// A non-empty list whose values lie in `range` (nil: checked elsewhere, e.g. by TrainOptions.validate).
private func nonEmptyInRange(_ values: [Int], _ decoder: Decoder, _ key: String, _ range: ClosedRange<Int>?) throws {
    if values.isEmpty { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key)], debugDescription: "list at least one value")) }
    guard let range else { return }
    for (i, v) in values.enumerated() {
        if let problem = NumberRange(range).problem(v) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key), AnyCodingIndex(i)], debugDescription: problem))
        }
    }
}

private struct AnyCodingIndex: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct SweepDecoder: Decodable {
    var value = Study.Sweep()
    init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["window", "seed", "learning_rate", "train_length", "kernel", "pattern", "model"], "sweep")
        if let v = try c.optional([Int].self, "window") { try nonEmptyInRange(v, decoder, "window", ConfigLimits.window); value.window = v }
        if let v = try c.optional([UInt64].self, "seed") { value.seed = v }
        if let v = try c.optional([Double].self, "learning_rate") { value.learningRate = v }
        if let v = try c.optional([Int].self, "train_length") { try nonEmptyInRange(v, decoder, "train_length", nil); value.trainLength = v }
        if let v = try c.optional([KernelSetting].self, "kernel") { value.kernel = v }
        if let stacks = try c.optional([NamedPattern].self, "pattern") {
            if stacks.isEmpty { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("pattern")], debugDescription: "list at least one stack")) }
            var names = Set<String>()
            for (i, p) in stacks.enumerated() where !names.insert(p.name).inserted {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("pattern"), AnyCodingIndex(i), AnyCodingKey("name")],
                                                       debugDescription: "stack name '\(p.name)' is used twice"))
            }
            value.pattern = stacks.map { ($0.name, $0.pattern, $0.variants) }
        }
        if let m = try c.optional([String: [JSONValue]].self, "model") {
            for key in m.keys.sorted() {
                let path = decoder.codingPath + [AnyCodingKey("model"), AnyCodingKey(key)]
                if key == "pattern" { throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "sweep layer stacks with sweep.pattern")) }
                if !ModelConfig.keys.contains(key) {
                    throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "unknown key '\(key)': not a model config key (known: \(ModelConfig.keys.sorted().joined(separator: ", ")))"))
                }
                if m[key]!.isEmpty { throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "list at least one value")) }
                value.model.append((key, m[key]!))
            }
        }
        for (key, n) in [("seed", value.seed.count), ("learning_rate", value.learningRate.count), ("kernel", value.kernel.count)] where n == 0 {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key)], debugDescription: "list at least one value"))
        }
    }
}

/// One entry of `sweep.pattern`: `{name: all_local, pattern: [variant], variants: [full]}`.
private struct NamedPattern: Decodable {
    var name: String, pattern: JSONValue, variants: [String]?
    init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["name", "pattern", "variants"], "sweep.pattern entry")
        variants = try c.optional([String].self, "variants")
        if let v = variants, v.isEmpty {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("variants")], debugDescription: "list at least one variant kind (or omit the key: all)"))
        }
        name = try c.required(String.self, "name")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("name")], debugDescription: "name '\(name)': use letters, digits, - and _"))
        }
        pattern = try c.required(JSONValue.self, "pattern")
    }
}

private struct TrainingDecoder: Decodable {
    var value = Study.Training()
    init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["steps", "batch", "batch_tokens", "warmup", "decay_steps", "weight_decay", "clip", "target_accuracy", "plateau",
                                     "eval_every", "checkpoint_every", "train_examples", "test_examples", "threads", "parallelism"], "training")
        // ranges: TrainOptions.validate (Study.validate), the one check of the recipe
        var t = Study.Training()
        t.steps = try c.required(Int.self, "steps")
        t.batch = try c.optional(Int.self, "batch") ?? t.batch
        t.batchTokens = try c.optional(Int.self, "batch_tokens")
        if t.batchTokens != nil, try c.optional(Int.self, "batch") != nil {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("batch_tokens")],
                                                    debugDescription: "give batch (sequences) or batch_tokens (tokens per step), not both"))
        }
        t.warmup = try c.optional(Int.self, "warmup") ?? t.warmup
        t.decaySteps = try c.optional(Int.self, "decay_steps")
        t.weightDecay = try c.optional(Double.self, "weight_decay") ?? t.weightDecay
        t.clip = try c.optional(Double.self, "clip") ?? t.clip
        t.targetAccuracy = try c.optional(Double.self, "target_accuracy")
        t.plateau = try c.optional(Int.self, "plateau")
        t.evalEvery = try c.optional(Int.self, "eval_every") ?? t.evalEvery
        t.checkpointEvery = try c.integer("checkpoint_every", in: StudyLimits.checkpointEvery)
        t.trainExamples = try c.optional(Int.self, "train_examples") ?? t.trainExamples
        t.validationExamples = try c.optional(Int.self, "test_examples") ?? t.validationExamples
        t.threads = try c.optional(Int.self, "threads") ?? t.threads
        t.parallelism = try c.optional(String.self, "parallelism") ?? t.parallelism
        guard TrainOptions.Parallelism(rawValue: t.parallelism) != nil else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("parallelism")], debugDescription: "expected batch or kernels, got '\(t.parallelism)'"))
        }
        value = t
    }
}

private struct EvalDecoder: Decodable {
    var value = Study.Eval()
    init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["lengths", "multiples", "examples", "generate"], "eval")
        if let v = try c.optional([Int].self, "lengths") { try nonEmptyInRange(v, decoder, "lengths", StudyLimits.length); value.lengths = v }
        if let v = try c.optional([Int].self, "multiples") {
            try nonEmptyInRange(v, decoder, "multiples", 1...1024)
            guard value.lengths == nil else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("multiples")],
                                                        debugDescription: "give lengths or multiples (of each run's train length), not both"))
            }
            value.multiples = v
        }
        value.examples = try c.integer("examples", in: StudyLimits.evalExamples) ?? value.examples
        value.generate = try c.optional(Bool.self, "generate") ?? value.generate
    }
}

private struct BenchDecoder: Decodable {
    var value = Study.Bench()
    init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["lengths", "batch", "threads", "decode_tokens", "budget_seconds", "repeats"], "bench")
        if let v = try c.optional([Int].self, "lengths") { try nonEmptyInRange(v, decoder, "lengths", StudyLimits.length); value.lengths = v }
        value.batch = try c.integer("batch", in: StudyLimits.benchBatch) ?? value.batch
        value.threads = try c.integer("threads", in: StudyLimits.threads) ?? value.threads
        value.decodeTokens = try c.integer("decode_tokens", in: StudyLimits.decodeTokens) ?? value.decodeTokens
        value.budgetSeconds = try c.number("budget_seconds", in: StudyLimits.budgetSeconds) ?? value.budgetSeconds
        value.repeats = try c.integer("repeats", in: StudyLimits.benchRepeats) ?? value.repeats
    }
}

/// `compare: {reference: {variant: full}, metric: accuracy, lower_is_better: false, margin: 0.01, lengths: [128]}`.
private struct CompareDecoder: Decodable {
    var value: Study.Compare
    init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["reference", "metric", "lower_is_better", "margin", "lengths"], "compare")
        let reference = try c.required(ReferenceDecoder.self, "reference")
        let metric = try c.required(String.self, "metric")
        if metric.isEmpty || metric.contains(where: \.isWhitespace) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("metric")], debugDescription: "metric '\(metric)': name a metric the rows carry, e.g. accuracy"))
        }
        guard let margin = try c.number("margin", in: StudyLimits.compareMargin) else {
            throw DecodingError.keyNotFound(AnyCodingKey("margin"), .init(codingPath: decoder.codingPath, debugDescription: "missing key 'margin': the equivalence margin, in the metric's unit"))
        }
        value = Study.Compare(reference: reference.labels, metric: metric, margin: margin)
        value.lowerIsBetter = try c.optional(Bool.self, "lower_is_better") ?? false
        if let v = try c.optional([Int].self, "lengths") { try nonEmptyInRange(v, decoder, "lengths", StudyLimits.length); value.lengths = v }
    }
}

/// `compare.reference`: the labels of the reference runs: `{variant: full}`,
/// `{variant: sliding_window, window: 64}`, or any swept label (`pattern`, `learning_rate`,
/// `kernel`), e.g. `{pattern: uniform}` or `{learning_rate: 0.003}`.
private struct ReferenceDecoder: Decodable {
    static let keys = ["variant", "window", "pattern", "learning_rate", "kernel"]
    var labels: [String: String] = [:]
    init(from decoder: Decoder) throws {
        let c = try strict(decoder, Self.keys, "compare.reference")
        if let v = try c.optional(String.self, "variant") { labels["variant"] = v }
        if let w = try c.integer("window", in: ConfigLimits.window) { labels["window"] = String(w) }
        if let p = try c.optional(String.self, "pattern") { labels["pattern"] = p }
        // written as the expansion writes the label: "\(Double)"
        if let lr = try c.number("learning_rate", in: NumberRange(0...1e9, lowerOpen: true)) { labels["learning_rate"] = "\(lr)" }
        if let k = try c.optional(String.self, "kernel") { labels["kernel"] = k }
        if labels.isEmpty {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "name the reference runs by at least one of \(Self.keys.joined(separator: ", "))"))
        }
    }
}
