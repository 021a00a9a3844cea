// The figures of a study, as pure functions of its rows: each a data file and a gnuplot script
// (Script.swift); `Plotter` writes them and runs gnuplot. Which figures the rows support:
// - accuracy-vs-window.TASK: accuracy against window per variant, a panel per eval length, error
//   bars min..max over seeds, full attention as a horizontal line, linear only at W = −1, MQAR's
//   `swa_reach_ceiling` as a dashed line beside sliding_window's points;
// - on every accuracy-vs-x panel (accuracy vs window, both Pareto figures, the accuracy curves): the
//   chance level, where the rows carry `chance_accuracy` (the mean over the rows of that task and
//   length), as a labelled grey dashed line (`chanceLine`);
// - pareto-state-bytes.TASK, pareto-decode.TASK: accuracy against decode-state bytes (log x) and
//   against decode tokens/s at the largest bench length, every point labelled, the frontier
//   (`Pareto.frontier` of the seed means) as a step line; one frontier over all configurations
//   (not split on grouping labels: which pattern or recipe wins is the point of the figure);
// - throughput-vs-length, memory-vs-length: bench metrics against context length, log-log;
// - heatmap-accuracy (and heatmap-score): task × eval length, a panel per variant/window;
// - curves.TASK: validation loss and accuracy against training step, a line per run.
// The other figures are split on the grouping labels that vary (pattern, conv_kernel, …): the
// split's values end the file name (`accuracy-vs-window.mqar_v256.pattern=lllg`).
import Foundation

public enum Figures {
    /// Every figure the rows of `data` support. `command` is the command that writes them (named in
    /// each script's header).
    public static func build(_ data: ReportData, command: String) -> FigureSet {
        var set = FigureSet()
        for part in [accuracyVsWindow(data, command), paretoStateBytes(data, command), paretoDecode(data, command),
                     benchVsLength(data, command, memory: false), benchVsLength(data, command, memory: true),
                     heatmaps(data, command, metric: "accuracy"), heatmaps(data, command, metric: "score"),
                     curves(data, command), TextFigures.build(data, command: command)] {
            set.figures += part.figures
            set.skipped += part.skipped
        }
        return set
    }

    static let lengthAbout = "Error bars: min..max over seeds; points: the mean."

    // MARK: - Accuracy against window

    static func accuracyVsWindow(_ d: ReportData, _ command: String) -> FigureSet {
        let acc = d.observations("accuracy", kind: "accuracy")
        guard !acc.isEmpty else { return FigureSet(skipped: ["accuracy vs window: no accuracy rows"]) }
        guard acc.contains(where: { $0.config.window != nil }) else {
            return FigureSet(skipped: ["accuracy vs window: no run has a window"])
        }
        let ceilings = d.observations("swa_reach_ceiling", kind: "accuracy")
        let chance = d.observations("chance_accuracy", kind: "accuracy")
        var out = FigureSet()
        for split in ReportData.splitsWithReference(acc) {
            for task in ReportData.tasks(split.observations) {
                let obs = split.observations.filter { $0.task == task }
                let lengths = ReportData.distinct(obs.map(\.length))
                let stats = ReportData.aggregate(obs) { o in o.length.map { CellKey(config: o.config, task: task, length: $0) } }
                let configs = Array(Set(obs.map(\.config))).sorted()
                let variants = uniqueInOrder(configs.map(\.variant))
                let windowed = variants.filter { $0 != "full" }
                guard !windowed.isEmpty else { continue }  // full alone: nothing to compare
                let splitRuns = Set(split.observations.map(\.runID))
                let ceil = ceilings.filter { splitRuns.contains($0.runID) && $0.task == task }
                let name = "accuracy-vs-window." + Fmt.fileSafe(task) + split.suffix
                let title = "\(d.study): accuracy vs window, \(task)" + (split.title.isEmpty ? "" : " (\(split.title))")
                var file = DataFile(header: [title, "One block per eval length and variant: " + lengthAbout,
                                             "x: the window's slot on an ordinal axis (window −1: linear only); full attention: drawn as a line."])
                // An ordinal x axis: one slot per window in the study (W = 0 and the linear-only −1
                // have no place on a log axis, and the windows are roughly geometric anyway).
                let xs = ReportData.distinct(configs.filter { $0.variant != "full" }.map(\.windowAxis))
                let position = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($0.element, $0.offset) })
                var panels: [Panel] = []
                var drewChance = false
                for L in lengths {
                    var elements: [String] = [], settings: [String] = []
                    for v in windowed {
                        let rows = configs.filter { $0.variant == v }.compactMap { c -> (Int, Stat)? in
                            stats[CellKey(config: c, task: task, length: L)].map { (c.windowAxis, $0) }
                        }.sorted { $0.0 < $1.0 }
                        guard !rows.isEmpty else { continue }
                        let sel = file.add("L=\(L) | \(v)", columns: "x window mean min max std n",
                                           rows.map { "\(position[$0.0]!) \($0.0) \(Fmt.num($0.1.mean)) \(Fmt.num($0.1.min)) \(Fmt.num($0.1.max)) \(Fmt.num($0.1.std)) \($0.1.n)" })
                        let colour = Style.colour(v, among: variants)
                        elements.append("data \(sel) using 1:3:4:5 with yerrorlines lc rgb \(Fmt.q(colour)) pt 7 lw 1.5 title \(Fmt.q(v == "linear_attention" ? "linear only" : v))")
                    }
                    // the reach ceiling of the local layers (MQAR), from sliding_window's rows (else any row carrying it)
                    let atL = ceil.filter { $0.length == L && $0.config.window != nil }
                    let fromSWA = atL.filter { $0.config.variant == "sliding_window" }
                    let c = ReportData.aggregate(fromSWA.isEmpty ? atL : fromSWA) { $0.config.window }
                    if !c.isEmpty {
                        let csel = file.add("L=\(L) | swa_reach_ceiling", columns: "x window ceiling",
                                            c.keys.sorted().compactMap { w in position[w].map { "\($0) \(w) \(Fmt.num(c[w]!.mean))" } })
                        elements.append("data \(csel) using 1:3 with linespoints lc rgb \(Fmt.q(Style.colour("sliding_window", among: variants))) dt 2 pt 1 title \"SWA reach ceiling\"")
                    }
                    if let full = configs.first(where: { $0.variant == "full" }), let s = stats[CellKey(config: full, task: task, length: L)] {
                        let sel = file.add("L=\(L) | full", columns: "x mean min max std n",
                                           ["0 \(Fmt.num(s.mean)) \(Fmt.num(s.min)) \(Fmt.num(s.max)) \(Fmt.num(s.std)) \(s.n)"])
                        settings.append("stats data \(sel) using 2 name \"full\" nooutput")
                        elements.append("full_mean with lines lc rgb \"#000000\" lw 1.5 title sprintf(\"full attention %.3f\", full_mean)")
                    }
                    if !elements.isEmpty, let line = chanceLine(chance, task: task, length: L, runs: splitRuns, file: &file) {
                        settings.append(line.setting)
                        elements.append(line.element)
                        drewChance = true
                    }
                    guard !elements.isEmpty else { continue }
                    let tics = xs.enumerated().map { $0.element == -1 ? "\"linear only\" \($0.offset)" : "\"\($0.element)\" \($0.offset)" }
                        .joined(separator: ", ")
                    panels.append(Panel(comment: "eval length \(L)", settings: [
                        "set title \"eval length \(L)\"",
                        "unset logscale x", "set xrange [-0.5:\(Fmt.num(Double(xs.count) - 0.5))]",
                        "set xtics (\(tics))", "set yrange [0:1.05]",
                        "set xlabel \"window W (attends to W+1 tokens)\"", "set ylabel \"accuracy\"",
                        "set key outside below height 1",
                    ] + settings, elements: elements))
                }
                guard !panels.isEmpty else { continue }
                let script = ScriptWriter.render(
                    name: name, title: title,
                    about: ["Accuracy (argmax at the answer positions) against the window, one panel per eval length.",
                            "Points: mean over seeds; error bars: min..max over seeds; black line: full attention's mean"
                                + (drewChance ? ";" : "."),
                            ] + (drewChance ? ["grey dashed line: the chance level, the best constant answer's accuracy."] : []),
                    command: command, panels: panels, columns: 3, panelSize: (480, 380), common: ["set grid"])
                out.figures.append(Figure(name: name, title: title,
                                          caption: "Accuracy vs window on \(task), one panel per eval length; bars min..max over seeds; full attention as a line"
                                            + (drewChance ? "; chance level dashed." : "."),
                                          data: file.text, script: script))
            }
        }
        return out
    }

    /// The chance level of `task` at `length`: the mean `chance_accuracy` of the rows of `runs` (all
    /// rows when nil), added to `file` as a block `L=length | chance`, with the panel setting that reads
    /// it and the plot element that draws it as a labelled grey dashed line; nil when no row records it.
    static func chanceLine(_ chance: [Observation], task: String, length: Int, runs: Set<String>?,
                           file: inout DataFile) -> (setting: String, element: String)? {
        let values = chance.filter { $0.task == task && $0.length == length && (runs?.contains($0.runID) ?? true) }.map(\.value)
        guard let s = Stat.of(values.filter(\.isFinite)) else { return nil }
        let name = "L=\(length) | chance"
        let sel = file.has(name) ? "index " + Fmt.q("[\(name)]")
            : file.add(name, columns: "mean min max n", ["\(Fmt.num(s.mean)) \(Fmt.num(s.min)) \(Fmt.num(s.max)) \(s.n)"])
        return ("stats data \(sel) using 1 name \"chance\" nooutput",
                "chance_mean with lines lc rgb \"#7f7f7f\" dt 2 lw 2 title sprintf(\"chance (best constant answer) %.3f\", chance_mean)")
    }

    // MARK: - Pareto frontiers

    /// A point of a Pareto figure: a configuration (and bench kernel), its cost and its accuracy.
    public struct ParetoPoint: Sendable, Equatable {
        public var config: RunConfig
        public var label: String
        public var x: Double
        public var accuracy: Stat
    }

    /// Accuracy (mean over seeds) against state bytes at each eval length, per task: the points and
    /// the frontier (cheapest first). Shared by the figure and the notebook table. Not split on the
    /// grouping labels: configurations that differ in them (pattern, conv_kernel, …) are points of
    /// one frontier, labelled with the values that vary (`ratt W16 lllg conv_kernel=3`).
    public static func stateBytesPoints(_ d: ReportData) -> [(split: Split, task: String, length: Int, points: [ParetoPoint], frontier: [ParetoPoint])] {
        let acc = d.observations("accuracy", kind: "accuracy")
        let bytes = d.observations("state_bytes", kind: "accuracy")
        var out: [(Split, String, Int, [ParetoPoint], [ParetoPoint])] = []
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
                    out.append((split, task, L, points, front))
                }
            }
        }
        return out
    }

    /// Accuracy (mean over seeds) against decode tokens/s at the largest bench length of those with
    /// decode rows for the most configurations, joining accuracy rows to bench rows on variant,
    /// window and the grouping labels (not the training recipe). Points of several kernels are
    /// labelled with the kernel.
    public static func decodePoints(_ d: ReportData) -> (benchLength: Int, sets: [(split: Split, task: String, length: Int, points: [ParetoPoint], frontier: [ParetoPoint])])? {
        let decode = d.observations("decode_tokens_per_second", kind: "bench")
        // The largest length among those measured for the most configurations: a study still
        // running (shards by bench length) must not put one configuration alone on the frontier.
        let coverage = Dictionary(grouping: decode.filter { $0.length != nil }, by: { $0.length! }).mapValues { Set($0.map(\.config)).count }
        guard let B = coverage.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else { return nil }
        struct BK: Hashable { var config: RunConfig; var kernel: String }
        let speed = ReportData.aggregate(decode.filter { $0.length == B }) { BK(config: $0.config, kernel: $0.kernel ?? "") }
        let kernels = Set(speed.keys.map(\.kernel))
        let acc = d.observations("accuracy", kind: "accuracy")
        var sets: [(Split, String, Int, [ParetoPoint], [ParetoPoint])] = []
        for split in [Split(values: [], observations: acc)] {
            let keys = varyingKeysAcross(split)
            for task in ReportData.tasks(split.observations) {
                let obs = split.observations.filter { $0.task == task }
                let stats = ReportData.aggregate(obs) { o in o.length.map { CellKey(config: o.config, task: task, length: $0) } }
                for L in ReportData.distinct(obs.map(\.length)) {
                    var points: [ParetoPoint] = []
                    for c in Array(Set(obs.map(\.config))).sorted() {
                        guard let a = stats[CellKey(config: c, task: task, length: L)] else { continue }
                        for k in kernels.sorted() {
                            guard let s = speed[BK(config: c.benchKey, kernel: k)] else { continue }
                            let label = c.name(showing: keys) + (kernels.count > 1 ? " \(k)" : "")
                            points.append(ParetoPoint(config: c, label: label, x: s.mean, accuracy: a))
                        }
                    }
                    guard !points.isEmpty else { continue }
                    let front = Pareto.frontier(points, x: \.x, .maximize, y: \.accuracy.mean, .maximize)
                    sets.append((split, task, L, points, front))
                }
            }
        }
        return (B, sets)
    }

    struct Key2: Hashable { var config: RunConfig; var length: Int }

    /// Grouping keys that vary inside a split, for point labels: none, but for the split's own keys
    /// where a reference joined it without them (`splitsWithReference`), which the title names.
    static func varyingKeysAcross(_ split: Split) -> [String] {
        ReportData.varyingKeys(Array(Set(split.observations.map(\.config)))).filter { k in !split.values.contains { $0.key == k } }
    }

    static func paretoStateBytes(_ d: ReportData, _ command: String) -> FigureSet {
        guard d.has("accuracy", kind: "accuracy") else { return FigureSet(skipped: ["Pareto (state bytes): no accuracy rows"]) }
        guard d.has("state_bytes", kind: "accuracy") else {
            return FigureSet(skipped: ["Pareto (state bytes): the accuracy rows have no state_bytes (add `memory` to the study's measurements)"])
        }
        return paretoFigures(stateBytesPoints(d), d, command, kind: "state-bytes", xObjective: .minimize,
                             what: "decode-state bytes", xlabel: "decode state of one sequence in bytes",
                             xformat: "set format x \"%.0b %BB\"", logX: true, lengthNote: "")
    }

    static func paretoDecode(_ d: ReportData, _ command: String) -> FigureSet {
        guard d.has("accuracy", kind: "accuracy") else { return FigureSet(skipped: ["Pareto (decode tokens/s): no accuracy rows"]) }
        guard let (B, sets) = decodePoints(d) else {
            return FigureSet(skipped: ["Pareto (decode tokens/s): no bench rows with decode_tokens_per_second"])
        }
        guard !sets.isEmpty else {
            return FigureSet(skipped: ["Pareto (decode tokens/s): no accuracy row matches a bench row on variant, window and grouping labels"])
        }
        return paretoFigures(sets, d, command, kind: "decode", xObjective: .maximize,
                             what: "decode tokens/s at length \(B)", xlabel: "decode tokens/s at context length \(B)",
                             xformat: "set format x \"%.0s%c\"", logX: false, lengthNote: " (bench length \(B))")
    }

    static func paretoFigures(_ sets: [(split: Split, task: String, length: Int, points: [ParetoPoint], frontier: [ParetoPoint])],
                              _ d: ReportData, _ command: String, kind: String, xObjective: Objective,
                              what: String, xlabel: String, xformat: String, logX: Bool, lengthNote: String) -> FigureSet {
        var out = FigureSet()
        // one figure per split and task, a panel per eval length
        var order: [String] = []
        var byFigure: [String: [(split: Split, task: String, length: Int, points: [ParetoPoint], frontier: [ParetoPoint])]] = [:]
        for s in sets {
            let key = Fmt.fileSafe(s.task) + s.split.suffix
            if byFigure[key] == nil { order.append(key) }
            byFigure[key, default: []].append(s)
        }
        for key in order {
            let group = byFigure[key]!
            let first = group[0]
            let name = "pareto-\(kind).\(key)"
            let title = "\(d.study): accuracy vs \(what), \(first.task)" + (first.split.title.isEmpty ? "" : " (\(first.split.title))")
            var file = DataFile(header: [title, "Per eval length: the points of each variant, then the Pareto frontier (seed means)."])
            var panels: [Panel] = []
            let chance = d.observations("chance_accuracy", kind: "accuracy")
            var drewChance = false
            for s in group {
                let variants = uniqueInOrder(s.points.map(\.config.variant))
                // more points than fit their labels: label the frontier only (every label is in the .dat)
                let labelAll = s.points.count <= 12
                var elements: [String] = []
                for v in variants {
                    let pts = s.points.filter { $0.config.variant == v }
                    let sel = file.add("L=\(s.length) | \(v)", columns: "x accuracy_mean min max label",
                                       pts.map { "\(Fmt.num($0.x)) \(Fmt.num($0.accuracy.mean)) \(Fmt.num($0.accuracy.min)) \(Fmt.num($0.accuracy.max)) \(Fmt.dq($0.label))" })
                    let colour = Fmt.q(Style.colour(v, among: variants))
                    elements.append("data \(sel) using 1:2:3:4 with yerrorbars lc rgb \(colour) pt 7 ps 1.2 title \(Fmt.q(v == "linear_attention" ? "linear only" : v))")
                    if labelAll { elements.append("data \(sel) using 1:2:5 with labels offset char 0,0.9 font \",8\" tc rgb \(colour) notitle") }
                }
                let front = s.frontier.sorted { $0.x < $1.x }
                let fsel = file.add("L=\(s.length) | frontier", columns: "x accuracy_mean label",
                                    front.map { "\(Fmt.num($0.x)) \(Fmt.num($0.accuracy.mean)) \(Fmt.dq($0.label))" })
                // minimise x: best accuracy within a budget steps up at each point (steps);
                // maximise x: it steps down as the required speed passes each point (fsteps)
                elements.append("data \(fsel) using 1:2 with \(xObjective == .minimize ? "steps" : "fsteps") lc rgb \"#555555\" lw 2 dt 1 title \"Pareto frontier\"")
                elements.append("data \(fsel) using 1:2 with points lc rgb \"#555555\" pt 6 ps 2.2 notitle")
                if !labelAll { elements.append("data \(fsel) using 1:2:3 with labels offset char 0,1.1 font \",8\" notitle") }
                var chanceSetting: [String] = []
                if let line = chanceLine(chance, task: s.task, length: s.length, runs: nil, file: &file) {
                    chanceSetting.append(line.setting)
                    elements.append(line.element)
                    drewChance = true
                }
                let xs = s.points.map(\.x)
                let (lo, hi) = (xs.min()!, xs.max()!)
                // log x when the points span more than a factor of 20 (always for bytes), else linear
                let log = logX || hi > 20 * lo
                let pad = hi > lo ? (hi - lo) * 0.12 : max(abs(hi) * 0.1, 1)
                panels.append(Panel(comment: "eval length \(s.length)", settings: [
                    "set title \"eval length \(s.length)\(lengthNote)\(labelAll ? "" : "; labels: frontier points")\"",
                    log ? "set logscale x 2" : "unset logscale x", xformat,
                    log ? "set xrange [\(Fmt.num(lo / 1.6)):\(Fmt.num(hi * 1.6))]" : "set xrange [\(Fmt.num(max(0, lo - pad))):\(Fmt.num(hi + pad))]",
                    "set yrange [0:1.1]",
                    "set xlabel \(Fmt.q(xlabel + (log ? ", log scale" : "")))", "set ylabel \"accuracy (mean over seeds)\"",
                    "set key outside below height 1",
                ] + chanceSetting, elements: elements))
            }
            let script = ScriptWriter.render(
                name: name, title: title,
                about: ["Accuracy against \(what): every configuration a labelled point (mean over seeds, bars",
                        "min..max), the Pareto frontier of the means as a step line" + (drewChance ? "; grey dashed: the chance level." : ".")],
                command: command, panels: panels, columns: 2, panelSize: (560, 420), common: ["set grid"])
            out.figures.append(Figure(name: name, title: title,
                                      caption: "Pareto frontier of accuracy vs \(what) on \(first.task), one panel per eval length"
                                        + (drewChance ? "; chance level dashed." : "."),
                                      data: file.text, script: script))
        }
        return out
    }

    // MARK: - Bench metrics against context length

    static func benchVsLength(_ d: ReportData, _ command: String, memory: Bool) -> FigureSet {
        let metrics = memory ? ["state_bytes", "measured_state_bytes", "peak_resident_bytes"]
            : ["train_tokens_per_second", "prefill_tokens_per_second", "decode_tokens_per_second"]
        let what = memory ? "memory" : "throughput"
        let obs = d.observations.filter { $0.kind == "bench" && metrics.contains($0.name) && $0.length != nil }
        guard !obs.isEmpty else { return FigureSet(skipped: ["\(what) vs length: no bench rows with \(metrics.joined(separator: "/"))"]) }
        var out = FigureSet()
        for split in ReportData.splits(obs) {
            struct SK: Hashable { var config: RunConfig; var kernel: String; var metric: String; var length: Int }
            let stats = ReportData.aggregate(split.observations) { SK(config: $0.config, kernel: $0.kernel ?? "", metric: $0.name, length: $0.length!) }
            let series = Array(Set(stats.keys.map { Series(config: $0.config, kernel: $0.kernel) })).sorted()
            let configs = series.map(\.config)
            let kernels = Set(series.map(\.kernel))
            let name = "\(what)-vs-length" + split.suffix
            let title = "\(d.study): \(what) vs context length" + (split.title.isEmpty ? "" : " (\(split.title))")
            var file = DataFile(header: [title, "One block per metric and configuration: " + lengthAbout])
            var panels: [Panel] = []
            for m in metrics {
                var elements: [String] = []
                for s in series {
                    let rows = stats.filter { $0.key.metric == m && $0.key.config == s.config && $0.key.kernel == s.kernel }
                        .sorted { $0.key.length < $1.key.length }
                    guard !rows.isEmpty else { continue }
                    let label = s.config.name() + (kernels.count > 1 ? " \(s.kernel)" : "")
                    let sel = file.add("\(m) | \(label)", columns: "length mean min max n",
                                       rows.map { "\($0.key.length) \(Fmt.num($0.value.mean)) \(Fmt.num($0.value.min)) \(Fmt.num($0.value.max)) \($0.value.n)" })
                    elements.append("data \(sel) using 1:2:3:4 with yerrorlines \(Style.line(s.config, among: configs)) lw 1.5 title \(Fmt.q(label))")
                }
                guard !elements.isEmpty else { continue }
                let lengths = ReportData.distinct(split.observations.filter { $0.name == m }.map(\.length))
                panels.append(Panel(comment: m, settings: [
                    "set title \(Fmt.q(m))", "set logscale xy",
                    "set xrange [\(Fmt.num(Double(lengths.first!) / 1.5)):\(Fmt.num(Double(lengths.last!) * 1.5))]",
                    "set xtics (\(lengths.map { "\"\($0)\" \($0)" }.joined(separator: ", ")))",
                    memory ? "set logscale y 2; set format y \"%.0b %BB\"" : "set format y \"%.0s%c\"",
                    "set xlabel \"context length (tokens)\"", "set ylabel \(Fmt.q(memory ? "bytes" : "tokens/s"))",
                    "set key outside right top",
                ], elements: elements))
            }
            guard !panels.isEmpty else { continue }
            let script = ScriptWriter.render(
                name: name, title: title,
                about: ["Bench \(what) against context length, log-log, one line per variant/window" + (kernels.count > 1 ? "/kernel." : "."),
                        memory ? "state_bytes: analytic decode state (× batch); measured_state_bytes: the caches after the run; peak_resident_bytes: the run's process."
                            : "Tokens per second of a training step, a prefill and a decode step (median of the bench budget)."],
                command: command, panels: panels, columns: 3, panelSize: (560, 400), common: ["set grid"])
            out.figures.append(Figure(name: name, title: title,
                                      caption: memory ? "Decode-state bytes (analytic and measured) and peak resident memory vs context length, log-log."
                                          : "Train, prefill and decode tokens/s vs context length, log-log.",
                                      data: file.text, script: script))
        }
        return out
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
            return FigureSet(skipped: metric == "score" ? [] : ["heatmap: no accuracy rows"])
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
            let title = "\(d.study): \(metric) by task and eval length (mean over seeds)" + (split.title.isEmpty ? "" : " (\(split.title))")
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
                    "set xlabel \"eval length\"", "set cbrange [0:1]",
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
                panelSize: (420, max(260, 140 + 30 * tasks.count)),
                common: ["set palette defined (0 \"#d73027\", 0.5 \"#fee08b\", 1 \"#1a9850\")", "unset key", "set tics nomirror"])
            out.figures.append(Figure(name: name, title: title,
                                      caption: "\(metric) by task × eval length (mean over seeds), one panel per variant/window.",
                                      data: file.text, script: script))
        }
        return out
    }

    // MARK: - Training curves

    static func curves(_ d: ReportData, _ command: String) -> FigureSet {
        let metrics = ["curve_val_loss", "curve_val_accuracy"]
        let obs = d.observations.filter { $0.kind == "accuracy" && metrics.contains($0.name) && $0.step != nil }
        guard !obs.isEmpty else { return FigureSet(skipped: ["training curves: no curve_val_loss/curve_val_accuracy rows"]) }
        let chance = d.observations("chance_accuracy", kind: "accuracy")
        var out = FigureSet()
        for split in ReportData.splits(obs) {
            for task in ReportData.tasks(split.observations) {
                let tobs = split.observations.filter { $0.task == task }
                // the curves' length (the train length): one, for one chance level per panel
                let curveLengths = ReportData.distinct(tobs.map(\.length))
                let configs = Array(Set(tobs.map(\.config))).sorted()
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
                    var titled = Set<RunConfig>()
                    for r in runs {
                        let pts = tobs.filter { $0.runID == r && $0.name == m }.sorted { $0.step! < $1.step! }
                        guard let first = pts.first else { continue }
                        let label = first.config.name() + (first.seed.map { " seed \($0)" } ?? "")
                        let sel = file.add("\(m) | \(label) | \(r)", columns: "step value", pts.map { "\($0.step!) \(Fmt.num($0.value))" })
                        let t = titled.insert(first.config).inserted ? "title \(Fmt.q(first.config.name()))" : "notitle"
                        elements.append("data \(sel) using 1:2 with lines \(Style.line(first.config, among: configs)) lw 1.2 \(t)")
                    }
                    guard !elements.isEmpty else { continue }
                    if m == "curve_val_accuracy", curveLengths.count == 1,
                       let line = chanceLine(chance, task: task, length: curveLengths[0], runs: Set(runs), file: &file) {
                        extra.append(line.setting)
                        elements.append(line.element)
                        drewChance = true
                    }
                    panels.append(Panel(comment: m, settings: [
                        "set title \(Fmt.q(m == "curve_val_loss" ? "validation loss" : "validation accuracy"))",
                        "set xlabel \"training step\"", "set ylabel \(Fmt.q(m == "curve_val_loss" ? "loss (nats)" : "accuracy"))",
                        m == "curve_val_loss" ? "set autoscale y" : "set yrange [0:1.05]",
                        "set key outside right top",
                    ] + extra, elements: elements))
                }
                guard !panels.isEmpty else { continue }
                let script = ScriptWriter.render(
                    name: name, title: title,
                    about: ["Validation loss and accuracy at each validation during training, one line per run",
                            "(seeds of one variant/window share its colour and dash)" + (drewChance
                                ? "; grey dashed: the chance level on the eval examples at the train length." : ".")],
                    command: command, panels: panels, columns: 2, panelSize: (600, 400), common: ["set grid"])
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
