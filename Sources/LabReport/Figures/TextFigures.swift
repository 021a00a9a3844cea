// The figures of the byte-level language-model tasks (`lm_*`), pure functions of the rows' text
// metrics (`TextMetrics`): split, like the other figures, on the grouping labels that vary (the
// stack `pattern`, `train_length`):
// - bpb-vs-window.TASK: test bits per byte against the window per variant, a panel per eval length,
//   error bars min..max over seeds (full attention, where it ran in one stack only, drawn in every
//   stack's panels), full attention's mean as a black line with its min..max as
//   dotted lines, the unigram model's level as a grey dashed line;
// - position-curve.TASK: test bits per byte by position bucket (x: the bucket's geometric middle,
//   log scale) per configuration (full attention standing in where it ran in one stack only), at the train length (1×) and at the longest eval length, mean over seeds.
import Foundation
import LabResults

extension Figures {
    /// bpb-vs-window.TASK for every language-model task the rows carry.
    struct BitsPerByteVsWindow: FigureBuilder {
        var family: String { "bits per byte vs window" }
        func build(_ d: ReportData, _ context: FigureContext) -> FigureSet { bpbVsWindow(d, context.command) }
    }

    /// position-curve.TASK for every language-model task the rows carry.
    struct PositionCurves: FigureBuilder {
        var family: String { "position curves" }
        func build(_ d: ReportData, _ context: FigureContext) -> FigureSet { positionCurves(d, context.command) }
    }

    static func bpbVsWindow(_ d: ReportData, _ command: String) -> FigureSet {
        let obs = d.observations(TextMetrics.bpb, kind: "accuracy")
        guard !obs.isEmpty else { return FigureSet() }
        guard obs.contains(where: { $0.config.window != nil }) else { return FigureSet(skipped: ["bits per byte vs window: no run has a window"]) }
        let unigram = d.observations(TextMetrics.unigramBPB, kind: "accuracy")
        var out = FigureSet()
        for split in ReportData.splitsWithReference(obs).map({ withReference($0, obs) }) {
            for task in ReportData.tasks(split.observations) {
                let tobs = split.observations.filter { $0.task == task }
                let stats = ReportData.aggregate(tobs) { o in o.length.map { CellKey(config: o.config, task: task, length: $0) } }
                let configs = Array(Set(tobs.map(\.config))).sorted()
                // one series per variant other than the reference, in legend order
                let variants = uniqueInOrder(configs.filter { !$0.isReference }.map(\.variant))
                let xs = ReportData.distinct(configs.filter { !$0.isReference }.map(\.windowAxis))
                guard !xs.isEmpty else { continue }
                let slot = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($0.element, $0.offset) })
                let name = "bpb-vs-window." + Fmt.fileSafe(task) + split.suffix
                let title = figureTitle(d, "test bits per byte vs window, \(task)", split)
                var file = DataFile(header: [title, "One block per eval length and variant: x (the window's slot) window mean min max n over seeds."])
                let runs = Set(split.observations.map(\.runID))
                let floor = Stat.of(unigram.filter { runs.contains($0.runID) && $0.task == task }.map(\.value).filter(\.isFinite))
                var panels: [Panel] = []
                for L in ReportData.distinct(tobs.map(\.length)) {
                    var elements: [String] = [], settings: [String] = []
                    if let full = configs.first(where: \.isReference), let s = stats[CellKey(config: full, task: task, length: L)] {
                        let sel = file.add("L=\(L) | \(full.variant)", columns: "mean min max n", ["\(Fmt.num(s.mean)) \(Fmt.num(s.min)) \(Fmt.num(s.max)) \(s.n)"])
                        settings.append("stats data \(sel) using 1 name \"full\" nooutput")
                        elements.append("full_mean with lines lc rgb \(Fmt.q(Style.referenceColour)) lw 1.5 title sprintf(\"\(full.variant) attention %.3f\", full_mean)")
                        elements.append("\(Fmt.num(s.min)) with lines lc rgb \(Fmt.q(Style.referenceColour)) dt \(Style.spreadDash) lw 1 title \"\(full.variant) attention min..max over seeds\"")
                        elements.append("\(Fmt.num(s.max)) with lines lc rgb \(Fmt.q(Style.referenceColour)) dt \(Style.spreadDash) lw 1 notitle")
                    }
                    for v in variants {
                        let (first, block) = seriesHead(v, among: configs)!
                        let rows = windowPoints(v, among: configs) { stats[CellKey(config: $0, task: task, length: L)] }
                        guard !rows.isEmpty else { continue }
                        let sel = file.add("L=\(L) | \(block)", columns: "x window mean min max n",
                                           rows.map { "\(slot[$0.window]!) \($0.window) \(Fmt.num($0.stat.mean)) \(Fmt.num($0.stat.min)) \(Fmt.num($0.stat.max)) \($0.stat.n)" })
                        elements.append("data \(sel) using 1:3:4:5 with yerrorlines \(Style.variantPoints(first, among: configs)) lw 1.5 title \(Fmt.q(first.about.label))")
                    }
                    if let floor {
                        elements.append("\(Fmt.num(floor.mean)) with lines lc rgb \(Fmt.q(Style.unigramColour)) dt \(Style.chanceDash) lw 2 title \"unigram model \(String(format: "%.3f", floor.mean))\"")
                    }
                    guard !elements.isEmpty else { continue }
                    let tics = xs.enumerated().map { "\"\(windowTic($0.element, among: configs))\" \($0.offset)" }.joined(separator: ", ")
                    panels.append(Panel(comment: "eval length \(L)", settings: [
                        "set title \"eval length \(L) bytes\"", "unset logscale x",
                        "set xrange [-0.5:\(Fmt.num(Double(xs.count) - 0.5))]", "set xtics (\(tics))", "set autoscale y",
                        "set xlabel \"window W (attends to W+1 bytes)\"", "set ylabel \"test bits per byte (lower is better)\"",
                        "set key outside below height 1",
                    ] + settings, elements: elements))
                }
                guard !panels.isEmpty else { continue }
                out.figures.append(Figure(name: name, title: title,
                                          caption: "Test bits per byte vs window on \(task), a panel per eval length; bars min..max over seeds; full attention as a line with its min..max dotted; unigram level dashed.",
                    file: file,
                    about: ["Test bits per byte against the window, one panel per eval length (bytes).",
                            "Points: mean over seeds; error bars: min..max over seeds; black line and dotted lines: full attention's mean and min..max;",
                            "grey dashed: a unigram byte model fitted on the train split (a model that ignores its context)."],
                    command: command, panels: panels, columns: 3, panelSize: (480, 380), common: ["set grid"]))
            }
        }
        return out
    }

    /// `split` with full attention's rows added where it has none: full attention run in one stack
    /// only (an LLLG stack of full layers is the same model) stands in for the other stacks, from
    /// its rows whose other grouping labels equal the split's.
    static func withReference(_ split: Split, _ obs: [Observation]) -> Split {
        guard !split.observations.contains(where: \.config.isReference) else { return split }
        var s = split
        s.observations += obs.filter { o in
            o.config.isReference && split.values.allSatisfy { $0.key == "pattern" || o.config.groups[$0.key] == $0.value }
        }
        return s
    }

    static func positionCurves(_ d: ReportData, _ command: String) -> FigureSet {
        let obs = d.observations.filter { $0.kind == "accuracy" && TextMetrics.bucket(named: $0.name) != nil && $0.value.isFinite }
        guard !obs.isEmpty else { return FigureSet() }
        let trainLengths = Dictionary(d.okRows.compactMap { r in r.labels["train_length"].flatMap(Int.init).map { (r.runID, $0) } },
                                      uniquingKeysWith: { a, _ in a })
        var out = FigureSet()
        for split in ReportData.splits(obs).map({ withReference($0, obs) }) {
            for task in ReportData.tasks(split.observations) {
                let tobs = split.observations.filter { $0.task == task }
                let configs = Array(Set(tobs.map(\.config))).sorted()
                let lengths = ReportData.distinct(tobs.map(\.length))
                let train = ReportData.distinct(tobs.map { trainLengths[$0.runID] })
                // the train length (1×) and the longest eval length
                let shown = uniqueInOrder([train.first ?? lengths.first!, lengths.last!].filter(lengths.contains))
                let name = "position-curve." + Fmt.fileSafe(task) + split.suffix
                let title = figureTitle(d, "test bits per byte by position, \(task)", split)
                var file = DataFile(header: [title, "One block per eval length and configuration: bucket_lo bucket_hi x(geometric middle) mean min max n over seeds."])
                var panels: [Panel] = []
                for L in shown {
                    var elements: [String] = []
                    for c in configs {
                        let cells = tobs.filter { $0.config == c && $0.length == L }
                        var byBucket: [Range<Int>: [Double]] = [:]
                        for o in cells { byBucket[TextMetrics.bucket(named: o.name)!, default: []].append(o.value) }
                        let rows = byBucket.keys.sorted { $0.lowerBound < $1.lowerBound }.compactMap { b -> String? in
                            guard let s = Stat.of(byBucket[b]!) else { return nil }
                            let mid = (Double(max(b.lowerBound, 1)) * Double(b.upperBound)).squareRoot()
                            return "\(b.lowerBound) \(b.upperBound) \(Fmt.num(mid)) \(Fmt.num(s.mean)) \(Fmt.num(s.min)) \(Fmt.num(s.max)) \(s.n)"
                        }
                        guard !rows.isEmpty else { continue }
                        let sel = file.add("L=\(L) | \(c.name())", columns: "lo hi x mean min max n", rows)
                        elements.append("data \(sel) using 3:4:5:6 with yerrorlines \(Style.line(c, among: configs)) lw 1.5 title \(Fmt.q(c.name()))")
                    }
                    guard !elements.isEmpty else { continue }
                    panels.append(Panel(comment: "eval length \(L)", settings: [
                        "set title \"eval length \(L) bytes\"", "set logscale x 2", "set autoscale x", "set autoscale y",
                        "set xlabel \"position in the window (bytes, log scale; bucket at its geometric middle)\"",
                        "set ylabel \"test bits per byte\"", "set key outside right top",
                    ], elements: elements))
                }
                guard !panels.isEmpty else { continue }
                out.figures.append(Figure(name: name, title: title,
                                          caption: "Test bits per byte by position on \(task) at the train length and the longest eval length; mean over seeds, bars min..max.",
                    file: file,
                    about: ["Test bits per byte by position bucket, one line per configuration (mean over seeds, bars min..max),",
                            "at the train length and the longest eval length: a model that uses its context gets better further in;",
                            "past the train length the curve shows what happens beyond the positions it was trained on."],
                    command: command, panels: panels, columns: 2, panelSize: (640, 420), common: ["set grid"]))
            }
        }
        return out
    }
}
