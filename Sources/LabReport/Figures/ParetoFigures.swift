// pareto-state-bytes.TASK, pareto-decode.TASK, pareto-prefill.TASK: numbered points, the frontier as a
// step line, a key panel naming each number (points: ParetoPoints.swift).
import Foundation
import LabResults

extension Figures {
    /// The Pareto figures of one cost: pareto-state-bytes.TASK, pareto-decode.TASK or pareto-prefill.TASK.
    struct ParetoFrontiers: FigureBuilder {
        enum Cost { case stateBytes, throughput(String) }
        /// Decode-state bytes, or the tokens/s of a bench mode (decode, prefill).
        var cost: Cost
        var family: String {
            switch cost {
            case .stateBytes: "Pareto (state bytes)"
            case .throughput(let mode): "Pareto (\(mode) tokens/s)"
            }
        }
        func build(_ d: ReportData, _ context: FigureContext) -> FigureSet {
            switch cost {
            case .stateBytes: paretoStateBytes(d, context.command, context.marks)
            case .throughput(let mode): paretoThroughput(d, context.command, context.marks, mode: mode)
            }
        }
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

    static func paretoFigures(_ sets: [ParetoSet], _ d: ReportData, _ command: String, _ marks: AccuracyMarks, kind: String,
                              xObjective: Objective, what: String, xlabel: String, xformat: String, logX: Bool) -> FigureSet {
        var out = FigureSet()
        // one figure per split and task, a panel per eval length, the key below them
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
            let title = figureTitle(d, "accuracy vs \(what), \(first.task)", first.split)
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
            var drew = MarksDrawn()
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
                elements.insert("data \(fsel) using 1:2 with \(xObjective == .minimize ? "steps" : "fsteps") lc rgb \(Fmt.q(Style.frontierColour)) lw 2 dt \(Style.frontierDash) title \"Pareto frontier\"", at: 0)
                elements.append("data \(fsel) using 1:2 with points lc rgb \(Fmt.q(Style.frontierColour)) pt \(Style.frontierMarker) ps 2.4 title \"on the frontier\"")
                let splitObs = d.observations(MetricName.accuracy, kind: "accuracy")
                let m = marks.draw(task: s.task, length: s.length, obs: splitObs, runs: nil, file: &file, settings: &settings, elements: &elements)
                drew.note(chance: m.chance, target: marks.target != nil, band: marks.band(splitObs, task: s.task, length: s.length) != nil)
                let range = yRange(s.points.flatMap { [$0.accuracy.min, $0.accuracy.max] } + m.values, chance: m.chance, elements: &elements)
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
                    return ["data \(lsel) using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb \(Fmt.q(Style.leaderColour)) lw 0.8 notitle",
                            "data \(lsel) using 1:2:3 with labels center font \",9\" tc rgb \(Fmt.q(Style.labelColour)) notitle"]
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
            let footer = keyFooter(comment: "key: the numbered points", title: "points (number: configuration)", entries: entries,
                                   titles: keyed.map { "\(numberOf[$0.label]!)  \($0.label)" }, width: 2 * paretoPanelSize.w, sampleLength: 1)
            let marksText = drew.texts(chanceName: "the chance level")
            let costAbout = kind == "state-bytes" ? "analytic decode state at the eval length"
                : "median over bench rounds, bars min..max"
            out.figures.append(Figure(name: name, title: title,
                                      caption: "Pareto frontier of accuracy vs \(what) on \(first.task), one panel per eval length ("
                                        + group.map(lengthNote).joined(separator: "; ") + "); points numbered, the key below the panels names them"
                                        + (marksText.isEmpty ? "." : "; " + marksText.joined(separator: "; ") + ".")
                                        + (mixed ? " Cost and accuracy come from different lengths where the panel says so: the bench runs did not measure the eval length." : ""),
                file: file,
                about: ["Accuracy against \(what): every configuration a numbered point (mean over seeds, bars min..max;",
                        "cost: \(costAbout)), the Pareto frontier of the means as a step line; the key below the panels names each number."]
                    + (marksText.isEmpty ? [] : [marksText.joined(separator: "; ") + "."]),
                command: command, panels: panels, columns: 2, panelSize: paretoPanelSize, common: ["set grid"], footer: footer))
        }
        return out
    }

    static let paretoPanelSize = (w: 600, h: 460)

    /// A key across the figure's width below the panels (`keyentry` elements `entries`, whose
    /// titles are `titles`), tall enough for every entry: as many columns as the longest title
    /// allows (≈ 8 pixels a character at font 10).
    static func keyFooter(comment: String, title: String, entries: [String], titles: [String], width: Int, sampleLength: Int) -> Footer {
        let layout = keyLayout(titles: titles, width: width)
        return Footer(panel: Panel(comment: comment, settings: [
            "set title \(Fmt.q(title))", "unset logscale x", "set xrange [0:1]", "set yrange [0:1]",
            "unset border", "unset xtics", "unset ytics", "unset xlabel", "unset ylabel", "unset grid",
            "set lmargin 2", "set rmargin 2", "set tmargin 2", "set bmargin 0",
            "set key inside left top Left reverse vertical maxrows \(layout.rows) samplen \(sampleLength) spacing 1.1 width 1",
        ], elements: ["-1 with lines notitle"] + entries), height: layout.height)  // gnuplot needs one plotted element beside key entries
    }

    /// Columns and rows of a key of `titles` across `width` pixels, and the footer's height: one
    /// column per 8 pixels × (longest title + 8 characters for the marker and gaps), rows of 18
    /// pixels (font 10, spacing 1.1, as pngcairo draws them), 60 pixels for the title and margins.
    static func keyLayout(titles: [String], width: Int) -> (columns: Int, rows: Int, height: Int) {
        let longest = titles.map(\.count).max() ?? 0
        let columns = max(1, min(titles.count, width / (8 * (longest + 8))))
        let rows = max(1, (titles.count + columns - 1) / columns)
        return (columns, rows, 60 + 18 * rows)
    }
}
