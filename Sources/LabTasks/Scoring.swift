// Scoring and reporting, RULER's way (`scripts/eval/synthetic/constants.py`, `evaluate.py`, README), on tokens.
//
// Per sample (RULER's strings become token sequences; "substring" becomes "contiguous subsequence"):
//   all   = |{answer items found in the output}| / |answer items|     (recall; 2 of 4 found scores 0.5)
//   part  = 1 if any answer item is found, else 0                       (RULER's, not lm-eval's fraction)
// Each item counts once however often the output repeats it, and duplicate answer items each count.
// A task's score at a length is the mean over samples × 100. Per length, the score is the plain mean over the
// tasks (RULER: 13 tasks, not categories). Over the ladder L1 < … < Ln:
//   Avg          mean over lengths
//   wAvg (inc)   Σ i·s_i / Σ i        (longer lengths weigh more)
//   wAvg (dec)   Σ (n+1−i)·s_i / Σ i
//   effective length = the largest L_j with s_i > threshold for every i ≤ j (none if s_1 ≤ threshold).
// The threshold is RULER's 85.6 (Llama-2-7B at 4K) unless the caller gives another, e.g. the full-attention
// model's score at the shortest length; the report states which.
//
// Worked example (RULER README, Llama3.1-70B, lengths 4K…128K): scores 96.5 95.8 95.4 94.8 88.4 66.6 give
// Avg 89.6, wAvg (inc) 85.5, wAvg (dec) 93.7 and an effective length of 64K (66.6 ≤ 85.6 at 128K).

/// Per-sample scores and sequence helpers.
public enum Scoring {
    /// Whether `item` occurs as a contiguous subsequence of `output` (an empty item never counts).
    /// - Complexity: O(output.count · item.count).
    public static func contains(_ output: [Int], _ item: [Int]) -> Bool {
        guard !item.isEmpty, item.count <= output.count else { return false }
        let first = item[0]
        for start in 0 ... (output.count - item.count) where output[start] == first {
            var j = 1
            while j < item.count && output[start + j] == item[j] { j += 1 }
            if j == item.count { return true }
        }
        return false
    }

    /// RULER `string_match_all` on tokens: the fraction of `answers` found in `output` (0 for no answers).
    public static func all(output: [Int], answers: [[Int]]) -> Double {
        guard !answers.isEmpty else { return 0 }
        return Double(answers.filter { contains(output, $0) }.count) / Double(answers.count)
    }

    /// RULER `string_match_part` on tokens: 1 if any of `answers` is found in `output`, else 0.
    public static func part(output: [Int], answers: [[Int]]) -> Double {
        answers.contains { contains(output, $0) } ? 1 : 0
    }

    /// Zoology's accuracy: the fraction of positions with `labels[i] != -100` where `predictions[i] == labels[i]`.
    /// - Parameters:
    ///   - predictions: `[T]` argmax tokens, one per input position.
    ///   - labels: `[T]`, `Example.labels`.
    public static func labelledAccuracy(predictions: [Int], labels: [Int]) -> Double {
        precondition(predictions.count == labels.count, "predictions and labels differ in length")
        var hits = 0, total = 0
        for (p, l) in zip(predictions, labels) where l != Example.ignore {
            total += 1
            if p == l { hits += 1 }
        }
        return total == 0 ? 0 : Double(hits) / Double(total)
    }

    /// The chance level of `labelledAccuracy` on `labels`: the accuracy of the best constant answer, i.e. the
    /// share of labelled positions (`!= Example.ignore`) whose label is the most frequent label among them
    /// (0 when none is labelled). It reads only the labels, so it holds for every task alike: e.g.
    /// `[5, 5, 7, -100]` gives 2/3. A model at or below it has learned nothing a constant guess does not know.
    public static func constantAnswerAccuracy(labels: [Int]) -> Double {
        var counts: [Int: Int] = [:]
        var total = 0
        for l in labels where l != Example.ignore {
            counts[l, default: 0] += 1
            total += 1
        }
        guard total > 0, let best = counts.values.max() else { return 0 }
        return Double(best) / Double(total)
    }
}

extension Metric {
    /// The per-sample score in [0, 1] of `output` against `answers` for `all` and `part`. `positions` needs the
    /// labels, so it traps here: use `Example.score(_:)`.
    public func score(output: [Int], answers: [[Int]]) -> Double {
        switch self {
        case .all: return Scoring.all(output: output, answers: answers)
        case .part: return Scoring.part(output: output, answers: answers)
        case .positions: preconditionFailure("the positions metric needs labels: use Example.score(_:)")
        }
    }
}

/// The mean score of one task at one length: RULER's per-task number (× 100) and its `Nulls` count.
public struct TaskScore: Sendable, Hashable {
    /// Sum of the per-sample scores in [0, 1].
    public private(set) var total = 0.0
    /// Samples added.
    public private(set) var count = 0
    /// Samples whose output was empty (RULER's `Nulls`).
    public private(set) var nulls = 0

    /// An empty score.
    public init() {}

    /// Adds one sample's score in [0, 1].
    public mutating func add(_ score: Double, emptyOutput: Bool = false) {
        total += score; count += 1
        if emptyOutput { nulls += 1 }
    }

    /// Mean × 100 (0 when no samples were added).
    public var percent: Double { count == 0 ? 0 : 100 * total / Double(count) }
}

/// Per-task, per-length scores (0–100) and RULER's aggregates over tasks and lengths.
public struct ScoreTable: Sendable, Hashable {
    /// RULER's threshold: Llama-2-7B (chat) at 4K.
    public static let rulerThreshold = 85.6

    /// The ladder, ascending.
    public let lengths: [Int]
    /// Task names, in report order.
    public let tasks: [String]
    /// `scores[task][length]` in 0–100.
    public private(set) var scores: [String: [Int: Double]] = [:]

    /// An empty table for `tasks` (report order) at `lengths` (sorted ascending).
    public init(tasks: [String], lengths: [Int]) {
        self.tasks = tasks; self.lengths = lengths.sorted()
    }

    /// Records a task's score (0–100) at a length.
    public mutating func set(_ task: String, length: Int, _ score: Double) {
        precondition(tasks.contains(task) && lengths.contains(length), "\(task)@\(length) is not in the table")
        scores[task, default: [:]][length] = score
    }

    /// The plain mean over tasks at `length`, or nil if a task has no score there.
    public func mean(at length: Int) -> Double? {
        var s = 0.0
        for t in tasks {
            guard let v = scores[t]?[length] else { return nil }
            s += v
        }
        return tasks.isEmpty ? nil : s / Double(tasks.count)
    }

    /// The per-length means, or nil if any is missing.
    public var means: [Double]? {
        let m = lengths.map { mean(at: $0) }
        return m.contains { $0 == nil } ? nil : m.map { $0! }
    }

    /// `Avg.`: the mean over lengths.
    public var average: Double? { means.map { $0.reduce(0, +) / Double($0.count) } }

    /// `wAvg (inc)` (weights 1…n, longer lengths weigh more) or `wAvg (dec)` (weights n…1).
    public func weightedAverage(increasing: Bool) -> Double? {
        guard let m = means else { return nil }
        let n = m.count
        var s = 0.0, w = 0.0
        for (i, v) in m.enumerated() {
            let weight = Double(increasing ? i + 1 : n - i)
            s += weight * v; w += weight
        }
        return s / w
    }

    /// The effective length: the longest length whose mean, and every shorter length's, is above `threshold`.
    /// `nil` when the shortest length already fails; `lengths.last` when all pass (RULER writes "> 128K").
    public func effectiveLength(threshold: Double = rulerThreshold) -> Int? {
        var best: Int?
        for l in lengths {
            guard let m = mean(at: l), m > threshold else { break }
            best = l
        }
        return best
    }

    /// A Markdown table: one row per task, then the per-length mean, then Avg, wAvg inc/dec and the effective
    /// length with its threshold; numbers rounded to 2 decimals as RULER reports them.
    public func markdown(threshold: Double = rulerThreshold) -> String {
        func f(_ x: Double?) -> String { x.map { String(format2: $0) } ?? "–" }
        var out = "| task | " + lengths.map(String.init).joined(separator: " | ") + " |\n"
        out += "|---|" + lengths.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for t in tasks { out += "| \(t) | " + lengths.map { f(scores[t]?[$0]) }.joined(separator: " | ") + " |\n" }
        out += "| **mean** | " + lengths.map { f(mean(at: $0)) }.joined(separator: " | ") + " |\n\n"
        let eff: String
        if let e = effectiveLength(threshold: threshold) {
            eff = e == lengths.last ? "> \(e)" : "\(e)"
        } else {
            eff = lengths.first.map { "< \($0)" } ?? "–"
        }
        out += "Avg \(f(average)) · wAvg (inc) \(f(weightedAverage(increasing: true))) · "
            + "wAvg (dec) \(f(weightedAverage(increasing: false))) · effective length \(eff) "
            + "(threshold \(f(threshold)), score > threshold at it and every shorter length)\n"
        return out
    }
}

extension String {
    /// `x` rounded to 2 decimals, e.g. `89.63` (no Foundation formatting, so identical everywhere).
    init(format2 x: Double) {
        let r = (x * 100).rounded() / 100
        let cents = Int((abs(r) * 100).rounded())
        self = (r < 0 ? "-" : "") + "\(cents / 100)." + (cents % 100 < 10 ? "0" : "") + "\(cents % 100)"
    }
}
