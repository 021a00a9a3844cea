// The checks of a parsed study that no single key can make: impossible combinations, ranges that
// depend on the sweep (the training recipe at every train length and rate), the run count bound,
// memory, kernels and the compare block. Each failure is a `StudyError` at the key to fix.
import Foundation
import LabAttention
import LabKernels
import LabModel
import LabResults
import LabTasks

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

extension Study {
    // MARK: Validation (impossible combinations)

    /// The training options of an accuracy run: the recipe with the swept task, length, seed and
    /// rate, and `batch_tokens / length` sequences per step when the study gives `batch_tokens`.
    func trainOptions(task: String, length: Int, seed: UInt64, learningRate: Double) -> TrainOptions {
        var o = training.options
        o.task = task; o.length = length; o.seed = seed; o.optimizer.learningRate = learningRate
        if let tokens = training.batchTokens { o.batchSize = tokens / length }
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
        let windows = sweep.windowFraction.isEmpty ? sweep.window.count : sweep.windowFraction.count * sweep.trainLength.count
        let perVariant: Double = Double(max(windows, 1)) * (accuracy + benchRuns)
        return combos * Double(variants.count) * perVariant
    }

    func validate() throws {
        try validateStateMatches()
        try validateVariantNames()
        if !sweep.windowFraction.isEmpty {
            if !sweep.window.isEmpty {
                throw fail([.key("sweep"), .key("window_fraction")], "give the windows either as sweep.window or as sweep.window_fraction, not both")
            }
            var seen: [Double: WindowFraction] = [:]
            for (i, f) in sweep.windowFraction.enumerated() {
                for L in sweep.trainLength where f.window(trainLength: L) == nil {
                    throw fail([.key("sweep"), .key("window_fraction"), .index(i)],
                               "\(f) of train length \(L) is not a whole number of tokens ≥ 1")
                }
                if let same = seen[Double(f.numerator) / Double(f.denominator)] {
                    throw fail([.key("sweep"), .key("window_fraction"), .index(i)], "\(f) is the same fraction as \(same): list each once")
                }
                seen[Double(f.numerator) / Double(f.denominator)] = f
            }
            if let c = compare {
                // windows follow the train length: a windowed reference cannot be named by one window
                if c.reference["window"] != nil {
                    throw fail([.key("compare"), .key("reference"), .key("window")],
                               "windows follow the train length in a study with sweep.window_fraction: name the reference without a window (a variant that takes none, e.g. with its pattern)")
                }
                if let kind = c.reference["variant"], let i = plainVariantIndex(kind: kind),
                   try variantConfig(i, window: sweep.windowFraction[0].window(trainLength: sweep.trainLength[0])).takesWindow {
                    throw fail([.key("compare"), .key("reference"), .key("variant")],
                               "variant \(kind) runs at one window per fraction of the train length: compare against a variant that takes no window")
                }
            }
            // each (train length, fraction) is a study with one window: validate those
            for (study, _) in windowFractionCombinations() { try study.validate() }
            try validateSkip()  // over the whole expansion (the per-fraction studies carry no skip)
            return
        }
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
        try validateSkip()
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
                    if let kind = stateMatchTarget(v), let w { _ = try study.stateMatchedWindow(variant: v, to: kind, window: w) }
                    try checkKernels(config: config)
                    do {
                        if wantsAccuracy {
                            let L = sweep.trainLength.max() ?? 0
                            try config.checkMemory(batch: training.batchTokens.map { $0 / max(L, 1) } ?? training.options.batchSize, length: L, training: true)
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

    /// Each `skip` entry names labels the runs carry, values they take, and matches at least one run
    /// (a typo would otherwise skip nothing, silently).
    func validateSkip() throws {
        guard !skip.isEmpty else { return }
        let runs = try expandAll()
        for (i, entry) in skip.enumerated() {
            for key in entry.keys.sorted() {
                let seen = Set(runs.compactMap { $0.labels[key] })
                guard !seen.isEmpty else {
                    throw fail([.key("skip"), .index(i), .key(key)], "no run of this study carries a \(key) label")
                }
                for v in entry[key]! where !seen.contains(where: { Study.sameLabelValue(v, $0) }) {
                    // numbers in numeric order (128 before 512), words after them
                    let listed = seen.sorted { a, b in
                        switch (Double(a), Double(b)) {
                        case let (x?, y?): return x < y
                        case (.some, nil): return true
                        case (nil, .some): return false
                        default: return a < b
                        }
                    }
                    throw fail([.key("skip"), .index(i), .key(key)],
                               "'\(v)' is not a \(key) of this study's runs (\(listed.joined(separator: ", ")))")
                }
            }
            guard runs.contains(where: { Study.matches(entry, $0.labels) }) else {
                throw fail([.key("skip"), .index(i)], "no run carries all of these labels together: the entry skips nothing")
            }
        }
        if runs.allSatisfy(skips) { throw fail([.key("skip")], "these entries cut every run of the study") }
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
        let name = c.reference["variant_name"]
        guard let index = variants.indices.first(where: { variants[$0]["kind"]?.stringValue == variant && variantName($0) == name }) else {
            let named = variants.indices.filter { variants[$0]["kind"]?.stringValue == variant }.compactMap(variantName)
            throw fail([.key("compare"), .key("reference"), .key("variant")], name.map { "variants have no entry of kind \(variant) named \($0)" }
                       ?? (named.isEmpty ? "'\(variant)' is not a kind listed in variants (\(kinds.joined(separator: ", "))): the reference must be one of the study's runs"
                           : "variants list \(variant) only under a name (\(named.joined(separator: ", "))): name one in compare.reference.variant_name"))
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

    /// Each `name` is a word (letters, digits, `_`, `-`), and no two entries share kind,
    /// `match_state_of` and `name`: two such entries would carry the same labels, and the report
    /// would pool their rows as one configuration.
    func validateVariantNames() throws {
        var seen: [String: Int] = [:]
        for (i, v) in variants.enumerated() {
            if let value = v[Self.variantNameKey] {
                let path: [PathComponent] = [.key("variants"), .index(i), .key(Self.variantNameKey)]
                // a word that starts with a letter (so never "-", the report's "no name"), short enough for figure file names
                guard let name = value.stringValue, let first = name.unicodeScalars.first, first.isASCII,
                      CharacterSet.letters.contains(first), name.count <= 40,
                      name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "_" || $0 == "-" }) else {
                    throw fail(path, "expected a word of at most 40 letters, digits, '_' and '-', starting with a letter (quote it if YAML reads it as a number or boolean), e.g. norm_only")
                }
            }
            let kind = v["kind"]?.stringValue ?? "?"
            let identity = [kind, stateMatchTarget(i) ?? "", variantName(i) ?? ""].joined(separator: "\u{1}")
            if let first = seen[identity] {
                // an entry wrong on its own says so first: a mistyped kind or key is not a "duplicate"
                let probe = sweep.window.first ?? sweep.windowFraction.first.flatMap { f in sweep.trainLength.first.flatMap { f.window(trainLength: $0) } }
                for j in [first, i] { _ = try variantConfig(j, window: probe) }
                throw fail([.key("variants"), .index(i)],
                           "entries \(first) and \(i) are both \(kind)\(variantName(i).map { " named \($0)" } ?? ""): "
                           + "give one a distinct `name` (e.g. {kind: \(kind), …, name: ablation}) so that their rows stay apart")
            }
            seen[identity] = i
        }
    }

    /// Each `match_state_of` names, as a string, a kind other than the entry's own.
    func validateStateMatches() throws {
        for (i, v) in variants.enumerated() {
            guard let value = v[Self.matchStateKey] else { continue }
            let path: [PathComponent] = [.key("variants"), .index(i), .key(Self.matchStateKey)]
            guard let kind = value.stringValue else { throw fail(path, "expected the kind to match, e.g. a windowed kind listed in variants") }
            if kind == v["kind"]?.stringValue {
                throw fail(path, "'\(kind)' is this entry's own kind: a state-matched entry matches another kind's state")
            }
        }
    }
}
