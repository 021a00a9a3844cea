// difference-vs-window-fraction.TASK: the declared comparison against the window as a fraction of
// the train length (studies with `sweep.window_fraction`), the answer to "what is the smallest
// window that matches?" as a picture: per (train length, eval length) a panel, x = W/L on a log₂
// axis (1/64 … 1/4), y = the mean paired difference configuration − reference over seeds with its
// 95 % t interval (Comparisons.results), one line per configuration without its window (stack,
// variant, set apart or not: `Style.setApartDash`), the equivalence band ±margin and zero.
// A point whose interval lies inside the band is "equivalent" by the declared rule.
import Foundation
import LabResults

extension Figures {
    struct DifferenceVsWindowFraction: FigureBuilder {
        var family: String { "difference from the reference vs W/L" }
        func build(_ d: ReportData, _ context: FigureContext) -> FigureSet {
            guard let spec = context.marks.comparison else { return FigureSet() }
            let all = SmallestWindow.series(Comparisons.results(d, spec))
            guard !all.isEmpty else { return FigureSet() }  // no window_fraction labels: not this family
            return differenceVsFraction(d, context.command, spec, all)
        }
    }

    static func differenceVsFraction(_ d: ReportData, _ command: String, _ spec: ComparisonSpec,
                                     _ all: [(SmallestWindow.Series, [(String, Comparisons.Result)])]) -> FigureSet {
        var out = FigureSet()
        let configs = uniqueInOrder(all.map(\.0.config)).sorted()
        let keys = ReportData.varyingKeys(configs).filter { $0 != "train_length" }
        let fractions = uniqueInOrder(all.flatMap { $0.1.map(\.0) }).sorted { SmallestWindow.fraction($0)! < SmallestWindow.fraction($1)! }
        let xtics = "set xtics (" + fractions.map { "\(Fmt.q($0)) \(Fmt.num(log2(SmallestWindow.fraction($0)!)))" }.joined(separator: ", ") + ")"
        let metric = Style.metricTitles[spec.metric]?.title ?? spec.metric
        let m = Fmt.num(spec.margin)
        for task in uniqueInOrder(all.map(\.0.task)).sorted(by: numericAwareLess) {
            let series = all.filter { $0.0.task == task }
            let name = "difference-vs-window-fraction." + Fmt.fileSafe(task)
            let title = "\(d.study): \(metric), configuration − reference, against W/L (\(task))"
            var file = DataFile(header: [title, "One block per train length, eval length and configuration: log2(W/L) mean low high n (95 % t interval over seeds)."])
            var panels: [Panel] = []
            // a panel per (train length, eval length)
            struct Cell: Hashable { var train: String; var length: Int }
            func cell(_ k: SmallestWindow.Series) -> Cell { Cell(train: k.config.groups["train_length"] ?? "–", length: k.length) }
            let cells = uniqueInOrder(series.map { cell($0.0) }).sorted { a, b in
                a.train != b.train ? numericAwareLess(a.train, b.train) : a.length < b.length
            }
            for c in cells {
                let inCell = series.filter { cell($0.0) == c }
                let ends = inCell.flatMap(\.1).map(\.1).flatMap { r in [r.interval?.low ?? r.mean, r.interval?.high ?? r.mean] }.filter(\.isFinite)
                let (lo, hi) = (min(ends.min() ?? 0, -spec.margin), max(ends.max() ?? 0, spec.margin))
                let pad = 0.08 * (hi - lo)
                var elements = ["\(Fmt.num(-spec.margin)) with filledcurves y1=\(Fmt.num(spec.margin)) fc rgb \(Fmt.q(Style.bandColour)) fs transparent solid 0.35 notitle",
                                "0 with lines lc rgb \(Fmt.q(Style.referenceColour)) dt \(Style.chanceDash) notitle"]
                for (k, points) in inCell {
                    let label = k.config.name(showing: keys)
                    let lines = points.map { f, r -> String in
                        let ci = r.interval ?? (r.mean, r.mean)
                        return "\(Fmt.num(log2(SmallestWindow.fraction(f)!))) \(Fmt.num(r.mean)) \(Fmt.num(ci.low)) \(Fmt.num(ci.high)) \(r.n)"
                    }
                    let sel = file.add("L=\(c.train) eval \(c.length) | \(label)", columns: "log2_fraction mean low high n", lines)
                    elements.append("data \(sel) using 1:2:3:4 with yerrorlines \(Style.line(k.config, among: configs)) lw 1.5 ps 1.1 notitle")
                }
                panels.append(Panel(comment: "L=\(c.train) eval \(c.length)", settings: [
                    "set title \(Fmt.q("train length \(c.train), eval length \(c.length)"))",
                    xtics, "set xrange [\(Fmt.num(log2(SmallestWindow.fraction(fractions.first!)!) - 0.5)):\(Fmt.num(log2(SmallestWindow.fraction(fractions.last!)!) + 0.5))]",
                    "set yrange [\(Fmt.num(lo - pad)):\(Fmt.num(hi + pad))]",
                    "set xlabel \"window ÷ train length (log scale)\"",
                    "set ylabel \(Fmt.q("\(metric): configuration − reference"))",
                ], elements: elements))
            }
            // one key for every panel, below them, so no key hides a point
            // (a configuration's lines at several train lengths share a label and a style: one entry)
            let plotted = Set(series.map(\.0.config))
            var drawn: [(config: RunConfig, label: String)] = [], seen = Set<String>()
            for c in configs where plotted.contains(c) {
                let label = c.name(showing: keys)
                if seen.insert(label).inserted { drawn.append((c, label)) }
            }
            let labels = ["equivalence band ±\(m)"] + drawn.map(\.label)
            let entries = ["keyentry with filledcurves fc rgb \(Fmt.q(Style.bandColour)) fs transparent solid 0.35 title \(Fmt.q(labels[0]))"]
                + drawn.map { "keyentry with yerrorlines \(Style.line($0.config, among: configs)) lw 1.5 ps 1.1 title \(Fmt.q($0.label))" }
            let footer = keyFooter(comment: "key: the configurations", title: "", entries: entries,
                                   titles: labels, width: min(3, panels.count) * 520, sampleLength: 3)
            let better = spec.lowerIsBetter ? "below zero is better" : "above zero is better"
            out.figures.append(Figure(name: name, title: title,
                caption: "\(metric) of each configuration minus the reference (\(spec.reference.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", "))), paired by seed, against the window as a fraction of the train length; bars: 95 % t interval over seeds; grey band: the declared equivalence margin ±\(m) (\(better)).",
                file: file,
                about: ["Mean paired difference (configuration − reference) over seeds, with its 95 % t interval, at each W/L.",
                        "A point whose interval lies inside the grey band is equivalent by the declared rule (studies/README.md, compare).",
                        "Dashed: the state-matched configuration (listed at the W/L of the window it is matched to)."],
                command: command, panels: panels, columns: min(3, panels.count),
                panelSize: (520, 360), common: ["set tics nomirror", "set grid ytics"], footer: footer))
        }
        return out
    }
}
