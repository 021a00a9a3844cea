// The figures of a study, as pure functions of its rows: each a data file and a gnuplot script
// (Script.swift); `Plotter` writes them and runs gnuplot. The style table (colour per variant,
// marker per stack, dash per kernel, titles of metrics in words) is Style.swift. Which figures the
// rows support:
// - accuracy-vs-window.TASK: accuracy against window per variant (and kernel), a panel per eval
//   length, error bars min..max over seeds, full attention as a line with its min..max over seeds
//   as a band (the reference: the variant whose rows' description says so), a windowless variant
//   (linear only) at W = −1, MQAR's reach ceiling (`MetricName.reachCeiling`) as a dashed line in
//   the colour of the variant whose description lists it (sliding window);
// - on every accuracy panel (accuracy vs window, the Pareto figures): the reference marks
//   (`AccuracyMarks`): the chance level where the rows carry `chance_accuracy`, the training target
//   where the runs had one, and the equivalence band (the declared comparison's reference mean ±
//   margin) at the compared lengths; the y range is zoomed to the data and these marks (a chance
//   level far below says so in the key instead of stretching the axis);
// - pareto-state-bytes.TASK, pareto-decode.TASK, pareto-prefill.TASK: accuracy at eval length L
//   against decode-state bytes at L, and against decode or prefill tokens/s measured at L (bench
//   runs at L; where the rows have none, at the largest bench length measured for the most
//   configurations, and the panel title and the caption say "cost at B tokens, accuracy at L");
//   points numbered, with a key panel naming each number; the frontier (`Pareto.frontier` of the
//   seed means against the median cost) as a step line; one frontier over all configurations (not
//   split on grouping labels: which pattern or recipe wins is the point of the figure);
// - throughput-vs-length, memory-vs-length: bench metrics against context length, log-log, the
//   median over rounds with min..max bars;
// - heatmap-accuracy (and heatmap-score): task × eval length, a panel per variant/window;
// - curves.TASK: validation loss and accuracy against training step, a line per run.
// The other figures are split on the grouping labels that vary (pattern, conv_kernel, …): the
// split's values end the file name (`accuracy-vs-window.mqar_v256.pattern=lllg`).
import Foundation
import LabResults

public enum Figures {
    /// Every figure the rows of `data` support. `command` is the command that writes them (named in
    /// each script's header); `comparison`, the study's declared `compare:` block, draws the
    /// equivalence band on accuracy panels.
    public static func build(_ data: ReportData, command: String, comparison: ComparisonSpec? = nil) -> FigureSet {
        var set = FigureSet()
        let marks = AccuracyMarks(data, comparison)
        for part in [accuracyVsWindow(data, command, marks), paretoStateBytes(data, command, marks),
                     paretoThroughput(data, command, marks, mode: "decode"), paretoThroughput(data, command, marks, mode: "prefill"),
                     benchVsLength(data, command, memory: false), benchVsLength(data, command, memory: true),
                     heatmaps(data, command, metric: MetricName.accuracy), heatmaps(data, command, metric: MetricName.score),
                     curves(data, command), TextFigures.build(data, command: command)] {
            set.figures += part.figures
            set.skipped += part.skipped
        }
        return set
    }

    static let lengthAbout = "Error bars: min..max over seeds; points: the mean."

    // MARK: - Reference marks of accuracy panels

    /// What an accuracy panel draws besides its data: the chance level, the training target and
    /// the equivalence band of the declared comparison.
    struct AccuracyMarks {
        /// The `chance_accuracy` observations.
        var chance: [Observation]
        /// The training target (`target_accuracy` of the accuracy runs' recipe; the largest when
        /// they differ); nil when no run had one.
        var target: Double?
        var comparison: ComparisonSpec?

        init(_ d: ReportData, _ comparison: ComparisonSpec?) {
            chance = d.observations(MetricName.chanceAccuracy, kind: "accuracy")
            target = d.okRows.filter { $0.kind == "accuracy" }.compactMap { $0.config["train"]?["targetAccuracy"]?.doubleValue }.max()
            self.comparison = comparison
        }

        /// The equivalence band on `task` at `length`: the mean of the reference's accuracy rows among
        /// `obs` ± the margin; nil without a comparison on `accuracy` at that length.
        func band(_ obs: [Observation], task: String, length: Int) -> (reference: Double, margin: Double, name: String)? {
            guard let c = comparison, c.metric == MetricName.accuracy, !c.lowerIsBetter, c.lengths?.contains(length) ?? true else { return nil }
            let labels = c.reference.filter { $0.key != "kernel" }
            let refs = obs.filter { o in
                o.name == MetricName.accuracy && o.task == task && o.length == length && Comparisons.matches(o.config, labels)
                    && (c.reference["kernel"].map { o.kernel == $0 } ?? true)
            }
            guard let s = Stat.of(refs.map(\.value).filter(\.isFinite)) else { return nil }
            let name = c.reference.keys.sorted().map { c.reference[$0]! }.joined(separator: " ")
            return (s.mean, c.margin, name)
        }

        /// Adds the marks of one panel (task, length; `obs` and `runs`: the split's) to `file`,
        /// `settings` and `elements`; returns the accuracy values the y range must show (the band,
        /// the target) and the chance level (shown only when the range reaches it: `yRange`).
        func draw(task: String, length: Int, obs: [Observation], runs: Set<String>?, file: inout DataFile,
                  settings: inout [String], elements: inout [String]) -> (values: [Double], chance: Double?) {
            var values: [Double] = []
            if let b = band(obs, task: task, length: length) {
                let sel = file.add("L=\(length) | equivalence band", columns: "reference_mean margin low high",
                                   ["\(Fmt.num(b.reference)) \(Fmt.num(b.margin)) \(Fmt.num(b.reference - b.margin)) \(Fmt.num(b.reference + b.margin))"])
                settings.append("stats data \(sel) using 3 name \"band_low\" nooutput")
                settings.append("stats data \(sel) using 4 name \"band_high\" nooutput")
                elements.insert("'+' using 1:(band_low_min):(band_high_max) with filledcurves fc rgb \(Fmt.q(Style.bandColour)) fs transparent solid 0.35 noborder "
                                + "title \(Fmt.q("equivalent to \(b.name): ±\(Fmt.num(b.margin)) of its mean (declared margin)"))", at: 0)
                values += [b.reference - b.margin, b.reference + b.margin]
            }
            if let t = target {
                elements.append("\(Fmt.num(t)) with lines lc rgb \(Fmt.q(Style.targetColour)) dt 3 lw 1.5 title \(Fmt.q("training target \(Fmt.num(t))"))")
                values.append(t)
            }
            var chanceValue: Double? = nil
            if let line = chanceLine(chance, task: task, length: length, runs: runs, file: &file) {
                settings.append(line.setting)
                elements.append(line.element)
                chanceValue = line.value
            }
            return (values, chanceValue)
        }
    }

    /// The y range of an accuracy panel: the data and `marks` with a margin of 8 % of their span (at
    /// least 0.005), clipped to [0, 1] plus the margin; the chance level joins the range when it lies
    /// within one span below the data (else its key entry says it is below the axis). Returns the
    /// `set yrange` line and whether the chance level is inside.
    static func yRange(_ values: [Double], chance: Double?) -> (setting: String, chanceShown: Bool) {
        var v = values.filter(\.isFinite)
        guard let lo0 = v.min(), let hi0 = v.max() else { return ("set yrange [0:1.05]", true) }
        var chanceShown = chance == nil
        if let c = chance, c >= lo0 - max(hi0 - lo0, 0.05) { v.append(c); chanceShown = true }
        let (lo, hi) = (v.min()!, v.max()!)
        let pad = max((hi - lo) * 0.08, 0.005)
        return ("set yrange [\(Fmt.num(max(lo - pad, -0.02))):\(Fmt.num(min(hi + pad, 1 + pad)))]", chanceShown)
    }

    /// The y range of a close-up around the reference: its min..max over seeds, the marks (band,
    /// target) and the other configurations' values (`data`) within 0.05 of them, padded; nil when
    /// none lies that near, or when the panel's full range (`full`, a `set yrange [lo:hi]` line) is
    /// already no wider than 4 times the close-up's.
    static func closeUp(reference: [Stat], marks: [Double], data: [Double], full: String) -> String? {
        guard !reference.isEmpty else { return nil }
        let core = reference.flatMap { [$0.min, $0.max] } + marks
        let (c0, c1) = (core.min()!, core.max()!)
        let near = data.filter { $0 >= c0 - 0.05 && $0 <= c1 + 0.05 }
        guard !near.isEmpty else { return nil }
        let lo = (near + core).min()!, hi = (near + core).max()!
        let pad = max((hi - lo) * 0.15, 0.002)
        let bounds = full.dropFirst("set yrange [".count).dropLast().split(separator: ":").compactMap { Double($0) }
        guard bounds.count == 2, bounds[1] - bounds[0] > 4 * (hi - lo + 2 * pad) else { return nil }
        return "set yrange [\(Fmt.num(lo - pad)):\(Fmt.num(min(hi + pad, 1 + pad)))]"
    }

    // MARK: - Accuracy against window

    static func accuracyVsWindow(_ d: ReportData, _ command: String, _ marks: AccuracyMarks) -> FigureSet {
        let acc = d.observations(MetricName.accuracy, kind: "accuracy")
        guard !acc.isEmpty else { return FigureSet(skipped: ["accuracy vs window: no accuracy rows"]) }
        guard acc.contains(where: { $0.config.window != nil }) else {
            return FigureSet(skipped: ["accuracy vs window: no run has a window"])
        }
        let ceilings = d.observations(MetricName.reachCeiling, kind: "accuracy")
        var out = FigureSet()
        for split in ReportData.splitsWithReference(acc) {
            for task in ReportData.tasks(split.observations) {
                let obs = split.observations.filter { $0.task == task }
                let lengths = ReportData.distinct(obs.map(\.length))
                // a series per variant and kernel (one kernel: per variant)
                let kernels = ReportData.distinct(obs.map(\.kernel))
                struct VK: Hashable { var config: RunConfig; var kernel: String?; var length: Int }
                let stats = ReportData.aggregate(obs) { o in o.length.map { VK(config: o.config, kernel: kernels.count > 1 ? o.kernel : nil, length: $0) } }
                let configs = Array(Set(obs.map(\.config))).sorted()
                // one series per variant other than the reference, in legend order
                let windowed = uniqueInOrder(configs.filter { !$0.isReference }.map(\.variant))
                guard !windowed.isEmpty else { continue }  // the reference alone: nothing to compare
                let splitRuns = Set(split.observations.map(\.runID))
                let ceil = ceilings.filter { splitRuns.contains($0.runID) && $0.task == task }
                let name = "accuracy-vs-window." + Fmt.fileSafe(task) + split.suffix
                let title = "\(d.study): accuracy vs window, \(task)" + (split.title.isEmpty ? "" : " (\(split.title))")
                var file = DataFile(header: [title, "One block per eval length and variant: " + lengthAbout,
                                             "x: the window's slot on an ordinal axis (window −1: linear only); full attention: drawn as a line and its min..max band."])
                // An ordinal x axis: one slot per window in the study (W = 0 and the linear-only −1
                // have no place on a log axis, and the windows are roughly geometric anyway).
                let xs = ReportData.distinct(configs.filter { !$0.isReference }.map(\.windowAxis))
                let position = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($0.element, $0.offset) })
                let stacks = ReportData.distinct(configs.map { $0.groups["pattern"] })
                var panels: [Panel] = [], closeUps: [Panel] = []
                var drewChance = false, drewTarget = false, drewBand = false, drewFullBand = false
                for L in lengths {
                    var elements: [String] = [], settings: [String] = [], shown: [Double] = []
                    var reference: [Stat] = []
                    for v in windowed {
                        for k in (kernels.count > 1 ? kernels.map { Optional($0) } : [nil]) {
                            let rows = configs.filter { $0.variant == v }.compactMap { c -> (Int, Stat)? in
                                stats[VK(config: c, kernel: k, length: L)].map { (c.windowAxis, $0) }
                            }.sorted { $0.0 < $1.0 }
                            guard !rows.isEmpty else { continue }
                            let first = configs.first { $0.variant == v }!
                            let label = first.about.label + (k.map { " (\($0))" } ?? "")
                            // kernels side by side: each a little off the window's slot, so equal points both show
                            let dodge = k.flatMap { kernels.firstIndex(of: $0) }.map { (Double($0) - Double(kernels.count - 1) / 2) * 0.1 } ?? 0
                            let sel = file.add("L=\(L) | \(v)" + (k.map { " | \($0)" } ?? ""), columns: "x window mean min max std n",
                                               rows.map { "\(Fmt.num(Double(position[$0.0]!) + dodge)) \($0.0) \(Fmt.num($0.1.mean)) \(Fmt.num($0.1.min)) \(Fmt.num($0.1.max)) \(Fmt.num($0.1.std)) \($0.1.n)" })
                            shown += rows.flatMap { [$0.1.min, $0.1.max] }
                            let colour = Style.colour(first, among: configs)
                            let stack = first.groups["pattern"]
                            elements.append("data \(sel) using 1:3:4:5 with yerrorlines lc rgb \(Fmt.q(colour)) pt \(Style.marker(stack: stack, among: stacks)) "
                                            + "dt \(Style.dash(kernel: k, among: kernels)) lw 1.5 title \(Fmt.q(label))")
                        }
                    }
                    // the reach ceiling of the local layers (MQAR), from the rows of the variant whose
                    // description lists it (else any row carrying it), in that variant's colour
                    // (else the first of the palette)
                    let atL = ceil.filter { $0.length == L && $0.config.window != nil }
                    let owner = configs.first { $0.about.extraMetrics.contains(MetricName.reachCeiling) }
                    let fromOwner = atL.filter { $0.config.variant == owner?.variant }
                    let c = ReportData.aggregate(fromOwner.isEmpty ? atL : fromOwner) { $0.config.window }
                    if !c.isEmpty {
                        let csel = file.add("L=\(L) | \(MetricName.reachCeiling)", columns: "x window ceiling",
                                            c.keys.sorted().compactMap { w in position[w].map { "\($0) \(w) \(Fmt.num(c[w]!.mean))" } })
                        let colour = owner.map { Style.colour($0, among: configs) } ?? Style.palette[0]
                        elements.append("data \(csel) using 1:3 with linespoints lc rgb \(Fmt.q(colour)) dt 2 pt 1 title \"SWA reach ceiling (share of queries within the windows' reach)\"")
                        shown += c.values.map(\.mean)
                    }
                    // full attention: its mean as a line and its min..max over seeds as a band
                    let fullStats = (kernels.count > 1 ? kernels.map { Optional($0) } : [nil]).compactMap { k in
                        configs.first(where: \.isReference).flatMap { stats[VK(config: $0, kernel: k, length: L)] }.map { (k, $0) }
                    }
                    for (i, (k, s)) in fullStats.enumerated() {
                        let tag = "full\(i)"
                        let sel = file.add("L=\(L) | \(d.referenceKind)" + (k.map { " | \($0)" } ?? ""), columns: "x mean min max std n",
                                           ["0 \(Fmt.num(s.mean)) \(Fmt.num(s.min)) \(Fmt.num(s.max)) \(Fmt.num(s.std)) \(s.n)"])
                        settings.append("stats data \(sel) using 2 name \"\(tag)\" nooutput")
                        settings.append("stats data \(sel) using 3 name \"\(tag)lo\" nooutput")
                        settings.append("stats data \(sel) using 4 name \"\(tag)hi\" nooutput")
                        let what = "\(d.referenceKind) attention" + (k.map { " (\($0))" } ?? "")
                        if s.n > 1 {
                            drewFullBand = true
                            elements.append("'+' using 1:(\(tag)lo_min):(\(tag)hi_max) with filledcurves fc rgb \"#000000\" fs transparent solid 0.12 noborder "
                                            + "title \"\(what): min..max over \(s.n) seeds\"")
                        }
                        elements.append("\(tag)_mean with lines lc rgb \"#000000\" dt \(Style.dash(kernel: k, among: kernels)) lw 1.5 "
                                        + "title sprintf(\"\(what) mean %.3f\(s.n == 1 ? " (1 seed)" : "")\", \(tag)_mean)")
                        reference.append(s)
                    }
                    guard !elements.isEmpty else { continue }
                    let m = marks.draw(task: task, length: L, obs: split.observations, runs: splitRuns, file: &file, settings: &settings, elements: &elements)
                    drewChance = drewChance || m.chance != nil
                    drewTarget = drewTarget || marks.target != nil
                    drewBand = drewBand || marks.band(split.observations, task: task, length: L) != nil
                    let range = yRange(shown + reference.flatMap { [$0.min, $0.max] } + m.values, chance: m.chance)
                    if let c = m.chance, !range.chanceShown, let i = elements.lastIndex(where: { $0.hasPrefix("chance_mean") }) {
                        elements[i] = chanceBelow(c)
                    }
                    let tics = xs.enumerated().map { $0.element == -1 ? "\"linear only\" \($0.offset)" : "\"\($0.element)\" \($0.offset)" }
                        .joined(separator: ", ")
                    let axes = ["unset logscale x", "set xrange [-0.5:\(Fmt.num(Double(xs.count) - 0.5))]", "set xtics (\(tics))",
                                "set xlabel \"window W (attends to W+1 tokens)\"", "set ylabel \"accuracy (mean over seeds)\""]
                    // the stats lines read the .dat before the y range is set (stats skips values outside it)
                    let stats = ["set autoscale y"] + settings
                    panels.append(Panel(comment: "eval length \(L)", settings: stats + ["set title \"accuracy at \(Fmt.tokens(L)) tokens\"", range.setting]
                                        + axes + ["set key outside below height 1"], elements: elements))
                    // a close-up around the reference where the full range hides its neighbourhood
                    // (0.99 against 0.997 on a 0–1 axis)
                    if let close = closeUp(reference: reference, marks: m.values, data: shown, full: range.setting) {
                        closeUps.append(Panel(comment: "eval length \(L), close-up", settings: stats + [
                            "set title \"close-up near full attention, \(Fmt.tokens(L)) tokens\"", close] + axes + ["unset key"],
                                              elements: elements))
                    }
                }
                panels += closeUps
                guard !panels.isEmpty else { continue }
                let marksText = [drewBand ? "grey band: the declared equivalence margin around the reference" : nil,
                                 drewTarget ? "dotted: the training target" : nil,
                                 drewChance ? "grey dashed: the chance level (best constant answer)" : nil].compactMap { $0 }
                let script = ScriptWriter.render(
                    name: name, title: title,
                    about: ["Accuracy (argmax at the answer positions) against the window, one panel per eval length.",
                            "Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max"
                                + (marksText.isEmpty ? "." : ";"),
                            ] + (marksText.isEmpty ? [] : [marksText.joined(separator: "; ") + "."]),
                    command: command, panels: panels, columns: closeUps.isEmpty ? 3 : max(lengths.count, 1), panelSize: (520, 420), common: ["set grid"])
                out.figures.append(Figure(name: name, title: title,
                                          caption: "Accuracy vs window on \(task), one panel per eval length"
                                            + (closeUps.isEmpty ? "" : " and below it a close-up around full attention")
                                            + "; bars min..max over seeds; full attention as a line" + (drewFullBand ? " with its min..max band" : "")
                                            + (marksText.isEmpty ? "." : "; " + marksText.joined(separator: "; ") + ". The y axis is zoomed to the data."),
                                          data: file.text, script: script))
            }
        }
        return out
    }

    /// The chance level of `task` at `length`: the mean `chance_accuracy` of the rows of `runs` (all
    /// rows when nil), added to `file` as a block `L=length | chance`, with the panel setting that reads
    /// it and the plot element that draws it as a labelled grey dashed line; nil when no row records it.
    static func chanceLine(_ chance: [Observation], task: String, length: Int, runs: Set<String>?,
                           file: inout DataFile) -> (setting: String, element: String, value: Double)? {
        let values = chance.filter { $0.task == task && $0.length == length && (runs?.contains($0.runID) ?? true) }.map(\.value)
        guard let s = Stat.of(values.filter(\.isFinite)) else { return nil }
        let name = "L=\(length) | chance"
        let sel = file.has(name) ? "index " + Fmt.q("[\(name)]")
            : file.add(name, columns: "mean min max n", ["\(Fmt.num(s.mean)) \(Fmt.num(s.min)) \(Fmt.num(s.max)) \(s.n)"])
        return ("stats data \(sel) using 1 name \"chance\" nooutput",
                "chance_mean with lines lc rgb \(Fmt.q(Style.chanceColour)) dt 2 lw 2 title sprintf(\"chance (best constant answer) %.3f\", chance_mean)",
                s.mean)
    }

    /// The chance line's element when the zoomed y range leaves it below the axis: a key entry only.
    static func chanceBelow(_ value: Double) -> String {
        "chance_mean with lines lc rgb \(Fmt.q(Style.chanceColour)) dt 2 lw 2 title sprintf(\"chance (best constant answer) %.3f, below the axis\", chance_mean)"
    }

    // MARK: - Pareto frontiers

    /// A point of a Pareto figure: a configuration (and bench kernel), its cost and its accuracy.
    public struct ParetoPoint: Sendable, Equatable {
        public var config: RunConfig
        public var label: String
        /// The cost: state bytes, or the median tokens/s over a bench point's rounds.
        public var x: Double
        public var accuracy: Stat
        /// The cost's replicates (bench rounds), for min..max bars; nil for an analytic cost.
        public var cost: Stat? = nil
        /// The bench kernel, where the study sweeps several.
        public var kernel: String? = nil
    }

    /// One panel of a Pareto figure: accuracy at eval length `length` on `task` against a cost
    /// measured at `costLength` (equal to `length` unless the rows have no cost there).
    public struct ParetoSet: Sendable {
        public var split: Split
        public var task: String
        public var length: Int
        public var costLength: Int
        public var points: [ParetoPoint]
        public var frontier: [ParetoPoint]
        /// Whether cost and accuracy come from the same context length.
        public var sameLength: Bool { costLength == length }
    }

    /// Accuracy (mean over seeds) against state bytes at each eval length, per task: the points and
    /// the frontier (cheapest first). Shared by the figure and the notebook table. The bytes are the
    /// accuracy rows' own `state_bytes` at that eval length, so cost and accuracy share the length.
    /// Not split on the grouping labels: configurations that differ in them (pattern, conv_kernel,
    /// …) are points of one frontier, labelled with the values that vary (`ratt W16 lllg conv_kernel=3`).
    public static func stateBytesPoints(_ d: ReportData) -> [ParetoSet] {
        let acc = d.observations(MetricName.accuracy, kind: "accuracy")
        let bytes = d.observations(MetricName.stateBytes, kind: "accuracy")
        var out: [ParetoSet] = []
        for split in [Split(values: [], observations: acc)] {
            let runs = Set(split.observations.map(\.runID))
            let b = ReportData.aggregate(bytes.filter { runs.contains($0.runID) }) { o in o.length.map { Key2(config: o.config, length: $0) } }
            let keys = varyingKeysAcross(split)
            for task in ReportData.tasks(split.observations) {
                let obs = split.observations.filter { $0.task == task }
                let stats = ReportData.aggregate(obs) { o in o.length.map { CellKey(config: o.config, task: task, length: $0) } }
                for L in ReportData.distinct(obs.map(\.length)) {
                    let points = Array(Set(obs.map(\.config))).sorted().compactMap { c -> ParetoPoint? in
                        guard let a = stats[CellKey(config: c, task: task, length: L)], let x = b[Key2(config: c, length: L)] else { return nil }
                        return ParetoPoint(config: c, label: c.name(showing: keys), x: x.mean, accuracy: a)
                    }
                    guard !points.isEmpty else { continue }
                    let front = Pareto.frontier(points, x: \.x, .minimize, y: \.accuracy.mean, .maximize)
                    out.append(ParetoSet(split: split, task: task, length: L, costLength: L, points: points, frontier: front))
                }
            }
        }
        return out
    }

    /// Accuracy (mean over seeds) at each eval length L against `<mode>_tokens_per_second` (the
    /// median over a bench point's rounds) measured at L, joining accuracy rows to bench rows on
    /// variant, window and the grouping labels (not the training recipe). Where no bench row has
    /// length L, the cost comes from the fallback length: the largest of those measured for the
    /// most configurations (a study still running must not put one configuration alone on the
    /// frontier), and the set's `costLength` says so. Points of several kernels are labelled with
    /// the kernel.
    public static func throughputPoints(_ d: ReportData, mode: String) -> [ParetoSet] {
        let speedObs = d.observations(MetricName.tokensPerSecond(mode), kind: "bench")
        let coverage = Dictionary(grouping: speedObs.filter { $0.length != nil }, by: { $0.length! }).mapValues { Set($0.map(\.config)).count }
        guard let fallback = coverage.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else { return [] }
        struct BK: Hashable { var config: RunConfig; var kernel: String; var length: Int }
        let speed = ReportData.aggregate(speedObs.filter { $0.length != nil }) { BK(config: $0.config, kernel: $0.kernel ?? "", length: $0.length!) }
        let kernels = Set(speed.keys.map(\.kernel))
        let acc = d.observations(MetricName.accuracy, kind: "accuracy")
        var sets: [ParetoSet] = []
        for split in [Split(values: [], observations: acc)] {
            let keys = varyingKeysAcross(split)
            for task in ReportData.tasks(split.observations) {
                let obs = split.observations.filter { $0.task == task }
                let stats = ReportData.aggregate(obs) { o in o.length.map { CellKey(config: o.config, task: task, length: $0) } }
                for L in ReportData.distinct(obs.map(\.length)) {
                    let B = coverage[L] != nil ? L : fallback
                    var points: [ParetoPoint] = []
                    for c in Array(Set(obs.map(\.config))).sorted() {
                        guard let a = stats[CellKey(config: c, task: task, length: L)] else { continue }
                        for k in kernels.sorted() {
                            guard let s = speed[BK(config: c.benchKey, kernel: k, length: B)] else { continue }
                            let label = c.name(showing: keys) + (kernels.count > 1 ? " \(k)" : "")
                            points.append(ParetoPoint(config: c, label: label, x: s.median, accuracy: a, cost: s, kernel: kernels.count > 1 ? k : nil))
                        }
                    }
                    guard !points.isEmpty else { continue }
                    let front = Pareto.frontier(points, x: \.x, .maximize, y: \.accuracy.mean, .maximize)
                    sets.append(ParetoSet(split: split, task: task, length: L, costLength: B, points: points, frontier: front))
                }
            }
        }
        return sets
    }

    /// `throughputPoints` of decode tokens/s.
    public static func decodePoints(_ d: ReportData) -> [ParetoSet] { throughputPoints(d, mode: "decode") }

    struct Key2: Hashable { var config: RunConfig; var length: Int }

    /// Grouping keys that vary inside a split, for point labels: none, but for the split's own keys
    /// where a reference joined it without them (`splitsWithReference`), which the title names.
    static func varyingKeysAcross(_ split: Split) -> [String] {
        ReportData.varyingKeys(Array(Set(split.observations.map(\.config)))).filter { k in !split.values.contains { $0.key == k } }
    }

    static func paretoStateBytes(_ d: ReportData, _ command: String, _ marks: AccuracyMarks) -> FigureSet {
        guard d.has(MetricName.accuracy, kind: "accuracy") else { return FigureSet(skipped: ["Pareto (state bytes): no accuracy rows"]) }
        guard d.has(MetricName.stateBytes, kind: "accuracy") else {
            return FigureSet(skipped: ["Pareto (state bytes): the accuracy rows have no state_bytes (add `memory` to the study's measurements)"])
        }
        return paretoFigures(stateBytesPoints(d), d, command, marks, kind: "state-bytes", xObjective: .minimize,
                             what: "decode-state bytes", xlabel: "decode state of one sequence (bytes)",
                             xformat: "set format x \"%.0b %BB\"", logX: true)
    }

    /// The Pareto figure of accuracy against `mode` (decode, prefill) tokens/s.
    static func paretoThroughput(_ d: ReportData, _ command: String, _ marks: AccuracyMarks, mode: String) -> FigureSet {
        let metric = MetricName.tokensPerSecond(mode)
        guard d.has(MetricName.accuracy, kind: "accuracy") else { return FigureSet(skipped: ["Pareto (\(mode) tokens/s): no accuracy rows"]) }
        guard d.has(metric, kind: "bench") else {
            return mode == "prefill" ? FigureSet() : FigureSet(skipped: ["Pareto (\(mode) tokens/s): no bench rows with \(metric)"])
        }
        let sets = throughputPoints(d, mode: mode)
        guard !sets.isEmpty else {
            return FigureSet(skipped: ["Pareto (\(mode) tokens/s): no accuracy row matches a bench row on variant, window and grouping labels"])
        }
        return paretoFigures(sets, d, command, marks, kind: mode, xObjective: .maximize,
                             what: "\(mode) tokens/s", xlabel: "\(mode) throughput (tokens/s, median over rounds)",
                             xformat: "set format x \"%.0s%c\"", logX: false)
    }

    /// `cost at 16,384 tokens, accuracy at 128 and 192` for the sets whose cost comes from another
    /// length than their accuracy (by cost length, accuracy lengths ascending); nil when none does.
    static func mixedLengths(_ sets: [ParetoSet]) -> String? {
        let mixed = sets.filter { !$0.sameLength }
        guard !mixed.isEmpty else { return nil }
        return Dictionary(grouping: mixed, by: \.costLength).sorted { $0.key < $1.key }.map { B, group in
            "cost at \(Fmt.tokens(B)) tokens, accuracy at " + Array(Set(group.map(\.length))).sorted().map(Fmt.tokens).joined(separator: " and ")
        }.joined(separator: "; ")
    }

    /// The bounds of a `set yrange [lo:hi]` line.
    static func yValues(_ setting: String) -> (Double, Double) {
        let v = setting.dropFirst("set yrange [".count).dropLast().split(separator: ":").compactMap { Double($0) }
        return v.count == 2 ? (v[0], v[1]) : (0, 1)
    }

    /// `cost at 16,384 tokens, accuracy at 128` when they differ, else `at 128 tokens`.
    static func lengthNote(_ s: ParetoSet) -> String {
        s.sameLength ? "at \(Fmt.tokens(s.length)) tokens" : "cost at \(Fmt.tokens(s.costLength)) tokens, accuracy at \(Fmt.tokens(s.length))"
    }

    static func paretoFigures(_ sets: [ParetoSet], _ d: ReportData, _ command: String, _ marks: AccuracyMarks, kind: String,
                              xObjective: Objective, what: String, xlabel: String, xformat: String, logX: Bool) -> FigureSet {
        var out = FigureSet()
        // one figure per split and task, a panel per eval length, then a key panel
        var order: [String] = []
        var byFigure: [String: [ParetoSet]] = [:]
        for s in sets {
            let key = Fmt.fileSafe(s.task) + s.split.suffix
            if byFigure[key] == nil { order.append(key) }
            byFigure[key, default: []].append(s)
        }
        for key in order {
            let group = byFigure[key]!
            let first = group[0]
            let mixed = group.contains { !$0.sameLength }
            let name = "pareto-\(kind).\(key)"
            let title = "\(d.study): accuracy vs \(what), \(first.task)" + (first.split.title.isEmpty ? "" : " (\(first.split.title))")
                + (mixedLengths(group).map { " (\($0))" } ?? "")
            var file = DataFile(header: [title, "Per eval length: every point (numbered as in the key panel), the labels drawn, then the Pareto frontier (seed means against median cost)."])
            // numbers shared by every panel of the figure: one per configuration (and kernel)
            let everyPoint = group.flatMap(\.points)
            var numberOf: [String: Int] = [:]
            var keyed: [ParetoPoint] = []
            for p in everyPoint.sorted(by: { $0.config != $1.config ? $0.config < $1.config : ($0.kernel ?? "") < ($1.kernel ?? "") })
                where numberOf[p.label] == nil {
                numberOf[p.label] = numberOf.count + 1
                keyed.append(p)
            }
            let configs = Array(Set(everyPoint.map(\.config))).sorted()
            let kernels = ReportData.distinct(everyPoint.map(\.kernel))
            var panels: [Panel] = [], closeUps: [Panel] = []
            var drew = (chance: false, target: false, band: false)
            for s in group {
                var elements: [String] = [], settings: [String] = []
                let numbers = s.points.map { numberOf[$0.label]! }
                let rows = zip(numbers, s.points).map { n, p in
                    "\(n) \(Fmt.num(p.x)) \(Fmt.num(p.cost?.min ?? p.x)) \(Fmt.num(p.cost?.max ?? p.x)) \(Fmt.num(p.accuracy.mean)) "
                        + "\(Fmt.num(p.accuracy.min)) \(Fmt.num(p.accuracy.max)) \(Fmt.dq(p.label))"
                }
                let sel = file.add("L=\(s.length) | points", columns: "number x x_min x_max accuracy_mean accuracy_min accuracy_max label", rows)
                for (i, p) in s.points.enumerated() {
                    let style = Style.line(p.config, kernel: p.kernel, among: configs, kernels: kernels)
                    elements.append("data \(sel) every ::\(i)::\(i) using 2:5:3:4:6:7 with xyerrorbars \(style) ps 1.3 lw 1.2 notitle")
                }
                let front = s.frontier.sorted { $0.x < $1.x }
                let fsel = file.add("L=\(s.length) | frontier", columns: "x accuracy_mean label",
                                    front.map { "\(Fmt.num($0.x)) \(Fmt.num($0.accuracy.mean)) \(Fmt.dq($0.label))" })
                // minimise x: best accuracy within a budget steps up at each point (steps);
                // maximise x: it steps down as the required speed passes each point (fsteps)
                elements.insert("data \(fsel) using 1:2 with \(xObjective == .minimize ? "steps" : "fsteps") lc rgb \(Fmt.q(Style.frontierColour)) lw 2 dt 1 title \"Pareto frontier\"", at: 0)
                elements.append("data \(fsel) using 1:2 with points lc rgb \(Fmt.q(Style.frontierColour)) pt 6 ps 2.4 title \"on the frontier\"")
                let splitObs = d.observations(MetricName.accuracy, kind: "accuracy")
                let m = marks.draw(task: s.task, length: s.length, obs: splitObs, runs: nil, file: &file, settings: &settings, elements: &elements)
                drew.chance = drew.chance || m.chance != nil
                drew.target = drew.target || marks.target != nil
                drew.band = drew.band || marks.band(splitObs, task: s.task, length: s.length) != nil
                let range = yRange(s.points.flatMap { [$0.accuracy.min, $0.accuracy.max] } + m.values, chance: m.chance)
                if let c = m.chance, !range.chanceShown, let i = elements.lastIndex(where: { $0.hasPrefix("chance_mean") }) {
                    elements[i] = chanceBelow(c)
                }
                let xs = s.points.flatMap { [$0.cost?.min ?? $0.x, $0.cost?.max ?? $0.x] }
                let (lo, hi) = (xs.min()!, xs.max()!)
                // log x when the points span more than a factor of 20 (always for bytes), else linear
                let log = logX || hi > 20 * lo
                let pad = hi > lo ? (hi - lo) * 0.12 : max(abs(hi) * 0.1, 1)
                let xRange = log ? (lo / 1.6, hi * 1.6) : (max(0, lo - pad), hi + pad)
                // the points in order of accuracy (the best placed first, nearest their points)
                let items = zip(numbers, s.points).sorted { $0.1.accuracy.mean > $1.1.accuracy.mean }
                    .map { LabelPlacement.Item(x: $0.1.x, y: $0.1.accuracy.mean, text: String($0.0)) }
                func numbered(_ yRange: (Double, Double), _ xRange: (Double, Double), height: Double, tag: String) -> [String] {
                    let frame = LabelPlacement.Frame(xRange: xRange, yRange: yRange, logX: log, width: 480, height: height)
                    let inside = items.filter { $0.y >= yRange.0 && $0.y <= yRange.1 && $0.x >= xRange.0 && $0.x <= xRange.1 }
                    let placed = LabelPlacement.place(inside, in: frame)
                    let lsel = file.add("L=\(s.length) | labels\(tag)", columns: "label_x label_y numbers point_x point_y leader_end_x leader_end_y leader",
                                        placed.map { "\(Fmt.num($0.x)) \(Fmt.num($0.y)) \(Fmt.dq($0.text)) \(Fmt.num($0.pointX)) \(Fmt.num($0.pointY)) "
                                            + "\(Fmt.num($0.endX)) \(Fmt.num($0.endY)) \($0.leader ? 1 : 0)" })
                    return ["data \(lsel) using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb \"#999999\" lw 0.8 notitle",
                            "data \(lsel) using 1:2:3 with labels center font \",9\" tc rgb \"#222222\" notitle"]
                }
                let yBounds = yValues(range.setting)
                let axisCommon = [log ? "set logscale x 2" : "unset logscale x", xformat,
                                  "set xlabel \(Fmt.q(xlabel + (s.sameLength ? "" : " at \(Fmt.tokens(s.costLength)) tokens") + (log ? ", log scale" : "")))",
                                  "set ylabel \(Fmt.q("accuracy at \(Fmt.tokens(s.length)) tokens (mean over seeds)"))"]
                let settingsCommon = ["set xrange [\(Fmt.num(xRange.0)):\(Fmt.num(xRange.1))]"] + axisCommon
                // a close-up of the top where most points crowd near the best (0.99 against 0.997)
                let best = s.points.map(\.accuracy.mean).max()!
                let top = s.points.filter { $0.accuracy.mean >= best - 0.1 }
                let zoom = yRange(top.map(\.accuracy.mean) + m.values.filter { $0 >= best - 0.12 && $0 <= best + 0.02 }, chance: nil)
                let zoomBounds = yValues(zoom.setting)
                if top.count >= 3, 4 * (zoomBounds.1 - zoomBounds.0) < yBounds.1 - yBounds.0 {
                    // x zoomed to the top points too
                    let tx = top.flatMap { [$0.cost?.min ?? $0.x, $0.cost?.max ?? $0.x] }
                    let (tlo, thi) = (tx.min()!, tx.max()!)
                    let tpad = thi > tlo ? (thi - tlo) * 0.15 : max(abs(thi) * 0.1, 1)
                    let zoomX = log ? (tlo / 1.4, thi * 1.4) : (max(0, tlo - tpad), thi + tpad)
                    closeUps.append(Panel(comment: "eval length \(s.length), close-up", settings: ["set autoscale y"] + settings + [
                        "set title \(Fmt.q("close-up of the best, " + lengthNote(s)))", zoom.setting,
                        "set xrange [\(Fmt.num(zoomX.0)):\(Fmt.num(zoomX.1))]"] + axisCommon + ["unset key"],
                                          elements: elements + numbered(zoomBounds, zoomX, height: 320, tag: " close-up")))
                }
                elements += numbered(yBounds, xRange, height: 250, tag: "")
                // the stats lines read the .dat before the y range is set (stats skips values outside it)
                panels.append(Panel(comment: "eval length \(s.length)", settings: ["set autoscale y"] + settings + [
                    "set title \(Fmt.q("accuracy vs \(what), " + lengthNote(s)))", range.setting,
                ] + settingsCommon + ["set key outside below height 1"], elements: elements))
            }
            panels += closeUps
            // the key panel: what each number is (colour: variant, shade: window, marker: stack, dash: kernel)
            let entries = keyed.map { p in
                "keyentry with points \(Style.line(p.config, kernel: p.kernel, among: configs, kernels: kernels)) ps 1.3 title \(Fmt.q("\(numberOf[p.label]!)  \(p.label)"))"
            }
            panels.append(Panel(comment: "key: the numbered points", settings: [
                "set title \"points (number: configuration)\"", "unset logscale x", "set xrange [0:1]", "set yrange [0:1]",
                "unset border", "unset xtics", "unset ytics", "unset xlabel", "unset ylabel", "unset grid",
                "set key inside left top vertical maxrows \(max(1, (keyed.count + 1) / 2)) samplen 1 spacing 1.1 width 2",
            ], elements: ["-1 with lines notitle"] + entries))  // gnuplot needs one plotted element beside key entries
            let marksText = [drew.band ? "grey band: the declared equivalence margin around the reference" : nil,
                             drew.target ? "dotted: the training target" : nil,
                             drew.chance ? "grey dashed: the chance level" : nil].compactMap { $0 }
            let costAbout = kind == "state-bytes" ? "analytic decode state at the eval length"
                : "median over bench rounds, bars min..max"
            let script = ScriptWriter.render(
                name: name, title: title,
                about: ["Accuracy against \(what): every configuration a numbered point (mean over seeds, bars min..max;",
                        "cost: \(costAbout)), the Pareto frontier of the means as a step line; the last panel names each number."]
                    + (marksText.isEmpty ? [] : [marksText.joined(separator: "; ") + "."]),
                command: command, panels: panels, columns: 2, panelSize: (600, 460), common: ["set grid"])
            out.figures.append(Figure(name: name, title: title,
                                      caption: "Pareto frontier of accuracy vs \(what) on \(first.task), one panel per eval length ("
                                        + group.map(lengthNote).joined(separator: "; ") + "); points numbered, the key panel names them"
                                        + (marksText.isEmpty ? "." : "; " + marksText.joined(separator: "; ") + ".")
                                        + (mixed ? " Cost and accuracy come from different lengths where the panel says so: the bench runs did not measure the eval length." : ""),
                                      data: file.text, script: script))
        }
        return out
    }

    // MARK: - Bench metrics against context length

    static func benchVsLength(_ d: ReportData, _ command: String, memory: Bool) -> FigureSet {
        let metrics = memory ? [MetricName.stateBytes, MetricName.measuredStateBytes, MetricName.peakResidentBytes]
            : [MetricName.tokensPerSecond("train"), MetricName.tokensPerSecond("prefill"), MetricName.tokensPerSecond("decode")]
        let what = memory ? "memory" : "throughput"
        let obs = d.observations.filter { $0.kind == "bench" && metrics.contains($0.name) && $0.length != nil }
        guard !obs.isEmpty else { return FigureSet(skipped: ["\(what) vs length: no bench rows with \(metrics.joined(separator: "/"))"]) }
        var out = FigureSet()
        for split in ReportData.splits(obs) {
            struct SK: Hashable { var config: RunConfig; var kernel: String; var metric: String; var length: Int }
            let stats = ReportData.aggregate(split.observations) { SK(config: $0.config, kernel: $0.kernel ?? "", metric: $0.name, length: $0.length!) }
            let series = Array(Set(stats.keys.map { Series(config: $0.config, kernel: $0.kernel) })).sorted()
            let configs = series.map(\.config)
            let kernels = ReportData.distinct(series.map(\.kernel))
            let rounds = stats.values.map(\.n).max() ?? 1
            let flagged = stats.filter { $0.value.spreadFlagged }.count
            let name = "\(what)-vs-length" + split.suffix
            let title = "\(d.study): \(what) vs context length" + (split.title.isEmpty ? "" : " (\(split.title))")
            var file = DataFile(header: [title, "One block per metric and configuration: the median over the bench rounds, min..max, n rounds, spread (max − min)/median."])
            var panels: [Panel] = []
            for m in metrics {
                var elements: [String] = []
                var values: [Double] = []
                for s in series {
                    let rows = stats.filter { $0.key.metric == m && $0.key.config == s.config && $0.key.kernel == s.kernel }
                        .sorted { $0.key.length < $1.key.length }
                    guard !rows.isEmpty else { continue }
                    let label = s.config.name(showing: ReportData.varyingKeys(configs)) + (kernels.count > 1 ? " \(s.kernel)" : "")
                    let sel = file.add("\(m) | \(label)", columns: "length median min max n spread",
                                       rows.map { "\($0.key.length) \(Fmt.num($0.value.median)) \(Fmt.num($0.value.min)) \(Fmt.num($0.value.max)) \($0.value.n) \(Fmt.num($0.value.spread))" })
                    values += rows.flatMap { [$0.value.min, $0.value.max] }
                    // series nudged apart along the log x axis (±6 % at most) so their bars do not hide each other
                    let i = series.firstIndex(of: s) ?? 0
                    let nudge = series.count > 1 ? pow(2, (Double(i) / Double(series.count - 1) - 0.5) * 0.16) : 1
                    elements.append("data \(sel) using ($1*\(Fmt.num(nudge))):2:3:4 with yerrorlines \(Style.line(s.config, kernel: s.kernel, among: configs, kernels: kernels)) lw 1.5 title \(Fmt.q(label))")
                }
                guard !elements.isEmpty else { continue }
                let lengths = ReportData.distinct(split.observations.filter { $0.name == m }.map(\.length))
                let positive = values.filter { $0 > 0 && $0.isFinite }
                // a log axis with room above and below every line (nothing on the frame)
                let yr = positive.isEmpty ? "set autoscale y" : "set yrange [\(Fmt.num(positive.min()! / 1.8)):\(Fmt.num(positive.max()! * 1.8))]"
                    + "; " + (memory ? "set ytics autofreq" : logTics(positive.min()! / 1.8, positive.max()! * 1.8) ?? "set ytics autofreq")
                panels.append(Panel(comment: m, settings: [
                    "set title \(Fmt.q(Style.metricTitle(m)))", "set logscale xy",
                    "set xrange [\(Fmt.num(Double(lengths.first!) / 1.5)):\(Fmt.num(Double(lengths.last!) * 1.5))]",
                    "set xtics (\(lengths.map { "\"\($0)\" \($0)" }.joined(separator: ", ")))",
                    memory ? "set logscale y 2; set format y \"%.0b %BB\"" : "set format y \"%.0s%c\"", yr,
                    "set xlabel \"context length (tokens)\"", "set ylabel \(Fmt.q(memory ? "bytes, log scale" : "tokens per second, log scale"))",
                    "set key outside right top",
                ], elements: elements))
            }
            guard !panels.isEmpty else { continue }
            let spreadNote = rounds > 1
                ? "Median of \(rounds) interleaved rounds, bars min..max; \(flagged) of \(stats.count) points spread more than \(Int(Stat.spreadLimit * 100)) % of their median."
                : "One round per point (no spread measured: set bench.repeats)."
            let script = ScriptWriter.render(
                name: name, title: title,
                about: ["Bench \(what) against context length, log-log, one line per variant/window" + (kernels.count > 1 ? "/kernel." : "."),
                        "Colour: variant (paler: smaller window); marker: stack; dash: kernel.",
                        memory ? "Analytic decode state (× batch); the caches measured after the run; the run's peak resident memory."
                            : "Tokens per second of a training step, a prefill and a decode step (median of the bench budget).",
                        spreadNote],
                command: command, panels: panels, columns: 3, panelSize: (600, 420), common: ["set grid"])
            out.figures.append(Figure(name: name, title: title,
                                      caption: memory ? "Decode-state bytes (analytic and measured) and peak resident memory vs context length, log-log."
                                          : "Train, prefill and decode tokens/s vs context length, log-log. " + spreadNote,
                                      data: file.text, script: script))
        }
        return out
    }

    /// Tics at 1, 2 and 5 × 10^k between `lo` and `hi` (`set ytics ("2k" 2000, …)`) for a log axis
    /// spanning under three decades, where gnuplot's decade tics would leave one label or none.
    static func logTics(_ lo: Double, _ hi: Double) -> String? {
        guard lo > 0, hi > lo, hi / lo < 1000 else { return nil }
        var tics: [Double] = []
        var decade = pow(10, floor(log10(lo)))
        while decade <= hi {
            for m in [1.0, 2.0, 5.0] where decade * m >= lo && decade * m <= hi { tics.append(decade * m) }
            decade *= 10
        }
        func text(_ v: Double) -> String {
            for (unit, suffix) in [(1e9, "G"), (1e6, "M"), (1e3, "k")] where v >= unit { return Fmt.num(v / unit) + suffix }
            return Fmt.num(v)
        }
        return "set ytics (" + tics.map { "\"\(text($0))\" \(Fmt.num($0))" }.joined(separator: ", ") + ")"
    }

    struct Series: Hashable, Comparable {
        var config: RunConfig
        var kernel: String
        static func < (a: Series, b: Series) -> Bool { a.config != b.config ? a.config < b.config : a.kernel < b.kernel }
    }

    // MARK: - Task × length heatmap

    static func heatmaps(_ d: ReportData, _ command: String, metric: String) -> FigureSet {
        let obs = d.observations(metric, kind: "accuracy").filter { $0.task != nil && $0.length != nil }
        if obs.isEmpty {
            return FigureSet(skipped: metric == MetricName.score ? [] : ["heatmap: no accuracy rows"])
        }
        var out = FigureSet()
        for split in ReportData.splits(obs) {
            let tasks = ReportData.tasks(split.observations)
            let lengths = ReportData.distinct(split.observations.map(\.length))
            guard tasks.count * lengths.count >= 2 else {
                out.skipped.append("heatmap of \(metric): one task at one length (nothing to map)")
                continue
            }
            let stats = ReportData.aggregate(split.observations) { CellKey(config: $0.config, task: $0.task!, length: $0.length!) }
            let configs = Array(Set(split.observations.map(\.config))).sorted()
            let name = "heatmap-\(metric)" + split.suffix
            let title = "\(d.study): \(Style.metricTitles[metric]?.title ?? metric) by task and eval length (mean over seeds)" + (split.title.isEmpty ? "" : " (\(split.title))")
            var file = DataFile(header: [title, "One block per configuration: length_index task_index mean length task n."])
            var panels: [Panel] = []
            for c in configs {
                var lines: [String] = []
                for (ti, t) in tasks.enumerated() {
                    for (li, L) in lengths.enumerated() {
                        if let s = stats[CellKey(config: c, task: t, length: L)] {
                            lines.append("\(li) \(ti) \(Fmt.num(s.mean)) \(L) \(Fmt.dq(t)) \(s.n)")
                        }
                    }
                }
                guard !lines.isEmpty else { continue }
                let sel = file.add(c.name(), columns: "length_index task_index mean length task n", lines)
                panels.append(Panel(comment: c.name(), settings: [
                    "set title \(Fmt.q(c.name()))",
                    "set xrange [-0.5:\(Fmt.num(Double(lengths.count) - 0.5))]", "set yrange [-0.5:\(Fmt.num(Double(tasks.count) - 0.5))]",
                    "set xtics (\(lengths.enumerated().map { "\"\($0.element)\" \($0.offset)" }.joined(separator: ", ")))",
                    "set ytics (\(tasks.enumerated().map { "\(Fmt.q($0.element)) \($0.offset)" }.joined(separator: ", ")))",
                    "set xlabel \"eval length (tokens)\"", "set cbrange [0:1]",
                ], elements: [
                    "data \(sel) using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder fc palette notitle",
                    "data \(sel) using 1:2:(sprintf(\"%.2f\", $3)) with labels font \",9\" notitle",
                ]))
            }
            guard !panels.isEmpty else { continue }
            let script = ScriptWriter.render(
                name: name, title: title,
                about: ["\(metric) (mean over seeds) of each task at each eval length, one panel per variant/window.",
                        "Colour scale fixed at 0..1 (red: 0, yellow: 0.5, green: 1)."],
                command: command, panels: panels, columns: 3,
                // wide enough for the title (about 8 px a character at 12 pt) over the columns drawn
                panelSize: (max(420, (title.count * 8 + 40) / min(3, panels.count)), max(260, 140 + 30 * tasks.count)),
                common: ["set palette defined (0 \"#d73027\", 0.5 \"#fee08b\", 1 \"#1a9850\")", "unset key", "set tics nomirror"])
            out.figures.append(Figure(name: name, title: title,
                                      caption: "\(metric) by task × eval length (mean over seeds), one panel per variant/window.",
                                      data: file.text, script: script))
        }
        return out
    }

    // MARK: - Training curves

    static func curves(_ d: ReportData, _ command: String) -> FigureSet {
        let metrics = [MetricName.curveValidationLoss, MetricName.curveValidationAccuracy]
        let obs = d.observations.filter { $0.kind == "accuracy" && metrics.contains($0.name) && $0.step != nil }
        guard !obs.isEmpty else { return FigureSet(skipped: ["training curves: no curve_val_loss/curve_val_accuracy rows"]) }
        let chance = d.observations(MetricName.chanceAccuracy, kind: "accuracy")
        var out = FigureSet()
        for split in ReportData.splits(obs) {
            for task in ReportData.tasks(split.observations) {
                let tobs = split.observations.filter { $0.task == task }
                // the curves' length (the train length): one, for one chance level per panel
                let curveLengths = ReportData.distinct(tobs.map(\.length))
                let configs = Array(Set(tobs.map(\.config))).sorted()
                let kernels = ReportData.distinct(tobs.map(\.kernel))
                let runs = uniqueInOrder(tobs.sorted { a, b in
                    a.config != b.config ? a.config < b.config : numericAwareLess(a.seed ?? "", b.seed ?? "")
                }.map(\.runID))
                let name = "curves." + Fmt.fileSafe(task) + split.suffix
                let title = "\(d.study): training curves, \(task)" + (split.title.isEmpty ? "" : " (\(split.title))")
                var file = DataFile(header: [title, "One block per metric and run: step value (one validation each)."])
                var panels: [Panel] = []
                var drewChance = false
                for m in metrics {
                    var elements: [String] = [], extra: [String] = []
                    var titled = Set<String>()
                    for r in runs {
                        let pts = tobs.filter { $0.runID == r && $0.name == m }.sorted { $0.step! < $1.step! }
                        guard let first = pts.first else { continue }
                        let kernel = kernels.count > 1 ? first.kernel : nil
                        let label = first.config.name() + (kernel.map { " \($0)" } ?? "") + (first.seed.map { " seed \($0)" } ?? "")
                        let sel = file.add("\(m) | \(label) | \(r)", columns: "step value", pts.map { "\($0.step!) \(Fmt.num($0.value))" })
                        let series = first.config.name() + (kernel.map { " \($0)" } ?? "")
                        let t = titled.insert(series).inserted ? "title \(Fmt.q(series))" : "notitle"
                        elements.append("data \(sel) using 1:2 with lines \(Style.line(first.config, kernel: kernel, among: configs, kernels: kernels)) lw 1.2 \(t)")
                    }
                    guard !elements.isEmpty else { continue }
                    var chanceValue: Double? = nil
                    if m == MetricName.curveValidationAccuracy, curveLengths.count == 1,
                       let line = chanceLine(chance, task: task, length: curveLengths[0], runs: Set(runs), file: &file) {
                        extra.append(line.setting)
                        chanceValue = line.value
                        elements.append(line.element)
                        drewChance = true
                    }
                    let range = yRange(tobs.filter { $0.name == m }.map(\.value), chance: chanceValue)
                    if let c = chanceValue, !range.chanceShown, let i = elements.lastIndex(where: { $0.hasPrefix("chance_mean") }) {
                        elements[i] = chanceBelow(c)
                    }
                    // the stats lines read the .dat before the y range is set (stats skips values outside it)
                    panels.append(Panel(comment: m, settings: ["set autoscale y"] + extra + [
                        "set title \(Fmt.q(m == MetricName.curveValidationLoss ? "validation loss" : "validation accuracy"))",
                        "set xlabel \"training step\"",
                        "set ylabel \(Fmt.q(m == MetricName.curveValidationLoss ? "loss (nats)" : "accuracy on the validation split"))",
                        m == MetricName.curveValidationLoss ? "set autoscale y" : range.setting,
                        "set key outside below height 1",
                    ], elements: elements))
                }
                guard !panels.isEmpty else { continue }
                let script = ScriptWriter.render(
                    name: name, title: title,
                    about: ["Validation loss and accuracy at each validation during training, one line per run",
                            "(seeds of one configuration share its colour, paler for smaller windows; dash: kernel)" + (drewChance
                                ? "; grey dashed: the chance level on the eval examples at the train length." : ".")],
                    command: command, panels: panels, columns: 2, panelSize: (600, 480), common: ["set grid"])
                out.figures.append(Figure(name: name, title: title,
                                          caption: "Training curves on \(task): validation loss and accuracy vs step, one line per run"
                                            + (drewChance ? "; chance level (eval examples at the train length) dashed." : "."),
                                          data: file.text, script: script))
            }
        }
        return out
    }

    static func uniqueInOrder<T: Hashable>(_ xs: [T]) -> [T] {
        var seen = Set<T>()
        return xs.filter { seen.insert($0).inserted }
    }
}
