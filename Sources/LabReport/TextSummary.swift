// The generated Answer summary of the byte-level language-model tasks (`lm_*`), a pure function of
// the rows' text metrics (`TextMetrics`): per task and eval length, the configuration with the
// lowest mean test bits per byte (among those with the most seeds), full attention's, and the unigram level (`unigram_bpb`: a model
// that ignores its context), with how far below that level the best model lies. `Summary` hands
// these tasks here instead of ranking them by next-byte accuracy.
import Foundation
import LabResults

public enum TextSummary {
    /// Within this many bits per byte of the unigram level, a model counts as not using its context.
    public static let unigramMargin = 0.05

    /// The tasks whose rows carry `bpb`.
    public static func tasks(_ d: ReportData) -> Set<String> {
        Set(d.observations(TextMetrics.bpb, kind: "accuracy").compactMap(\.task))
    }

    /// The section's Markdown for the language-model tasks ("" when there are none).
    public static func markdown(_ d: ReportData) -> String {
        let obs = d.observations(TextMetrics.bpb, kind: "accuracy").filter { $0.task != nil && $0.length != nil }
        guard !obs.isEmpty else { return "" }
        let stats = ReportData.aggregate(obs) { CellKey(config: $0.config, task: $0.task!, length: $0.length!) }
        let configs = Array(Set(obs.map(\.config))).sorted()
        let keys = ReportData.varyingKeys(configs)
        let s = "Language-model tasks: per task and eval length, the configuration with the lowest mean test bits per byte (`bpb`, "
            + "lower is better; among the configurations with the most seeds there), \(d.referenceKind) attention's, and the unigram level (`unigram_bpb`: a unigram byte model "
            + "fitted on the train split, the level of a model that ignores its context). A configuration within "
            + "\(Fmt.num(unigramMargin)) bits per byte of that level is not using its context. Bits per byte: mean (n seeds), "
            + "or mean ± std (n). The comparisons against the reference are in the Comparisons section.\n\n"
        var lines: [[String]] = []
        for task in ReportData.tasks(obs) {
            let floor = Stat.of(d.observations(TextMetrics.unigramBPB, kind: "accuracy").filter { $0.task == task }.map(\.value).filter(\.isFinite))
            for L in ReportData.distinct(obs.filter { $0.task == task }.map(\.length)) {
                let all = configs.compactMap { c in stats[CellKey(config: c, task: task, length: L)].map { (config: c, bpb: $0) } }
                let (ranked, fewer) = ReportData.mostReplicated(all) { $0.bpb }
                guard let best = ranked.min(by: { $0.bpb.mean < $1.bpb.mean }) else { continue }
                let refs = all.filter(\.config.isReference)
                let refText = refs.isEmpty ? "–" : refs.map { (refs.count > 1 ? Summary.name($0.config, keys) + " " : "") + $0.bpb.formatted() }.joined(separator: "; ")
                // "no configuration uses its context" is about every configuration, fewer seeds or not
                let lowest = all.min(by: { $0.bpb.mean < $1.bpb.mean })!
                let verdict: String
                if let f = floor?.mean {
                    verdict = lowest.bpb.mean > f + unigramMargin
                        ? String(format: "**above the unigram level** (best %.3f worse): no configuration uses its context", lowest.bpb.mean - f)
                        : lowest.bpb.mean >= f - unigramMargin ? "**at the unigram level**: no configuration uses its context"
                        : best.bpb.mean < f - unigramMargin ? String(format: "best %.3f below the unigram level", f - best.bpb.mean)
                        : "below the unigram level only with fewer seeds: \(Summary.name(lowest.config, keys)) "
                            + String(format: "by %.3f (n = %d)", f - lowest.bpb.mean, lowest.bpb.n)
                } else {
                    verdict = "unigram level not recorded"
                }
                lines.append([task, String(L), Summary.name(best.config, keys) + " " + best.bpb.formatted()
                                + ReportData.fewerSeedsNote(fewer, n: best.bpb.n), refText,
                              floor.map { String(format: "%.3f", $0.mean) } ?? "–", verdict])
            }
        }
        return s + Tables.markdown(["task", "eval length", "best configuration (bits per byte)", "reference: \(d.referenceKind) attention",
                                    "unigram", "verdict"], lines, alignRight: 99) + "\n"
    }
}
