// A study file (YAML, under studies/): the question, the model, the variants, the sweep axes,
// the training recipe, the tasks and the measurements. Parsing is strict: an unknown key, a wrong
// type or an impossible combination is a `StudyError` naming the file, the line and the key path.
// The schema, key by key, is documented in studies/README.md.
//
// This file is the schema (the sections and what a study derives from them); the sections decode
// in StudyDecoding.swift, errors and their line lookup are StudyErrors.swift, and the checks of
// impossible combinations StudyValidation.swift.
import Foundation
import LabAttention
import LabKernels
import LabModel
import LabResults
import LabTasks
import Yams

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
    /// Runs the study leaves out (`skip:`): each entry maps labels to the values it skips (one
    /// value or a list); a run whose labels match every key of an entry is not part of the
    /// expansion (e.g. `{train_length: 128, seed: [3, 4]}`: a cut the study header explains). The
    /// other runs' ids do not change (ids hash the run's config).
    public var skip: [[String: [String]]] = []
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
        /// Windows as fractions of the train length (`sweep.window_fraction: [1/64, 1/16]`): a run
        /// trained at L with fraction n/d has window L·n/d (a whole number of tokens, checked), and
        /// the label `window_fraction` beside `window`. Excludes `window`. Empty: `window` alone.
        public var windowFraction: [WindowFraction] = []
        /// Default: the trainer's (`TrainOptions()`), one value each.
        public var seed: [UInt64] = [TrainOptions().seed]
        public var learningRate: [Double] = [TrainOptions().optimizer.learningRate]
        public var trainLength: [Int] = [TrainOptions().length]
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

    /// `training:`: the trainer's recipe, and what only a study sets.
    public struct Training: Sendable {
        /// The recipe: its defaults, study keys (`TrainOptions.Setting.recipeKey`) and ranges
        /// (`TrainOptions.validate`) are `TrainOptions`'; each run sets task, length, seed and
        /// learning rate from the sweep (`trainOptions(task:length:seed:learningRate:)`).
        public var options = TrainOptions()
        /// `batch_tokens`: tokens per step, the same at every train length (batch = batch_tokens / L
        /// sequences), so that runs at different lengths see one token budget; nil: `batch` sequences.
        /// Study-only: it needs the swept train lengths.
        public var batchTokens: Int? = nil
        /// `checkpoint_every`: steps between a run's checkpoints; nil: at every validation
        /// (`options.evalEvery`). Study-only: the trainer takes it per call (`Trainer.run`).
        public var checkpointEvery: Int? = nil
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
        /// label (`pattern`, `learning_rate`, `kernel`), and `variant_name` for a named entry; the
        /// reference must be runs of the study.
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
            throw fail([.key("variants"), .index(index)], "a variant is a mapping such as \(AttentionRegistry.reference.minimalConfigJSON)")
        }
        if object["window"] != nil {
            throw fail([.key("variants"), .index(index), .key("window")], "the window is a sweep axis: set it in sweep.window")
        }
        object[Self.matchStateKey] = nil  // study-level settings (stateMatchedWindow, the entry's name), not part of the variant
        object[Self.variantNameKey] = nil
        // the entry's study-level keys are listed among the allowed ones in an unknown-key error
        func decode(_ v: JSONValue) throws -> AnyAttentionConfig {
            try ConfigKeys.$entryKeys.withValue(ConfigKeys.entryKeys.union([Self.matchStateKey, Self.variantNameKey])) { try v.decode(AnyAttentionConfig.self) }
        }
        var withWindow: DecodingError? = nil  // why the config with the window did not decode
        if let w = window {
            object["window"] = .int(w)
            do { return (try decode(.object(object)), .object(object), true) } catch let e as DecodingError { withWindow = e }
            object["window"] = nil
        }
        do {
            let c = try decode(.object(object))
            return (c, .object(object), false)
        } catch let e as DecodingError {
            var err = Self.error(from: e, file: file, root: root, prefix: [.key("variants"), .index(index)])
            if err.key.hasSuffix(".window") || err.message.contains("window") {
                // the kind takes a window: the reason is what failed with it (e.g. a bad key beside it)
                if let first = withWindow { throw Self.error(from: first, file: file, root: root, prefix: [.key("variants"), .index(index)]) }
                err = fail([.key("sweep"), .key("window")], "variant \(object["kind"]?.stringValue ?? "?") needs a window: add sweep.window or sweep.window_fraction")
            }
            throw err
        }
    }

    /// `match_state_of` in a variant entry (`{kind: sliding_window, match_state_of: rattention}`):
    /// the entry runs beside each window W of the named kind at the window whose decode state
    /// equals that kind's at W (`stateMatchedWindow`), labelled `state_matched` = the kind.
    static let matchStateKey = "match_state_of"

    /// `name` in a variant entry (`{kind: rattention, linear_branch: off, name: norm_only}`): tells
    /// apart two entries of the same kind (an ablation beside the plain variant); its runs carry the
    /// label `variant_name` = the name, and the key in their config.
    static let variantNameKey = "name"

    /// The name of variant entry `index` (`name`), or nil.
    func variantName(_ index: Int) -> String? { variants[index][Self.variantNameKey]?.stringValue }

    /// The index of the entry of `variants` of kind `kind` that is neither state-matched nor named
    /// (what `match_state_of` and a compare reference name), or nil.
    func plainVariantIndex(kind: String) -> Int? {
        variants.indices.first { variants[$0]["kind"]?.stringValue == kind && stateMatchTarget($0) == nil && variantName($0) == nil }
    }

    /// The kind variant `index` is state-matched to (`match_state_of`), or nil.
    func stateMatchTarget(_ index: Int) -> String? { variants[index][Self.matchStateKey]?.stringValue }

    /// The length at which decode states are compared for `match_state_of`: beyond every window a
    /// study can sweep, so every ring is full and W′ depends on w alone (a global layer's cache,
    /// the same in both stacks, cancels out of the comparison).
    static let stateMatchLength = 1 << 24

    /// The smallest window W′ ≥ 0 at which variant `index` keeps at least the decode state bytes of
    /// the variant `kind` at window `w` (`ModelConfig.stateBytes` at `stateMatchLength`). The state
    /// grows with the window, so W′ is found by bisection over [0, longest length of the study):
    /// O(log T) state counts. Throws when `kind` is not a listed windowed kind, when this variant
    /// keeps more state even at window 0 (nothing to match), or when no window shorter than the
    /// study's longest length matches.
    func stateMatchedWindow(variant index: Int, to kind: String, window w: Int) throws -> Int {
        let path: [PathComponent] = [.key("variants"), .index(index), .key(Self.matchStateKey)]
        guard let target = plainVariantIndex(kind: kind) else {
            let listed = variants.contains { $0["kind"]?.stringValue == kind }
            throw fail(path, listed ? "variants list \(kind) only as a named or state-matched entry: match_state_of needs an entry of kind \(kind) without name and match_state_of"
                                    : "'\(kind)' is not a kind listed in variants (without match_state_of)")
        }
        let (goal, _, takes) = try modelConfig(variant: target, window: w, vocab: 256)
        guard takes else { throw fail(path, "variant \(kind) takes no window: there is no window to match") }
        let bytes = goal.stateBytes(sequenceLength: Self.stateMatchLength)
        func state(_ candidate: Int) throws -> Int {
            let (c, _, takesToo) = try modelConfig(variant: index, window: candidate, vocab: 256)
            guard takesToo else { throw fail(path, "this variant takes no window: it cannot be state-matched") }
            return c.stateBytes(sequenceLength: Self.stateMatchLength)
        }
        let where_ = sweep.trainLength.count == 1 ? " (train length \(sweep.trainLength[0]))" : ""
        let lowest = try state(0)
        if lowest > bytes {
            throw fail(path, "even at window 0 this variant keeps \(lowest) state bytes, more than \(kind)'s \(bytes) at window \(w)\(where_): "
                       + "there is no window with the same state")
        }
        let limit = allLengths.max() ?? w + 1  // a window ≥ every length is full attention
        guard try state(limit - 1) >= bytes else {
            throw fail(path, "no window below \(limit) tokens keeps the \(bytes) state bytes of \(kind) at window \(w)\(where_)")
        }
        var (lo, hi) = (0, limit - 1)  // state(hi) ≥ bytes; the answer is in [lo, hi]
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if try state(mid) >= bytes { hi = mid } else { lo = mid + 1 }
        }
        return lo
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

/// A window as a fraction of the train length, written `n/d` (`1/64`): at train length L the
/// window is L·n/d tokens, defined only when that is a whole number ≥ 1 (a window W attends to
/// W+1 keys, docs/conventions.md).
public struct WindowFraction: Decodable, Sendable, Hashable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    public init(numerator: Int, denominator: Int) { self.numerator = numerator; self.denominator = denominator }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let d = Int(parts[1].trimmingCharacters(in: .whitespaces)), n >= 1, d > n else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                   debugDescription: "'\(text)' is not a fraction n/d with 1 ≤ n < d, e.g. 1/64"))
        }
        numerator = n; denominator = d
    }

    /// The window at train length `L`, or nil when L·n/d is not a whole number ≥ 1.
    public func window(trainLength L: Int) -> Int? {
        let (product, overflow) = L.multipliedReportingOverflow(by: numerator)
        guard !overflow, product % denominator == 0, product / denominator >= 1 else { return nil }
        return product / denominator
    }

    public var description: String { "\(numerator)/\(denominator)" }
}
