// The generated half of a notebook's Answer (section `answer-summary`), a pure function of the rows:
// per task and eval length, the best configuration by mean accuracy on the eval examples (among the
// configurations with the most seeds), the reference (full
// attention, `RunConfig.isReference`) and the chance level the rows record (`chance_accuracy`: the
// best constant answer's accuracy on the same eval examples, written by the harness for every task
// alike). Where every configuration's mean accuracy is at most `chanceMargin` above chance, it says
// the task sits at chance at that length; where every greedy answer scored 0 it says no configuration
// answered right, whatever the accuracy. Rows written before `chance_accuracy` existed: it says
// the chance level is not recorded and gives no verdict.
import Foundation
import LabResults

public enum Summary {
    /// How far above chance a mean accuracy may lie and still count as chance: max(0.02, 10 % of chance).
    public static func chanceMargin(_ chance: Double) -> Double { max(0.02, 0.1 * chance) }

    /// The verdict's words for a task at chance at a length.
    public static let atChanceWords = "at chance: no configuration learned this task at this length in its budget"

    /// One task at one eval length.
    public struct Cell: Sendable {
        public var task: String
        public var length: Int
        /// Mean of the rows' `chance_accuracy` (nil: no row records it).
        public var chance: Stat?
        /// The configuration with the highest mean accuracy among those with the most seeds (ties:
        /// the first in `RunConfig` order).
        public var best: (config: RunConfig, accuracy: Stat)
        /// How many configurations had fewer seeds than `best` and were not ranked.
        public var fewerSeeds = 0
        /// The reference configurations (full attention) and their accuracy.
        public var references: [(config: RunConfig, accuracy: Stat)]
        /// Every configuration's mean accuracy, highest first.
        public var all: [(config: RunConfig, accuracy: Stat)]
        /// The highest mean `score` (greedy generations, RULER's metric) and its configuration, where rows have it.
        public var bestScore: (config: RunConfig, score: Stat)?

        /// Whether every configuration with a score has the same mean score (then none is "best").
        public var allScoresEqual = false

        /// True when scores are recorded and no configuration's greedy answer was ever right (best mean
        /// score 0): an accuracy above chance then comes from the answer's format (end tokens, digit
        /// positions), not from the task.
        public var noCorrectAnswer: Bool { bestScore.map { $0.score.mean == 0 } ?? false }

        /// true: every configuration is within `chanceMargin` above chance (or below it); nil: no chance level.
        public var atChance: Bool? {
            guard let c = chance?.mean else { return nil }
            return all.allSatisfy { $0.accuracy.mean <= c + Summary.chanceMargin(c) }
        }
    }

    /// The cells of the accuracy rows, by task (numeric-aware order), then eval length.
    public static func cells(_ d: ReportData) -> [Cell] {
        let lm = TextSummary.tasks(d)  // summarised in bits per byte (TextSummary)
        let acc = d.observations(MetricName.accuracy, kind: "accuracy").filter { $0.task != nil && $0.length != nil && !lm.contains($0.task!) }
        let chance = d.observations(MetricName.chanceAccuracy, kind: "accuracy").filter { $0.task != nil && $0.length != nil }
        struct TL: Hashable { var task: String; var length: Int }
        let chanceStats = ReportData.aggregate(chance) { TL(task: $0.task!, length: $0.length!) }
        let stats = ReportData.aggregate(acc) { CellKey(config: $0.config, task: $0.task!, length: $0.length!) }
        let scores = ReportData.aggregate(d.observations(MetricName.score, kind: "accuracy").filter { $0.task != nil && $0.length != nil }) {
            CellKey(config: $0.config, task: $0.task!, length: $0.length!)
        }
        var out: [Cell] = []
        for task in ReportData.tasks(acc) {
            let tobs = acc.filter { $0.task == task }
            let configs = Array(Set(tobs.map(\.config))).sorted()
            for L in ReportData.distinct(tobs.map(\.length)) {
                let all = configs.compactMap { c in stats[CellKey(config: c, task: task, length: L)].map { (config: c, accuracy: $0) } }
                // highest mean first; a stable sort keeps RunConfig order (the reference first) among ties
                let ranked = all.enumerated().sorted { a, b in
                    a.element.accuracy.mean != b.element.accuracy.mean ? a.element.accuracy.mean > b.element.accuracy.mean : a.offset < b.offset
                }.map(\.element)
                let (candidates, fewer) = ReportData.mostReplicated(ranked) { $0.accuracy }
                guard let best = candidates.first else { continue }
                let scored = configs.compactMap { c in scores[CellKey(config: c, task: task, length: L)].map { (config: c, score: $0) } }
                let bestScore = scored.enumerated().max { a, b in
                    a.element.score.mean != b.element.score.mean ? a.element.score.mean < b.element.score.mean : a.offset > b.offset
                }?.element
                var cell = Cell(task: task, length: L, chance: chanceStats[TL(task: task, length: L)], best: best,
                                references: all.filter { $0.config.isReference }, all: ranked, bestScore: bestScore)
                cell.allScoresEqual = scored.count > 1 && Set(scored.map(\.score.mean)).count == 1
                cell.fewerSeeds = fewer
                out.append(cell)
            }
        }
        return out
    }

    /// A configuration in prose: `rattention W=16`, `full`, with the grouping keys that vary (`lllg`, `conv_kernel=0`).
    static func name(_ c: RunConfig, _ keys: [String]) -> String {
        var s = c.variant + (c.window.map { " W=\($0)" } ?? "")
        for k in keys { if let v = c.groups[k] { s += " " + RunConfig.groupText(k, v) } }
        return s
    }

    /// The section's Markdown.
    public static func markdown(_ d: ReportData) -> String {
        let cells = cells(d)
        let text = TextSummary.markdown(d)
        guard !cells.isEmpty else { return text.isEmpty ? "_No accuracy rows: nothing to summarise._\n" : text }
        let keys = ReportData.varyingKeys(Array(Set(cells.flatMap { $0.all.map(\.config) })))
        var s = "Generated from the rows: per task and eval length, the best configuration by mean accuracy on the eval examples "
            + "(among the configurations with the most seeds there), "
            + "the reference (\(d.referenceKind) attention) and the chance level (`chance_accuracy`: the accuracy of the "
            + "best constant answer on the same eval examples). A task is at chance at a length when every configuration's mean "
            + "accuracy is at most max(0.02, 10 % of chance) above it; where scores are recorded and every greedy answer scored 0, "
            + "it says there was no correct answer. Accuracy: mean (n seeds), or mean ± std (n)."
        let hasScore = cells.contains { $0.bestScore != nil }
        if hasScore { s += " Best score: the highest mean `score` (greedy answers, the task's RULER metric) and whose." }
        s += "\n\n"
        var lines: [[String]] = []
        for c in cells {
            let refs = c.references.isEmpty ? "– (no \(d.referenceKind)-attention rows)"
                : c.references.map { (c.references.count > 1 ? name($0.config, keys) + " " : "") + $0.accuracy.formatted() }.joined(separator: "; ")
            let chance = c.chance.map { String(format: "%.3f", $0.mean) } ?? "not recorded"
            let verdict: String
            switch c.atChance {
            case nil: verdict = "chance level not recorded (rows older than `chance_accuracy`)"
            case true?: verdict = "**\(atChanceWords)** (every mean ≤ \(String(format: "%.3f", c.chance!.mean + chanceMargin(c.chance!.mean))))"
            case false? where c.noCorrectAnswer:
                verdict = String(format: "**no correct answer**: every greedy answer scored 0; the accuracy above chance (best +%.3f) comes from the answer's format", c.all[0].accuracy.mean - c.chance!.mean)
            case false? where c.best.accuracy.mean > c.chance!.mean + chanceMargin(c.chance!.mean):
                verdict = String(format: "above chance (best +%.3f)", c.best.accuracy.mean - c.chance!.mean)
            case false?:  // only a configuration with fewer seeds than the best is above chance
                let top = c.all[0]
                verdict = "above chance only with fewer seeds: \(name(top.config, keys)) "
                    + String(format: "+%.3f (n = %d)", top.accuracy.mean - c.chance!.mean, top.accuracy.n)
            }
            var line = [c.task, String(c.length), name(c.best.config, keys) + " " + c.best.accuracy.formatted()
                        + ReportData.fewerSeedsNote(c.fewerSeeds, n: c.best.accuracy.n), refs, chance, verdict]
            if hasScore {
                line.append(c.bestScore.map { b in
                    String(format: "%.3f", b.score.mean) + (c.allScoresEqual ? " (every configuration)" : " (\(name(b.config, keys)))")
                } ?? "–")
            }
            lines.append(line)
        }
        s += Tables.markdown(["task", "eval length", "best configuration (accuracy)", "reference: \(d.referenceKind) attention",
                              "chance", "verdict"] + (hasScore ? ["best score"] : []), lines, alignRight: 99) + "\n"
        // one line per task: where it sits at chance
        for task in ReportData.tasks(d.observations(MetricName.accuracy, kind: "accuracy")) where !TextSummary.tasks(d).contains(task) {
            let tc = cells.filter { $0.task == task }
            let at = tc.filter { $0.atChance == true }.map(\.length)
            let unanswered = tc.filter { $0.atChance != true && $0.noCorrectAnswer }.map(\.length)
            if !unanswered.isEmpty {
                s += "- `\(task)`: no configuration answered any example right at " + unanswered.map { "L=\($0)" }.joined(separator: ", ")
                    + " (best score 0).\n"
            }
            let unknown = tc.filter { $0.atChance == nil }.map(\.length)
            if !unknown.isEmpty {
                s += "- `\(task)`: the chance level is not recorded at " + unknown.map { "L=\($0)" }.joined(separator: ", ")
                    + " (rows written before `chance_accuracy`; rerun the study to record it).\n"
            }
            if at.count == tc.count, !at.isEmpty {
                s += "- `\(task)` sits at chance at every eval length: no configuration learned it in its budget.\n"
            } else if !at.isEmpty {
                s += "- `\(task)` sits at chance at " + at.map { "L=\($0)" }.joined(separator: ", ") + ".\n"
            } else if unknown.count < tc.count, unanswered.isEmpty {
                let best = tc.filter { $0.atChance == false }.max { $0.best.accuracy.mean < $1.best.accuracy.mean }!
                s += "- `\(task)` is above chance at every eval length with a recorded chance level; its best: "
                    + "\(name(best.best.config, keys)) \(best.best.accuracy.formatted()) at L=\(best.length).\n"
            }
        }
        return text.isEmpty ? s : s + "\n" + text
    }
}
