// heatmap-accuracy, heatmap-score: task × eval length, mean over seeds, a panel per variant/window.
import Foundation
import LabResults

extension Figures {
    /// heatmap-METRIC (accuracy or score), per split of the grouping labels.
    struct Heatmap: FigureBuilder {
        var metric: String
        var family: String { "heatmap of \(metric)" }
        func build(_ d: ReportData, _ context: FigureContext) -> FigureSet { heatmaps(d, context.command, metric: metric) }
    }

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
            let title = figureTitle(d, "\(Style.metricTitles[metric]?.title ?? metric) by task and eval length (mean over seeds)", split)
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
            out.figures.append(Figure(name: name, title: title,
                                      caption: "\(metric) by task × eval length (mean over seeds), one panel per variant/window.",
                file: file,
                about: ["\(metric) (mean over seeds) of each task at each eval length, one panel per variant/window.",
                        "Colour scale fixed at 0..1 (red: 0, yellow: 0.5, green: 1)."],
                command: command, panels: panels, columns: 3,
                // wide enough for the title (about 8 px a character at 12 pt) over the columns drawn
                panelSize: (max(420, (title.count * 8 + 40) / min(3, panels.count)), max(260, 140 + 30 * tasks.count)),
                common: [Style.heatmapPalette, "unset key", "set tics nomirror"]))
        }
        return out
    }
}
