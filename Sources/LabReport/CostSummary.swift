// The generated statements about cost (notebook section `cost-summary`), a pure function of the bench
// rows, so that no hand-written sentence has to restate them:
// - break-even with the reference: for every configuration other than full attention (same grouping
//   labels and kernel) and every throughput mode (train, prefill, decode), the shortest measured length
//   from which its median tokens/s exceeds full attention's at that length and at every longer measured
//   length ("faster from T = …"), with the ratio there and at the longest length;
// - where a study runs state-matched configurations (`state_matched` label): each configuration
//   they were matched to against the same window and the same decode state (`stateMatched`);
// - measured vs analytic decode-state bytes: how many bench rows agree exactly, and the largest
//   relative difference where they do not.
// Medians: over the observations of one configuration, kernel and length (repeated bench rounds).
import Foundation
import LabResults

public enum CostSummary {
    /// The throughput modes, their metric and their word.
    static let modes: [(metric: String, word: String)] = [
        (MetricName.tokensPerSecond("train"), "train"), (MetricName.tokensPerSecond("prefill"), "prefill"), (MetricName.tokensPerSecond("decode"), "decode"),
    ]

    /// Where a configuration's throughput overtakes the reference's along the measured lengths.
    public enum BreakEven: Equatable, Sendable {
        /// Faster at every measured length.
        case always
        /// Faster from this length on (slower at the one before: `after`), and also at the shorter
        /// lengths `alsoAt` (crossings back and forth below the break-even; usually ties within noise).
        case from(length: Int, after: Int, alsoAt: [Int])
        /// Not faster at the longest measured length.
        case never
    }

    /// The break-even of ratios (configuration ÷ reference) at ascending lengths.
    public static func breakEven(_ ratios: [(length: Int, ratio: Double)]) -> BreakEven {
        let r = ratios.sorted { $0.length < $1.length }
        guard let last = r.last, last.ratio > 1 else { return .never }
        // the suffix of lengths at which the configuration is faster
        var start = r.count - 1
        while start > 0, r[start - 1].ratio > 1 { start -= 1 }
        if start == 0 { return .always }
        return .from(length: r[start].length, after: r[start - 1].length, alsoAt: r[..<start].filter { $0.ratio > 1 }.map(\.length))
    }

    struct Key: Hashable { var config: RunConfig; var kernel: String? }

    /// Median of `metric` per (configuration, kernel) and length, over the bench rows.
    static func medians(_ d: ReportData, _ metric: String) -> [Key: [Int: Double]] {
        var values: [Key: [Int: [Double]]] = [:]
        for o in d.observations(metric, kind: "bench") {
            guard let L = o.length else { continue }
            values[Key(config: o.config, kernel: o.kernel), default: [:]][L, default: []].append(o.value)
        }
        return values.mapValues { $0.compactMapValues { Stat.of($0.filter(\.isFinite))?.median } }
    }

    static func text(_ b: BreakEven, _ ratios: [Int: Double]) -> String {
        func x(_ L: Int) -> String { ratios[L].map { String(format: "%.2f×", $0) } ?? "–" }
        switch b {
        case .always: return "faster at every length (\(x(ratios.keys.min()!)) at \(Fmt.num(Double(ratios.keys.min()!))))"
        case let .from(L, after, also):
            return "faster from \(Fmt.num(Double(L))) (\(x(L)); \(x(after)) at \(Fmt.num(Double(after))))"
                + (also.isEmpty ? "" : "; also at " + also.map { "\(Fmt.num(Double($0))) (\(x($0)))" }.joined(separator: ", "))
        case .never: return "not faster (\(x(ratios.keys.max()!)) at \(Fmt.num(Double(ratios.keys.max()!))))"
        }
    }

    /// The configurations a state-matched one was matched to, each against the same-window
    /// configuration of the state-matched one's variant ("same window") and against the
    /// state-matched one ("same state"): for every accuracy row labelled `state_matched` = V and
    /// `window_fraction` = f, the configuration of variant V with the same labels and f is the
    /// subject (its window W); the state-matched configuration's variant at window W, without the
    /// label, is the same-window partner. Bench rows carry neither f nor the training recipe, so
    /// the three are joined on variant, window and the remaining labels. Cells: the ratio of median
    /// tokens/s (subject ÷ partner) min–max over the lengths both were measured at; decode-state
    /// bytes (analytic) at the longest such length. Empty when no row carries `state_matched`.
    static func stateMatched(_ d: ReportData, present: [(metric: String, word: String)], perMode: [[Key: [Int: Double]]]) -> String {
        func benchConfig(_ labels: [String: String]) -> RunConfig { RunConfig(labels: labels).benchKey }
        struct Triple: Hashable { var subject: RunConfig; var sameWindow: RunConfig; var sameState: RunConfig }
        let accuracy = d.okRows.filter { $0.kind != "bench" }
        var triples = Set<Triple>()
        for r in accuracy {
            guard let kind = r.labels["state_matched"], r.labels["window_fraction"] != nil else { continue }
            var wanted = r.labels
            wanted["state_matched"] = nil; wanted["variant"] = kind; wanted["window"] = nil
            let drop: Set<String> = ["window", "seed", "task"]
            guard let partner = accuracy.first(where: { p in
                p.labels["state_matched"] == nil && p.labels.filter { !drop.contains($0.key) } == wanted.filter { !drop.contains($0.key) }
            }) else { continue }
            let stateMatched = benchConfig(r.labels), subject = benchConfig(partner.labels)
            var sameWindow = stateMatched
            sameWindow.window = subject.window
            sameWindow.groups["state_matched"] = nil
            triples.insert(Triple(subject: subject, sameWindow: sameWindow, sameState: stateMatched))
        }
        guard !triples.isEmpty else { return "" }
        let state = medians(d, MetricName.stateBytes)
        let kernels = Set(perMode.flatMap { $0.keys.compactMap(\.kernel) }).sorted()
        func describe(_ c: RunConfig) -> RunConfig { RunConfig(variant: c.variant, window: c.window, groups: c.groups, about: d.variants[c.variant]) }
        func range(_ mine: [Int: Double]?, _ theirs: [Int: Double]?) -> (text: String, lengths: [Int]) {
            guard let mine, let theirs else { return ("–", []) }
            let ratios = mine.compactMap { L, v in theirs[L].flatMap { $0 > 0 ? (L, v / $0) : nil } }.sorted { $0.0 < $1.0 }
            guard let lo = ratios.map(\.1).min(), let hi = ratios.map(\.1).max() else { return ("–", []) }
            return (abs(hi - lo) < 0.005 ? String(format: "%.2f×", lo) : String(format: "%.2f–%.2f×", lo, hi), ratios.map(\.0))
        }
        var lines: [String] = [], lengths = Set<Int>()
        for t in triples.sorted(by: { $0.subject != $1.subject ? $0.subject < $1.subject : $0.sameState < $1.sameState }) {
            for k in kernels {
                let subject = Key(config: t.subject, kernel: k)
                guard perMode.contains(where: { $0[subject] != nil }) else { continue }
                for (partner, word) in [(t.sameWindow, "same window"), (t.sameState, "same state")] {
                    let other = Key(config: partner, kernel: k)
                    var cells: [String] = []
                    for m in perMode {
                        let r = range(m[subject], m[other])
                        cells.append(r.text); lengths.formUnion(r.lengths)
                    }
                    let bytes: String = {
                        guard let a = state[subject], let b = state[other], let L = Set(a.keys).intersection(b.keys).max(), let x = a[L], let y = b[L], y > 0 else { return "–" }
                        return String(format: "%.2f×", x / y) + " at \(Fmt.num(Double(L)))"
                    }()
                    let names = describe(t.subject).name(showing: t.subject.groups.keys.sorted()) + (kernels.count > 1 ? " (\(k))" : "")
                    lines.append("| \(names) | \(describe(partner).name(showing: partner.groups.keys.sorted())) (\(word)) | " + cells.joined(separator: " | ") + " | \(bytes) |")
                }
            }
        }
        guard !lines.isEmpty else { return "" }
        let span = lengths.isEmpty ? "" : " (measured lengths \(Fmt.num(Double(lengths.min()!)))–\(Fmt.num(Double(lengths.max()!))))"
        var out = ["Against a partner of the same window and of the same decode state: each configuration that a state-matched one "
                   + "(`state_matched` label) was matched to, against the state-matched configuration's variant at the configuration's "
                   + "window (same window) and against the state-matched configuration (same state); ratio = configuration ÷ partner of median "
                   + "tokens/s, min–max over the lengths both were measured at\(span); decode-state bytes (analytic) at the longest of them.\n"]
        out.append("| configuration | against | " + present.map(\.word).joined(separator: " | ") + " | decode-state bytes |")
        out.append("|---|---|" + present.map { _ in "---" }.joined(separator: "|") + "|---|")
        return (out + lines).joined(separator: "\n") + "\n"
    }

    /// The section's Markdown.
    /// - Parameter spec: the study's `compare` block; when given, its reference (e.g. full attention
    ///   in the all-local stack) is what every other configuration is measured against, paired as the
    ///   accuracy comparisons pair it (`Comparisons.pairedReferences`).
    public static func markdown(_ d: ReportData, _ spec: ComparisonSpec? = nil) -> String {
        var out: [String] = []
        let present = modes.filter { d.has($0.metric, kind: "bench") }
        if !present.isEmpty {
            let perMode = present.map { medians(d, $0.metric) }
            var keys = Set<Key>()
            for m in perMode { keys.formUnion(m.keys) }
            func isReference(_ c: RunConfig) -> Bool { spec.map { Comparisons.matches(c, $0.reference) } ?? c.isReference }
            let others = keys.filter { !isReference($0.config) }.sorted { a, b in
                a.config != b.config ? a.config < b.config : (a.kernel ?? "") < (b.kernel ?? "")
            }
            // the declared reference, paired as the accuracy comparisons pair it; without a compare
            // block, full attention with the same labels and kernel, or the one full-attention run
            // when it ran in one stack only (e.g. all-local: an LLLG stack of full layers is the same model)
            func reference(of k: Key) -> Key? {
                let refs = keys.filter { isReference($0.config) && $0.kernel == k.kernel }
                if let spec { return Comparisons.pairedReferences(Array(refs), of: k.config, spec) { $0.config }.min { $0.config < $1.config } }
                return refs.first { $0.config.groups == k.config.groups } ?? (refs.count == 1 ? refs.first : nil)
            }
            var lines: [String] = []
            let kernels = Set(keys.compactMap(\.kernel)).count > 1
            for k in others {
                guard let ref = reference(of: k) else { continue }
                var cells: [String] = []
                for (i, _) in present.enumerated() {
                    guard let mine = perMode[i][k], let theirs = perMode[i][ref] else { cells.append("–"); continue }
                    var ratios: [Int: Double] = [:]
                    for (L, v) in mine { if let f = theirs[L], f > 0 { ratios[L] = v / f } }
                    cells.append(ratios.isEmpty ? "–" : text(breakEven(ratios.map { ($0.key, $0.value) }), ratios))
                }
                var name = k.config.name(showing: k.config.groups.keys.sorted()) + (kernels ? " (\(k.kernel ?? "–"))" : "")
                if ref.config.groups != k.config.groups { name += " vs " + ref.config.name(showing: ref.config.groups.keys.sorted()) }
                lines.append("| \(name) | " + cells.joined(separator: " | ") + " |")
            }
            if !lines.isEmpty {
                let against = spec.map { sp in
                    "the compare block's reference (" + sp.reference.keys.sorted().map { "\($0) \(sp.reference[$0]!)" }.joined(separator: ", ")
                        + "; same kernel; named after \"vs\" where its labels differ)"
                } ?? "full attention (same stack and kernel; where full attention ran in one stack only, that run, named after \"vs\")"
                out.append("Break-even with \(against): the shortest measured context length from which the "
                           + "configuration's median tokens/s exceeds the reference's there and at every longer measured length; "
                           + "ratio = configuration ÷ reference (the length before it in parentheses).\n")
                out.append("| configuration | " + present.map(\.word).joined(separator: " | ") + " |")
                out.append("|---|" + present.map { _ in "---" }.joined(separator: "|") + "|")
                out += lines
                out.append("")
            }
            let matched = stateMatched(d, present: present, perMode: perMode)
            if !matched.isEmpty { out.append(matched) }
        }
        if d.has(MetricName.stateBytes, kind: "bench"), d.has(MetricName.measuredStateBytes, kind: "bench") {
            var analytic: [String: Observation] = [:]
            for o in d.observations(MetricName.stateBytes, kind: "bench") { analytic[o.runID + "/\(o.length ?? 0)"] = o }
            var n = 0, equal = 0
            var worst: (rel: Double, o: Observation, a: Double)? = nil
            for o in d.observations(MetricName.measuredStateBytes, kind: "bench") {
                guard let a = analytic[o.runID + "/\(o.length ?? 0)"] else { continue }
                n += 1
                if o.value == a.value { equal += 1; continue }
                let rel = abs(o.value - a.value) / max(a.value, 1)
                if worst == nil || rel > worst!.rel { worst = (rel, o, a.value) }
            }
            if n > 0 {
                var s = "Decode-state bytes: measured equals analytic in \(equal) of \(n) bench rows"
                if let w = worst {
                    s += "; largest difference \(Fmt.bytes(w.o.value)) measured vs \(Fmt.bytes(w.a)) analytic "
                        + String(format: "(%+.1f %%)", 100 * (w.o.value - w.a) / max(w.a, 1))
                        + " for \(w.o.config.name(showing: w.o.config.groups.keys.sorted())) at \(Fmt.num(Double(w.o.length ?? 0))) tokens"
                }
                out.append(s + ".\n")
            }
        }
        return out.isEmpty ? "_No bench rows: no cost statements._\n" : out.joined(separator: "\n")
    }
}
