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

/// A study-file error: `file:line: key.path: message`.
public struct StudyError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let key: String
    public let message: String
    public var description: String { "\(file):\(line.map(String.init) ?? "?"): \(key): \(message)" }
}

/// The measurements a study can ask for.
public enum MeasurementKind: String, Codable, CaseIterable, Sendable {
    case accuracy, trainThroughput = "train_throughput", prefillThroughput = "prefill_throughput"
    case decodeThroughput = "decode_throughput", memory
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
        /// `auto` (the registry's dispatch) or a softmax-attention kernel name; bench runs only.
        public var kernel: [String] = ["auto"]
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
        public var decaySteps: Int? = nil
        public var weightDecay = 0.1, clip = 1.0
        public var targetAccuracy: Double? = nil
        public var plateau: Int? = nil
        public var evalEvery = 100
        public var checkpointEvery: Int? = nil
        public var trainExamples = 20_000, testExamples = 1_000
        public var threads = 2
        public var parallelism = "batch"
    }

    public struct Eval: Sendable {
        /// nil: the train lengths.
        public var lengths: [Int]? = nil
        public var examples = 100
        /// Also score greedy generations with the task's RULER metric (`all`/`part` tasks).
        public var generate = true
    }

    public struct Bench: Sendable {
        public var lengths: [Int] = []
        public var batch = 1, threads = 2, decodeTokens = 32
        public var budgetSeconds = 2.0
    }

    // MARK: Loading

    public static func load(path: String) throws -> Study {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudyError(file: path, line: nil, key: "(file)", message: "cannot read the study file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws -> Study {
        let node: Node
        do {
            guard let n = try Yams.compose(yaml: text) else {
                throw StudyError(file: file, line: 1, key: "(top level)", message: "the study file is empty")
            }
            node = n
        } catch let e as StudyError {
            throw e
        } catch let e as YamlError {
            throw StudyError(file: file, line: yamlLine(e), key: "(syntax)", message: "YAML syntax error: \(e)")
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

    static func yamlLine(_ e: YamlError) -> Int? {
        let text = "\(e)"
        // Yams prints "<line>:<column>: error: …"
        return text.split(separator: ":").first.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// A StudyError from a decoding error whose coding path starts at `prefix` in the file.
    static func error(from e: DecodingError, file: String, root: Node, prefix: [PathComponent]) -> StudyError {
        var path: [CodingKey] = [], message = describe(e)
        switch e {
        case .dataCorrupted(let c): path = c.codingPath; message = c.debugDescription
        case .keyNotFound(let k, let c): path = c.codingPath + [k]; message = "required key is missing"
        case .typeMismatch(let t, let c): path = c.codingPath; message = "expected \(t)" + (c.debugDescription.isEmpty ? "" : " (\(c.debugDescription))")
        case .valueNotFound(let t, let c): path = c.codingPath; message = "expected \(t), found null"
        @unknown default: break
        }
        let full = prefix + path.map { k -> PathComponent in
            if let i = k.intValue { return .index(i) }
            if k.stringValue.hasPrefix("Index "), let i = Int(k.stringValue.dropFirst(6)) { return .index(i) }
            return .key(k.stringValue)
        }
        return StudyError(file: file, line: locate(full, in: root), key: render(full), message: message)
    }

    public enum PathComponent: Equatable, Sendable { case key(String), index(Int) }

    static func render(_ path: [PathComponent]) -> String {
        if path.isEmpty { return "(top level)" }
        var s = ""
        for c in path {
            switch c {
            case .key(let k): s += (s.isEmpty ? "" : ".") + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }

    /// The line of the deepest node on `path` (a mapping key's own line for a key).
    static func locate(_ path: [PathComponent], in root: Node) -> Int? {
        var node = root
        var line = root.mark?.line
        for c in path {
            switch c {
            case .key(let k):
                guard let m = node.mapping, let pair = m.first(where: { $0.key.string == k }) else { return line }
                line = pair.key.mark?.line ?? line
                node = pair.value
            case .index(let i):
                guard let s = node.sequence, i < s.count else { return line }
                node = s[i]
                line = node.mark?.line ?? line
            }
        }
        return line
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

    public var evalLengths: [Int] { eval.lengths ?? sweep.trainLength }
    public var wantsAccuracy: Bool { measurements.contains(.accuracy) }
    public var benchModes: [ModelBench.Mode] {
        [(MeasurementKind.trainThroughput, ModelBench.Mode.train), (.prefillThroughput, .prefill), (.decodeThroughput, .decode)]
            .filter { measurements.contains($0.0) }.map(\.1)
    }
    public var wantsBench: Bool { !benchModes.isEmpty || (measurements.contains(.memory) && !bench.lengths.isEmpty) }

    /// Every context length a run of this study uses.
    var allLengths: [Int] {
        (wantsAccuracy ? sweep.trainLength + evalLengths : []) + (wantsBench ? bench.lengths : [])
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

    func validate() throws {
        if wantsAccuracy {
            if tasks.isEmpty { throw fail([.key("tasks")], "accuracy is measured but no task is listed") }
            for t in try resolvedTasks() {
                for (i, L) in sweep.trainLength.enumerated() {
                    do { try t.validate(length: L) } catch { throw fail([.key("sweep"), .key("train_length"), .index(i)], "task \(t.name): \(error)") }
                }
                for (i, L) in evalLengths.enumerated() {
                    do { try t.validate(length: L) } catch {
                        throw fail(eval.lengths == nil ? [.key("sweep"), .key("train_length")] : [.key("eval"), .key("lengths"), .index(i)],
                                   "task \(t.name): \(error)")
                    }
                }
                if let v = model["vocab"]?.intValue, v < t.vocabularySize {
                    throw fail([.key("model"), .key("vocab")], "task \(t.name) has vocabulary \(t.vocabularySize), the model only \(v) (omit vocab to use the task's)")
                }
            }
        }
        if wantsBench && bench.lengths.isEmpty {
            throw fail([.key("bench"), .key("lengths")], "throughput is measured but bench.lengths is empty")
        }
        if !wantsAccuracy && !wantsBench { throw fail([.key("measurements")], "nothing to measure") }
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
                }
            }
        }
    }

    /// Each named kernel exists and supports every softmax-attention shape a bench run uses.
    func checkKernels(config c: ModelConfig) throws {
        for (i, name) in sweep.kernel.enumerated() where name != "auto" {
            let kernel: any SoftmaxAttentionKernel
            do { kernel = try KernelRegistry.softmaxAttention(named: name) } catch {
                throw fail([.key("sweep"), .key("kernel"), .index(i)], "\(error) (or auto)")
            }
            guard wantsBench else { continue }
            for layer in c.pattern.layers(depth: c.layers) {
                for T in bench.lengths {
                    let shape = AttentionShape(B: bench.batch, H: c.heads, Hkv: c.kvHeads, T: T, D: c.headDim, window: layer.window)
                    if let reason = kernel.unsupported(shape) {
                        throw fail([.key("sweep"), .key("kernel"), .index(i)], "kernel \(name) does not support \(shape) (\(layer.kind)): \(reason)")
                    }
                }
            }
        }
    }
}

// MARK: - Strict decoding of the file

private func strict(_ decoder: Decoder, _ keys: [String], _ what: String) throws -> KeyedDecodingContainer<AnyCodingKey> {
    try rejectUnknownKeys(decoder, allowed: Set(keys), in: what)
    return try decoder.container(keyedBy: AnyCodingKey.self)
}

private func positive(_ c: KeyedDecodingContainer<AnyCodingKey>, _ decoder: Decoder, _ key: String, _ value: Int, min: Int = 1) throws {
    guard value >= min else {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key)], debugDescription: "must be ≥ \(min), got \(value)"))
    }
}

private struct StudyDecoder: Decodable {
    var name: String, question: String
    var model: [String: JSONValue], pattern: JSONValue
    var variants: [JSONValue]
    var sweep = Study.Sweep(), training = Study.Training(), eval = Study.Eval(), bench = Study.Bench()
    var tasks: [String], measurements: [MeasurementKind]

    init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["name", "question", "model", "variants", "sweep", "training", "tasks", "eval", "measurements", "bench"], "study")
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
    }

    func make(file: String, root: Node) -> Study {
        Study(name: name, question: question, model: model, patternTemplate: pattern, variants: variants, sweep: sweep,
              training: training, tasks: tasks, eval: eval, measurements: measurements, bench: bench, file: file, root: root)
    }
}

private func nonEmptyPositive(_ values: [Int], _ decoder: Decoder, _ key: String, min: Int = 1) throws {
    if values.isEmpty { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key)], debugDescription: "list at least one value")) }
    for (i, v) in values.enumerated() where v < min {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey(key), AnyCodingIndex(i)], debugDescription: "must be ≥ \(min), got \(v)"))
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
        if let v = try c.optional([Int].self, "window") { try nonEmptyPositive(v, decoder, "window", min: 0); value.window = v }
        if let v = try c.optional([UInt64].self, "seed") { value.seed = v }
        if let v = try c.optional([Double].self, "learning_rate") { value.learningRate = v }
        if let v = try c.optional([Int].self, "train_length") { try nonEmptyPositive(v, decoder, "train_length", min: 2); value.trainLength = v }
        if let v = try c.optional([String].self, "kernel") { value.kernel = v }
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
        let c = try strict(decoder, ["steps", "batch", "warmup", "decay_steps", "weight_decay", "clip", "target_accuracy", "plateau",
                                     "eval_every", "checkpoint_every", "train_examples", "test_examples", "threads", "parallelism"], "training")
        var t = Study.Training()
        t.steps = try c.required(Int.self, "steps"); try positive(c, decoder, "steps", t.steps)
        t.batch = try c.optional(Int.self, "batch") ?? t.batch; try positive(c, decoder, "batch", t.batch)
        t.warmup = try c.optional(Int.self, "warmup") ?? t.warmup; try positive(c, decoder, "warmup", t.warmup, min: 0)
        t.decaySteps = try c.optional(Int.self, "decay_steps")
        t.weightDecay = try c.optional(Double.self, "weight_decay") ?? t.weightDecay
        t.clip = try c.optional(Double.self, "clip") ?? t.clip
        t.targetAccuracy = try c.optional(Double.self, "target_accuracy")
        t.plateau = try c.optional(Int.self, "plateau")
        t.evalEvery = try c.optional(Int.self, "eval_every") ?? t.evalEvery; try positive(c, decoder, "eval_every", t.evalEvery)
        t.checkpointEvery = try c.optional(Int.self, "checkpoint_every")
        t.trainExamples = try c.optional(Int.self, "train_examples") ?? t.trainExamples; try positive(c, decoder, "train_examples", t.trainExamples)
        t.testExamples = try c.optional(Int.self, "test_examples") ?? t.testExamples; try positive(c, decoder, "test_examples", t.testExamples)
        t.threads = try c.optional(Int.self, "threads") ?? t.threads; try positive(c, decoder, "threads", t.threads)
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
        let c = try strict(decoder, ["lengths", "examples", "generate"], "eval")
        if let v = try c.optional([Int].self, "lengths") { try nonEmptyPositive(v, decoder, "lengths", min: 2); value.lengths = v }
        value.examples = try c.optional(Int.self, "examples") ?? value.examples; try positive(c, decoder, "examples", value.examples)
        value.generate = try c.optional(Bool.self, "generate") ?? value.generate
    }
}

private struct BenchDecoder: Decodable {
    var value = Study.Bench()
    init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["lengths", "batch", "threads", "decode_tokens", "budget_seconds"], "bench")
        if let v = try c.optional([Int].self, "lengths") { try nonEmptyPositive(v, decoder, "lengths", min: 2); value.lengths = v }
        value.batch = try c.optional(Int.self, "batch") ?? value.batch; try positive(c, decoder, "batch", value.batch)
        value.threads = try c.optional(Int.self, "threads") ?? value.threads; try positive(c, decoder, "threads", value.threads)
        value.decodeTokens = try c.optional(Int.self, "decode_tokens") ?? value.decodeTokens; try positive(c, decoder, "decode_tokens", value.decodeTokens)
        value.budgetSeconds = try c.optional(Double.self, "budget_seconds") ?? value.budgetSeconds
    }
}
