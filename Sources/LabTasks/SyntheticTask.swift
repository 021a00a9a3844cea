// What every task is and produces: the `SyntheticTask` protocol, the `Example` it generates, the
// train/validation/test seed split and the errors for lengths a task cannot fill.
//
// One example is one training/evaluation sequence of exactly `length` tokens:
//
//     inputs = prompt + target                      (inputs.count == length)
//     labels[i] = inputs[i+1] where inputs[i+1] is a target token, else -100 (Zoology's ignore index)
//
// so a trainer computes next-token loss/accuracy at the labelled positions only, for RULER-style tasks and MQAR
// alike. For MQAR the whole sequence is the prompt (target is empty) and the labels are Zoology's: the paired
// value at each query key.
import LabCore

/// How an example's output is scored (RULER's `scripts/eval/synthetic/constants.py`, on tokens).
public enum Metric: String, Sendable, Hashable, Codable, CaseIterable {
    /// RULER `string_match_all`: the fraction of answer items found as contiguous subsequences of the output.
    case all
    /// RULER `string_match_part`: 1 if any answer item is found, else 0 (not lm-eval's fraction).
    case part
    /// Zoology's MQAR accuracy: the fraction of labelled positions where the prediction equals the label.
    case positions
}

/// One generated sample: `inputs` (prompt then target), Zoology-style `labels`, and the answer items.
///
/// Worked example (`niah_single_1`, length 128, seed 2³¹, shortened):
///
///     prompt  <bos> the grass is green . … <needle> clever rabbit <is> 8 3 2 9 2 2 5 the grass is green .
///             the sky is <query> clever rabbit <ans>                               (120 tokens)
///     target  8 3 2 9 2 2 5 <eos>                                                  (8 tokens)
///     answers [[8 3 2 9 2 2 5]]                  (as digit tokens)
///     labels  -100 at positions 0…118; position 119 (<ans>) → 8, 120 → 3, …, 126 → <eos>; 127 → -100
public struct Example: Sendable, Hashable {
    /// Registry name of the task, e.g. `"niah_single_1"`.
    public let task: String
    /// Total tokens, `inputs.count`.
    public let length: Int
    /// The seed it was generated from (see `Split`).
    public let seed: UInt64
    /// How outputs for it are scored.
    public let metric: Metric
    /// `[length]` token ids: the prompt followed by the target.
    public let inputs: [Int]
    /// Number of prompt tokens; the target is `inputs[promptLength...]`.
    public let promptLength: Int
    /// `[length]`: the next token to predict where it is a target token (or an MQAR value), else -100.
    public let labels: [Int]
    /// The answer items (RULER's `outputs`), each a token sequence; `all`/`part` look for them in the output.
    public let answers: [[Int]]
    /// Token offsets in `inputs` where the evidence starts: the gold needles (NIAH), the chain statements (VT),
    /// the gold documents (QA), the query keys (MQAR); empty for CWE/FWE, whose evidence is the whole list.
    public let evidence: [Int]

    /// The tokens the model reads, `inputs[..<promptLength]`.
    public var prompt: ArraySlice<Int> { inputs[..<promptLength] }
    /// The tokens the model should produce: the answer items joined by `<sep>`, then `<eos>` (empty for MQAR).
    public var target: ArraySlice<Int> { inputs[promptLength...] }

    /// The ignore label, as in Zoology and PyTorch's cross-entropy.
    public static let ignore = -100

    /// Assembles an example from its prompt and target: `labels[i] = inputs[i+1]` for the positions that
    /// predict a target token.
    init(task: String, length: Int, seed: UInt64, metric: Metric, prompt: [Int], target: [Int],
         answers: [[Int]], evidence: [Int]) {
        var inputs = prompt
        inputs.append(contentsOf: target)
        precondition(inputs.count == length, "\(task): generated \(inputs.count) tokens for length \(length)")
        var labels = [Int](repeating: Example.ignore, count: length)
        for i in max(prompt.count - 1, 0) ..< length - 1 { labels[i] = inputs[i + 1] }
        self.init(task: task, length: length, seed: seed, metric: metric, inputs: inputs,
                  promptLength: prompt.count, labels: labels, answers: answers, evidence: evidence)
    }

    init(task: String, length: Int, seed: UInt64, metric: Metric, inputs: [Int], promptLength: Int,
         labels: [Int], answers: [[Int]], evidence: [Int]) {
        self.task = task; self.length = length; self.seed = seed; self.metric = metric
        self.inputs = inputs; self.promptLength = promptLength; self.labels = labels
        self.answers = answers; self.evidence = evidence
    }

    /// The score in [0, 1] of a model's output under this example's metric.
    ///
    /// - Parameter output: for `all`/`part`, the generated tokens after the prompt (greedy decoding until
    ///   `<eos>` or a budget such as `target.count + 8`); for `positions`, the predicted next token at every
    ///   input position (`[length]`, i.e. argmax of the logits).
    public func score(_ output: [Int]) -> Double {
        switch metric {
        case .all, .part: return metric.score(output: output, answers: answers)
        case .positions: return Scoring.labelledAccuracy(predictions: output, labels: labels)
        }
    }
}

/// Three disjoint seed ranges — training, validation and test data — drawn as Zoology's `data/utils.py` draws
/// its train and test sets.
///
/// Sample `i` of a split uses seed `split.seed(i)`; the generator then mixes in the task name and the length
/// (`SeededGenerator(seed:stream:)`), so one seed gives unrelated examples across tasks and lengths, while a
/// seed of one split can never equal a seed of another (the ranges below do not overlap):
///
///     train       [0,        2³¹)          what the optimiser sees
///     test        [2³¹,      2³²)          what result rows report (the evaluation ladder)
///     validation  [2³²,      2³² + 2³¹)    what stop rules see (target, plateau, the validation curve)
///
/// Validation sits above test so that the train and test seeds (and the golden examples) are those of the
/// original two-way split. Disjoint seeds do not by themselves promise distinct token sequences (two seeds
/// could generate the same example); `Tests/LabTasksTests/SplitTests.swift` checks that they do for every
/// registered task at two lengths.
public enum Split: String, Sendable, CaseIterable {
    /// Seeds `0 ..< 2³¹`.
    case train
    /// Seeds `2³² ..< 2³² + 2³¹`.
    case validation
    /// Seeds `2³¹ ..< 2³²`.
    case test

    /// The split's seeds: `2³¹` of them each.
    public var seeds: Range<UInt64> {
        switch self {
        case .train: return 0 ..< (1 << 31)
        case .test: return (1 << 31) ..< (1 << 32)
        case .validation: return (1 << 32) ..< ((1 << 32) + (1 << 31))
        }
    }

    /// The seed of sample `index` (0-based) of this split: `seeds.lowerBound + index`.
    public func seed(_ index: Int) -> UInt64 {
        precondition(index >= 0 && UInt64(index) < UInt64(seeds.count), "sample index \(index) outside the split")
        return seeds.lowerBound + UInt64(index)
    }

    /// The split names, for usage messages: `train, validation or test`.
    public static let names = "train, validation or test"
}

/// The longest example any task generates: 2^20 tokens.
public let taskMaximumLength = 1 << 20
/// How far `validate(length:)` looks each way for the nearest lengths a task can fill.
public let nearestSearch = 256

/// A request a task cannot satisfy; `description` reads `length 64: cwe needs at least 87 tokens`.
public struct TaskError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The offending argument, e.g. `"length"`, `"task"`.
    public let argument: String
    /// Its value as given.
    public let value: String
    /// Why it is rejected.
    public let reason: String

    /// An error about `argument` (given as `value`) with `reason`.
    public init(argument: String, value: String, reason: String) {
        self.argument = argument; self.value = value; self.reason = reason
    }

    /// `"<argument> <value>: <reason>"`.
    public var description: String { "\(argument) \(value): \(reason)" }

    static func length(_ length: Int, _ reason: String) -> TaskError {
        TaskError(argument: "length", value: "\(length)", reason: reason)
    }
}

/// Whether a task can generate an example of a given length.
public enum LengthCheck: Sendable, Hashable {
    /// An example of this length exists.
    case ok
    /// Shorter than the task's fixed parts (the error then states `minimumLength`).
    case tooShort
    /// Not allowed for another reason, e.g. MQAR's odd lengths.
    case invalid(String)
}

/// A seeded generator of examples at an exact length: one file per generator, one line per configuration in
/// `TaskRegistry.all`.
public protocol SyntheticTask: Sendable {
    /// Registry name, snake_case, e.g. `"niah_multikey_2"`.
    var name: String { get }
    /// Groups that address this task besides its name, e.g. `["ruler", "niah"]`.
    var groups: [String] { get }
    /// How outputs are scored.
    var metric: Metric { get }
    /// Token ids are in `0 ..< vocabularySize` (`Vocabulary.size` for the RULER-style tasks).
    var vocabularySize: Int { get }
    /// One line for `attnlab tasks list`.
    var summary: String { get }
    /// Whether an example of `length` tokens exists; cheap (no generation).
    func check(length: Int) -> LengthCheck
    /// The example of exactly `length` tokens for `seed`; the same on every machine.
    func generate(length: Int, seed: UInt64) throws -> Example
    /// Human-readable tokens (the synthetic vocabulary's words, or MQAR's integers).
    func render(_ tokens: ArraySlice<Int>) -> String
    /// True for the byte-level language-model tasks: every position is labelled, the stop rules read
    /// the validation loss (bits per byte), and rows carry the text metrics (`TextMetrics` names).
    var isLanguageModelling: Bool { get }
    /// Throws a one-line `TaskError` when the task's data is not on this machine (a corpus not
    /// fetched: it names the corpus, its package and the fetch command); generated tasks never throw.
    func checkAvailable() throws
}

extension SyntheticTask {
    public var vocabularySize: Int { Vocabulary.size }

    public var isLanguageModelling: Bool { false }

    public func checkAvailable() throws {}

    /// Whether `checkAvailable()` passes.
    public var isAvailable: Bool { (try? checkAvailable()) != nil }

    public func render(_ tokens: ArraySlice<Int>) -> String { Vocabulary.render(tokens) }

    /// The shortest length `check(length:)` accepts (searched upward; at most 1 << 16).
    public var minimumLength: Int {
        for l in 1 ... (1 << 16) where check(length: l) == .ok { return l }
        return Int.max
    }

    /// Throws `TaskError` (naming the length and the reason) when `check(length:)` rejects `length`
    /// or it exceeds `taskMaximumLength` (2^20 tokens). Below `minimumLength` the reason is the
    /// minimum; above it, a length the generator cannot fill exactly names the nearest lengths it
    /// can (searched at most `nearestSearch` tokens each way), e.g.
    /// `length 47: qa_1 cannot fill exactly 47 tokens; nearest valid lengths 46, 48`.
    public func validate(length: Int) throws {
        guard length <= taskMaximumLength else {
            throw TaskError.length(length, "\(name) generates at most \(taskMaximumLength) tokens (2^20)")
        }
        switch check(length: length) {
        case .ok: return
        case .tooShort:
            let minimum = minimumLength
            guard length > minimum else { throw TaskError.length(length, "\(name) needs at least \(minimum) tokens") }
            let below = (1...nearestSearch).lazy.map { length - $0 }.first { $0 >= minimum && check(length: $0) == .ok }
            let above = (1...nearestSearch).lazy.map { length + $0 }.first { $0 <= taskMaximumLength && check(length: $0) == .ok }
            let near = [below, above].compactMap { $0 }
            throw TaskError.length(length, "\(name) cannot fill exactly \(length) tokens"
                + (near.isEmpty ? "" : "; nearest valid length\(near.count > 1 ? "s" : "") " + near.map(String.init).joined(separator: ", ")))
        case .invalid(let reason): throw TaskError.length(length, reason)
        }
    }

    /// `count` examples of `length` tokens from a split: sample i uses seed `split.seed(first + i)`.
    ///
    /// Worked example, the lab's MQAR recipe (`docs/training.md`: V = 256, L = 128, K = 8):
    ///
    ///     let mqar = try TaskRegistry.task(named: "mqar_v256")            // K = L/16 = 8 at L = 128
    ///     let train = try mqar.examples(20_000, length: 128, split: .train)
    ///     let val = try mqar.examples(1_000, length: 128, split: .validation)  // what stop rules read
    ///     let test = try mqar.examples(1_000, length: 128, split: .test)        // what rows report
    ///     // train[i].inputs: [128] tokens in 0..<256; train[i].labels: [128], 8 values, the rest -100
    public func examples(_ count: Int, length: Int, split: Split, first: Int = 0) throws -> [Example] {
        try validate(length: length)
        return try (0 ..< count).map { try generate(length: length, seed: split.seed(first + $0)) }
    }

    /// The random stream of one example: independent across tasks, lengths and seeds.
    func randomStream(length: Int, seed: UInt64) -> SeededGenerator {
        SeededGenerator(seed: seed, stream: "\(name)/\(length)")
    }
}
