// Strict decoding of a study file, section by section: unknown keys, wrong types and
// contradictions within a section are `DecodingError`s whose coding path is the key path in the
// file, so `Study.parse` names their line (StudyErrors.swift). Ranges that depend on the sweep are
// StudyValidation.swift's.
import Foundation
import LabAttention
import LabModel
import LabResults
import Yams

// MARK: - The file

/// The keys of `what` are `keys` (and no other), as a keyed container.
private func strict(_ decoder: Decoder, _ keys: [String], _ what: String) throws -> KeyedDecodingContainer<AnyCodingKey> {
    try rejectUnknownKeys(decoder, allowed: Set(keys), in: what)
    return try decoder.container(keyedBy: AnyCodingKey.self)
}

/// The top level: the sections, and the contradictions between them (a stack given both in
/// `model.pattern` and `sweep.pattern`, a model key both fixed and swept).
struct StudyDecoder: Decodable {
    var name: String, question: String
    var model: [String: JSONValue], pattern: JSONValue
    var variants: [JSONValue]
    var sweep = Study.Sweep(), training = Study.Training(), eval = Study.Eval(), bench = Study.Bench()
    var tasks: [String], measurements: [MeasurementKind]
    var compare: Study.Compare? = nil
    var skip: [[String: [String]]] = []

    init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["name", "question", "model", "variants", "sweep", "training", "tasks", "eval", "measurements", "bench", "compare", "skip"], "study")
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
        sweep = try c.optional(Study.Sweep.self, "sweep") ?? sweep
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
        training = try c.optional(Study.Training.self, "training") ?? training
        eval = try c.optional(Study.Eval.self, "eval") ?? eval
        bench = try c.optional(Study.Bench.self, "bench") ?? bench
        compare = try c.optional(Study.Compare.self, "compare")
        for (i, entry) in (try c.optional([[String: JSONValue]].self, "skip") ?? []).enumerated() {
            let at: [CodingKey] = [AnyCodingKey("skip"), AnyCodingIndex(i)]
            guard !entry.isEmpty else { throw DecodingError.dataCorrupted(.init(codingPath: at, debugDescription: "an empty entry skips every run: name labels, e.g. {train_length: 128, seed: [3, 4]}")) }
            var labels: [String: [String]] = [:]
            for (key, value) in entry {
                let values = value.arrayValue ?? [value]
                let words = values.compactMap(Self.labelText)
                guard !values.isEmpty, words.count == values.count else {
                    throw DecodingError.dataCorrupted(.init(codingPath: at + [AnyCodingKey(key)], debugDescription: "expected a label value or a list of them (a number or a word)"))
                }
                labels[key] = words
            }
            skip.append(labels)
        }
    }

    /// A label value as runs carry it: words as they are, numbers as the expansion prints them.
    static func labelText(_ v: JSONValue) -> String? {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return "\(d)"
        case .bool(let b): return String(b)
        default: return nil
        }
    }

    func make(file: String, root: Node) -> Study {
        Study(name: name, question: question, model: model, patternTemplate: pattern, variants: variants, sweep: sweep,
              training: training, tasks: tasks, eval: eval, measurements: measurements, bench: bench, compare: compare, skip: skip, file: file, root: root)
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

// MARK: - The sections (each decodes over its defaults)

/// `sweep:`: the axes; each list non-empty.
extension Study.Sweep: Decodable {
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try strict(decoder, ["window", "window_fraction", "seed", "learning_rate", "train_length", "kernel", "pattern", "model"], "sweep")
        if let v = try c.optional([Int].self, "window") { try nonEmptyInRange(v, decoder, "window", ConfigLimits.window); window = v }
        if let v = try c.optional([WindowFraction].self, "window_fraction") {
            if v.isEmpty { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("window_fraction")], debugDescription: "list at least one fraction")) }
            windowFraction = v
        }
        if let v = try c.optional([UInt64].self, "seed") { seed = v }
        if let v = try c.optional([Double].self, "learning_rate") { learningRate = v }
        if let v = try c.optional([Int].self, "train_length") { try nonEmptyInRange(v, decoder, "train_length", nil); trainLength = v }
        if let v = try c.optional([KernelSetting].self, "kernel") { kernel = v }
        if let stacks = try c.optional([NamedPattern].self, "pattern") {
            if stacks.isEmpty { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("pattern")], debugDescription: "list at least one stack")) }
            var names = Set<String>()
            for (i, p) in stacks.enumerated() where !names.insert(p.name).inserted {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("pattern"), AnyCodingIndex(i), AnyCodingKey("name")],
                                                       debugDescription: "stack name '\(p.name)' is used twice"))
            }
            pattern = stacks.map { ($0.name, $0.pattern, $0.variants) }
        }
        if let m = try c.optional([String: [JSONValue]].self, "model") {
            for key in m.keys.sorted() {
                let path = decoder.codingPath + [AnyCodingKey("model"), AnyCodingKey(key)]
                if key == "pattern" { throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "sweep layer stacks with sweep.pattern")) }
                if !ModelConfig.keys.contains(key) {
                    throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "unknown key '\(key)': not a model config key (known: \(ModelConfig.keys.sorted().joined(separator: ", ")))"))
                }
                if m[key]!.isEmpty { throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "list at least one value")) }
                model.append((key, m[key]!))
            }
        }
        for (key, n) in [("seed", seed.count), ("learning_rate", learningRate.count), ("kernel", kernel.count)] where n == 0 {
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

/// `training:`: the trainer's recipe (`TrainOptions(recipe:)`: its keys, defaults and the
/// parallelism check), and the two study-only keys, `batch_tokens` and `checkpoint_every`.
extension Study.Training: Decodable {
    /// The keys of `training:` that are the study's, not the trainer's.
    static let studyKeys = ["batch_tokens", "checkpoint_every"]

    public init(from decoder: Decoder) throws {
        let c = try strict(decoder, TrainOptions.recipeSettings.map { $0.recipeKey! } + Self.studyKeys, "training")
        // ranges: TrainOptions.validate (Study.validate), the one check of the recipe
        self.init(options: try TrainOptions(recipe: decoder))
        batchTokens = try c.optional(Int.self, "batch_tokens")
        if batchTokens != nil, try c.optional(Int.self, "batch") != nil {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("batch_tokens")],
                                                    debugDescription: "give batch (sequences) or batch_tokens (tokens per step), not both"))
        }
        checkpointEvery = try c.integer("checkpoint_every", in: StudyLimits.checkpointEvery)
    }
}

/// `eval:`: the lengths (or multiples of the train length) and examples of the evaluation ladder.
extension Study.Eval: Decodable {
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try strict(decoder, ["lengths", "multiples", "examples", "generate"], "eval")
        if let v = try c.optional([Int].self, "lengths") { try nonEmptyInRange(v, decoder, "lengths", StudyLimits.length); lengths = v }
        if let v = try c.optional([Int].self, "multiples") {
            try nonEmptyInRange(v, decoder, "multiples", 1...1024)
            guard lengths == nil else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("multiples")],
                                                        debugDescription: "give lengths or multiples (of each run's train length), not both"))
            }
            multiples = v
        }
        examples = try c.integer("examples", in: StudyLimits.evalExamples) ?? examples
        generate = try c.optional(Bool.self, "generate") ?? generate
    }
}

/// `bench:`: the throughput and memory runs.
extension Study.Bench: Decodable {
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try strict(decoder, ["lengths", "batch", "threads", "decode_tokens", "budget_seconds", "repeats"], "bench")
        if let v = try c.optional([Int].self, "lengths") { try nonEmptyInRange(v, decoder, "lengths", StudyLimits.length); lengths = v }
        batch = try c.integer("batch", in: StudyLimits.benchBatch) ?? batch
        threads = try c.integer("threads", in: StudyLimits.threads) ?? threads
        decodeTokens = try c.integer("decode_tokens", in: StudyLimits.decodeTokens) ?? decodeTokens
        budgetSeconds = try c.number("budget_seconds", in: StudyLimits.budgetSeconds) ?? budgetSeconds
        repeats = try c.integer("repeats", in: StudyLimits.benchRepeats) ?? repeats
    }
}

/// `compare: {reference: {variant: full}, metric: accuracy, lower_is_better: false, margin: 0.01, lengths: [128]}`.
extension Study.Compare: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try strict(decoder, ["reference", "metric", "lower_is_better", "margin", "lengths"], "compare")
        let reference = try c.required(ReferenceDecoder.self, "reference")
        let metric = try c.required(String.self, "metric")
        if metric.isEmpty || metric.contains(where: \.isWhitespace) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("metric")], debugDescription: "metric '\(metric)': name a metric the rows carry, e.g. accuracy"))
        }
        guard let margin = try c.number("margin", in: StudyLimits.compareMargin) else {
            throw DecodingError.keyNotFound(AnyCodingKey("margin"), .init(codingPath: decoder.codingPath, debugDescription: "missing key 'margin': the equivalence margin, in the metric's unit"))
        }
        self.init(reference: reference.labels, metric: metric, margin: margin)
        lowerIsBetter = try c.optional(Bool.self, "lower_is_better") ?? false
        if let v = try c.optional([Int].self, "lengths") { try nonEmptyInRange(v, decoder, "lengths", StudyLimits.length); lengths = v }
    }
}

/// `compare.reference`: the labels of the reference runs: `{variant: full}`,
/// `{variant: sliding_window, window: 64}`, or any swept label (`pattern`, `learning_rate`,
/// `kernel`), e.g. `{pattern: uniform}` or `{learning_rate: 0.003}`; `variant_name` picks a
/// named variant entry (`{variant: rattention, variant_name: norm_only}`).
private struct ReferenceDecoder: Decodable {
    static let keys = ["variant", "variant_name", "window", "pattern", "learning_rate", "kernel"]
    var labels: [String: String] = [:]
    init(from decoder: Decoder) throws {
        let c = try strict(decoder, Self.keys, "compare.reference")
        if let v = try c.optional(String.self, "variant") { labels["variant"] = v }
        if let w = try c.integer("window", in: ConfigLimits.window) { labels["window"] = String(w) }
        if let n = try c.optional(String.self, "variant_name") {
            guard labels["variant"] != nil else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyCodingKey("variant_name")],
                    debugDescription: "name the entry's kind too: {variant: KIND, variant_name: \(n)}"))
            }
            labels["variant_name"] = n
        }
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
