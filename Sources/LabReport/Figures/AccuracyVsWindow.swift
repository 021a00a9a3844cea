// accuracy-vs-window.TASK: accuracy against window per variant (and kernel), a panel per eval length.
import Foundation
import LabResults

extension Figures {
    /// accuracy-vs-window.TASK, per split of the grouping labels.
    struct AccuracyVsWindow: FigureBuilder {
        var family: String { "accuracy vs window" }
        func build(_ d: ReportData, _ context: FigureContext) -> FigureSet { accuracyVsWindow(d, context.command, context.marks) }
    }

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
                let title = figureTitle(d, "accuracy vs window, \(task)", split)
                var file = DataFile(header: [title, "One block per eval length and variant: " + lengthAbout,
                                             "x: the window's slot on an ordinal axis (window −1: linear only); full attention: drawn as a line and its min..max band."])
                // An ordinal x axis: one slot per window in the study (W = 0 and the linear-only −1
                // have no place on a log axis, and the windows are roughly geometric anyway).
                let xs = ReportData.distinct(configs.filter { !$0.isReference }.map(\.windowAxis))
                let position = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($0.element, $0.offset) })
                var panels: [Panel] = [], closeUps: [Panel] = []
                var drew = MarksDrawn(), drewFullBand = false
                for L in lengths {
                    var elements: [String] = [], settings: [String] = [], shown: [Double] = []
                    var reference: [Stat] = []
                    for v in windowed {
                        for k in (kernels.count > 1 ? kernels.map { Optional($0) } : [nil]) {
                            let rows = windowPoints(v, among: configs) { stats[VK(config: $0, kernel: k, length: L)] }
                            guard !rows.isEmpty else { continue }
                            let (first, block) = seriesHead(v, among: configs)!
                            let label = first.about.label + (k.map { " (\($0))" } ?? "")
                            // kernels side by side: each a little off the window's slot, so equal points both show
                            let dodge = k.flatMap { kernels.firstIndex(of: $0) }.map { (Double($0) - Double(kernels.count - 1) / 2) * 0.1 } ?? 0
                            let sel = file.add("L=\(L) | \(block)" + (k.map { " | \($0)" } ?? ""), columns: "x window mean min max std n",
                                               rows.map { "\(Fmt.num(Double(position[$0.window]!) + dodge)) \($0.window) \(Fmt.num($0.stat.mean)) \(Fmt.num($0.stat.min)) \(Fmt.num($0.stat.max)) \(Fmt.num($0.stat.std)) \($0.stat.n)" })
                            shown += rows.flatMap { [$0.stat.min, $0.stat.max] }
                            // one line joins the windows of a variant: its colour, not the shades
                            let style = Style.line(first, kernel: k, among: configs, kernels: kernels, shaded: false)
                            elements.append("data \(sel) using 1:3:4:5 with yerrorlines \(style) lw 1.5 title \(Fmt.q(label))")
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
                        elements.append("data \(csel) using 1:3 with linespoints lc rgb \(Fmt.q(colour)) dt \(Style.ceilingDash) pt \(Style.ceilingMarker) title \"SWA reach ceiling (share of queries within the windows' reach)\"")
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
                            elements.append("'+' using 1:(\(tag)lo_min):(\(tag)hi_max) with filledcurves fc rgb \(Fmt.q(Style.referenceColour)) fs transparent solid 0.12 noborder "
                                            + "title \"\(what): min..max over \(s.n) seeds\"")
                        }
                        elements.append("\(tag)_mean with lines lc rgb \(Fmt.q(Style.referenceColour)) dt \(Style.dash(kernel: k, among: kernels)) lw 1.5 "
                                        + "title sprintf(\"\(what) mean %.3f\(s.n == 1 ? " (1 seed)" : "")\", \(tag)_mean)")
                        reference.append(s)
                    }
                    guard !elements.isEmpty else { continue }
                    let m = marks.draw(task: task, length: L, obs: split.observations, runs: splitRuns, file: &file, settings: &settings, elements: &elements)
                    drew.note(chance: m.chance, target: marks.target != nil, band: marks.band(split.observations, task: task, length: L) != nil)
                    let range = yRange(shown + reference.flatMap { [$0.min, $0.max] } + m.values, chance: m.chance, elements: &elements)
                    let tics = xs.enumerated().map { "\"\(windowTic($0.element, among: configs))\" \($0.offset)" }
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
                let marksText = drew.texts(chanceName: "the chance level (best constant answer)")
                out.figures.append(Figure(name: name, title: title,
                                          caption: "Accuracy vs window on \(task), one panel per eval length"
                                            + (closeUps.isEmpty ? "" : " and below it a close-up around full attention")
                                            + "; bars min..max over seeds; full attention as a line" + (drewFullBand ? " with its min..max band" : "")
                                            + (marksText.isEmpty ? "." : "; " + marksText.joined(separator: "; ") + ". The y axis is zoomed to the data."),
                    file: file,
                    about: ["Accuracy (argmax at the answer positions) against the window, one panel per eval length.",
                            "Points: mean over seeds; error bars: min..max over seeds; black line and band: full attention's mean and min..max"
                                + (marksText.isEmpty ? "." : ";"),
                            ] + (marksText.isEmpty ? [] : [marksText.joined(separator: "; ") + "."]),
                    command: command, panels: panels, columns: closeUps.isEmpty ? 3 : max(lengths.count, 1), panelSize: (520, 420), common: ["set grid"]))
            }
        }
        return out
    }
}
