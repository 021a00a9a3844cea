// The notebook's tables, as Markdown, pure functions of the rows. Replicates (seeds) are shown as
// `mean ± std (n)` (`Stat.formatted`); grouping labels that vary become columns.
import Foundation
import LabResults

public enum Tables {
    /// A Markdown table (cells escaped).
    public static func markdown(_ header: [String], _ lines: [[String]], alignRight from: Int = 1) -> String {
        var s = "| " + header.map(Fmt.cell).joined(separator: " | ") + " |\n"
        s += "|" + header.indices.map { $0 >= from ? "---:|" : "---|" }.joined() + "\n"
        for l in lines { s += "| " + l.map(Fmt.cell).joined(separator: " | ") + " |\n" }
        return s
    }

    /// Leading columns of a configuration: variant, window, then each varying grouping key.
    static func configColumns(_ keys: [String]) -> [String] { ["variant", "window"] + keys }
    static func configCells(_ c: RunConfig, _ keys: [String]) -> [String] {
        [c.about.label == c.variant ? c.variant : "\(c.variant) (\(c.about.label))", c.window.map(String.init) ?? "–"]
            + keys.map { c.groups[$0] ?? "–" }
    }

    /// The largest eval length whose mean is at least `threshold` (nil: none).
    public static func effectiveLength(_ means: [Int: Double], threshold: Double) -> Int? {
        means.filter { $0.value >= threshold }.keys.max()
    }

    /// Per task: one line per configuration, one column per eval length (`mean ± std (n)` over
    /// seeds), and the effective length at `threshold`.
    public static func perTask(_ d: ReportData, metric: String = "accuracy", threshold: Double?) -> String {
        let obs = d.observations(metric, kind: "accuracy").filter { $0.task != nil && $0.length != nil }
        guard !obs.isEmpty else { return "" }
        let keys = ReportData.varyingKeys(Array(Set(obs.map(\.config))))
        let stats = ReportData.aggregate(obs) { CellKey(config: $0.config, task: $0.task!, length: $0.length!) }
        var out = ""
        for task in ReportData.tasks(obs) {
            let tobs = obs.filter { $0.task == task }
            let lengths = ReportData.distinct(tobs.map(\.length))
            let configs = Array(Set(tobs.map(\.config))).sorted()
            var lines: [[String]] = []
            for c in configs {
                var means: [Int: Double] = [:]
                var cells = configCells(c, keys)
                for L in lengths {
                    let s = stats[CellKey(config: c, task: task, length: L)]
                    if let s { means[L] = s.mean }
                    cells.append(s?.formatted() ?? "–")
                }
                if let threshold { cells.append(effectiveLength(means, threshold: threshold).map(String.init) ?? "–") }
                lines.append(cells)
            }
            out += "**\(task)**: \(metric) at each eval length, mean ± std (n seeds)\n\n"
            out += markdown(configColumns(keys) + lengths.map { "L=\($0)" } + (threshold.map { ["effective length (≥ \(Fmt.num($0)))"] } ?? []),
                            lines, alignRight: 2 + keys.count) + "\n"
        }
        return out
    }

    /// Over tasks: per configuration and eval length, mean ± std over tasks of the per-task seed
    /// means (n = tasks), and the effective length of the mean. Empty with fewer than two tasks.
    public static func overTasks(_ d: ReportData, metric: String = "accuracy", threshold: Double) -> String {
        let obs = d.observations(metric, kind: "accuracy").filter { $0.task != nil && $0.length != nil }
        let tasks = ReportData.tasks(obs)
        guard tasks.count > 1 else { return "" }
        let keys = ReportData.varyingKeys(Array(Set(obs.map(\.config))))
        let stats = ReportData.aggregate(obs) { CellKey(config: $0.config, task: $0.task!, length: $0.length!) }
        let lengths = ReportData.distinct(obs.map(\.length))
        var lines: [[String]] = []
        for c in Array(Set(obs.map(\.config))).sorted() {
            var cells = configCells(c, keys), means: [Int: Double] = [:]
            for L in lengths {
                let perTask = tasks.compactMap { stats[CellKey(config: c, task: $0, length: L)]?.mean }
                let s = Stat.of(perTask)
                if let s { means[L] = s.mean }
                cells.append(s?.formatted() ?? "–")
            }
            cells.append(effectiveLength(means, threshold: threshold).map(String.init) ?? "–")
            lines.append(cells)
        }
        return "**All tasks**: \(metric), mean ± std over tasks of the seed means (n tasks)\n\n"
            + markdown(configColumns(keys) + lengths.map { "L=\($0)" } + ["effective length (≥ \(Fmt.num(threshold)))"],
                       lines, alignRight: 2 + keys.count) + "\n"
    }

    /// The Pareto frontier points of accuracy against state bytes and against decode and prefill
    /// tokens/s, each with the length its cost was measured at.
    public static func frontiers(_ d: ReportData) -> String {
        var out = ""
        func table(_ sets: [Figures.ParetoSet], xName: String, x: (ParetoPoint) -> String) -> String {
            var lines: [[String]] = []
            for s in sets {
                for p in s.frontier.sorted(by: { $0.x < $1.x }) {
                    lines.append([s.task + (s.split.title.isEmpty ? "" : " (\(s.split.title))"), String(s.length), String(s.costLength), p.label,
                                  x(p), p.accuracy.formatted()])
                }
            }
            return markdown(["task", "eval length", "cost length", "frontier point", xName, "accuracy"], lines, alignRight: 4)
        }
        func lengths(_ sets: [Figures.ParetoSet]) -> String {
            Figures.mixedLengths(sets).map { $0 + " (no bench run at the eval length)" } ?? "cost and accuracy at the same length"
        }
        let bytes = Figures.stateBytesPoints(d)
        if !bytes.isEmpty {
            out += "**Pareto frontier, accuracy vs decode-state bytes** (the points no other point beats on both; seed means; \(lengths(bytes)))\n\n"
            out += table(bytes, xName: "state bytes", x: { Fmt.bytes($0.x) }) + "\n"
        }
        for mode in ["decode", "prefill"] {
            let sets = Figures.throughputPoints(d, mode: mode)
            guard !sets.isEmpty else { continue }
            out += "**Pareto frontier, accuracy vs \(mode) tokens/s** (median over bench rounds [min–max]; \(lengths(sets)))\n\n"
            out += table(sets, xName: "\(mode) tokens/s", x: { $0.cost?.formattedMedian(Fmt.rate) ?? Fmt.rate($0.x) }) + "\n"
        }
        return out
    }

    typealias ParetoPoint = Figures.ParetoPoint

    /// Bench rows: one line per configuration (and kernel) and length.
    public static func bench(_ d: ReportData) -> String {
        let metrics: [(String, String, (Double) -> String)] = [
            (MetricName.tokensPerSecond("train"), "train tok/s", Fmt.rate), (MetricName.tokensPerSecond("prefill"), "prefill tok/s", Fmt.rate),
            (MetricName.tokensPerSecond("decode"), "decode tok/s", Fmt.rate), (MetricName.trainModelFlopsPerSecond, "train FLOP/s", { String(format: "%.3g", $0) }),
            (MetricName.stateBytes, "state bytes", Fmt.bytes), (MetricName.measuredStateBytes, "measured state", Fmt.bytes),
            (MetricName.peakResidentBytes, "peak resident", Fmt.bytes),
        ]
        let obs = d.observations.filter { $0.kind == "bench" && $0.length != nil }
        guard !obs.isEmpty else { return "" }
        let present = metrics.filter { m in obs.contains { $0.name == m.0 } }
        let keys = ReportData.varyingKeys(Array(Set(obs.map(\.config))))
        let kernels = Array(Set(obs.compactMap(\.kernel))).sorted()
        struct K: Hashable { var config: RunConfig; var kernel: String; var length: Int; var metric: String }
        let stats = ReportData.aggregate(obs) { K(config: $0.config, kernel: $0.kernel ?? "", length: $0.length!, metric: $0.name) }
        struct Line: Hashable { var config: RunConfig; var kernel: String; var length: Int }
        let lineKeys = Set(stats.keys.map { Line(config: $0.config, kernel: $0.kernel, length: $0.length) }).sorted { a, b in
            if a.length != b.length { return a.length < b.length }
            if a.config != b.config { return a.config < b.config }
            return a.kernel < b.kernel
        }
        var lines: [[String]] = []
        for l in lineKeys {
            var cells = [String(l.length)] + configCells(l.config, keys) + (kernels.count > 1 ? [l.kernel] : [])
            for m in present {
                cells.append(stats[K(config: l.config, kernel: l.kernel, length: l.length, metric: m.0)].map {
                    $0.formattedMedian(m.2)
                } ?? "–")
            }
            lines.append(cells)
        }
        let header = ["length"] + configColumns(keys) + (kernels.count > 1 ? ["kernel"] : []) + present.map(\.1)
        let timed = stats.filter { [MetricName.tokensPerSecond("train"), MetricName.tokensPerSecond("prefill"), MetricName.tokensPerSecond("decode")].contains($0.key.metric) }
        let rounds = timed.values.map(\.n).max() ?? 1
        let flagged = timed.filter { $0.value.spreadFlagged }.count
        let note = rounds > 1
            ? "Each cell: the median over the bench rounds [min–max] (n rounds); ⚠ marks a spread (max − min)/median above \(Int(Stat.spreadLimit * 100)) %: "
                + "\(flagged) of \(timed.count) throughput points."
            : "One round per point: no spread measured (the study file's `bench.repeats` runs more)."
        return "**Bench**: throughput and memory at each context length" + (kernels.count == 1 ? " (kernel `\(kernels[0])`)" : "")
            + ". " + note + "\n\n" + markdown(header, lines, alignRight: header.count - present.count) + "\n"
    }

    /// Training: per configuration and task, steps trained, steps to the target (runs that reached
    /// it), runs that reached it, and the best validation accuracy.
    public static func training(_ d: ReportData) -> String {
        let names = ["train_steps", "steps_to_target", "best_val_accuracy", "val_loss"]
        let obs = d.observations.filter { $0.kind == "accuracy" && names.contains($0.name) }
        guard !obs.isEmpty else { return "" }
        let keys = ReportData.varyingKeys(Array(Set(obs.map(\.config))))
        struct K: Hashable { var config: RunConfig; var task: String; var metric: String }
        let stats = ReportData.aggregate(obs) { K(config: $0.config, task: $0.task ?? "", metric: $0.name) }
        var runs: [K: Set<String>] = [:]
        for o in obs { runs[K(config: o.config, task: o.task ?? "", metric: o.name), default: []].insert(o.runID) }
        var lines: [[String]] = []
        for task in ReportData.tasks(obs) {
            for c in Array(Set(obs.filter { $0.task == task }.map(\.config))).sorted() {
                func f(_ m: String, _ digits: Int) -> String { stats[K(config: c, task: task, metric: m)]?.formatted(digits: digits) ?? "–" }
                let total = runs[K(config: c, task: task, metric: MetricName.trainSteps)]?.count ?? 0
                let reached = runs[K(config: c, task: task, metric: MetricName.stepsToTarget)]?.count ?? 0
                lines.append([task] + configCells(c, keys) + [f("train_steps", 0), f("steps_to_target", 0), "\(reached)/\(total)",
                                                               f("best_val_accuracy", 3), f("val_loss", 3)])
            }
        }
        return "**Training**: steps trained, steps to the target accuracy (runs that reached it), best validation accuracy and final validation loss, mean ± std (n runs)\n\n"
            + markdown(["task"] + configColumns(keys) + ["train steps", "steps to target", "reached", "best val accuracy", "val loss"],
                       lines, alignRight: 3 + keys.count) + "\n"
    }

    /// Every table of the notebook, in order.
    public static func all(_ d: ReportData, threshold: Double) -> String {
        var parts = [perTask(d, threshold: threshold), overTasks(d, threshold: threshold)]
        if d.has(MetricName.score, kind: "accuracy") {
            parts += [perTask(d, metric: MetricName.score, threshold: threshold), overTasks(d, metric: MetricName.score, threshold: threshold)]
        }
        // language-model tasks: test bits per byte per configuration (no effective length: lower is better)
        if d.has(TextMetrics.bpb, kind: "accuracy") { parts.append(perTask(d, metric: TextMetrics.bpb, threshold: nil)) }
        parts += [frontiers(d), bench(d), training(d)]
        let text = parts.filter { !$0.isEmpty }.joined(separator: "\n")
        return text.isEmpty ? "_No ok rows to tabulate._\n" : text
    }
}
